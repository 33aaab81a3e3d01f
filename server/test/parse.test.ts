/**
 * Parser fixtures: each case is the text and the articles (or problems) it must yield,
 * rendered compactly as `id label Lline` so that adding a case is one line.
 */
import * as assert from 'assert';
import { parseDocument, matchArticleLabel, classifyBoilerplate } from '../src/core/parse';
import { parseChineseNumeral, parseRoman, parseArabic, toChineseNumeral } from '../src/core/numerals';

function articles(text: string): string[] {
  return parseDocument(text).articles.map((a) => `${a.id} ${a.label.trim()} L${a.line + 1}`);
}

function problems(text: string): string[] {
  return parseDocument(text).problems.map((p) => `${p.code} L${p.line + 1}: ${p.message}`);
}

const ARTICLE_CASES: Array<[string, string, string[]]> = [
  ['一、 … 二十四、', '一、双方同意。\n二、双方重申。\n二十四、双方满意。', ['zh/art_1 一、 L1', 'zh/art_2 二、 L2', 'zh/art_24 二十四、 L3']],
  ['full-width parentheses', '（一）加强合作。\n（二）深化交流。', ['zh/art_1 （一） L1', 'zh/art_2 （二） L2']],
  ['half-width parentheses', '(一)加强合作。\n(二)深化交流。', ['zh/art_1 (一) L1', 'zh/art_2 (二) L2']],
  ['第N条 and 第N條', '第一条 双方同意。\n第二條 雙方重申。\n第3条 其他。', ['zh/art_1 第一条 L1', 'zh/art_2 第二條 L2', 'zh/art_3 第3条 L3']],
  ['第三十二條', '第三十二條　本協定自簽署之日起生效。', ['zh/art_32 第三十二條 L1']],
  ['1. without space, U+3000 indent', '　　1.应邀请，访华。\n　　2.在北京期间。', ['zh/art_1 1. L1', 'zh/art_2 2. L2']],
  ['1． full-width dot', '1．双方同意。\n2．双方重申。', ['zh/art_1 1． L1', 'zh/art_2 2． L2']],
  ['１． full-width digits', '１．双方同意。\n２．双方重申。', ['zh/art_1 １． L1', 'zh/art_2 ２． L2']],
  ['1、', '1、双方同意。\n2、双方重申。', ['zh/art_1 1、 L1', 'zh/art_2 2、 L2']],
  ['一. and 一．', '一.双方同意。\n二．双方重申。', ['zh/art_1 一. L1', 'zh/art_2 二． L2']],
  ['Article 3', 'Article 1 The Parties agree.\nArticle 2 The Parties affirm.\nArticle 3. Final.', ['en/art_1 Article 1 L1', 'en/art_2 Article 2 L2', 'en/art_3 Article 3. L3']],
  ['Article IV', 'Article I The Parties agree.\nArticle II They affirm.', ['en/art_1 Article I L1', 'en/art_2 Article II L2']],
  ['IV. Roman', 'I. General provisions apply.\nII. Cooperation follows.', ['en/art_1 I. L1', 'en/art_2 II. L2']],
  ['8. with space after leading spaces', '  8. The Pakistani side spoke highly.', ['en/art_8 8. L1']],
  ['三、 with （一） items', '三、双方同意：\n（一）加强合作；\n（二）深化交流。\n四、其他。',
    ['zh/art_3 三、 L1', 'zh/art_3__point_1 （一） L2', 'zh/art_3__point_2 （二） L3', 'zh/art_4 四、 L4']],
  ['第一條 with 一、 items', '第一條 雙方同意：\n一、加強合作；\n二、深化交流。\n第二條 其他。',
    ['zh/art_1 第一條 L1', 'zh/art_1__point_1 一、 L2', 'zh/art_1__point_2 二、 L3', 'zh/art_2 第二條 L4']],
  ['IV. with 1. items', 'I. General provisions.\n1. The Parties agree.\n2. The Parties affirm.\nII. Final provisions.',
    ['en/art_1 I. L1', 'en/art_1__point_1 1. L2', 'en/art_1__point_2 2. L3', 'en/art_2 II. L4']],
  // Negative cases: none of these opens an article.
  ['malformed numeral 十十、', '十十、双方同意。', []],
  ['malformed numeral 二二、', '二二、双方同意。', []],
  ['decimal 1.4 billion', '1.4 billion people live a happy life.', []],
  ['Articles (plural)', 'Articles 3 and 4 apply to both Parties.', []],
  ['IVX. is not Roman', 'IVX. Something here.', []],
  ['mid-line 一、', '双方同意：一、加强合作。', []],
  ['year with 年', '2019 年，当中巴自由贸易协定第二阶段启动时。', []],
  ['leading zero', '01.双方同意。', []],
];

