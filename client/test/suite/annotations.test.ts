import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { corpusUri, documentSymbols, pollUntil } from './helpers';

const STATEMENT_2025 = '2025-02-06-cn-pk-joint-statement.txt';
const QUOTE = '台湾问题是中国核心利益中的核心';

interface State {
  threads: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } } | null; label: string; contextValue: string; comments: Array<{ body: string; author: string }> }>;
  tree: Array<{ label: string; description?: string; children?: State['tree'] }>;
}

const state = () => vscode.commands.executeCommand<State>('treatyLens.annotations.state');
const rangeText = (r: State['threads'][number]['range']) => (r ? `${r.start.line + 1}:${r.start.character}-${r.end.line + 1}:${r.end.character}` : 'none');
const flat = (nodes: State['tree'], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` · ${n.description}` : ''}`, ...flat(n.children ?? [], depth + 1)]);

describe('clause annotations (acceptance of issue #5)', () => {
  // A copy in a corpus folder of its own: the store (.annotations/) is written beside it, never in the repository.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-annotations-'));
  const file = path.join(dir, 'corpus', STATEMENT_2025);
  const uri = vscode.Uri.file(file);
  const store = path.join(dir, 'corpus', '.annotations', `${STATEMENT_2025}.jsonl`);

  before(async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(corpusUri(STATEMENT_2025).fsPath, file);
    await vscode.workspace.getConfiguration('treatyLens.annotations').update('creator', 'Smoke', vscode.ConfigurationTarget.Global);
    await documentSymbols(uri);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('annotates a clause as a comment thread with tags, listed in the Annotations tree', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.getText(new vscode.Range(20, 96, 20, 111)), QUOTE);
    await vscode.commands.executeCommand('treatyLens.annotateClause', {
      uri: uri.toString(), range: { start: { line: 20, character: 96 }, end: { line: 20, character: 111 } },
      text: 'first time #taiwan #core-interests',
    });
    // The thread and the tree refresh separately: wait for both.
    const s = await pollUntil('the new thread and its tree entry', async () => {
      const now = await state();
      return now.threads.some((t) => t.range?.start.line === 20) && flat(now.tree).length >= 3 ? now : undefined;
    });
    const thread = s.threads.find((t) => t.range?.start.line === 20)!;
    assert.deepStrictEqual(
      { range: rangeText(thread.range), label: thread.label, context: thread.contextValue, comments: thread.comments },
      { range: '21:96-21:111', label: '五、', context: 'open', comments: [{ body: 'first time\n\n#taiwan #core-interests', author: 'Smoke' }] },
    );
    assert.deepStrictEqual(flat(s.tree).map((l) => l.split(' · ')[0]), [STATEMENT_2025, '  五、 zh/art_5', `    ${QUOTE}`]);
    const stored = fs.readFileSync(store, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepStrictEqual(stored.map((a) => a.target.selector.find((x: any) => x.type === 'TextQuoteSelector').exact), [QUOTE]);
  });

  it('finds the clause again after a paragraph is inserted above and words are edited around it, and after a reload', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(20, 0), '新增的一段。\n\n');
    // Words right before and after the clause change too.
    edit.replace(uri, new vscode.Range(20, 80, 20, 87), '人民共和國領土');
    edit.replace(uri, new vscode.Range(20, 112, 20, 116), '坚决支持');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.getText(new vscode.Range(22, 96, 22, 111)), QUOTE);
    await pollUntil('the thread following its clause to line 23', async () =>
      ((await state()).threads.some((t) => rangeText(t.range) === '23:96-23:111') ? true : undefined));
    assert.ok(await doc.save());
    // Saving writes the moved position to the store; a reload (close, reopen) reads it from there.
    await pollUntil('the store holding the moved position', async () => {
      const a = JSON.parse(fs.readFileSync(store, 'utf8').trim());
      const pos = a.target.selector.find((x: any) => x.type === 'TextPositionSelector');
      return pos.utf16Start === doc.offsetAt(new vscode.Position(22, 96)) ? true : undefined;
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await documentSymbols(uri);
    const s = await pollUntil('the thread after reload', async () => {
      const now = await state();
      return now.threads.some((t) => rangeText(t.range) === '23:96-23:111') ? now : undefined;
    });
    assert.deepStrictEqual(s.threads.map((t) => [rangeText(t.range), t.label]), [['23:96-23:111', '五、']]);
  });

  it('lists the annotation as orphaned, with its quote, when the clause is deleted; nothing is dropped', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(22, 96, 22, 111));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(!doc.getText().includes(QUOTE));
    const s = await pollUntil('the orphaned group', async () => {
      const now = await state();
      return flat(now.tree).some((l) => /orphan/i.test(l)) ? now : undefined;
    });
    const lines = flat(s.tree);
    assert.ok(lines.some((l) => l.includes(QUOTE)), `the quote is still listed: ${JSON.stringify(lines)}`);
    assert.deepStrictEqual(s.threads, [], 'an orphaned annotation has no place in the text for a thread');
    await doc.save();
    const stored = fs.readFileSync(store, 'utf8').trim().split('\n');
    assert.strictEqual(stored.length, 1, 'the store still holds the note');
  });
});
