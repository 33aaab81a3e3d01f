/**
 * Pairing engine fixtures: each layout of the corpus and each failure the issue names
 * (numbering gap, duplicated number, article in one language only, merge/split, paragraph
 * with no counterpart, chrome and repeats, one-language files), rendered compactly as
 * `zh L9 art 1 ¶1 <-> en L77 art 1 ¶1 (0.99)` so that a case is one line.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import {
  createAnchorExtractor, createCorpusAnchorExtractor, findCounterpartKey, pairAcrossFiles, pairOf, pairParagraphs,
  paragraphOrdinal, parseNameList,
} from '../src/core/align';
import type { Alignment, BeadScorer } from '../src/core/align';
import type { Paragraph, TreatyDocument } from '../src/core/model';
import { langFamily } from '../src/core/model';
import { parseDocument } from '../src/core/parse';
import { CORPUS, alignCorpusFile, f1, loadCorpus, renderTable, scoreCorpus } from './fixtures/align/score';

const FIXTURES = path.join(__dirname, 'fixtures', 'align');
const read = (file: string) => fs.readFileSync(file, 'utf8');
const anchors = createCorpusAnchorExtractor({
  names: read(path.join(CORPUS, 'names.json')), glossary: read(path.join(CORPUS, 'glossary.json')),
});
const corpusLines = read(path.join(CORPUS, '2025-02-06-cn-pk-joint-statement.txt')).split('\n');
/** A line of the 2025 joint statement, 1-based as the gold set counts. */
const statement = (line: number) => corpusLines[line - 1];

function side(doc: TreatyDocument, ps: readonly Paragraph[]): string {
  const p = ps[0];
  const family = langFamily(p.lang);
  const lines = ps.map((x) => `L${x.line + 1}`).join('+');
  const top = p.articleId === null ? undefined : doc.articles.find((a) => a.level === 1 && p.line >= a.line && p.line <= a.endLine);
  return top ? `${family} ${lines} art ${top.number} ¶${paragraphOrdinal(doc, p)}` : `${family} ${lines}`;
}

function render(a: Alignment): string[] {
  return [
    ...a.pairs.map((p) => `${side(a.zhDoc, p.zh)} <-> ${side(a.enDoc, p.en)} (${p.confidence.toFixed(2)})`),
    ...a.unpaired.map((p) => `unpaired ${langFamily(p.lang)} L${p.line + 1}`),
    ...a.unpairedArticles.map((x) => `unpaired article ${x.id}`),
  ];
}

/** Just the structure, without confidences: what most fixtures assert. */
function shape(a: Alignment): string[] {
  return render(a).map((l) => l.replace(/ \(\d\.\d\d\)$/, ''));
}

const pair = (text: string) => pairParagraphs(parseDocument(text), { anchors });

