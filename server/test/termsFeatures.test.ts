/** The pure term features: the workspace index by difference, dates, definition, hover text, divergence, suggestions, glossary edit. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pairParagraphs } from '../src/core/align';
import { parseDocument } from '../src/core/parse';
import {
  TermIndex, addTermEdit, compareByDate, dateOfKey, describeTerm, findDivergences, parseGlossary, suggestTerms, termIdFrom,
} from '../src/core/terms';
import { REPO } from './support/lspClient';

const glossary = {
  version: 1 as const,
  terms: [
    { id: 'cpec', zh: ['中巴经济走廊'], en: ['China-Pakistan Economic Corridor', 'CPEC'], note: 'Flagship.', idRange: { start: 0, end: 0 } },
    { id: 'one-china-principle', zh: ['一个中国原则'], en: ['one-China principle'], definedAt: { file: 'b.txt', line: 2 }, idRange: { start: 0, end: 0 } },
  ],
};

describe('terms: the workspace index', () => {
  it('reads dates from file names, undated last', () => {
    assert.deepStrictEqual(
      ['/c/corpus/2025-02-06-cn-pk-x.txt', '/c/corpus/2024-pk-embassy.txt', '/c/corpus/notes.txt', '/c/corpus/2023-13-40-x.txt'].map(dateOfKey),
      ['2025-02-06', '2024', undefined, '2023'],
    );
    assert.deepStrictEqual(['z/notes.txt', 'a/2025-01-01-x.txt', 'b/2024-x.txt'].sort(compareByDate), ['b/2024-x.txt', 'a/2025-01-01-x.txt', 'z/notes.txt']);
  });

  it('replaces one document\'s contribution by difference and rebuilds on a new glossary', () => {
    const index = new TermIndex();
    index.setGlossary(glossary);
    index.replace('2025-01-01-a.txt', parseDocument('CPEC and CPEC.\n中巴经济走廊'));
    index.replace('2024-02-02-b.txt', parseDocument('CPEC\n一个中国原则'));
    assert.deepStrictEqual(index.usageOf('cpec'), {
      occurrences: 4, documents: 2,
      first: { key: '2024-02-02-b.txt', date: '2024-02-02' }, latest: { key: '2025-01-01-a.txt', date: '2025-01-01' },
    });
    index.replace('2025-01-01-a.txt', parseDocument('nothing here'));
    assert.deepStrictEqual(index.referencesOf('cpec').map((r) => [r.key, r.occurrence.start]), [['2024-02-02-b.txt', 0]]);
    index.remove('2024-02-02-b.txt');
    assert.deepStrictEqual(index.usageOf('cpec'), { occurrences: 0, documents: 0 });
    index.replace('2024-02-02-b.txt', parseDocument('CPEC'));
    index.setGlossary({ version: 1, terms: [glossary.terms[1]] });
    assert.deepStrictEqual(index.referencesOf('cpec'), []);
  });

  it('finds the occurrence under an offset, touching either end', () => {
    const index = new TermIndex();
    index.setGlossary(glossary);
    const doc = parseDocument('𠮷CPEC一个中国原则');
    assert.deepStrictEqual([1, 2, 6, 7, 12, 13].map((o) => index.occurrenceAt(doc, o)?.termId),
      [undefined, 'cpec', 'one-china-principle', 'one-china-principle', 'one-china-principle', undefined]);
  });

  it('defines a term at definedAt (its occurrence on that line), else at its first use by date', () => {
    const index = new TermIndex();
    index.setGlossary(glossary);
    index.replace('/w/corpus/2025-01-01-a.txt', parseDocument('一个中国原则 CPEC'));
    index.replace('/w/corpus/b.txt', parseDocument('first line\nxx 一个中国原则'));
    index.replace('/w/corpus/2024-12-31-c.txt', parseDocument('\n\nthe CPEC'));
    const keyOf = (file: string) => `/w/corpus/${file}`;
    assert.deepStrictEqual(index.definitionOf('one-china-principle', keyOf), { key: '/w/corpus/b.txt', range: { start: 14, end: 20 }, source: 'glossary' });
    assert.deepStrictEqual(index.definitionOf('cpec', keyOf), { key: '/w/corpus/2024-12-31-c.txt', range: { start: 6, end: 10 }, source: 'first-use' });
    assert.strictEqual(index.definitionOf('unknown', keyOf), undefined);
  });

  it('describes a term for a hover', () => {
    const index = new TermIndex();
    index.setGlossary(glossary);
    index.replace('2023-10-19-x.txt', parseDocument('cpecs? no: CPEC'));
    const doc = parseDocument('China-Pakistan economic corridor');
    const on = index.occurrenceAt(doc, 3)!;
    assert.strictEqual(describeTerm(glossary.terms[0], index.usageOf('cpec'), on), [
      '**中巴经济走廊** — **China-Pakistan Economic Corridor** `cpec`', '',
      '中文: 中巴经济走廊  ', 'English: China-Pakistan Economic Corridor · CPEC', '',
      'Matched form: China-Pakistan Economic Corridor', '',
      'Flagship.', '',
      '1 occurrence in 1 document · first 2023-10-19 (2023-10-19-x.txt) · latest 2023-10-19 (2023-10-19-x.txt)',
    ].join('\n'));
  });
});

describe('terms: divergence between paired paragraphs', () => {
  const text = [
    '联合声明', '',
    '一、巴方重申坚定奉行一个中国原则。',
    '二、双方同意推进中巴经济走廊建设。', '',
    'Joint Statement', '',
    '1. Pakistan reaffirmed its firm commitment to the one-China principle.',
    '2. The two sides agreed to advance the building of the corridor, CPEC.', '',
  ].join('\n');

  it('says nothing where both sides use the term, and names the missing side otherwise', () => {
    const index = new TermIndex();
    index.setGlossary(glossary);
    const doc = parseDocument(text);
    assert.deepStrictEqual(findDivergences(pairParagraphs(doc), (d) => index.occurrencesOf(d), (id) => index.term(id)), []);
    const changed = parseDocument(text.replace('the one-China principle', 'one China'));
    const found = findDivergences(pairParagraphs(changed), (d) => index.occurrencesOf(d), (id) => index.term(id));
    assert.deepStrictEqual(found.map((d) => [d.lang, changed.text.slice(d.range.start, d.range.end), d.counterpartLine, d.message]), [[
      'zh', '一个中国原则', 7,
      '"一个中国原则" (one-china-principle) is not in the paired English paragraph (line 8), which has none of "one-China principle".',
    ]]);
  });

  it('finds no divergence in the corpus with its glossary (every pair uses both forms)', () => {
    const index = new TermIndex();
    index.setGlossary(parseGlossary(fs.readFileSync(path.join(REPO, 'corpus/glossary.json'), 'utf8')).glossary!);
    const counts = fs.readdirSync(path.join(REPO, 'corpus')).filter((f) => f.endsWith('.txt')).map((f) => {
      const doc = parseDocument(fs.readFileSync(path.join(REPO, 'corpus', f), 'utf8'));
      return findDivergences(pairParagraphs(doc), (d) => index.occurrencesOf(d), (id) => index.term(id)).length;
    });
    assert.deepStrictEqual(counts, [0, 0, 0, 0, 0]);
  });
});

describe('terms: suggestions and the glossary edit', () => {
  it('suggests quoted phrases and repeated n-grams the glossary does not cover', () => {
    const index = new TermIndex();
    index.setGlossary(glossary);
    const docs = ['2025-01-01-a.txt', '2025-01-02-b.txt'].map((key) => {
      const doc = parseDocument('双方同意推进“小而美”项目。CPEC\n双方同意推进“小而美”项目。\n\nThe two sides agreed on "small and beautiful" projects and people-to-people exchanges.\nPeople-to-people exchanges grew.');
      return { key, doc, occurrences: index.occurrencesOf(doc) };
    });
    const candidates = suggestTerms(docs, (p) => index.findIn(p).length > 0);
    assert.deepStrictEqual(candidates.slice(0, 2), [
      { text: '小而美', lang: 'zh', kind: 'quoted', count: 4, documents: 2 },
      { text: 'small and beautiful', lang: 'en', kind: 'quoted', count: 2, documents: 2 },
    ]);
    assert.ok(candidates.some((c) => c.text === 'people-to-people exchanges' && c.count === 4));
    assert.ok(candidates.some((c) => c.text === '双方同意推进' && c.count === 4));
    assert.ok(!candidates.some((c) => c.text.includes('CPEC')));
  });

  it('adds a term to the glossary, formatted like its neighbours, keeping it valid', () => {
    const text = fs.readFileSync(path.join(REPO, 'corpus/glossary.json'), 'utf8');
    const edit = addTermEdit(text, { id: termIdFrom('Two-State Solution'), zh: ['两国方案'], en: ['two-state solution'] })!;
    const next = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    const parsed = parseGlossary(next);
    assert.deepStrictEqual(parsed.problems, []);
    assert.strictEqual(parsed.glossary!.terms.length, 73);
    assert.ok(next.endsWith('    {\n      "id": "two-state-solution",\n      "zh": ["两国方案"],\n      "en": ["two-state solution"]\n    }\n  ]\n}\n'));
    const again = addTermEdit(next, { id: 'two-state-solution', zh: ['两国方案'], en: ['two-state'] })!;
    assert.ok(again.newText.includes('"id": "two-state-solution-2"'));
    assert.strictEqual(addTermEdit('{ "version": 1 ', { id: 'x', zh: ['x'], en: ['x'] }), undefined);
    const empty = '{\n  "version": 1,\n  "terms": []\n}\n';
    const e = addTermEdit(empty, { id: 'x-y', zh: ['甲乙'], en: ['x y'] })!;
    const filled = empty.slice(0, e.start) + e.newText + empty.slice(e.end);
    assert.strictEqual(filled, '{\n  "version": 1,\n  "terms": [\n    {\n      "id": "x-y",\n      "zh": ["甲乙"],\n      "en": ["x y"]\n    }\n  ]\n}\n');
  });
});
