import * as assert from 'assert';
import * as vscode from 'vscode';
import { corpusUri, documentSymbols, pollUntil } from './helpers';

const STATEMENT_2025 = '2025-02-06-cn-pk-joint-statement.txt';

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
}

async function openAt(line: number, character: number): Promise<vscode.TextEditor> {
  const uri = corpusUri(STATEMENT_2025);
  await documentSymbols(uri);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
  const at = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(at, at);
  return editor;
}

const cursorOf = () => {
  const e = vscode.window.activeTextEditor;
  return e ? `${e.document.uri.path.split('/').pop()}:${e.selection.active.line + 1}:${e.selection.active.character + 1}` : 'none';
};

describe('parallel paragraphs', () => {
  it('hovers Chinese article 五、 to its English translation, article 5., in full', async () => {
    const editor = await openAt(20, 5);
    const english = editor.document.lineAt(88).text;
    const text = await pollUntil('a pairing hover on line 21', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(20, 5));
      const t = hoverText(hovers ?? []);
      return t.includes('↔ English') ? t : undefined;
    });
    const [heading, quote] = text.split('\n\n');
    assert.deepStrictEqual([heading, quote], ['**↔ English · 5. ¶1 · confidence 1.00**', `> ${english}`]);
  });

  it('hovers the English paragraph back to the Chinese one', async () => {
    const editor = await openAt(88, 5);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(88, 5));
    const [heading, quote] = hoverText(hovers).split('\n\n');
    assert.deepStrictEqual([heading, quote], ['**↔ Chinese · 五、 ¶1 · confidence 1.00**', `> ${editor.document.lineAt(20).text}`]);
  });

  it('jumps to the parallel paragraph and, pressed again, back to where the reader was', async () => {
    await openAt(20, 5);
    await vscode.commands.executeCommand('treatyLens.goToParallelParagraph');
    assert.strictEqual(await pollUntil('the jump', async () => (cursorOf().endsWith(':89:1') ? cursorOf() : undefined)), `${STATEMENT_2025}:89:1`);
    await vscode.commands.executeCommand('treatyLens.goToParallelParagraph');
    assert.strictEqual(await pollUntil('the jump back', async () => (cursorOf().endsWith(':21:6') ? cursorOf() : undefined)), `${STATEMENT_2025}:21:6`);
  });

  it('opens the counterpart side by side and keeps it on the paragraph under the cursor', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const source = await openAt(12, 3);
    await vscode.commands.executeCommand('treatyLens.openSideBySide');
    const beside = await pollUntil('an editor beside', async () =>
      vscode.window.visibleTextEditors.find((e) => e !== source && e.viewColumn === vscode.ViewColumn.Two));
    const shows = (line: number) => beside.visibleRanges.some((r) => r.start.line <= line && line <= r.end.line);
    const shown = () => `${beside.document.uri.path.split('/').pop()} lines ${beside.visibleRanges.map((r) => `${r.start.line + 1}-${r.end.line + 1}`).join(',')}`;
    // 二、 (line 13) pairs with 2. (line 81): the editor beside scrolls it into view (VS Code keeps
    // a couple of lines of context above a range revealed at the top).
    await pollUntil('the beside editor showing line 81', async () => (shows(80) ? true : undefined))
      .catch((e) => { throw new Error(`${e.message}; it shows ${shown()}`); });
    assert.strictEqual(shows(88), false, `line 89 already visible: ${shown()}`);
    // Moving the cursor to 五、 (line 21) scrolls the editor beside to 5. (line 89).
    const at = new vscode.Position(20, 2);
    source.selection = new vscode.Selection(at, at);
    await pollUntil('the beside editor following to line 89', async () => (shows(88) ? true : undefined))
      .catch((e) => { throw new Error(`${e.message}; it shows ${shown()}`); });
    assert.strictEqual(vscode.window.activeTextEditor, source);
  });
});