describe('parseDocument: article numbering', () => {
  for (const [name, text, expected] of ARTICLE_CASES) {
    it(name, () => assert.deepStrictEqual(articles(text), expected));
  }

  it('gives article numbers as integers', () => {
    const doc = parseDocument('二十四、双方满意。\n一百零五、其他。');
    assert.deepStrictEqual(doc.articles.map((a) => a.number), [24, 105]);
  });

  it('keeps the article label out of the first clause', () => {
    const doc = parseDocument('五、双方重申在涉及彼此核心利益问题上相互支持。其他。');
    const a = doc.articles[0];
    assert.strictEqual(doc.text.slice(a.firstClause.start, a.firstClause.end), '双方重申在涉及彼此核心利益问题上相互支持');
  });

  it('ends an English first clause at a full stop but not at H.E. Mr.', () => {
    const doc = parseDocument('1.At the invitation of H.E. Mr. Xi Jinping, President of China, he came.');
    const a = doc.articles[0];
    assert.strictEqual(doc.text.slice(a.firstClause.start, a.firstClause.end), 'At the invitation of H.E. Mr. Xi Jinping');
  });
});

describe('parseDocument: problems', () => {
  it('reports a numbering gap', () => {
    assert.deepStrictEqual(problems('一、甲乙丙。\n二、甲乙丙。\n四、甲乙丙。'), [
      'numbering-gap L3: Numbering jumps from 2 to 4: 1 number(s) missing.',
    ]);
  });

  it('reports a duplicate number and gives the second a distinct id', () => {
    const text = '1.甲乙丙。\n2.甲乙丙丁。\n2.戊己庚。\n3.甲乙。';
    assert.deepStrictEqual(problems(text), ['duplicate-number L3: Number 2 (2.) is used twice; the first is on line 2.']);
    assert.deepStrictEqual(articles(text), ['zh/art_1 1. L1', 'zh/art_2 2. L2', 'zh/art_2_dup2 2. L3', 'zh/art_3 3. L4']);
  });

  it('reports a Chinese/English article count mismatch', () => {
    const text = '一、双方同意。\n二、双方重申。\n\n1. The two sides agreed.\n';
    assert.deepStrictEqual(problems(text), ['article-count-mismatch L4: The Chinese text has 2 articles (line 1), the English 1.']);
  });

  it('reports a repeated block once per repetition and keeps it out of articles', () => {
    const p1 = '中巴两国建立了独特、无与伦比、基础广泛的全天候战略合作伙伴关系。';
    const p2 = '我们特殊关系的一个重要体现是坚定不移地支持彼此的核心利益。';
    const doc = parseDocument([p1, p2, p1, p2].join('\n'));
    assert.deepStrictEqual(doc.paragraphs.map((p) => p.repeatOf), [null, null, 0, 1]);
    assert.deepStrictEqual(problems([p1, p2, p1, p2].join('\n')), [
      'repeated-block L3: Lines 3–4 repeat lines 1–2 verbatim (the same text pasted again); repeated paragraphs are kept out of articles and pairing.',
    ]);
  });

  it('reports an empty document, a binary one and a huge one without throwing', () => {
    assert.deepStrictEqual(problems(''), ['empty L1: The document is empty.']);
    assert.deepStrictEqual(problems(' \n\u3000\r\n'), ['empty L1: The document is empty.']);
    assert.deepStrictEqual(problems('abc\u0000def'), ['not-text L1: Not analysed: the file holds NUL characters, so it is binary data, not text.']);
    assert.deepStrictEqual(parseDocument('一、甲乙丙。', { maxLength: 3 }).problems.map((p) => p.code), ['too-large']);
  });

  it('warns about undecodable characters but still analyses', () => {
    const doc = parseDocument('一、双方\ufffd同意。\n二、双方重申。');
    assert.deepStrictEqual(doc.problems.map((p) => `${p.code} ${p.severity}`), ['not-text warning']);
    assert.strictEqual(doc.articles.length, 2);
  });
});

