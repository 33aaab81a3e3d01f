/**
 * Pairing through the real language server over stdio: hover, the `treatyLens/counterpart`
 * request behind "Go to Parallel Paragraph", lenses, and the pairing diagnostics.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CORPUS, LspClient, REPO, fileUri } from './support/lspClient';

const STATEMENT = path.join(CORPUS, '2025-02-06-cn-pk-joint-statement.txt');
const lines = fs.readFileSync(STATEMENT, 'utf8').split('\n');

describe('pairing over LSP: the 2025 joint statement', function () {
  this.timeout(30000);
  let client: LspClient;
  let uri: string;

  before(async () => {
    client = new LspClient();
    await client.initialize(REPO);
    uri = client.open(STATEMENT);
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
  });
  after(async () => client.shutdown());

  const counterpart = (line: number, character = 3) =>
    client.request('treatyLens/counterpart', { uri, position: { line: line - 1, character } });

  it('hovers Chinese line 21 to exactly its English translation, line 89', async () => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 20, character: 10 } });
    const value: string = hover.contents.value;
    assert.ok(value.startsWith('**↔ English · 5. ¶1 · confidence 1.00**\n\n> 5.The two sides reaffirmed'), value.slice(0, 80));
    assert.ok(value.includes(`> ${lines[88].replace(/([\\`*_{}[\]<>#|])/g, '\\$1')}`), 'the English paragraph in full');
    assert.ok(value.includes('[Go to counterpart](command:treatyLens.goToParallelParagraph?'));
    assert.ok(value.includes('[Open side by side](command:treatyLens.openSideBySide?'));
  });

  it('answers treatyLens/counterpart for every Chinese paragraph, and back', async () => {
    const expected: Array<[number, number]> = [[7, 75]];
    for (let zh = 9, en = 77; zh <= 73; zh += 2, en += 2) expected.push([zh, en]);
    for (const [zh, en] of expected) {
      const there = await counterpart(zh);
      assert.deepStrictEqual(there.locations.map((l: any) => [l.uri, l.range.start.line + 1]), [[uri, en]], `zh ${zh}`);
      assert.ok(there.confidence >= 0.85, `zh ${zh}: ${there.confidence}`);
      const back = await counterpart(en);
      assert.deepStrictEqual(back.locations.map((l: any) => l.range.start.line + 1), [zh], `en ${en}`);
    }
  });

  it('gives the exact answer for Chinese line 21', async () => {
    const r = await counterpart(21);
    assert.deepStrictEqual(r.locations, [{ uri, range: { start: { line: 88, character: 0 }, end: { line: 88, character: lines[88].length } } }]);
    assert.strictEqual(r.label, 'en 5 ¶1');
    assert.strictEqual(r.reason, null);
  });

  it('says why an unpaired paragraph has no counterpart', async () => {
    const r = await counterpart(5);
    assert.deepStrictEqual(r, { locations: [], confidence: null, label: null, reason: 'no English paragraph says the same thing' });
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 2 } });
    assert.ok(hover.contents.value.includes('**↔ English: not paired** (no English paragraph says the same thing).'), hover.contents.value);
    const chrome = await counterpart(143, 0);
    assert.strictEqual(chrome.reason, 'page chrome is never paired');
  });

  it('lists one lens per paired paragraph', async () => {
    const lenses = await client.request('treatyLens/pairLenses', { uri });
    assert.strictEqual(lenses.length, 68);
    const at21 = lenses.find((l: any) => l.line === 20);
    assert.strictEqual(at21.title, '↔ en 5 ¶1 · 1.00');
    assert.strictEqual(lenses.find((l: any) => l.line === 88).title, '↔ zh 5 ¶1 · 1.00');
  });
});

describe('pairing over LSP: across files and diagnostics', function () {
  this.timeout(30000);
  let client: LspClient;
  // The split halves are copied into a corpus folder of their own: kept in the repository's
  // tree, they would join the workspace index of every other LSP test.
  const split = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-split-'));
  const zhFile = path.join(split, 'corpus', '2025-02-06-cn-pk-joint-statement-zh.txt');
  const enFile = path.join(split, 'corpus', '2025-02-06-cn-pk-joint-statement-en.txt');

  before(async () => {
    fs.mkdirSync(path.join(split, 'corpus'));
    const fixtures = path.join(__dirname, 'fixtures', 'align', 'split');
    for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(split, 'corpus', f));
    client = new LspClient();
    await client.initialize(split);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(split, { recursive: true, force: true });
  });

  it('jumps from a Chinese-only file to its English file and back', async () => {
    const zhUri = client.open(zhFile);
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === zhUri);
    const there = await client.request('treatyLens/counterpart', { uri: zhUri, position: { line: 20, character: 4 } });
    assert.deepStrictEqual(there.locations.map((l: any) => [l.uri, l.range.start.line + 1]), [[fileUri(enFile), 15]]);
    const enUri = client.open(enFile);
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === enUri);
    const back = await client.request('treatyLens/counterpart', { uri: enUri, position: { line: 14, character: 4 } });
    assert.deepStrictEqual(back.locations.map((l: any) => [l.uri, l.range.start.line + 1]), [[zhUri, 21]]);
  });

  it('reports an article with no counterpart, and low-confidence pairs below the threshold', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-align-'));
    const file = path.join(dir, 'corpus', 'gap.treaty.txt');
    const text = [lines[8], lines[12], lines[18], lines[76], lines[80], lines[84], lines[86]].join('\n');
    const uri = client.open(file, text);
    const diags = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    const pairing = diags.diagnostics.filter((d: any) => d.code === 'unpaired-article' || d.code === 'low-confidence-pair');
    assert.deepStrictEqual(pairing.map((d: any) => [d.code, d.range.start.line + 1, d.message]), [
      ['unpaired-article', 6, 'English article 3. has no Chinese counterpart.'],
    ]);
    client.notify('treatyLens/pairingSettings', { confidenceThreshold: 1 });
    const stricter = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri &&
      p.diagnostics.some((d: any) => d.code === 'low-confidence-pair'));
    assert.ok(stricter.diagnostics.filter((d: any) => d.code === 'low-confidence-pair').length >= 1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
