/**
 * Parallel paragraphs on the client: "Go to Parallel Paragraph" (and back), "Open Side by
 * Side" kept in step with the cursor, and the optional code lenses. Every answer comes from
 * the server's `treatyLens/counterpart` and `treatyLens/pairLenses` requests.
 */
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions } from 'vscode-languageclient/node';

export const GO_TO_PARALLEL = 'treatyLens.goToParallelParagraph';
export const OPEN_SIDE_BY_SIDE = 'treatyLens.openSideBySide';

interface Target {
  uri: string;
  position: { line: number; character: number };
}

interface CounterpartResult {
  locations: Array<{ uri: string; range: { start: Target['position']; end: Target['position'] } }>;
  confidence: number | null;
  label: string | null;
  reason: string | null;
}

interface Jump {
  from: { uri: string; position: vscode.Position };
  to: { uri: string; range: vscode.Range };
}

const toRange = (r: CounterpartResult['locations'][number]['range']) =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/**
 * Registers the pairing commands and lenses. Call before the client is created: the hover's
 * command links need `clientOptions.markdown.isTrusted` for exactly these two commands.
 */
export function registerPairing(
  context: vscode.ExtensionContext, clientOptions: LanguageClientOptions, getClient: () => LanguageClient | undefined,
): void {
  const trusted = clientOptions.markdown?.isTrusted;
  const enabled = typeof trusted === 'object' ? trusted.enabledCommands : [];
  if (trusted !== true) {
    clientOptions.markdown = { ...clientOptions.markdown, isTrusted: { enabledCommands: [...enabled, GO_TO_PARALLEL, OPEN_SIDE_BY_SIDE] } };
  }

  const counterpartOf = async (target: Target): Promise<CounterpartResult | undefined> => {
    const client = getClient();
    if (!client) return undefined;
    return client.sendRequest<CounterpartResult>('treatyLens/counterpart', target);
  };

  const targetOf = (arg: unknown): Target | undefined => {
    const given = (Array.isArray(arg) ? arg[0] : arg) as Target | undefined;
    if (given && typeof given.uri === 'string' && given.position) return given;
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const { line, character } = editor.selection.active;
    return { uri: editor.document.uri.toString(), position: { line, character } };
  };

  // Where the last jump came from and landed, so that pressing the key again on the landing
  // paragraph returns to the exact place the reader left (not just to its paragraph).
  let lastJump: Jump | undefined;

  context.subscriptions.push(vscode.commands.registerCommand(GO_TO_PARALLEL, async (arg?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    if (lastJump && arg === undefined && editor && editor.document.uri.toString() === lastJump.to.uri &&
      lastJump.to.range.contains(editor.selection.active)) {
      const back = lastJump.from;
      lastJump = undefined;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(back.uri));
      const shown = await vscode.window.showTextDocument(doc);
      shown.selection = new vscode.Selection(back.position, back.position);
      shown.revealRange(new vscode.Range(back.position, back.position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return;
    }
    const target = targetOf(arg);
    if (!target) return;
    const result = await counterpartOf(target);
    if (!result || result.locations.length === 0) {
      void vscode.window.showInformationMessage(`Treaty Lens: no parallel paragraph here${result?.reason ? `: ${result.reason}` : ''}.`);
      return;
    }
    const first = result.locations[0];
    const last = result.locations[result.locations.length - 1];
    const range = new vscode.Range(toRange(first.range).start, toRange(last.range).end);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(first.uri));
    const shown = await vscode.window.showTextDocument(doc);
    shown.selection = new vscode.Selection(range.start, range.start);
    shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    lastJump = {
      from: { uri: target.uri, position: new vscode.Position(target.position.line, target.position.character) },
      to: { uri: first.uri, range },
    };
  }));

  // Side by side: the counterpart editor beside the source, following the source's cursor.
  const highlight = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findRangeHighlightBackground'),
    isWholeLine: true,
  });
  context.subscriptions.push(highlight);
  let side: { source: vscode.TextEditor; beside: vscode.TextEditor } | undefined;
  let followTimer: NodeJS.Timeout | undefined;

  const showBeside = async (result: CounterpartResult, source: vscode.TextEditor): Promise<void> => {
    const first = result.locations[0];
    const ranges = result.locations.map((l) => toRange(l.range));
    let beside = side?.beside;
    const open = vscode.window.visibleTextEditors.includes(beside!) && beside!.document.uri.toString() === first.uri;
    if (!open) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(first.uri));
      beside = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    }
    side = { source, beside: beside! };
    beside!.setDecorations(highlight, ranges);
    beside!.revealRange(new vscode.Range(ranges[0].start, ranges[ranges.length - 1].end), vscode.TextEditorRevealType.AtTop);
  };

  context.subscriptions.push(vscode.commands.registerCommand(OPEN_SIDE_BY_SIDE, async (arg?: unknown) => {
    const target = targetOf(arg);
    const source = vscode.window.activeTextEditor;
    if (!target || !source) return;
    const result = await counterpartOf(target);
    if (!result || result.locations.length === 0) {
      void vscode.window.showInformationMessage(`Treaty Lens: no parallel paragraph here${result?.reason ? `: ${result.reason}` : ''}.`);
      return;
    }
    side = undefined;
    await showBeside(result, source);
  }));

  context.subscriptions.push(vscode.window.onDidChangeTextEditorSelection((e) => {
    // Only the source editor steers; the beside editor may show the same bilingual file.
    if (!side || e.textEditor !== side.source) return;
    clearTimeout(followTimer);
    followTimer = setTimeout(async () => {
      const current = side;
      if (!current || !vscode.window.visibleTextEditors.includes(current.beside)) {
        side = undefined;
        return;
      }
      const { line, character } = e.selections[0].active;
      const result = await counterpartOf({ uri: e.textEditor.document.uri.toString(), position: { line, character } });
      if (result && result.locations.length > 0 && side === current) await showBeside(result, current.source);
    }, 120);
  }));

  // Code lenses (`↔ en 5 ¶2 · 0.97`), off unless treatyLens.pairing.codeLens is set.
  const lensesChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(lensesChanged);
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: 'treaty' }, {
    onDidChangeCodeLenses: lensesChanged.event,
    async provideCodeLenses(document) {
      const client = getClient();
      if (!client || !vscode.workspace.getConfiguration('treatyLens.pairing', document).get<boolean>('codeLens', false)) return [];
      const lenses = await client.sendRequest<Array<{ line: number; title: string; target: Target }>>('treatyLens/pairLenses', { uri: document.uri.toString() });
      return lenses.map((l) => new vscode.CodeLens(new vscode.Range(l.line, 0, l.line, 0), {
        title: l.title, command: GO_TO_PARALLEL, arguments: [l.target],
      }));
    },
  }));

  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('treatyLens.pairing')) return;
    lensesChanged.fire();
    const threshold = vscode.workspace.getConfiguration('treatyLens.pairing').get<number>('confidenceThreshold', 0.6);
    void getClient()?.sendNotification('treatyLens/pairingSettings', { confidenceThreshold: threshold });
  }));
}
