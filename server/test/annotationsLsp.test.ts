/** Annotations through the real server over stdio, on temporary copies of the 2025 statement (issue #5's acceptance). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CORPUS, LspClient, fileUri } from './support/lspClient';

const NAME = '2025-02-06-cn-pk-joint-statement.txt';
const QUOTE = '台湾问题是中国核心利益中的核心';

/** A workspace folder holding `corpus/<NAME>`, writable. */
function tempCorpus(): { root: string; file: string; store: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-lens-annotations-'));
  fs.mkdirSync(path.join(root, 'corpus'));
  const file = path.join(root, 'corpus', NAME);
  fs.writeFileSync(file, fs.readFileSync(path.join(CORPUS, NAME)));
  return { root, file, store: path.join(root, 'corpus', '.annotations', `${NAME}.jsonl`) };
}

const position = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};

describe('annotations over LSP', function () {
  this.timeout(30000);

  describe('a clause of the 2025 statement', () => {
    let client: LspClient;
    let ws: ReturnType<typeof tempCorpus>;
    let uri: string;
    let text: string;
    let version = 1;
    let id: string;

    before(async () => {
      ws = tempCorpus();
      client = new LspClient();
      await client.initialize(ws.root);
      text = fs.readFileSync(ws.file, 'utf8');
      uri = client.open(ws.file, text);
    });
    after(async () => {
      await client.shutdown();
      fs.rmSync(ws.root, { recursive: true, force: true });
    });

    const change = (edits: Array<{ at: number; remove?: number; insert: string }>) => {
      // Applied last first, so every offset refers to the text before the change.
      for (const e of [...edits].sort((a, b) => b.at - a.at)) {
        const range = { start: position(text, e.at), end: position(text, e.at + (e.remove ?? 0)) };
        text = text.slice(0, e.at) + e.insert + text.slice(e.at + (e.remove ?? 0));
        client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: e.insert }] });
      }
    };
    const list = async () => (await client.request('treatyLens/annotations/list', { uri }))[0];

    it('creates an annotation on a selection: exact, in article 5, with the English counterpart', async () => {
      const start = text.indexOf(QUOTE);
      const view = await client.request('treatyLens/annotations/create', {
        uri, range: { start: position(text, start), end: position(text, start + QUOTE.length) },
        note: "first time: 'core of the core interests'", tags: ['taiwan', '#new-wording', ' '], creator: 'Researcher',
      });
      id = view.id;
      assert.match(id, /^urn:uuid:[0-9a-f-]{36}$/);
      assert.deepStrictEqual(
        { status: view.status, range: view.range, quote: view.quote, article: view.articleId, label: view.articleLabel, tags: view.tags, creator: view.creator },
        {
          status: 'exact', range: { start: { line: 20, character: 96 }, end: { line: 20, character: 111 } }, quote: QUOTE,
          article: 'zh/art_5', label: '五、', tags: ['taiwan', 'new-wording'], creator: 'Researcher',
        },
      );
      assert.match(view.counterpartQuote, /^5\.The two sides reaffirmed .* the Taiwan question is the core of China’s core interests\./);
      const stored = fs.readFileSync(ws.store, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.strictEqual(stored.length, 1);
      assert.deepStrictEqual(stored[0].target.selector.slice(1), [
        { type: 'TextPositionSelector', start: 925, end: 940, utf16Start: 925, utf16End: 940 },
        { type: 'FragmentSelector', value: 'zh/art_5__para_1', conformsTo: 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0' },
      ]);
      const listed = await list();
      assert.deepStrictEqual(listed.annotations.map((a: any) => [a.id, a.status, a.range.start.line]), [[id, 'exact', 20]]);
      assert.strictEqual(listed.readOnly, false);
    });

    it('hovering the English counterpart says its Chinese twin is annotated', async () => {
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 88, character: 5 } });
      assert.ok(hover.contents.value.includes(
        `**✎ The Chinese counterpart is annotated (1)**\n\n> ${QUOTE}\n\nfirst time: 'core of the core interests' · \\#taiwan \\#new-wording`,
      ), hover.contents.value);
    });

    it('edits, replies and resolves, keeping note, tags and replies apart', async () => {
      await client.request('treatyLens/annotations/edit', { uri, id, note: 'first time Pakistan says it', tags: ['taiwan', 'commitment'] });
      await client.request('treatyLens/annotations/reply', { uri, id, text: 'also in 2023?', creator: 'Reviewer' });
      const view = await client.request('treatyLens/annotations/resolve', { uri, id, resolved: true });
      assert.deepStrictEqual(
        { note: view.note, tags: view.tags, replies: view.replies.map((r: any) => [r.creator, r.text]), resolved: view.resolved },
        { note: 'first time Pakistan says it', tags: ['taiwan', 'commitment'], replies: [['Reviewer', 'also in 2023?']], resolved: true },
      );
      await client.request('treatyLens/annotations/delete', { uri, id, reply: 0 });
      const after = await client.request('treatyLens/annotations/resolve', { uri, id, resolved: false });
      assert.deepStrictEqual([after.replies, after.resolved], [[], false]);
    });

    it('finds the same clause after a paragraph is inserted above and words are edited around it', async () => {
      const quoteAt = text.indexOf(QUOTE);
      change([
        { at: text.indexOf('五、'), insert: '新增的一段，讨论双方合作。\n\n' },
        { at: quoteAt - '一部分、'.length, remove: '一部分、'.length, insert: '一部分；同时，' },
        { at: quoteAt + QUOTE.length, remove: 1, insert: '。巴方' },
      ]);
      const listed = await list();
      const a = listed.annotations[0];
      const at = text.indexOf(QUOTE);
      assert.deepStrictEqual({ status: a.status, range: a.range, article: a.articleId }, {
        status: 'article', range: { start: position(text, at), end: position(text, at + QUOTE.length) }, article: 'zh/art_5',
      });
      assert.deepStrictEqual(a.range.start, { line: 22, character: 99 });
      const changed = await client.waitFor('treatyLens/annotations/changed', (p) => p.uri === uri);
      assert.deepStrictEqual(changed, { uri });
    });

    it('writes the moved position to the store on save', async () => {
      fs.writeFileSync(ws.file, text);
      const before = fs.readFileSync(ws.store, 'utf8');
      client.notify('textDocument/didSave', { textDocument: { uri } });
      const at = text.indexOf(QUOTE);
      let stored: any;
      for (let i = 0; i < 100; i++) {
        const now = fs.readFileSync(ws.store, 'utf8');
        if (now !== before) {
          stored = JSON.parse(now.trim());
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(stored, 'the store was not rewritten');
      assert.deepStrictEqual(stored.target.selector[1], { type: 'TextPositionSelector', start: at, end: at + QUOTE.length, utf16Start: at, utf16End: at + QUOTE.length });
      assert.strictEqual(stored.target.selector[0].exact, QUOTE);
      assert.strictEqual((await list()).annotations[0].status, 'exact');
    });

    it('lists a deleted clause as orphaned with its quote, and keeps it', async () => {
      const at = text.indexOf(QUOTE);
      change([{ at: at - '一部分；同时，'.length, remove: '一部分；同时，'.length + QUOTE.length, insert: '一部分' }]);
      const a = (await list()).annotations[0];
      assert.deepStrictEqual(
        { id: a.id, status: a.status, range: a.range, quote: a.quote, article: a.articleId, note: a.note },
        { id, status: 'orphaned', range: null, quote: QUOTE, article: 'zh/art_5', note: 'first time Pakistan says it' },
      );
      const exported = await client.request('treatyLens/annotations/export', { format: 'csv' });
      assert.strictEqual(exported.text.split('\r\n')[1],
        `${NAME},zh/art_5,,,orphaned,${QUOTE},,taiwan; commitment,first time Pakistan says it,,no,Researcher,${a.created},${a.modified}`);
    });

    it('reloads a store changed on disk (another window) and tells the client', async () => {
      const other = JSON.parse(fs.readFileSync(ws.store, 'utf8').trim());
      const added = { ...other, id: 'urn:uuid:00000000-0000-4000-8000-000000000002', body: [{ type: 'TextualBody', purpose: 'commenting', value: 'from the other window' }] };
      fs.writeFileSync(ws.store, [other, added].map((a) => JSON.stringify(a)).join('\n') + '\n');
      const seen = client.notifications.length;
      client.notify('treatyLens/annotations/storeChanged', { uri: fileUri(ws.store) });
      await client.waitFor('treatyLens/annotations/changed', (p) => p.uri === uri && client.notifications.length > seen);
      const notes = (await list()).annotations.map((a: any) => a.note).sort();
      assert.deepStrictEqual(notes, ['first time Pakistan says it', 'from the other window']);
    });

    it('deletes an annotation', async () => {
      assert.strictEqual(await client.request('treatyLens/annotations/delete', { uri, id }), true);
      assert.deepStrictEqual((await list()).annotations.map((a: any) => a.note), ['from the other window']);
      assert.strictEqual(fs.readFileSync(ws.store, 'utf8').trim().split('\n').length, 1);
    });
  });

  describe('a hand-corrupted store', () => {
    let client: LspClient;
    let ws: ReturnType<typeof tempCorpus>;
    const corrupt = [
      '{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:uuid:1","type":"Annotation","motivation":"commenting","created":"2025-03-01T08:00:00.000Z","modified":"2025-03-01T08:00:00.000Z","creator":{"type":"Person","name":"A"},"body":[{"type":"TextualBody","purpose":"commenting","value":"kept"}],"target":{"source":"x","selector":[{"type":"TextQuoteSelector","exact":"巴基斯坦","prefix":"","suffix":""}]}}',
      '{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:uuid:2", "type": ',
      '',
    ].join('\n');

    before(async () => {
      ws = tempCorpus();
      fs.mkdirSync(path.dirname(ws.store));
      fs.writeFileSync(ws.store, corrupt);
      client = new LspClient();
      await client.initialize(ws.root);
    });
    after(async () => {
      await client.shutdown();
      fs.rmSync(ws.root, { recursive: true, force: true });
    });

    it('reports the bad line on the store file, warns once, and leaves the file byte for byte', async () => {
      const uri = client.open(ws.file);
      const diagnostics = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === fileUri(ws.store));
      assert.deepStrictEqual(diagnostics.diagnostics.map((d: any) => [d.range.start.line, d.severity, d.code, d.message]), [[
        1, 1, 'annotation-line',
        `Annotation line 2 cannot be read: not valid JSON. The file is left untouched; new annotations go to ${NAME}.jsonl.recovery until it is fixed.`,
      ]]);
      const warning = await client.waitFor('window/showMessageRequest', (p) => p.type === 2);
      assert.strictEqual(warning.message,
        `Treaty Lens: ${NAME}.jsonl has 1 line(s) that cannot be read (line 2: not valid JSON). It is left untouched; new annotations go to ${NAME}.jsonl.recovery until it is fixed.`);
      const listed = (await client.request('treatyLens/annotations/list', { uri }))[0];
      assert.deepStrictEqual([listed.readOnly, listed.annotations.map((a: any) => [a.note, a.status])], [true, [['kept', 'fuzzy']]]);
    });

    it('puts a new annotation in the recovery file and refuses to delete stored ones', async () => {
      const uri = fileUri(ws.file);
      const view = await client.request('treatyLens/annotations/create', {
        uri, range: { start: { line: 20, character: 96 }, end: { line: 20, character: 111 } }, note: 'new', tags: [], creator: 'R',
      });
      assert.strictEqual(fs.readFileSync(ws.store, 'utf8'), corrupt);
      const recovered = fs.readFileSync(`${ws.store}.recovery`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.deepStrictEqual(recovered.map((a: any) => [a.id, a.target.selector[0].exact]), [[view.id, QUOTE]]);
      await assert.rejects(client.request('treatyLens/annotations/delete', { uri, id: 'urn:uuid:1' }), /cannot be read/);
      assert.strictEqual(fs.readFileSync(ws.store, 'utf8'), corrupt);
      assert.deepStrictEqual((await client.request('treatyLens/annotations/list', { uri }))[0].annotations.map((a: any) => a.note).sort(), ['kept', 'new']);
    });

    it('folds the recovery file back in once the store is fixed', async () => {
      const uri = fileUri(ws.file);
      fs.writeFileSync(ws.store, corrupt.split('\n')[0] + '\n');
      client.notify('treatyLens/annotations/storeChanged', { uri: fileUri(ws.store) });
      const cleared = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === fileUri(ws.store) && p.diagnostics.length === 0);
      assert.deepStrictEqual(cleared.diagnostics, []);
      await client.request('treatyLens/annotations/edit', { uri, id: 'urn:uuid:1', note: 'kept, edited', tags: [] });
      assert.strictEqual(fs.existsSync(`${ws.store}.recovery`), false);
      assert.deepStrictEqual(fs.readFileSync(ws.store, 'utf8').trim().split('\n').map((l) => JSON.parse(l).body[0].value).sort(), ['kept, edited', 'new']);
    });
  });
});