describe('parseDocument: text shapes', () => {
  it('treats CRLF, lone CR and LF alike, with offsets into the original text', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['一、双方同意。', '二、双方重申。'].join(eol);
      const doc = parseDocument(text);
      assert.deepStrictEqual(doc.articles.map((a) => [a.line, text.slice(a.labelRange.start, a.labelRange.end)]), [[0, '一、'], [1, '二、']]);
    }
  });

  it('counts UTF-16 units: a character outside the BMP before a label shifts offsets by two', () => {
    const text = '𠀀\n一、双方同意。';
    const doc = parseDocument(text);
    assert.strictEqual(doc.articles[0].labelRange.start, 3);
  });

  it('detects Simplified, Traditional and English sections', () => {
    const doc = parseDocument('习近平会见巴基斯坦总理卡卡尔。\n\n習近平會見白俄羅斯總統盧卡申科。\n\nXi meets the president of Belarus.');
    // Two Chinese lines of different scripts in a row form one Chinese section; English opens another.
    // Simplified text has (almost) no characters that OpenCC folds, so a notable share makes it Traditional.
    assert.deepStrictEqual(doc.sections.map((s) => [s.lang, s.startLine + 1, s.endLine + 1]), [['zh-Hant', 1, 3], ['en', 5, 5]]);
    const hans = parseDocument('习近平会见巴基斯坦总理卡卡尔。双方一致认为，中巴经济走廊是共建“一带一路”先行先试项目。');
    assert.strictEqual(hans.sections[0].lang, 'zh-Hans');
    const hant = parseDocument('習近平會見白俄羅斯總統盧卡申科。兩國元首還就烏克蘭危機等問題交換了意見。');
    assert.strictEqual(hant.sections[0].lang, 'zh-Hant');
  });

  it('keeps page chrome out of articles', () => {
    const doc = parseDocument('首页 >  头条\n一、双方同意。\n发布时间:2023-10-20 09:07:09 | 来源:新华网\nFacebook');
    assert.deepStrictEqual(doc.paragraphs.map((p) => [p.line + 1, p.boilerplate, p.articleId]), [
      [1, 'breadcrumb', null], [2, null, 'zh/art_1'], [3, 'metadata', null], [4, 'share', null],
    ]);
  });
});

describe('classifyBoilerplate', () => {
  const cases: Array<[string, string | undefined]> = [
    ['首页 >  头条', 'breadcrumb'],
    ['首頁 >  頭條', 'breadcrumb'],
    ['发布时间:2023-10-20 09:07:09 | 来源:新华网 | 作者: | 责任编辑:曹川川', 'metadata'],
    ['發佈時間:2023-12-05 08:55:02 | 來源:新華社 | 作者: | 責任編輯:丁素雲', 'metadata'],
    ['Facebook', 'share'],
    ['Pinterest', 'share'],
    ['10月19日晚,国家主席习近平会见卡卡尔。新华社记者 黄敬文 摄', 'caption'],
    ['Chinese President Xi Jinping meets Lukashenko in Beijing, Dec. 4, 2023. (Xinhua/Huang Jingwen)', 'caption'],
    ['（新华社北京10月20日电）', 'source'],
    ['By Zhang San', 'byline'],
    ['蔡奇、王毅参加会见。', undefined],
    ['Senior Chinese officials Cai Qi and Wang Yi attended the meeting.', undefined],
    ['(2025年2月6日,北京)', undefined],
  ];
  for (const [text, kind] of cases) it(`${text.slice(0, 24)} → ${kind}`, () => assert.strictEqual(classifyBoilerplate(text), kind));
});

describe('numerals', () => {
  it('reads every canonical Chinese numeral back to its value', () => {
    for (let n = 1; n <= 999; n++) assert.strictEqual(parseChineseNumeral(toChineseNumeral(n)), n);
  });
  it('spells and reads known values', () => {
    assert.deepStrictEqual([10, 11, 20, 24, 100, 105, 110, 999].map(toChineseNumeral), ['十', '十一', '二十', '二十四', '一百', '一百零五', '一百一十', '九百九十九']);
    assert.strictEqual(parseChineseNumeral('一百〇五'), 105);
  });
  it('rejects malformed numerals', () => {
    for (const bad of ['十十', '二二', '一十', '零', '十百', '']) assert.strictEqual(parseChineseNumeral(bad), undefined, bad);
    for (const bad of ['IIII', 'IVX', 'iv', 'VV']) assert.strictEqual(parseRoman(bad), undefined, bad);
    for (const bad of ['0', '01', '1000', '1a']) assert.strictEqual(parseArabic(bad), undefined, bad);
    assert.strictEqual(parseArabic('１２'), 12);
  });
  it('matchArticleLabel reads the label and the style', () => {
    assert.deepStrictEqual(matchArticleLabel('二十四、扎尔达里总统感谢'), { style: 'cn-dun', number: 24, label: '二十四、' });
    assert.deepStrictEqual(matchArticleLabel('Article IV The Parties'), { style: 'article', number: 4, label: 'Article IV' });
  });
});
