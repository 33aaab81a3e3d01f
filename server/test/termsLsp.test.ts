/**
 * Terms through the real server over stdio: definition, references, hover, highlights,
 * workspace symbols, semantic tokens, the glossary's lifecycle and divergence hints.
 *
 * Workspace: the corpus folder and a fixture folder with a Traditional-script text
 * (server/test/fixtures/terms/workspace/corpus), which has no glossary of its own and so is
 * served by the corpus glossary. Expected counts come from the hand-checked
 * fixtures/terms/expected-occurrences.json, not from the matcher.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CORPUS, LspClient, REPO, fileUri } from './support/lspClient';

const FIXTURE_ROOT = path.join(REPO, 'server/test/fixtures/terms/workspace');
const HANT = path.join(FIXTURE_ROOT, 'corpus/2025-03-01-cn-pk-terms-fixture-hant.txt');
const STATEMENT = path.join(CORPUS, '2025-02-06-cn-pk-joint-statement.txt');
const KAKAR = path.join(CORPUS, '2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt');
const GLOSSARY = path.join(CORPUS, 'glossary.json');
const EXPECTED: { files: Record<string, Array<{ term: string; line: number; text: string }>> } =
  JSON.parse(fs.readFileSync(path.join(REPO, 'server/test/fixtures/terms/expected-occurrences.json'), 'utf8'));

const linesOf = (file: string) => fs.readFileSync(file, 'utf8').split(/\r?\n/);

/** The 0-based position of the `nth` (from 0) place `needle` is on a 1-based line. */
function positionOf(file: string, line1: number, needle: string, nth = 0) {
  const text = linesOf(file)[line1 - 1];
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not on line ${line1} of ${path.basename(file)}`);
  return { line: line1 - 1, character: at };
}

function rangeOf(file: string, line1: number, needle: string) {
  const start = positionOf(file, line1, needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

/** The first line (1-based) of a file holding `needle`. */
const lineWith = (file: string, needle: string) => linesOf(file).findIndex((l) => l.includes(needle)) + 1;

describe('terms over LSP', function () {
  this.timeout(60000);
  let client: LspClient;
  let capabilities: any;

  before(async () => {
    client = new LspClient();
    capabilities = (await client.request('initialize', {
      processId: process.pid,
      rootUri: fileUri(CORPUS),
      workspaceFolders: [{ uri: fileUri(CORPUS), name: 'corpus' }, { uri: fileUri(FIXTURE_ROOT), name: 'terms-fixture' }],
      capabilities: { textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: {} }, workspace: { workspaceFolders: true } },
    })).capabilities;
    client.notify('initialized', {});
    // The fixture folder is indexed last.
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === fileUri(HANT));
  });
  after(async () => client.shutdown());

  it('announces definition, references, highlights and semantic tokens', () => {
    assert.deepStrictEqual(
      [capabilities.definitionProvider, capabilities.referencesProvider, capabilities.documentHighlightProvider, capabilities.semanticTokensProvider],
      [true, true, true, { legend: { tokenTypes: ['glossaryTerm'], tokenModifiers: [] }, full: true }],
    );
  });

  // one-china-principle has no definedAt: its definition is its first use by date, in the
  // 2023-10-19 report (the first entry of the hand-checked list for that term).
  const firstUse = EXPECTED.files['2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt'].find((o) => o.term === 'one-china-principle')!;
  const oneChinaDefinition = () => ({ uri: fileUri(KAKAR), range: rangeOf(KAKAR, firstUse.line, firstUse.text) });

  const definitionAt = (file: string, position: { line: number; character: number }) =>
    client.request('textDocument/definition', { textDocument: { uri: fileUri(file) }, position });

  it('goes to the same definition from 一個中國原則 (Traditional, after a surrogate pair), 一个中国原则 and "one-China principle"', async () => {
    const hant = positionOf(HANT, 3, '一個中國原則');
    assert.deepStrictEqual(hant, { line: 2, character: 12 }, 'the fixture: 𠮷 (two UTF-16 units) before the term');
    const expected = oneChinaDefinition();
    assert.deepStrictEqual(await definitionAt(HANT, { line: 2, character: 12 + 3 }), expected);
    const zh = positionOf(STATEMENT, 21, '一个中国原则');
    assert.deepStrictEqual(await definitionAt(STATEMENT, { ...zh, character: zh.character + 2 }), expected);
    const en = positionOf(STATEMENT, 89, 'one-China principle');
    assert.deepStrictEqual(await definitionAt(STATEMENT, { ...en, character: en.character + 10 }), expected);
  });

  it('goes to the glossary\'s definedAt place for CPEC (its first form on that line)', async () => {
    const at = positionOf(STATEMENT, lineWith(STATEMENT, 'CPEC'), 'CPEC');
    assert.deepStrictEqual(await definitionAt(STATEMENT, at), { uri: fileUri(KAKAR), range: rangeOf(KAKAR, 28, 'China-Pakistan Economic Corridor') });
  });

  it('answers no definition off a term', async () => {
    assert.strictEqual(await definitionAt(STATEMENT, { line: 0, character: 0 + 40 }), null);
  });

  it('lists the references of CPEC in every corpus file, both languages, both scripts', async () => {
    const at = positionOf(STATEMENT, lineWith(STATEMENT, 'CPEC'), 'CPEC');
    const refs: any[] = await client.request('textDocument/references', {
      textDocument: { uri: fileUri(STATEMENT) }, position: at, context: { includeDeclaration: true },
    });
    const perFile: Record<string, number> = {};
    for (const r of refs) perFile[path.basename(url2path(r.uri))] = (perFile[path.basename(url2path(r.uri))] ?? 0) + 1;
    const expected: Record<string, number> = {};
    for (const [file, list] of Object.entries(EXPECTED.files)) {
      const n = list.filter((o) => o.term === 'cpec').length;
      if (n > 0) expected[file] = n;
    }
    expected[path.basename(HANT)] = 2; // 中巴經濟走廊 twice, by hand
    assert.deepStrictEqual(perFile, expected);
    // Both languages in the bilingual statement, both scripts across files.
    const texts = new Set(refs.map((r) => {
      const line = linesOf(url2path(r.uri))[r.range.start.line];
      return line.slice(r.range.start.character, r.range.end.character);
    }));
    for (const t of ['中巴经济走廊', 'China-Pakistan Economic Corridor', 'CPEC', '中巴經濟走廊']) assert.ok(texts.has(t), t);
    // Without the declaration: exactly the definedAt occurrence is left out.
    const without: any[] = await client.request('textDocument/references', {
      textDocument: { uri: fileUri(STATEMENT) }, position: at, context: { includeDeclaration: false },
    });
    assert.strictEqual(without.length, refs.length - 1);
    assert.ok(!without.some((r) => r.uri === fileUri(KAKAR) && r.range.start.line === 27 && r.range.start.character === 28));
  });

  it('highlights the term under the cursor in its document', async () => {
    const at = positionOf(STATEMENT, lineWith(STATEMENT, 'CPEC'), 'CPEC');
    const highlights: any[] = await client.request('textDocument/documentHighlight', { textDocument: { uri: fileUri(STATEMENT) }, position: at });
    assert.strictEqual(highlights.length, EXPECTED.files['2025-02-06-cn-pk-joint-statement.txt'].filter((o) => o.term === 'cpec').length);
  });

  it('hovers a term with both languages, the note, counts and first and latest use', async () => {
    const zh = positionOf(STATEMENT, 21, '一个中国原则');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: fileUri(STATEMENT) }, position: zh });
    const sections: string[] = hover.contents.value.split('\n\n---\n\n');
    // 7 occurrences in the corpus by the hand-checked list, plus 1 in the Traditional fixture.
    const inCorpus = Object.values(EXPECTED.files).flat().filter((o) => o.term === 'one-china-principle').length;
    assert.strictEqual(inCorpus, 7);
    assert.strictEqual(sections[sections.length - 1], [
      '**一个中国原则** — **one-China principle** `one-china-principle`',
      '',
      '中文: 一个中国原则  ',
      'English: one-China principle',
      '',
      'Pakistan "firmly adheres to" / "reaffirmed its firm commitment to" it in each of its statements with China.',
      '',
      '8 occurrences in 5 documents · first 2023-10-19 (2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt) · latest 2025-03-01 (2025-03-01-cn-pk-terms-fixture-hant.txt)',
    ].join('\n'));
  });

  it('offers terms as workspace symbols at their definition', async () => {
    const symbols: any[] = await client.request('workspace/symbol', { query: 'CPEC' });
    const terms = symbols.filter((s) => s.containerName === 'glossary term');
    assert.deepStrictEqual(terms, [{
      name: '中巴经济走廊 · China-Pakistan Economic Corridor · CPEC', kind: 14, containerName: 'glossary term',
      location: { uri: fileUri(KAKAR), range: rangeOf(KAKAR, 28, 'China-Pakistan Economic Corridor') },
    }]);
  });

  it('gives semantic tokens whose decoded ranges are the terms of a line (after a surrogate pair)', async () => {
    const { data } = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: fileUri(HANT) } });
    const decoded: number[][] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
      decoded.push([line, character, data[i + 2], data[i + 3]]);
    }
    const text = linesOf(HANT)[3];
    // 二、雙方同意推進𠮷中巴經濟走廊建設，打造中巴經濟走廊「升級版」。 counted by hand: 𠮷 takes 8 and 9.
    assert.deepStrictEqual(decoded.filter(([l]) => l === 3), [[3, 10, 6, 0], [3, 21, 6, 0], [3, 28, 3, 0]]);
    assert.deepStrictEqual([text.slice(10, 16), text.slice(21, 27), text.slice(28, 31)], ['中巴經濟走廊', '中巴經濟走廊', '升級版']);
  });

  it('reports a malformed glossary with line and reason, and keeps the last good glossary', async () => {
    const uri = fileUri(GLOSSARY);
    const lines = fs.readFileSync(GLOSSARY, 'utf8').split('\n');
    assert.strictEqual(lines[7], '      "en": ["one-China principle"],');
    lines[7] = lines[7].replace(/,$/, ''); // a missing comma: the error is where "note" starts, line 9
    client.notify('treatyLens/glossaryChanged', { uri, text: lines.join('\n') });
    const published = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length > 0);
    assert.deepStrictEqual(published.diagnostics.map((d: any) => [d.range.start.line, d.range.start.character, d.severity, d.code, d.message]), [
      [8, 6, 1, 'json-syntax', 'JSON syntax error: \',\' or \'}\' expected after property value, found \'"\' (the last valid glossary stays in use)'],
    ]);
    assert.deepStrictEqual(await definitionAt(HANT, { line: 2, character: 14 }), oneChinaDefinition());

    client.notify('treatyLens/glossaryChanged', { uri, text: null }); // closed without saving: back to the disk
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length === 0);
    assert.deepStrictEqual(await definitionAt(STATEMENT, positionOf(STATEMENT, 21, '一个中国原则')), oneChinaDefinition());
  });

  it('hints where a paired paragraph leaves a term out, and stops when the setting is off', async () => {
    const file = path.join(FIXTURE_ROOT, 'corpus/2025-03-02-cn-pk-divergence.txt'); // in memory only
    const text = [
      '中华人民共和国和巴基斯坦伊斯兰共和国联合声明', '',
      '一、巴方重申坚定奉行一个中国原则，支持中方立场。',
      '二、双方同意推进中巴经济走廊建设。', '',
      'Joint Statement between the People\'s Republic of China and the Islamic Republic of Pakistan', '',
      '1. Pakistan reaffirmed its firm commitment to the principle of one China and supports the position of China.',
      '2. The two sides agreed to advance the building of the China-Pakistan Economic Corridor.', '',
    ].join('\n');
    const uri = client.open(file, text);
    const hints = (p: any) => p.diagnostics.filter((d: any) => d.code === 'term-divergence');
    const published = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && hints(p).length > 0);
    assert.deepStrictEqual(hints(published).map((d: any) => [d.range, d.severity, d.message]), [[
      { start: { line: 2, character: 10 }, end: { line: 2, character: 16 } }, 4,
      '"一个中国原则" (one-china-principle) is not in the paired English paragraph (line 8), which has none of "one-China principle".',
    ]]);
    client.notify('treatyLens/termsSettings', { divergence: false });
    const off = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && hints(p).length === 0);
    assert.deepStrictEqual(hints(off), []);
    client.notify('treatyLens/termsSettings', { divergence: true });
    client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('suggests recurring phrases outside the glossary, quoted ones first', async () => {
    const candidates: any[] = await client.request('treatyLens/suggestTerms', {});
    assert.deepStrictEqual(candidates.slice(0, 2), [
      { text: '犍陀罗艺术展', lang: 'zh', kind: 'quoted', count: 2, documents: 1 },
      { text: '巴基斯坦', lang: 'zh', kind: 'ngram', count: 55, documents: 4 },
    ]);
    assert.ok(!candidates.some((c) => c.text === 'CPEC' || c.text === '一带一路'));
  });

  it('answers the glossary edit that adds a term', async () => {
    const edit = await client.request('treatyLens/addTermEdit', { zh: ['两国方案'], en: ['two-state solution'] });
    const uri = fileUri(GLOSSARY);
    const lines = fs.readFileSync(GLOSSARY, 'utf8').split('\n');
    const last = lines.length - 4; // the last term's closing brace: "    }" before "  ]", "}" and the final newline
    assert.strictEqual(lines[last], '    }');
    assert.deepStrictEqual(edit, { changes: { [uri]: [{
      range: { start: { line: last, character: 5 }, end: { line: last, character: 5 } },
      newText: ',\n    {\n      "id": "two-state-solution",\n      "zh": ["两国方案"],\n      "en": ["two-state solution"]\n    }',
    }] } });
  });
});

function url2path(uri: string): string {
  return decodeURIComponent(new URL(uri).pathname);
}
