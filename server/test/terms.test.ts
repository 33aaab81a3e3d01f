/**
 * Term matching, data-driven: each case is one string where ‹term-id|text› marks an
 * expected occurrence. The check strips the markers, runs the matcher and renders its
 * occurrences back as markers, so a failure shows both texts side by side.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compileGlossary, findTermOccurrences, normalizeForm, parseGlossary, type TermOccurrence } from '../src/core/terms';

const GLOSSARY = {
  version: 1,
  terms: [
    { id: 'one-china', zh: ['一个中国原则'], en: ['one-China principle'] },
    { id: 'partnership', zh: ['全天候战略合作伙伴关系'], en: ['all-weather strategic cooperative partnership'] },
    { id: 'partners', zh: ['全天候战略合作伙伴'], en: ['all-weather strategic cooperative partners'] },
    { id: 'cpec', zh: ['中巴经济走廊'], en: ['China-Pakistan Economic Corridor', 'CPEC'] },
    { id: 'bri', zh: ['一带一路', '一带一路倡议'], en: ['Belt and Road', 'Belt and Road Initiative', 'BRI'] },
    { id: 'mankind', zh: ['人类命运共同体'], en: ['community with a shared future for mankind', 'community with a shared future for humanity'] },
    { id: 'prc', zh: ['中华人民共和国'], en: ["People's Republic of China", 'PRC'] },
    { id: 'un', zh: ['联合国'], en: ['United Nations', 'U.N.'] },
    { id: 'un-charter', zh: ['联合国宪章'], en: ['U.N. Charter'] },
    { id: 'ml-1', zh: ['1号铁路干线'], en: ['ML-1'] },
    { id: 'parties', zh: ['第三方'], en: ['third parties'] },
    { id: 'ironclad', zh: ['铁杆兄弟'], en: ['ironclad brothers'] },
    { id: 'gdi', zh: ['全球发展倡议'], en: ['Global Development Initiative'] },
  ],
};

const parsed = parseGlossary(JSON.stringify(GLOSSARY, null, 2));
assert.deepEqual(parsed.problems, []);
const compiled = compileGlossary(parsed.glossary!);

/** Splits a marked fixture into its plain text and the expected occurrences. */
function unmark(marked: string): { text: string; expected: { termId: string; start: number; end: number }[] } {
  let text = '';
  const expected: { termId: string; start: number; end: number }[] = [];
  for (let i = 0; i < marked.length;) {
    if (marked[i] === '‹') {
      const bar = marked.indexOf('|', i);
      const close = marked.indexOf('›', bar);
      const termId = marked.slice(i + 1, bar);
      const start = text.length;
      text += marked.slice(bar + 1, close);
      expected.push({ termId, start, end: text.length });
      i = close + 1;
    } else {
      text += marked[i];
      i++;
    }
  }
  return { text, expected };
}

/** The text with each occurrence wrapped as ‹term-id|text›. */
function mark(text: string, occurrences: readonly TermOccurrence[]): string {
  let out = '';
  let at = 0;
  for (const o of occurrences) {
    out += text.slice(at, o.start) + `‹${o.termId}|${text.slice(o.start, o.end)}›`;
    at = o.end;
  }
  return out + text.slice(at);
}

function check(marked: string): TermOccurrence[] {
  const { text } = unmark(marked);
  const found = findTermOccurrences(text, compiled);
  assert.equal(mark(text, found), marked);
  for (const o of found) assert.equal(o.text, text.slice(o.start, o.end));
  return found;
}