describe('pairing: numbered statements', () => {
  it('pairs every paragraph of the 2025 joint statement with its translation, and back', () => {
    const doc = parseDocument(read(path.join(CORPUS, '2025-02-06-cn-pk-joint-statement.txt')));
    const a = pairParagraphs(doc, { anchors });
    const expected = new Map<number, number>([[7, 75]]);
    for (let zh = 9, en = 77; zh <= 73; zh += 2, en += 2) expected.set(zh, en);
    const got = new Map(a.pairs.map((p) => [p.zh.map((x) => x.line + 1).join(), p.en.map((x) => x.line + 1).join()]));
    assert.deepStrictEqual(got, new Map([...expected].map(([z, e]) => [String(z), String(e)])));
    // Back: each English paragraph finds the pair of its Chinese one.
    for (const [zh, en] of expected) {
      const enParagraph = doc.paragraphs.find((p) => p.line + 1 === en)!;
      assert.deepStrictEqual(pairOf(a, enParagraph)!.zh.map((p) => p.line + 1), [zh]);
    }
    assert.deepStrictEqual(a.unpaired.map((p) => p.line + 1), [1, 3, 5]);
    assert.deepStrictEqual(a.unpairedArticles, []);
    assert.ok(a.pairs.every((p) => p.confidence >= 0.85), 'every pair of the statement is confident');
  });

  it('survives a numbering gap: the article missing on one side is reported, the rest pair by number', () => {
    const zh = [statement(9), statement(13), statement(19)].join('\n'); // 一、二、四、
    const en = [statement(77), statement(81), statement(85), statement(87)].join('\n'); // 1. 2. 3. 4.
    assert.deepStrictEqual(shape(pair(`${zh}\n${en}`)), [
      'zh L1 art 1 ¶1 <-> en L4 art 1 ¶1',
      'zh L2 art 2 ¶1 <-> en L5 art 2 ¶1',
      'zh L3 art 4 ¶1 <-> en L7 art 4 ¶1',
      'unpaired en L6',
      'unpaired article en/art_3',
    ]);
  });

  it('survives a duplicated number: the misnumbered article pairs by content with its real counterpart', () => {
    const zh = [statement(9), statement(13), statement(17), statement(19).replace(/^四、/, '三、'), statement(21)].join('\n');
    const en = [77, 81, 85, 87, 89].map(statement).join('\n');
    assert.deepStrictEqual(shape(pair(`${zh}\n${en}`)), [
      'zh L1 art 1 ¶1 <-> en L6 art 1 ¶1',
      'zh L2 art 2 ¶1 <-> en L7 art 2 ¶1',
      'zh L3 art 3 ¶1 <-> en L8 art 3 ¶1',
      'zh L4 art 3 ¶1 <-> en L9 art 4 ¶1',
      'zh L5 art 5 ¶1 <-> en L10 art 5 ¶1',
    ]);
  });

  it('leaves an article present in Chinese only unpaired', () => {
    const zh = [9, 13, 17].map(statement).join('\n');
    const en = [77, 81].map(statement).join('\n');
    assert.deepStrictEqual(shape(pair(`${zh}\n${en}`)), [
      'zh L1 art 1 ¶1 <-> en L4 art 1 ¶1',
      'zh L2 art 2 ¶1 <-> en L5 art 2 ¶1',
      'unpaired zh L3',
      'unpaired article zh/art_3',
    ]);
  });

  it('merges and splits when an article has more paragraphs on one side', () => {
    // Chinese article 1 in one paragraph, English in two; English article 2 in one, Chinese in two.
    const zh = [statement(9) + statement(11), statement(13), statement(15)].join('\n');
    const en = [statement(77), statement(79), statement(81) + ' ' + statement(83)].join('\n');
    assert.deepStrictEqual(shape(pair(`${zh}\n${en}`)), [
      'zh L1 art 1 ¶1 <-> en L4+L5 art 1 ¶1',
      'zh L2+L3 art 2 ¶1 <-> en L6 art 2 ¶1',
    ]);
  });

  // A label deleted in the editor: the article before it swallows the next one's paragraphs.
  // The intact translation of the swallowing article must keep its pair (it used to be
  // reported as unpaired while its neighbour took the merged article).
  const withoutLabel = (line: number, label: string) => {
    const lines = [...corpusLines];
    assert.ok(lines[line - 1].startsWith(label));
    lines[line - 1] = lines[line - 1].slice(label.length);
    return pair(lines.join('\n'));
  };
  const aroundArticle4 = (a: Alignment) => shape(a).filter((l) => /^zh L(17|19|21|23|25) /.test(l));

  it('pairs an article that swallowed the next one (label 五、 deleted) with both English articles', () => {
    const a = withoutLabel(21, '五、');
    assert.deepStrictEqual(aroundArticle4(a), [
      'zh L17 art 3 ¶1 <-> en L85 art 3 ¶1',
      'zh L19 art 4 ¶1 <-> en L87 art 4 ¶1',
      'zh L21 art 4 ¶2 <-> en L89 art 5 ¶1',
      'zh L23 art 4 ¶3 <-> en L91 art 5 ¶2',
      'zh L25 art 6 ¶1 <-> en L93 art 6 ¶1',
    ]);
    assert.deepStrictEqual(a.pairs.length, 34);
    assert.deepStrictEqual(a.unpaired.map((p) => p.line + 1), [1, 3, 5]);
    assert.deepStrictEqual(a.unpairedArticles, []);
  });

  it('does the same the other way round (label 5. deleted in English)', () => {
    const a = withoutLabel(89, '5.');
    assert.deepStrictEqual(aroundArticle4(a), [
      'zh L17 art 3 ¶1 <-> en L85 art 3 ¶1',
      'zh L19 art 4 ¶1 <-> en L87 art 4 ¶1',
      'zh L21 art 5 ¶1 <-> en L89 art 4 ¶2',
      'zh L23 art 5 ¶2 <-> en L91 art 4 ¶3',
      'zh L25 art 6 ¶1 <-> en L93 art 6 ¶1',
    ]);
    assert.deepStrictEqual(a.unpairedArticles, []);
  });
});

