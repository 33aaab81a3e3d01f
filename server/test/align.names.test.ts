/**
 * Names learned from paired paragraphs (learnNames), judged against a name list
 * (compareWithNameList) and merged into names.json (mergeLearnedNames).
 */
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/cli';
import { compareWithNameList, learnNames, mergeLearnedNames, parseNameList } from '../src/core/align';
import type { ParallelText } from '../src/core/align';

// Kakar and Gwadar are transliterations, Li Qiang a Chinese name in pinyin; each shows up in
// two pairs. Titles (Prime Minister, Premier) and sentence-initial words are no names.
const TEXTS: ParallelText[] = [
  { zh: '卡卡尔总理会见了代表团。', en: 'Prime Minister Kakar met the delegation.' },
  { zh: '卡卡尔表示，瓜达尔港很重要。', en: 'Kakar said the port of Gwadar matters.' },
  { zh: '李强总理访问瓜达尔。', en: 'Premier Li Qiang visited Gwadar.' },
  { zh: '李強會見了代表團。', en: 'Li Qiang met the delegation.' },
  { zh: '双方同意加强合作。', en: 'The two sides agreed to strengthen cooperation.' },
];

describe('names: learning from paired paragraphs', () => {
  it('finds each name once, as a whole (not 卡卡 or Qiang), with its evidence', () => {
    assert.deepStrictEqual(learnNames(TEXTS), [
      { zh: '李强', en: 'Li Qiang', pairs: 2, dice: 1 },
      { zh: '瓜达尔', en: 'Gwadar', pairs: 2, dice: 1 },
      { zh: '卡卡尔', en: 'Kakar', pairs: 2, dice: 1 },
    ]);
  });

  it('needs two pairs unless told that one unambiguous pair is enough', () => {
    const one = [TEXTS[0], TEXTS[4]];
    assert.deepStrictEqual(learnNames(one), []);
    assert.deepStrictEqual(learnNames(one, { minPairs: 1 }), [{ zh: '卡卡尔', en: 'Kakar', pairs: 1, dice: 1 }]);
  });

  it('proposes neither of two names that always come together', () => {
    const texts = [
      { zh: '王毅和蔡奇出席。', en: 'Wang Yi and Cai Qi attended.' },
      { zh: '蔡奇、王毅参加。', en: 'Cai Qi and Wang Yi took part.' },
    ];
    assert.deepStrictEqual(learnNames(texts), []);
  });

  it('never throws', () => {
    const piece = fc.constantFrom('卡卡尔', 'Kakar', ' ', '。', '.', 'The ', '李强', 'Li Qiang', '\ufffd', '"', 'A', '中', 'H.E. ', '');
    fc.assert(fc.property(fc.array(fc.record({ zh: fc.array(piece).map((a) => a.join('')), en: fc.array(piece).map((a) => a.join('')) })), (texts) => {
      for (const c of learnNames(texts, { minPairs: 1 })) assert.ok(c.dice > 0 && c.dice <= 1 && c.pairs >= 1);
    }), { numRuns: 200 });
    assert.deepStrictEqual(learnNames([{ zh: undefined, en: null } as unknown as ParallelText]), []);
  });
});

describe('names: judged against the hand list', () => {
  it('counts agreeing, disagreeing and new candidates', () => {
    const names = parseNameList('{"names":[{"zh":["卡卡尔"],"en":["Kakar"]},{"zh":["卢卡申科"],"en":["Lukashenko"]},{"zh":["北京"],"en":["Beijing"]}]}').names;
    const kakar = { zh: '卡卡尔', en: 'Kakar', pairs: 2, dice: 1 };
    const wrong = { zh: '俄罗斯', en: 'Lukashenko', pairs: 3, dice: 1 };
    const fresh = { zh: '瓜达尔', en: 'Gwadar', pairs: 2, dice: 1 };
    assert.deepStrictEqual(compareWithNameList([kakar, wrong, fresh], names), { correct: [kakar], wrong: [wrong], unknown: [fresh], found: 1 });
  });
});

describe('names: merging into names.json', () => {
  const HAND = [
    '{',
    '  "version": 1,',
    '  "note": "Hand-written.",',
    '  "names": [',
    '    { "zh": ["卡卡尔"], "en": ["Kakar"] },',
    '    { "zh": ["习近平"], "en": ["Xi Jinping", "Xi"] }',
    '  ]',
    '}',
    '',
  ].join('\n');

  it('reads back a hand-written file unchanged when nothing is learned', () => {
    assert.strictEqual(mergeLearnedNames(HAND, []).text, HAND);
  });

  it('keeps hand entries, leaves out known names and replaces what an earlier run learned', () => {
    const first = mergeLearnedNames(HAND, [
      { zh: '瓜达尔', en: 'Gwadar', pairs: 2, dice: 1 },
      { zh: '卡卡尔', en: 'Kakar', pairs: 2, dice: 1 },
    ]);
    assert.deepStrictEqual(first.skipped, [{ zh: '卡卡尔', en: 'Kakar', pairs: 2, dice: 1 }]);
    assert.strictEqual(first.text, HAND.replace('"Xi"] }\n', '"Xi"] },\n    { "zh": ["瓜达尔"], "en": ["Gwadar"], "learned": { "pairs": 2, "dice": 1 } }\n'));
    const second = mergeLearnedNames(first.text!, [{ zh: '李强', en: 'Li Qiang', pairs: 3, dice: 0.86 }]);
    assert.strictEqual(second.text, HAND.replace('"Xi"] }\n', '"Xi"] },\n    { "zh": ["李强"], "en": ["Li Qiang"], "learned": { "pairs": 3, "dice": 0.86 } }\n'));
    assert.deepStrictEqual(parseNameList(second.text!).names.map((n) => n.en[0]), ['Kakar', 'Xi Jinping', 'Li Qiang']);
  });

  it('leaves a broken file alone and says why', () => {
    assert.deepStrictEqual(mergeLearnedNames('{"names": 3}', [{ zh: '李强', en: 'Li Qiang', pairs: 2, dice: 1 }]),
      { text: undefined, learned: [], skipped: [], problems: ['no "names" array'] });
  });
});

describe('treaty-lens names --learn', () => {
  it('prints the candidates judged against the hand list and writes nothing new for the corpus (every name it finds is known)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-names-'));
    const corpus = path.resolve(__dirname, '..', '..', 'corpus');
    for (const f of fs.readdirSync(corpus)) fs.copyFileSync(path.join(corpus, f), path.join(dir, f));
    let stdout = '';
    const code = main(['names', '--learn', dir, '--write'], { write: (t) => (stdout += t + '\n'), error: (t) => (stdout += t + '\n') });
    assert.strictEqual(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.deepStrictEqual(lines.slice(0, 3), ['zh\ten\tpairs\tdice\thand list', '俄罗斯\tLukashenko\t3\t1.00\tdisagrees', '扎尔达里\tZardari\t3\t1.00\tagrees']);
    assert.strictEqual(lines[8], '7 candidates from 44 confident pairs; against the hand list: precision 0.857 (6/7), 6 of 36 entries found, 0 new');
    assert.strictEqual(lines[9], `${path.join(dir, 'names.json')}: 0 learned entries written, 7 left out (already in the hand list)`);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'names.json'), 'utf8'), fs.readFileSync(path.join(corpus, 'names.json'), 'utf8'));
    assert.deepStrictEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
