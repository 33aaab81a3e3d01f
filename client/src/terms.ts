/**
 * The client's part of terms: keeps the server's glossary current and offers
 * `Treaty Lens: Suggest Terms`.
 *
 * The glossary is JSON, not a treaty text, so it is kept out of the document selector (that
 * would send it through the treaty parser, outline and folding). Instead a watcher reports
 * changes on disk and the text of an open glossary is sent as it is edited, so a mistake is
 * reported while typing and the server keeps its last good glossary meanwhile.
 */
import * as vscode from 'vscode';
import type { LanguageClient, WorkspaceEdit } from 'vscode-languageclient/node';

const GLOSSARY_CHANGED = 'treatyLens/glossaryChanged';
const TERMS_SETTINGS = 'treatyLens/termsSettings';
const SUGGEST_TERMS = 'treatyLens/suggestTerms';
const ADD_TERM = 'treatyLens/addTermEdit';
const EDIT_DELAY_MS = 200;

interface TermCandidate {
  text: string;
  lang: 'zh' | 'en';
  kind: 'quoted' | 'ngram';
  count: number;
  documents: number;
}

const isGlossary = (uri: vscode.Uri) => uri.scheme === 'file' && /(^|\/)corpus\/glossary\.json$/.test(uri.path);

/** Wires the glossary watcher, live edits, settings and the Suggest Terms command; call after the client started. */
export function registerTermsClient(context: vscode.ExtensionContext, client: LanguageClient): void {
  const send = (uri: vscode.Uri, text: string | null) =>
    void client.sendNotification(GLOSSARY_CHANGED, { uri: client.code2ProtocolConverter.asUri(uri), text });

  const watcher = vscode.workspace.createFileSystemWatcher('**/corpus/glossary.json');
  const fromDisk = (uri: vscode.Uri) => {
    // An open glossary with unsaved edits is what the user sees: its text wins over the disk.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    send(uri, open?.isDirty ? open.getText() : null);
  };
  watcher.onDidChange(fromDisk);
  watcher.onDidCreate(fromDisk);
  watcher.onDidDelete((uri) => send(uri, null));

  const timers = new Map<string, NodeJS.Timeout>();
  const settings = () => ({ divergence: vscode.workspace.getConfiguration('treatyLens.terms').get<boolean>('divergence', true) });
  void client.sendNotification(TERMS_SETTINGS, settings());
  for (const doc of vscode.workspace.textDocuments) if (isGlossary(doc.uri) && doc.isDirty) send(doc.uri, doc.getText());

  context.subscriptions.push(
    watcher,
    vscode.workspace.onDidChangeTextDocument(({ document }) => {
      if (!isGlossary(document.uri)) return;
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(key, setTimeout(() => send(document.uri, document.getText()), EDIT_DELAY_MS));
    }),
    // Closed without saving: the disk holds the glossary again.
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (isGlossary(document.uri)) send(document.uri, null);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('treatyLens.terms')) void client.sendNotification(TERMS_SETTINGS, settings());
    }),
    vscode.commands.registerCommand('treatyLens.suggestTerms', () => suggestTerms(client)),
  );
}

async function suggestTerms(client: LanguageClient): Promise<void> {
  const candidates = await client.sendRequest<TermCandidate[]>(SUGGEST_TERMS, {});
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('Treaty Lens: no recurring phrase outside the glossary.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({
      label: c.text,
      description: `${c.lang === 'zh' ? '中文' : 'English'} · ${c.count}× in ${c.documents} document${c.documents === 1 ? '' : 's'}`,
      detail: c.kind === 'quoted' ? 'quoted in the texts' : 'repeated phrase',
      candidate: c,
    })),
    { title: 'Treaty Lens: Suggest Terms', placeHolder: 'A recurring phrase to add to the glossary', matchOnDescription: true },
  );
  if (!picked) return;
  const c = picked.candidate;
  const other = await vscode.window.showInputBox({
    title: `Add “${c.text}” to the glossary`,
    prompt: c.lang === 'zh' ? 'Its English form (several: separate with |)' : 'Its Chinese form, Simplified (several: separate with |)',
    validateInput: (v) => (v.trim() ? undefined : 'A term needs a form in both languages'),
  });
  if (!other) return;
  const forms = other.split('|').map((f) => f.trim()).filter(Boolean);
  const params = c.lang === 'zh' ? { zh: [c.text], en: forms } : { zh: forms, en: [c.text] };
  const edit = await client.sendRequest<WorkspaceEdit | null>(ADD_TERM, params);
  if (!edit) {
    void vscode.window.showErrorMessage('Treaty Lens: the glossary cannot be edited (none found, or it is not valid JSON).');
    return;
  }
  const workspaceEdit = await client.protocol2CodeConverter.asWorkspaceEdit(edit);
  if (!workspaceEdit || !(await vscode.workspace.applyEdit(workspaceEdit))) return;
  for (const [uri] of workspaceEdit.entries()) {
    const doc = await vscode.workspace.openTextDocument(uri);
    await doc.save();
    await vscode.window.showTextDocument(doc, { preview: false });
  }
}
