import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { TextRange } from '../src/core/model';
import {
  anchorAnnotation,
  createAnnotation,
  moveAnnotation,
  positionSelectorOf,
  quoteSelectorOf,
  type Annotation,
  type FindArticleRange,
} from '../src/core/annotations';

// Fixtures mark the selection (before) and the expected anchor (after) with ⟦ ⟧; an `after`
// without marks expects an orphan. Articles are found by a numbering regex, not the parser,
// so these tests do not move when the parser does.

const ZH = `一、应中华人民共和国主席习近平邀请,巴基斯坦伊斯兰共和国总统阿西夫·阿里·扎尔达里于2025年2月4日至8日对中国进行国事访问。在华期间,扎尔达里总统还将出席第九届亚洲冬季运动会开幕式。

访问期间,习近平主席同扎尔达里总统在亲切友好的气氛中举行会谈,就⟦新形势下中国和巴基斯坦关系⟧以及共同关心的国际地区问题深入交换意见。

二、双方一致认为,中巴全天候战略合作伙伴关系是历史的选择、人民的选择,得到两国社会各界普遍支持。牢不可破的中巴铁杆友谊和伙伴关系历经国际风云变幻考验,超越地缘政治利益。
`;

const EN = `1.At the invitation of H.E. Mr. Xi Jinping, President of the People’s Republic of China, H.E. Mr. Asif Ali Zardari, President of the Islamic Republic of Pakistan, paid a state visit to China from February 4 to 8, 2025. During his stay in China, President Zardari will also attend the Opening Ceremony of the Ninth Asian Winter Games。

2.The two sides agreed that the China-Pakistan All-Weather Strategic Cooperative Partnership is a choice by history and by the people, and enjoys broad support from all walks of life in both countries. Having withstood the test of changing international circumstances, ⟦the enduring partnership and iron-clad friendship⟧ between China and Pakistan transcends geopolitical interests.

3.The Pakistani side highly commended and expressed strong support for the Global Development Initiative, the Global Security Initiative, and the Global Civilization Initiative put forth by President Xi Jinping.
`;

const ARTICLE_START = /^(?:([一二三四五六七八九十]+)、|(\d+)\.)/;

/** Articles as `zh/art_N` / `en/art_N`, each from its numbered line to the next one. */
function articles(text: string): { id: string; range: TextRange }[] {
  const found: { id: string; range: TextRange }[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const m = ARTICLE_START.exec(line);
    if (m) {
      if (found.length > 0) found[found.length - 1] = { ...found[found.length - 1], range: { start: found[found.length - 1].range.start, end: offset } };
      found.push({ id: `${m[1] ? 'zh' : 'en'}/art_${found.length + 1}`, range: { start: offset, end: text.length } });
    }
    offset += line.length + 1;
  }
  return found;
}

function finder(text: string): FindArticleRange {
  const list = articles(text);
  return (id) => list.find((a) => a.id === id)?.range;
}

/** Text without marks, and the marked range if any. */
function unmark(marked: string): { text: string; range?: TextRange } {
  const start = marked.indexOf('⟦');
  if (start === -1) return { text: marked };
  const end = marked.indexOf('⟧') - 1;
  return { text: marked.replace('⟦', '').replace('⟧', ''), range: { start, end } };
}

function annotate(marked: string, articleId?: string): { annotation: Annotation; text: string } {
  const { text, range } = unmark(marked);
  assert.ok(range);
  const id = articleId ?? articles(text).find((a) => a.range.start <= range.start && range.end <= a.range.end)?.id;
  const annotation = createAnnotation(text, range, {
    source: 'fixture.txt', articleId: id, note: 'n', creator: 'tester', now: new Date(0), id: 'urn:uuid:1',
  });
  assert.ok(annotation);
  return { annotation, text };
}

/** Anchors the selection of `before` in `after`; `expected` is `status` or `fuzzy <score>`. */
function check(before: string, after: string, expected: string, options: { articles?: boolean } = {}): void {
  const { annotation } = annotate(before);
  const target = unmark(after);
  const result = anchorAnnotation(annotation, target.text, options.articles === false ? undefined : finder(target.text));
  const rendered = result.score === undefined ? result.status : `${result.status} ${result.score}`;
  assert.equal(rendered, expected);
  assert.deepEqual(result.range, target.range);
}