describe('pairing: news reports paired by content', () => {
  const kakar = read(path.join(CORPUS, '2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt')).split('\n');

  it('pairs the Kakar report, one Chinese paragraph to several English ones', () => {
    const docs = loadCorpus();
    const a = alignCorpusFile(path.join(CORPUS, '2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt'), docs);
    assert.deepStrictEqual(shape(a), [
      'zh L3 <-> en L22',
      'zh L7 <-> en L24',
      'zh L11 <-> en L26+L28',
      'zh L13 <-> en L30+L32+L34+L36',
      'zh L17 <-> en L38+L40+L42',
      'zh L19 <-> en L44',
    ]);
  });

  it('does not force a paragraph with no counterpart onto a neighbour', () => {
    // Without the English lead (24) and the closing line (44), Chinese 7 and 19 have nothing to pair with.
    const text = kakar.filter((_, i) => i + 1 !== 24 && i + 1 !== 44).join('\n');
    const lines = shape(pair(text));
    assert.deepStrictEqual(lines.filter((l) => l.startsWith('unpaired')), ['unpaired zh L7', 'unpaired zh L19']);
    assert.ok(!lines.some((l) => /zh L(7|19) /.test(l)), lines.join('\n'));
  });

  it('never pairs page chrome or repeated blocks', () => {
    const docs = loadCorpus();
    const luka = alignCorpusFile(path.join(CORPUS, '2023-12-04-cn-by-xi-meets-lukashenko-xinhua-report-hant.txt'), docs);
    const pairedLines = luka.pairs.flatMap((p) => [...p.zh, ...p.en]).map((p) => p.line + 1);
    for (const caption of [8, 16, 28, 58]) assert.ok(!pairedLines.includes(caption), `caption line ${caption} is paired`);
    const embassy = alignCorpusFile(path.join(CORPUS, '2024-pk-embassy-article-cn-pk-relations-zh.txt'), docs);
    assert.deepStrictEqual(embassy.pairs, []);
    // The eight paragraphs once; their two verbatim repeats are neither paired nor unpaired.
    assert.deepStrictEqual(embassy.unpaired.map((p) => p.line + 1), [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('uses the scorer it is given (the scoring is one function)', () => {
    const oneToOne: BeadScorer = (zh, en) => (zh.length === 1 && en.length === 1 ? 5 : -Infinity);
    const a = pairParagraphs(parseDocument('甲乙丙。\n丁戊己。\nAlpha beta.\nGamma delta.'), { scorer: oneToOne });
    assert.deepStrictEqual(render(a), ['zh L1 <-> en L3 (0.99)', 'zh L2 <-> en L4 (0.99)']);
  });
});

describe('pairing: one-language files pair across files', () => {
  const dir = path.join(FIXTURES, 'split');
  const docs = new Map(fs.readdirSync(dir).sort().map((f) => [path.join(dir, f), parseDocument(read(path.join(dir, f)))]));
  const view = { keys: () => [...docs.keys()], get: (k: string) => docs.get(k) };
  const zhKey = path.join(dir, '2025-02-06-cn-pk-joint-statement-zh.txt');
  const enKey = path.join(dir, '2025-02-06-cn-pk-joint-statement-en.txt');

  it('finds the file of the same date and parties, not another day or other parties', () => {
    assert.strictEqual(findCounterpartKey(zhKey, docs.get(zhKey)!, view), enKey);
    assert.strictEqual(findCounterpartKey(enKey, docs.get(enKey)!, view), zhKey);
  });

  it('finds nothing for a bilingual file or a file whose name has no date', () => {
    const both = parseDocument(read(path.join(CORPUS, '2025-02-06-cn-pk-joint-statement.txt')));
    assert.strictEqual(findCounterpartKey(path.join(dir, '2025-02-06-cn-pk-both.txt'), both, view), undefined);
    assert.strictEqual(findCounterpartKey(path.join(dir, 'notes-zh.txt'), docs.get(zhKey)!, view), undefined);
  });

  it('pairs the two halves as the bilingual file pairs', () => {
    const a = pairAcrossFiles(docs.get(zhKey)!, docs.get(enKey)!, { anchors });
    assert.strictEqual(a.pairs.length, 34);
    assert.deepStrictEqual(shape(a).slice(0, 3), ['zh L7 <-> en L1', 'zh L9 art 1 ¶1 <-> en L3 art 1 ¶1', 'zh L11 art 1 ¶2 <-> en L5 art 1 ¶2']);
    assert.deepStrictEqual(shape(a).slice(-1), ['unpaired zh L5']);
  });
});

describe('pairing: anchors', () => {
  const names = parseNameList(read(path.join(CORPUS, 'names.json'))).names;
  const extract = createAnchorExtractor({ names });
  const nameKey = (en: string) => `name:${names.findIndex((n) => n.en.includes(en))}`;

  it('reads numbers and dates the same way in both languages', () => {
    assert.deepStrictEqual([...extract('10月19日晚,10年来,14亿多人,八项行动,第三届', 'zh')].sort(),
      ['date:10-19', 'num:10', 'num:1400000000', 'num:3', 'num:8'].sort());
    assert.deepStrictEqual([...extract('On Oct. 19, over the past 10 years, 1.4 billion people, eight major steps, the third Forum', 'en')].sort(),
      ['date:10-19', 'num:10', 'num:1400000000', 'num:3', 'num:8'].sort());
    assert.deepStrictEqual([...extract('2025年2月4日至8日', 'zh')].sort(), ['date:2-4', 'num:2025', 'num:8']);
    assert.deepStrictEqual([...extract('from February 4 to 8, 2025', 'en')].sort(), ['date:2-4', 'num:2025', 'num:8']);
  });

  it('finds names in Simplified and Traditional Chinese and in English', () => {
    assert.deepStrictEqual([...extract('瓜达尔港', 'zh')], [nameKey('Gwadar')]);
    assert.deepStrictEqual([...extract('盧卡申科表示', 'zh')], [nameKey('Lukashenko')]);
    assert.deepStrictEqual([...extract('Lukashenko said', 'en')], [nameKey('Lukashenko')]);
    // Word boundaries: "UN" inside "UNESCO" or "Xi" inside "Xinhua" is not a name.
    assert.deepStrictEqual([...extract('UNESCO', 'en')], []);
    assert.deepStrictEqual([...extract('(Xinhua)', 'en')], [nameKey('Xinhua')]);
  });

  it('reads a broken name list as empty, saying why', () => {
    assert.deepStrictEqual(parseNameList('{'), { names: [], problems: ['not valid JSON: ' + (() => { try { JSON.parse('{'); } catch (e) { return (e as Error).message; } return ''; })()] });
    assert.deepStrictEqual(parseNameList('{"names":[{"zh":["甲"]}]}'), { names: [], problems: ['names[0] needs at least one "zh" and one "en" form'] });
  });
});

describe('pairing: never throws', () => {
  it('keeps its invariants on any text', () => {
    const unit = fc.constantFrom('一、', '二、', '1.', '2. ', '\n', '\n\n', 'China ', '中国', '瓜达尔', 'Gwadar ', '10月19日', 'Oct. 19 ',
      '。', '.', ' ', '■', 'Article 3 ', '第三条', '12', '首页 > 头条', '\u3000', '(Xinhua/Li Hua)', '\ufffd');
    fc.assert(fc.property(fc.array(unit, { maxLength: 60 }), (units) => {
      const doc = parseDocument(units.join(''));
      const a = pairParagraphs(doc, { anchors });
      const seen = new Set<Paragraph>();
      let lastZh = -1;
      for (const p of a.pairs) {
        assert.ok(p.confidence >= 0 && p.confidence <= 1);
        assert.ok(p.zh.length > 0 && p.en.length > 0);
        for (const x of [...p.zh, ...p.en]) {
          assert.ok(!seen.has(x), 'a paragraph in two pairs');
          assert.ok(x.boilerplate === null && x.repeatOf === null, 'chrome or a repeat paired');
          seen.add(x);
        }
        assert.ok(p.zh[0].line > lastZh);
        lastZh = p.zh[0].line;
      }
      for (const x of a.unpaired) assert.ok(!seen.has(x));
    }), { numRuns: 300 });
  });
});

describe('pairing: quality against the hand-made gold set', () => {
  const rows = scoreCorpus();
  const byFile = new Map(rows.map((r) => [r.file, r]));

  it('prints the table', () => {
    process.stdout.write(`\n${renderTable(rows)}\n\n`);
  });

  it('F1 = 1.0 on the numbered statement, no forced pairs', () => {
    const r = byFile.get('2025-02-06-cn-pk-joint-statement.txt')!;
    assert.deepStrictEqual(r.engine, { predicted: 34, gold: 34, correct: 34, forced: 0 });
  });

  for (const file of ['2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt', '2023-12-04-cn-by-xi-meets-lukashenko-xinhua-report-hant.txt']) {
    it(`F1 ≥ 0.85 and no forced pairs on ${file}`, () => {
      const r = byFile.get(file)!;
      assert.ok(f1(r.engine)!.f1 >= 0.85, JSON.stringify(r.engine));
      assert.strictEqual(r.engine.forced, 0);
    });
  }

  it('pairs nothing in the Chinese-only files, which have no English anywhere in the corpus', () => {
    for (const file of ['2023-10-20-cn-pk-joint-press-statement-zh.txt', '2024-pk-embassy-article-cn-pk-relations-zh.txt']) {
      assert.deepStrictEqual(byFile.get(file)!.engine, { predicted: 0, gold: 0, correct: 0, forced: 0 });
    }
  });

  it('matches the reviewed snapshot of every corpus file (UPDATE_SNAPSHOTS=1 to rewrite)', () => {
    const docs = loadCorpus();
    for (const key of docs.keys()) {
      const actual = render(alignCorpusFile(key, docs)).join('\n') + '\n';
      const file = path.join(FIXTURES, 'snapshots', path.basename(key).replace(/\.txt$/, '.pairs.txt'));
      if (process.env.UPDATE_SNAPSHOTS || !fs.existsSync(file)) fs.writeFileSync(file, actual);
      assert.strictEqual(actual, read(file), `snapshot ${path.basename(file)}`);
    }
  });
});
