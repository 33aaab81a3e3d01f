/**
 * The glossary reader: exact problems (0-based line and character) for malformed files,
 * the corpus glossary itself, and its JSON Schema.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import * as fc from 'fast-check';
import { compileGlossary, findTermOccurrences, parseGlossary } from '../src/core/terms';

const root = path.join(__dirname, '..', '..');
const corpusGlossaryText = fs.readFileSync(path.join(root, 'corpus', 'glossary.json'), 'utf8');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'client', 'schemas', 'glossary.schema.json'), 'utf8'));

/** Problems as compact rows: `line:char severity code: message`. */
function problemsOf(text: string): string[] {
  return parseGlossary(text).problems.map((p) => `${p.line}:${p.character} ${p.severity} ${p.code}: ${p.message}`);
}

describe('terms: parseGlossary', () => {
  it('reads a small glossary', () => {
    const text = '{"version": 1, "terms": [{"id": "cpec", "zh": ["中巴经济走廊"], "en": ["CPEC"], "note": "n", "definedAt": {"file": "a.txt", "line": 3}}]}';
    const result = parseGlossary(text);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.glossary, {
      version: 1,
      terms: [{ id: 'cpec', zh: ['中巴经济走廊'], en: ['CPEC'], note: 'n', definedAt: { file: 'a.txt', line: 3 }, idRange: { start: 32, end: 38 } }],
    });
    assert.equal(text.slice(32, 38), '"cpec"');
  });

  const syntaxCases: [string, string, string[]][] = [
    ['missing comma between properties', '{\n  "version": 1\n  "terms": []\n}', [`2:2 error json-syntax: JSON syntax error: ',' or '}' expected after property value, found '"'`]],
    ['trailing comma in an array', '{\n  "version": 1,\n  "terms": [\n    {"id": "a", "zh": ["甲"], "en": ["a"]},\n  ]\n}', [`4:2 error json-syntax: JSON syntax error: trailing comma before ']'`]],
    ['unterminated string', '{"version": 1, "terms": [{"id": "a', ['0:32 error json-syntax: JSON syntax error: unterminated string']],
    ['empty file', '', ['0:0 error json-syntax: JSON syntax error: unexpected end of file: value expected']],
    ['CRLF line ends', '{\r\n  "version": 1,\r\n  "terms": [\r\n    {"id": "a", "zh": ["甲"], "en": ["a"]} x\r\n  ]\r\n}', [`3:42 error json-syntax: JSON syntax error: ',' or ']' expected after array item, found 'x'`]],
    ['a comment', '{\n  // terms\n  "version": 1, "terms": []\n}', ['1:2 error json-syntax: JSON syntax error: comments are not allowed in JSON']],
    ['text after the value', '{"version": 1, "terms": []}\n}', [`1:0 error json-syntax: JSON syntax error: end of file expected after the top-level value, found '}'`]],
    ['not an object', '[]', ['0:0 error wrong-type: the glossary must be an object with "version" and "terms"']],
    ['unsupported version', '{"version": 2, "terms": []}', ['0:12 error unsupported-version: unsupported "version": expected 1']],
    ['missing terms', '{"version": 1}', ['0:0 error missing-property: missing "terms" (an array of terms)']],
  ];
  for (const [name, text, expected] of syntaxCases) {
    it(name, () => {
      assert.deepEqual(problemsOf(text), expected);
      assert.equal(parseGlossary(text).glossary, undefined);
    });
  }

  it('reports every broken term with its line and reason, and withholds the glossary', () => {
    const text = [
      '{',
      '  "version": 1,',
      '  "terms": [',
      '    { "zh": ["甲"], "en": ["a"] },',
      '    { "id": "b", "zh": [], "en": ["b"] },',
      '    { "id": "c", "zh": ["丙"], "en": ["  "] },',
      '    { "id": "c", "zh": ["丁"], "en": ["d"] },',
      '    { "id": "e", "zh": ["一個中國原則"], "en": ["E"] },',
      '    { "id": "f", "zh": ["一个中国原则"], "en": ["F"], "colour": "red" },',
      '    { "id": "Bad Id", "zh": ["庚"], "en": ["g"] },',
      '    { "id": "h", "zh": ["辛"], "en": ["h"], "definedAt": { "file": "x.txt", "line": 0 } }',
      '  ]',
      '}',
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      '3:4 error missing-property: term 1 has no "id"',
      '4:23 error empty-forms: "b": "zh" needs at least one form',
      '5:37 error empty-form: "c": empty en form',
      '6:12 error duplicate-id: duplicate id "c" (first used by term 3)',
      // Traditional folding makes the two spellings one form.
      '8:24 error shared-form: "f": "一个中国原则" is also a form of "e"',
      '8:48 warning unknown-property: unknown property "colour" in term 6',
      '9:12 error invalid-id: invalid id "Bad Id": use lower-case letters, digits and single hyphens or dots, e.g. "one-china-principle"',
      '10:83 error wrong-type: "h": "definedAt.line" must be a line number from 1',
    ]);
    assert.equal(parseGlossary(text).glossary, undefined);
  });

  it('keeps the glossary when there are only warnings', () => {
    const text = '{"version":1,"terms":[{"id":"a","zh":["甲","甲"],"en":["a"],"x":1}]}';
    assert.deepEqual(problemsOf(text), [
      '0:42 warning repeated-form: "a": "甲" repeats another form of this term once normalised',
      '0:58 warning unknown-property: unknown property "x" in term 1',
    ]);
    assert.deepEqual(parseGlossary(text).glossary?.terms.map((t) => [t.id, t.zh, t.en]), [['a', ['甲'], ['a']]]);
  });

  it('an abbreviation and a word that differ only in case are one form', () => {
    const text = '{"version":1,"terms":[{"id":"a","zh":["甲"],"en":["CPEC"]},{"id":"b","zh":["乙"],"en":["cpec"]}]}';
    assert.deepEqual(problemsOf(text), ['0:85 error shared-form: "b": "cpec" is also a form of "a"']);
  });

  it('never throws, and every problem lies inside the text', () => {
    const mutated = fc
      .tuple(fc.nat(corpusGlossaryText.length - 1), fc.nat(40), fc.string({ maxLength: 3 }))
      .map(([at, cut, insert]) => corpusGlossaryText.slice(0, at) + insert + corpusGlossaryText.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), mutated), (text) => {
        const { glossary, problems } = parseGlossary(text);
        assert.ok(glossary !== undefined || problems.some((p) => p.severity === 'error'));
        for (const p of problems) {
          assert.ok(p.range.start >= 0 && p.range.start <= text.length && p.range.end <= text.length);
          const lines = text.split(/\r\n|\r|\n/);
          assert.ok(p.line < lines.length && p.character <= lines[p.line].length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('terms: the corpus glossary', () => {
  const { glossary, problems } = parseGlossary(corpusGlossaryText);

  it('has no problems and at least 30 terms', () => {
    assert.deepEqual(problems, []);
    assert.equal(glossary?.terms.length, 72);
  });

  it('validates against the JSON Schema contributed to VS Code', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    assert.equal(validate(JSON.parse(corpusGlossaryText)), true, JSON.stringify(validate.errors));
  });

  it('the schema rejects what the reader rejects', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const bad = { version: 1, terms: [{ id: 'Bad Id', zh: [], en: ['a'], colour: 'red' }] };
    assert.equal(validate(bad), false);
    assert.deepEqual(
      validate.errors!.map((e) => `${e.instancePath} ${e.keyword}`).sort(),
      ['/terms/0 additionalProperties', '/terms/0/id pattern', '/terms/0/zh minItems'],
    );
  });

  it('every property of the schema has a description, for completion in the editor', () => {
    const missing: string[] = [];
    const walk = (node: Record<string, unknown>, where: string) => {
      const props = node.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [name, sub] of Object.entries(props ?? {})) {
        if (typeof sub.description !== 'string' && typeof sub.$ref !== 'string') missing.push(`${where}.${name}`);
        walk(sub, `${where}.${name}`);
      }
      for (const [name, sub] of Object.entries((node.definitions as Record<string, Record<string, unknown>>) ?? {})) walk(sub, name);
    };
    walk(schema, '');
    assert.deepEqual(missing, []);
  });

  it('each definedAt line holds an occurrence of its term', () => {
    const compiled = compileGlossary(glossary!);
    const places = glossary!.terms.filter((t) => t.definedAt);
    assert.equal(places.length, 7);
    for (const term of places) {
      const lines = fs.readFileSync(path.join(root, 'corpus', term.definedAt!.file), 'utf8').split('\n');
      const found = findTermOccurrences(lines[term.definedAt!.line - 1], compiled).map((o) => o.termId);
      assert.ok(found.includes(term.id), `${term.id} at ${term.definedAt!.file}:${term.definedAt!.line}`);
    }
  });
});