describe('createAnnotation', () => {
  it('keeps 12 characters of context around a Chinese quote and 32 around an English one', () => {
    const zh = annotate(ZH).annotation;
    assert.deepEqual(quoteSelectorOf(zh), { type: 'TextQuoteSelector', exact: '新形势下中国和巴基斯坦关系', prefix: '友好的气氛中举行会谈,就', suffix: '以及共同关心的国际地区问' });
    const en = annotate(EN).annotation;
    assert.deepEqual(quoteSelectorOf(en), {
      type: 'TextQuoteSelector', exact: 'the enduring partnership and iron-clad friendship', prefix: 'ng international circumstances, ', suffix: ' between China and Pakistan tran',
    });
    assert.equal(zh.target.selector.find((s) => s.type === 'FragmentSelector')?.type, 'FragmentSelector');
  });

  it('makes nothing of an empty or out-of-text range', () => {
    const options = { source: 's', note: '', creator: 'c', now: new Date(0), id: 'x' };
    assert.equal(createAnnotation('abc', { start: 1, end: 1 }, options), undefined);
    assert.equal(createAnnotation('abc', { start: 2, end: 4 }, options), undefined);
  });
});

describe('anchorAnnotation', () => {
  describe('Chinese', () => {
    it('keeps the stored position when the text is unchanged', () => check(ZH, ZH, 'exact'));
    it('edit after the quote: exact', () => check(ZH, ZH.replace('深入交换意见', '坦诚深入地交换意见'), 'exact'));
    it('edit before the quote in its article: article', () => check(ZH, ZH.replace('访问期间', '此次国事访问期间'), 'article'));
    it('edit in an earlier article: article', () => check(ZH, ZH.replace('一、应', '一、应邀请并应'), 'article'));
    it('edit before the quote, no article lookup: found anywhere, scored', () =>
      check(ZH, ZH.replace('访问期间', '此次国事访问期间'), 'fuzzy 1', { articles: false }));
    it('edit inside the quote: fuzzy', () => check(ZH, ZH.replace('中国和巴基斯坦', '中国同巴基斯坦'), 'fuzzy 0.958'));
    it('a third of the quote rewritten: orphaned', () => check(ZH, unmark(ZH).text.replace('中国和巴基斯坦', '中巴'), 'orphaned'));
    it('edit inside the quote and before it: fuzzy', () =>
      check(ZH, ZH.replace('访问期间', '此次访问期间').replace('中国和巴基斯坦关系', '中国与巴基斯坦两国关系'), 'fuzzy 0.874'));
    it('quote moved to another article: fuzzy', () => {
      const moved = ZH.replace('⟦新形势下中国和巴基斯坦关系⟧', '两国关系').replace('历经国际风云变幻考验', '历经⟦新形势下中国和巴基斯坦关系⟧考验');
      check(ZH, moved, 'fuzzy 0.593');
    });
    it('quote deleted: orphaned', () => check(ZH, ZH.replace('就⟦新形势下中国和巴基斯坦关系⟧以及', '就'), 'orphaned'));
    it('whole paragraph deleted: orphaned', () =>
      check(ZH, ZH.replace(/访问期间[^\n]*\n\n/, ''), 'orphaned'));
  });

  describe('English', () => {
    it('edit after the quote: exact', () => check(EN, EN.replace('transcends', 'clearly transcends'), 'exact'));
    it('edit before the quote in its article: article', () => check(EN, EN.replace('Having withstood', 'Having long withstood'), 'article'));
    it('edit in an earlier article: article', () => check(EN, EN.replace('state visit', 'four-day state visit'), 'article'));
    it('edit inside the quote: fuzzy', () => check(EN, EN.replace('iron-clad', 'ironclad'), 'fuzzy 0.989'));
    it('words replaced inside the quote: fuzzy', () => check(EN, EN.replace('enduring partnership', 'lasting partnership'), 'fuzzy 0.945'));
    it('quote moved to another article: fuzzy', () => {
      const moved = EN.replace(' ⟦the enduring partnership and iron-clad friendship⟧ between China and Pakistan', ' the relationship')
        .replace('put forth by', 'valued by ⟦the enduring partnership and iron-clad friendship⟧ and put forth by');
      check(EN, moved, 'fuzzy 0.682');
    });
    it('quote deleted: orphaned', () => check(EN, EN.replace('⟦the enduring partnership and iron-clad friendship⟧ ', ''), 'orphaned'));
    it('most of the quote rewritten: orphaned', () =>
      check(EN, unmark(EN).text.replace('the enduring partnership and iron-clad friendship', 'the bond of the two nations'), 'orphaned'));
  });

  it('a short quote that also occurs elsewhere is re-found in its article, not at the first occurrence', () => {
    const before = `1.China and Pakistan agreed.\n\n2.The sides noted that ⟦China⟧ will help.\n`;
    check(before, unmark(before).text.replace('2.The sides', '2.Both of the sides').replace('that China', 'that ⟦China⟧'), 'article');
  });

  it('a short quote deleted from its article is orphaned even though it occurs elsewhere', () => {
    const before = `1.China and Pakistan agreed.\n\n2.The sides noted that ⟦China⟧ will help.\n`;
    check(before, `1.China and Pakistan agreed.\n\n2.The sides noted that they will help.\n`, 'orphaned');
  });

  it('a paragraph id that no longer exists falls back to its article', () => {
    const { annotation, text } = annotate(ZH, 'zh/art_1__para_2');
    const edited = text.replace('访问期间', '此次访问期间');
    const find = finder(edited);
    const result = anchorAnnotation(annotation, edited, (id) => (id.includes('__para_') ? undefined : find(id)));
    assert.deepEqual(result, { status: 'article', range: { start: 129, end: 142 } });
    assert.equal(edited.slice(129, 142), '新形势下中国和巴基斯坦关系');
  });

  it('an annotation with only code point positions (another W3C tool) anchors after astral characters', () => {
    const text = '一、𠀀𠀁条款：新形势下中国和巴基斯坦关系。\n';
    const annotation = createAnnotation(text, { start: 9, end: 22 }, { source: 's', note: '', creator: 'c', now: new Date(0), id: 'x' });
    assert.ok(annotation);
    assert.deepEqual(positionSelectorOf(annotation), { type: 'TextPositionSelector', start: 7, end: 20, utf16Start: 9, utf16End: 22 });
    const stripped: Annotation = {
      ...annotation,
      target: { ...annotation.target, selector: annotation.target.selector.map((s) => (s.type === 'TextPositionSelector' ? { type: s.type, start: s.start, end: s.end } : s)) },
    };
    assert.deepEqual(anchorAnnotation(stripped, text), { status: 'exact', range: { start: 9, end: 22 } });
  });

  it('moveAnnotation rewrites the position and keeps the quote, the id and modified', () => {
    const { annotation, text } = annotate(ZH);
    const edited = text.replace('访问期间', '此次访问期间');
    const result = anchorAnnotation(annotation, edited, finder(edited));
    assert.ok(result.range);
    const moved = moveAnnotation(annotation, edited, result.range);
    assert.deepEqual(positionSelectorOf(moved), { type: 'TextPositionSelector', start: 129, end: 142, utf16Start: 129, utf16End: 142 });
    assert.deepEqual(quoteSelectorOf(moved), quoteSelectorOf(annotation));
    assert.equal(moved.modified, annotation.modified);
    assert.equal(moveAnnotation(moved, edited, result.range), moved);
    assert.deepEqual(anchorAnnotation(moved, edited, finder(edited)), { status: 'exact', range: result.range });
  });

  it('property: inserting text anywhere outside the quote re-anchors it exactly where it moved', () => {
    const corpus = fs.readFileSync(path.join(__dirname, '../../corpus/2025-02-06-cn-pk-joint-statement.txt'), 'utf8');
    const text = corpus.slice(0, 12000) + corpus.slice(-6000);
    // Inserted characters never occur in the corpus, so an insertion can never make a second copy of the quote.
    const insertion = fc.string({ unit: fc.constantFrom('#', '@', '※', '∮', 'ß', ' '), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.integer({ min: 4, max: 40 }), fc.nat(text.length), insertion, (start, length, at, inserted) => {
        const end = Math.min(text.length, start + length);
        const exact = text.slice(start, end);
        fc.pre(exact.trim().length > 0 && !exact.includes('\n') && text.indexOf(exact) === text.lastIndexOf(exact));
        fc.pre(at <= start || at >= end);
        const articleId = articles(text).find((a) => a.range.start <= start && end <= a.range.end)?.id;
        const annotation = createAnnotation(text, { start, end }, { source: 's', articleId, note: '', creator: 'c', now: new Date(0), id: 'x' });
        assert.ok(annotation);
        const edited = text.slice(0, at) + inserted + text.slice(at);
        const shift = at <= start ? inserted.length : 0;
        const result = anchorAnnotation(annotation, edited, finder(edited));
        assert.deepEqual(result.range, { start: start + shift, end: end + shift });
        assert.equal(result.status === 'exact', shift === 0);
      }),
      { numRuns: 300 },
    );
  });
});