describe('terms: findTermOccurrences', () => {
  const cases: [string, string][] = [
    ['Simplified', '巴方坚定恪守‹one-china|一个中国原则›。'],
    ['Traditional folds to the same term', '巴方堅定恪守‹one-china|一個中國原則›，推動構建‹mankind|人類命運共同體›。'],
    ['longest match wins', '中巴是‹partners|全天候战略合作伙伴›，深化‹partnership|全天候战略合作伙伴关系›'],
    ['longest match wins in English', 'the ‹partnership|all-weather strategic cooperative partnership› of ‹partners|all-weather strategic cooperative partners›'],
    ['hyphen, space, dash and line break are one gap', '‹partnership|all weather strategic cooperative partnership›; ‹partnership|All–Weather Strategic\nCooperative  Partnership›'],
    ['case-insensitive words', 'the ‹one-china|One-China Principle› and the ‹one-china|ONE-CHINA PRINCIPLE›'],
    ['inflection of the last word', '‹partners|all-weather strategic cooperative partner›, ‹one-china|one-China principles›, a ‹parties|third party›'],
    ['abbreviations are case-sensitive', '‹cpec|CPEC› but not cpec, Cpec or the bri in bring; ‹bri|BRI›'],
    ['an abbreviation inside a word is no hit', 'CPECX, XCPEC, CPECs, 5CPEC, ‹cpec|CPEC›’s, (‹cpec|CPEC›), ‹cpec|CPEC›-led'],
    ['English words only at word boundaries', 'the Belt and Roadside, Belt and Roadmap, ‹bri|Belt and Road›-related, ‹bri|Belt and Road›.'],
    ['Chinese has no word boundaries', '巴方支持‹bri|一带一路›建设和‹cpec|中巴经济走廊›ABC‹cpec|中巴经济走廊›'],
    ['double quotes inside a Chinese term are ignored', '共建“‹bri|一带一路”倡议›，“‹ironclad|铁杆”兄弟›'],
    ['apostrophe variants', "the ‹prc|People’s Republic of China› or ‹prc|People's Republic of China› or ‹prc|People‘s Republic of China›"],
    ['full-width letters and digits', '‹cpec|ＣＰＥＣ› and the ‹ml-1|１号铁路干线›'],
    ['abbreviation with dots and digits', '‹un-charter|U.N. Charter›, the ‹un|U.N.› and ‹ml-1|ML-1› but not ML-10 or XML-1'],
    ['a term inside a longer one of another term', '《‹un-charter|联合国宪章›》和‹un|联合国›'],
    ['capitalised title form', 'foster a ‹mankind|Community with a Shared Future for Mankind› and a ‹mankind|community with a shared future for humanity›'],
    ['several terms in a row', '‹gdi|全球发展倡议›‹bri|一带一路›‹cpec|CPEC›‹cpec|中巴经济走廊›'],
    ['no terms', 'Senior Chinese officials Cai Qi and Wang Yi attended the meeting.'],
  ];
  for (const [name, marked] of cases) it(name, () => void check(marked));

  it('a character outside the BMP before a term does not shift offsets', () => {
    const found = check('𠀀‹one-china|一個中國原則› 😀 ‹cpec|CPEC›');
    assert.deepEqual(
      found.map((o) => [o.termId, o.start, o.end, o.text, o.lang, o.form]),
      [
        ['one-china', 2, 8, '一個中國原則', 'zh', '一个中国原则'],
        ['cpec', 12, 16, 'CPEC', 'en', 'CPEC'],
      ],
    );
  });

  it('reports which side of the glossary matched', () => {
    const found = findTermOccurrences('中巴经济走廊 (CPEC), China–Pakistan economic corridor', compiled);
    assert.deepEqual(found.map((o) => [o.termId, o.lang, o.text]), [
      ['cpec', 'zh', '中巴经济走廊'],
      ['cpec', 'en', 'CPEC'],
      ['cpec', 'en', 'China–Pakistan economic corridor'],
    ]);
  });

  it('returns nothing for an empty text or an empty glossary', () => {
    assert.deepEqual(findTermOccurrences('', compiled), []);
    assert.deepEqual(findTermOccurrences('一个中国原则', compileGlossary({ terms: [] })), []);
  });

  it('stays linear on a text made of one repeated character', () => {
    const g = compileGlossary({
      terms: [1, 2, 3, 4, 5].map((n) => ({ id: `a${n}`, zh: ['啊'.repeat(n)], en: [`x${n}`] })),
    });
    const found = findTermOccurrences('啊'.repeat(100_001), g);
    // Longest first: 20 000 runs of five, then the one left over.
    assert.equal(found.length, 20_001);
    assert.deepEqual(found.slice(-2).map((o) => [o.termId, o.start, o.end]), [['a5', 99_995, 100_000], ['a1', 100_000, 100_001]]);
  });
});

describe('terms: properties', () => {
  const forms = GLOSSARY.terms.flatMap((t) => [...t.zh, ...t.en]);
  const piece = fc.oneof(
    fc.constantFrom(...forms),
    fc.constantFrom(...forms).map((f) => f.replace(/-/g, ' ').toUpperCase()),
    fc.constantFrom(' ', '\n', '-', '“', '”', '’', '　', '𠀀', '😀', 'x', '中', '國', '，', 'Ａ', '1'),
    fc.string({ maxLength: 4 }),
  );
  const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

  it('every occurrence maps back: its original slice normalises to one of its term’s keys', () => {
    fc.assert(
      fc.property(text, (t) => {
        let last = 0;
        for (const o of findTermOccurrences(t, compiled)) {
          assert.equal(t.slice(o.start, o.end), o.text);
          assert.ok(o.start >= last, 'occurrences are ordered and do not overlap');
          last = o.end;
          const key = normalizeForm(o.text)?.key;
          assert.ok(key !== undefined && compiled.keysOf(o.termId).includes(key), `${o.text} -> ${key}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a form alone is found as itself', () => {
    for (const term of GLOSSARY.terms) {
      for (const form of [...term.zh, ...term.en]) {
        const found = findTermOccurrences(` ${form} `, compiled);
        assert.deepEqual(found.map((o) => [o.termId, o.text]), [[term.id, form]], form);
      }
    }
  });
});
