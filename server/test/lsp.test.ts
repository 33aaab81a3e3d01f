/** The real server over stdio: initialize, didOpen, documentSymbol, workspace/symbol, folding, selection, diagnostics. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CORPUS, LspClient, fileUri } from './support/lspClient';

const STATEMENT = path.join(CORPUS, '2025-02-06-cn-pk-joint-statement.txt');

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: LspClient;
  let capabilities: any;

  before(async () => {
    client = new LspClient();
    capabilities = (await client.initialize(CORPUS)).capabilities;
  });
  after(async () => client.shutdown());

  it('announces its capabilities', () => {
    assert.deepStrictEqual(
      {
        sync: capabilities.textDocumentSync.change,
        symbols: !!capabilities.documentSymbolProvider,
        workspaceSymbols: capabilities.workspaceSymbolProvider,
        folding: capabilities.foldingRangeProvider,
        selection: capabilities.selectionRangeProvider,
      },
      { sync: 2, symbols: true, workspaceSymbols: true, folding: true, selection: true },
    );
  });

  it('gives the document symbols of the 2025 statement: sections → articles → paragraphs', async () => {
    const uri = client.open(STATEMENT);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepStrictEqual(symbols.map((s: any) => [s.name, s.kind, s.range.start.line, s.range.end.line]), [
      ['中文（简体）', 3, 0, 72],
      ['English', 3, 74, 145],
    ]);
    const zhArticles = symbols[0].children.filter((c: any) => c.kind === 5);
    const enArticles = symbols[1].children.filter((c: any) => c.kind === 5);
    assert.strictEqual(zhArticles.length, 24);
    assert.strictEqual(enArticles.length, 24);
    assert.deepStrictEqual(
      { name: zhArticles[4].name, detail: zhArticles[4].detail, line: zhArticles[4].selectionRange.start.line, children: zhArticles[4].children.map((c: any) => c.name) },
      { name: '五、', detail: '双方重申在涉及彼此核心利益和重大关切问题上相互坚定支持。双方强调联合国大会第27…', line: 20, children: ['¶1', '¶2'] },
    );
    assert.deepStrictEqual(enArticles[0].selectionRange, { start: { line: 76, character: 0 }, end: { line: 76, character: 2 } });
  });

  it('finds article 5 in both languages of every document for 5, 五, 第五条 and Article 5', async () => {
    const expected = [
      ['5. Article 5 · 第五条', '2023-10-20-cn-pk-joint-press-statement-zh.txt · 中文（简体）', 7],
      ['五、 Article 5 · 第五条', '2025-02-06-cn-pk-joint-statement.txt · 中文（简体）', 20],
      ['5. Article 5 · 第五条', '2025-02-06-cn-pk-joint-statement.txt · English', 88],
    ];
    for (const query of ['5', '五', '第五条', 'Article 5', '第5條']) {
      const result = await client.request('workspace/symbol', { query });
      // Articles are symbols of kind Class (5); glossary terms answer the same query as other kinds.
      const articles = result.filter((s: any) => s.kind === 5);
      assert.deepStrictEqual(articles.map((s: any) => [s.name, s.containerName, s.location.range.start.line]), expected, query);
    }
  });

  it('gives folding ranges per section and article', async () => {
    const uri = fileUri(STATEMENT);
    const folds = await client.request('textDocument/foldingRange', { textDocument: { uri } });
    assert.strictEqual(folds.length, 2 + 16);
    assert.deepStrictEqual(folds.slice(0, 3), [
      { startLine: 0, endLine: 72, kind: 'region' },
      { startLine: 8, endLine: 10, kind: 'region' },
      { startLine: 12, endLine: 14, kind: 'region' },
    ]);
  });

  it('grows selections paragraph → article → section → document', async () => {
    const uri = fileUri(STATEMENT);
    const [sel] = await client.request('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 14, character: 3 }] });
    const chain: string[] = [];
    for (let r = sel; r; r = r.parent) chain.push(`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`);
    assert.deepStrictEqual(chain.slice(0, 3), ['14:0-14:' + fs.readFileSync(STATEMENT, 'utf8').split('\n')[14].length, '12:0-14:' + fs.readFileSync(STATEMENT, 'utf8').split('\n')[14].length, '0:0-72:' + fs.readFileSync(STATEMENT, 'utf8').split('\n')[72].length]);
    assert.strictEqual(chain.length, 4);
  });

  it('publishes diagnostics from the model problems (repeated blocks in the embassy article)', async () => {
    const uri = fileUri(path.join(CORPUS, '2024-pk-embassy-article-cn-pk-relations-zh.txt'));
    const params = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    assert.deepStrictEqual(params.diagnostics.map((d: any) => [d.range.start.line, d.severity, d.code, d.source]), [
      [8, 3, 'repeated-block', 'treaty-lens'],
      [16, 3, 'repeated-block', 'treaty-lens'],
    ]);
  });

  it('re-analyses on incremental edits and updates the workspace index by difference', async () => {
    const uri = fileUri(STATEMENT);
    // Delete the label "五、" of line 21: article 5 disappears, and a numbering gap appears.
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 20, character: 0 }, end: { line: 20, character: 2 } }, text: '' }],
    });
    const diag = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length > 0);
    // The parser's problems only: pairing diagnostics on the same edit are tested with pairing.
    const parserCodes = new Set(['numbering-gap', 'duplicate-number', 'repeated-block', 'article-count-mismatch']);
    assert.deepStrictEqual(diag.diagnostics.filter((d: any) => parserCodes.has(d.code)).map((d: any) => [d.range.start.line, d.code, d.message]), [
      [24, 'numbering-gap', 'Numbering jumps from 4 to 6: 1 number(s) missing.'],
      [76, 'article-count-mismatch', 'The Chinese text has 23 articles (line 9), the English 24.'],
    ]);
    const result = (await client.request('workspace/symbol', { query: '第五条' })).filter((s: any) => s.kind === 5);
    assert.deepStrictEqual(result.map((s: any) => s.location.range.start.line), [7, 88]);
    // Closing the edited document goes back to the file on disk.
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length === 0);
    const again = (await client.request('workspace/symbol', { query: '第五条' })).filter((s: any) => s.kind === 5);
    assert.deepStrictEqual(again.map((s: any) => s.location.range.start.line), [7, 20, 88]);
  });
});

describe('language server: bad corpus files', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspClient;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-lsp-'));
    fs.mkdirSync(path.join(dir, 'corpus'));
    fs.writeFileSync(path.join(dir, 'corpus', 'binary.txt'), Buffer.from([1, 2, 0, 3]));
    fs.writeFileSync(path.join(dir, 'corpus', 'invalid.txt'), Buffer.from([0x31, 0x2e, 0xc3, 0x28]));
    fs.writeFileSync(path.join(dir, 'corpus', 'good.txt'), '\ufeff一、双方同意。\r\n');
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports unreadable files as diagnostics and a message, and keeps serving the others', async () => {
    client = new LspClient();
    await client.initialize(dir);
    const binary = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri.endsWith('binary.txt'));
    assert.deepStrictEqual(binary.diagnostics.map((d: any) => d.message), ['Treaty Lens cannot read binary.txt: not a text file (it holds NUL bytes).']);
    const invalid = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri.endsWith('invalid.txt'));
    assert.deepStrictEqual(invalid.diagnostics.map((d: any) => d.message), ['Treaty Lens cannot read invalid.txt: not valid UTF-8 (first bad byte at offset 2).']);
    const message = await client.waitFor('window/showMessageRequest');
    assert.strictEqual(message.message, 'Treaty Lens could not read 2 corpus file(s): binary.txt (not a text file (it holds NUL bytes)); invalid.txt (not valid UTF-8 (first bad byte at offset 2))');
    const symbols = (await client.request('workspace/symbol', { query: '1' })).filter((s: any) => s.kind === 5);
    assert.deepStrictEqual(symbols.map((s: any) => s.containerName), ['good.txt · 中文（简体）']);
  });

  it('survives a document of binary junk and an empty one', async () => {
    const junk = client.open(path.join(dir, 'junk.treaty.txt'), '\u0000\u0001\u0002garbage');
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: junk } });
    assert.deepStrictEqual(symbols, []);
    const empty = client.open(path.join(dir, 'empty.treaty.txt'), '');
    assert.deepStrictEqual(await client.request('textDocument/foldingRange', { textDocument: { uri: empty } }), []);
    const d = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === junk);
    assert.deepStrictEqual(d.diagnostics.map((x: any) => x.code), ['not-text']);
    assert.strictEqual(client.exitCode, null);
  });
});
