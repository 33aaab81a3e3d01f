import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  editAnnotation,
  mergeAnnotations,
  noteOf,
  parseAnnotationLines,
  serializeAnnotations,
  tagsOf,
  type Annotation,
} from '../src/core/annotations';

const FIXTURES = path.join(__dirname, 'fixtures/annotations');
const GOOD = fs.readFileSync(path.join(FIXTURES, 'good.jsonl'), 'utf8');

function withoutDetail<T extends { detail?: string }>(problems: T[]): Omit<T, 'detail'>[] {
  return problems.map(({ detail: _detail, ...rest }) => rest);
}

describe('annotation JSON Lines', () => {
  it('round-trips a store byte for byte', () => {
    const parsed = parseAnnotationLines(GOOD);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.annotations.map(noteOf), ['“全天候”首见于2005年。', 'Rendered 全天候战略合作伙伴关系 in the Chinese text.']);
    assert.deepEqual(parsed.annotations.map(tagsOf), [['术语'], ['term', 'pair']]);
    assert.equal(serializeAnnotations(parsed.annotations), GOOD);
  });

  it('writes lines in position order with a fixed key order, whatever the input order', () => {
    const [a, b] = parseAnnotationLines(GOOD).annotations;
    const shuffled = JSON.parse(JSON.stringify(b), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
    assert.equal(serializeAnnotations([shuffled, a]), GOOD);
    assert.equal(serializeAnnotations([]), '');
  });

  it('keeps properties written by other tools, after the known ones', () => {
    const [a] = parseAnnotationLines(GOOD).annotations;
    const extended = { ...a, rights: 'CC-BY', audience: 'x' } as Annotation;
    const line = serializeAnnotations([extended]);
    assert.ok(line.endsWith(',"audience":"x","rights":"CC-BY"}\n'));
    assert.deepEqual(parseAnnotationLines(line).annotations, [extended]);
  });

  it('tolerates a BOM, CRLF and blank lines', () => {
    const parsed = parseAnnotationLines(fs.readFileSync(path.join(FIXTURES, 'bom-crlf.jsonl'), 'utf8') + '\r\n\r\n');
    assert.deepEqual(parsed.problems, []);
    assert.equal(serializeAnnotations(parsed.annotations), GOOD);
  });

  it('reports each bad line with its 1-based number and reason, keeps the good ones, never throws', () => {
    const parsed = parseAnnotationLines(fs.readFileSync(path.join(FIXTURES, 'corrupt.jsonl'), 'utf8'));
    assert.deepEqual(parsed.annotations.map((a) => a.id), ['urn:uuid:6f1c1a52-4d0e-4b43-9a57-0c1d2e3f4a01']);
    assert.deepEqual(withoutDetail(parsed.problems), [
      { line: 2, reason: 'not valid JSON' },
      { line: 3, reason: 'missing "id"' },
    ]);
    assert.equal(typeof parsed.problems[0].detail, 'string');
  });

  it('names the defect of each malformed annotation', () => {
    const [a] = parseAnnotationLines(GOOD).annotations;
    const lines = [
      '[1]',
      JSON.stringify({ ...a, '@context': 'x' }),
      JSON.stringify({ ...a, body: 'note' }),
      JSON.stringify({ ...a, target: { source: 'doc.txt', selector: [] } }),
      JSON.stringify({ ...a, target: { source: 'doc.txt', selector: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 5, end: 2 }] } }),
      JSON.stringify(a),
      JSON.stringify(a),
    ];
    assert.deepEqual(withoutDetail(parseAnnotationLines(lines.join('\n')).problems), [
      { line: 1, reason: 'not a JSON object' },
      { line: 2, reason: '"@context" is not http://www.w3.org/ns/anno.jsonld' },
      { line: 3, reason: '"body" is not a list of TextualBody' },
      { line: 4, reason: 'target needs exactly one TextQuoteSelector' },
      { line: 5, reason: 'TextPositionSelector has invalid "start"/"end"' },
      { line: 7, reason: 'duplicate id (first on line 6)' },
    ]);
  });

  it('merges by id: the later modified wins, mine on a tie, deletions drop, the rest is the union', () => {
    const [a, b] = parseAnnotationLines(GOOD).annotations;
    const aNewer = editAnnotation(a, 'newer', [], new Date('2025-04-01T00:00:00Z'));
    const bOlder = { ...editAnnotation(b, 'older', [], new Date('2025-01-01T00:00:00Z')) };
    const bSameTime = { ...b, body: [{ type: 'TextualBody' as const, purpose: 'commenting' as const, value: 'mine' }] };
    const notes = (list: Annotation[]) => list.map((x) => `${x.id.slice(-2)} ${noteOf(x)}`);
    assert.deepEqual(notes(mergeAnnotations([aNewer], [a, b])), ['01 newer', '02 Rendered 全天候战略合作伙伴关系 in the Chinese text.']);
    assert.deepEqual(notes(mergeAnnotations([a], [aNewer])), ['01 newer']);
    assert.deepEqual(notes(mergeAnnotations([bOlder], [b])), ['02 Rendered 全天候战略合作伙伴关系 in the Chinese text.']);
    assert.deepEqual(notes(mergeAnnotations([bSameTime], [b])), ['02 mine']);
    assert.deepEqual(notes(mergeAnnotations([a], [b], new Set([b.id]))), ['01 “全天候”首见于2005年。']);
  });
});
