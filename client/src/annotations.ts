/**
 * Clause annotations on the client: comment threads (VS Code Comments API), a decoration on
 * annotated words, the "Annotations" tree in the Explorer, and export. The server owns the
 * stores and the anchoring (`treatyLens/annotations/*` requests); this file only shows what
 * the server lists and forwards what the reader does.
 *
 * Tags are written as `#tag` words in the comment text (`first time #taiwan #new-wording`): one
 * box to type in, and the text round-trips when a note is edited. The thread shows the note,
 * then the tags on their own line.
 */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { LanguageClient } from 'vscode-languageclient/node';

export const CONTROLLER_ID = 'treatyLens.annotations';
export const VIEW_ID = 'treatyLens.annotationsView';
export const ANNOTATE = 'treatyLens.annotateClause';
export const EXPORT = 'treatyLens.exportAnnotations';
export const FILTER = 'treatyLens.annotations.filter';
export const CLEAR_FILTER = 'treatyLens.annotations.clearFilter';
export const REFRESH = 'treatyLens.annotations.refresh';
export const REVEAL = 'treatyLens.annotations.reveal';
export const SAVE_DRAFT = 'treatyLens.annotations.saveDraft';
export const CANCEL_DRAFT = 'treatyLens.annotations.cancelDraft';
export const REPLY = 'treatyLens.annotations.reply';
export const RESOLVE = 'treatyLens.annotations.resolve';
export const REOPEN = 'treatyLens.annotations.reopen';
export const DELETE_THREAD = 'treatyLens.annotations.deleteThread';
export const EDIT_COMMENT = 'treatyLens.annotations.editComment';
export const SAVE_COMMENT = 'treatyLens.annotations.saveComment';
export const CANCEL_COMMENT = 'treatyLens.annotations.cancelComment';
export const DELETE_COMMENT = 'treatyLens.annotations.deleteComment';
/** Not in the palette: the threads and tree as shown, for the end-to-end suite. */
export const STATE = 'treatyLens.annotations.state';

interface LspPosition { line: number; character: number }
interface LspRange { start: LspPosition; end: LspPosition }

interface Reply { creator: string; created: string; text: string }

interface AnnotationView {
  id: string;
  uri: string;
  status: 'exact' | 'article' | 'fuzzy' | 'orphaned';
  range: LspRange | null;
  score: number | null;
  quote: string;
  articleId: string | null;
  articleLabel: string | null;
  counterpartQuote: string | null;
  note: string;
  tags: string[];
  replies: Reply[];
  resolved: boolean;
  creator: string;
  created: string;
  modified: string;
}

interface DocumentAnnotations {
  uri: string;
  document: string;
  annotations: AnnotationView[];
  readOnly: boolean;
}

const toRange = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
const fromRange = (r: vscode.Range): LspRange => ({
  start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character },
});

/** `note #a #b` → note `note`, tags `a`, `b`. A `#` inside a word (`C#`) is no tag. */
export function splitTags(text: string): { note: string; tags: string[] } {
  const tags: string[] = [];
  const note = text.replace(/(^|\s)#([^\s#]+)/gu, (_m, space: string, tag: string) => {
    tags.push(tag);
    return space;
  });
  return { note: note.split('\n').map((l) => l.trimEnd()).join('\n').trim(), tags: [...new Set(tags)] };
}

/** The comment text of a note: the note, then its tags as `#tag` words on their own line. */
export function joinTags(note: string, tags: readonly string[]): string {
  const line = tags.map((t) => `#${t}`).join(' ');
  return [note, line].filter((s) => s !== '').join('\n\n');
}

/** One comment of a thread: the annotation's note (`reply` undefined) or one of its replies. */
class NoteComment implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  /** The text before an edit, restored by Cancel. */
  private saved: string | vscode.MarkdownString;
  constructor(
    public body: string | vscode.MarkdownString,
    public author: vscode.CommentAuthorInformation,
    public timestamp: Date | undefined,
    readonly annotationId: string,
    readonly uri: string,
    readonly reply: number | undefined,
    public contextValue: string,
    public label: string | undefined,
    readonly thread: () => vscode.CommentThread | undefined,
  ) {
    this.saved = body;
  }
  startEdit(): void {
    this.saved = this.body;
    this.mode = vscode.CommentMode.Editing;
  }
  cancelEdit(): void {
    this.body = this.saved;
    this.mode = vscode.CommentMode.Preview;
  }
}

const dateOf = (iso: string) => (iso ? new Date(iso) : undefined);

/**
 * Registers the comment controller, decoration, tree view and commands. Call right after the
 * language client is created: notification handlers may be set before it starts.
 */
export function registerAnnotations(context: vscode.ExtensionContext, client: LanguageClient): void {
  const controller = vscode.comments.createCommentController(CONTROLLER_ID, 'Treaty Lens Annotations');
  controller.options = { placeHolder: 'Note about this clause; #tags as words (#taiwan #new-wording)', prompt: 'Write a note or a reply' };
  context.subscriptions.push(controller);

  /** Threads shown, by annotation id. */
  const threads = new Map<string, { thread: vscode.CommentThread; view: AnnotationView }>();
  /** The last listing of each annotated document. */
  const listed = new Map<string, DocumentAnnotations>();
  const creator = () => vscode.workspace.getConfiguration('treatyLens.annotations').get<string>('creator', '');

  const decoration = vscode.window.createTextEditorDecorationType({
    textDecoration: 'underline dotted',
    backgroundColor: new vscode.ThemeColor('editor.wordHighlightTextBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.commentForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    after: { contentText: '✎', margin: '0 0 0 2px', color: new vscode.ThemeColor('editorCodeLens.foreground') },
  });
  context.subscriptions.push(decoration);

  const request = async <T>(method: string, params: object): Promise<T | undefined> => {
    try {
      return await client.sendRequest<T>(`treatyLens/annotations/${method}`, params);
    } catch (e) {
      void vscode.window.showErrorMessage((e as Error).message);
      return undefined;
    }
  };

  const decorate = () => {
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = listed.get(editor.document.uri.toString());
      const ranges = (doc?.annotations ?? []).filter((a) => a.range).map((a) => ({
        range: toRange(a.range!),
        hoverMessage: new vscode.MarkdownString().appendText(`✎ ${joinTags(a.note, a.tags)}`),
      }));
      editor.setDecorations(decoration, ranges);
    }
  };

  const commentsOf = (view: AnnotationView, thread: () => vscode.CommentThread | undefined): NoteComment[] => [
    new NoteComment(joinTags(view.note, view.tags), { name: view.creator || 'anonymous' }, dateOf(view.created), view.id, view.uri, undefined, 'annotation',
      view.status === 'exact' || view.status === 'article' ? undefined : view.status, thread),
    ...view.replies.map((r, i) => new NoteComment(r.text, { name: r.creator || 'anonymous' }, dateOf(r.created), view.id, view.uri, i, 'reply', undefined, thread)),
  ];

  const threadLabel = (view: AnnotationView) =>
    [view.articleLabel ?? view.articleId ?? undefined, view.status === 'fuzzy' ? 'moved or changed: check it' : undefined]
      .filter(Boolean).join(' · ') || 'Annotation';

  /** Shows one document's annotations as threads: updated in place, new ones created, gone ones disposed. */
  const showThreads = (doc: DocumentAnnotations) => {
    const uri = vscode.Uri.parse(doc.uri);
    const seen = new Set<string>();
    for (const view of doc.annotations) {
      if (!view.range) continue;
      seen.add(view.id);
      let entry = threads.get(view.id);
      if (!entry) {
        const thread = controller.createCommentThread(uri, toRange(view.range), []);
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
        entry = { thread, view };
        threads.set(view.id, entry);
      }
      const { thread } = entry;
      entry.view = view;
      const range = toRange(view.range);
      if (!thread.range || !thread.range.isEqual(range)) thread.range = range;
      // Keep a comment being edited as it is; everything else follows the server.
      if (!thread.comments.some((c) => c.mode === vscode.CommentMode.Editing)) thread.comments = commentsOf(view, () => threads.get(view.id)?.thread);
      thread.label = threadLabel(view);
      thread.contextValue = view.resolved ? 'resolved' : 'open';
      thread.state = view.resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
      thread.canReply = true;
    }
    for (const [id, entry] of threads) {
      if (entry.view.uri === doc.uri && !seen.has(id)) {
        entry.thread.dispose();
        threads.delete(id);
      }
    }
  };

  const isTreaty = (d: vscode.TextDocument) => d.languageId === 'treaty' && d.uri.scheme === 'file';

  const refreshDocument = async (uri: string) => {
    const [doc] = (await request<DocumentAnnotations[]>('list', { uri })) ?? [];
    if (!doc) return;
    listed.set(uri, doc);
    showThreads(doc);
    decorate();
  };

  // The tree: document → article → annotation, orphaned ones in their own group.
  type Node =
    | { kind: 'document'; doc: DocumentAnnotations; items: AnnotationView[] }
    | { kind: 'group'; doc: DocumentAnnotations; label: string; items: AnnotationView[]; orphaned: boolean }
    | { kind: 'annotation'; view: AnnotationView };
  let filter = '';
  let all: DocumentAnnotations[] = [];
  const treeChanged = new vscode.EventEmitter<Node | undefined>();
  context.subscriptions.push(treeChanged);

  const matches = (a: AnnotationView) => {
    if (filter === '') return true;
    return filter.split(/\s+/).filter(Boolean).every((word) => {
      if (word.startsWith('#')) return a.tags.some((t) => t.toLowerCase() === word.slice(1).toLowerCase());
      const w = word.toLowerCase();
      return [a.quote, a.note, ...a.tags, ...a.replies.map((r) => r.text)].some((s) => s.toLowerCase().includes(w));
    });
  };

  const groupsOf = (doc: DocumentAnnotations, items: AnnotationView[]): Node[] => {
    const groups = new Map<string, AnnotationView[]>();
    const orphaned: AnnotationView[] = [];
    for (const a of items) {
      if (!a.range) {
        orphaned.push(a);
        continue;
      }
      const key = a.articleId ? `${a.articleLabel ?? ''} ${a.articleId}`.trim() : '(outside articles)';
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    const out: Node[] = [...groups].map(([label, xs]) => ({ kind: 'group' as const, doc, label, items: xs, orphaned: false }));
    if (orphaned.length > 0) out.push({ kind: 'group', doc, label: 'Orphaned', items: orphaned, orphaned: true });
    return out;
  };

  const shorten = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

  const tree: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: treeChanged.event,
    getChildren(node) {
      if (!node) {
        return all.map((doc) => ({ kind: 'document' as const, doc, items: doc.annotations.filter(matches) })).filter((n) => n.items.length > 0);
      }
      if (node.kind === 'document') return groupsOf(node.doc, node.items);
      if (node.kind === 'group') return node.items.map((view) => ({ kind: 'annotation' as const, view }));
      return [];
    },
    getTreeItem(node) {
      if (node.kind === 'document') {
        const item = new vscode.TreeItem(node.doc.document, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.items.length}${node.doc.readOnly ? ' · store cannot be read' : ''}`;
        item.resourceUri = vscode.Uri.parse(node.doc.uri);
        item.contextValue = 'document';
        return item;
      }
      if (node.kind === 'group') {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = String(node.items.length);
        item.iconPath = new vscode.ThemeIcon(node.orphaned ? 'warning' : 'symbol-class');
        item.contextValue = node.orphaned ? 'orphanedGroup' : 'article';
        return item;
      }
      const a = node.view;
      const item = new vscode.TreeItem(shorten(a.quote), vscode.TreeItemCollapsibleState.None);
      item.description = shorten(joinTags(a.note, a.tags).replace(/\s+/g, ' '), 80);
      item.tooltip = new vscode.MarkdownString().appendText(a.quote).appendMarkdown('\n\n---\n\n').appendText(joinTags(a.note, a.tags))
        .appendMarkdown(a.counterpartQuote ? '\n\n↔ ' : '').appendText(a.counterpartQuote ? shorten(a.counterpartQuote, 300) : '');
      item.iconPath = new vscode.ThemeIcon(!a.range ? 'circle-slash' : a.resolved ? 'pass' : a.status === 'fuzzy' ? 'question' : 'comment');
      item.contextValue = a.range ? 'annotation' : 'orphaned';
      item.command = { command: REVEAL, title: 'Reveal Clause', arguments: [a] };
      return item;
    },
  };
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(treeView);

  const refreshTree = async () => {
    all = (await request<DocumentAnnotations[]>('list', {})) ?? all;
    treeView.description = filter ? `filter: ${filter}` : undefined;
    treeChanged.fire(undefined);
  };

  let treeTimer: NodeJS.Timeout | undefined;
  const scheduleTree = () => {
    clearTimeout(treeTimer);
    treeTimer = setTimeout(() => void refreshTree(), 150);
  };

  client.onNotification('treatyLens/annotations/changed', ({ uri }: { uri: string }) => {
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri)) void refreshDocument(uri);
    scheduleTree();
  });

  // Stores changed by another window, git or a hand edit: the server reloads them.
  const watcher = vscode.workspace.createFileSystemWatcher('**/.annotations/*.{jsonl,jsonl.recovery}');
  const storeChanged = (uri: vscode.Uri) => void client.sendNotification('treatyLens/annotations/storeChanged', { uri: uri.toString() });
  context.subscriptions.push(watcher, watcher.onDidChange(storeChanged), watcher.onDidCreate(storeChanged), watcher.onDidDelete(storeChanged));

  const openDocument = (d: vscode.TextDocument) => {
    if (isTreaty(d)) void refreshDocument(d.uri.toString());
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(openDocument),
    vscode.window.onDidChangeVisibleTextEditors(decorate),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const uri = d.uri.toString();
      listed.delete(uri);
      for (const [id, entry] of threads) {
        if (entry.view.uri === uri) {
          entry.thread.dispose();
          threads.delete(id);
        }
      }
    }),
  );
  // The extension starts the client; show what is there once (each time) the server runs.
  const whenRunning = () => {
    vscode.workspace.textDocuments.forEach(openDocument);
    void refreshTree();
  };
  if (client.isRunning()) whenRunning();
  context.subscriptions.push(client.onDidChangeState((e) => {
    if (e.newState === State.Running) whenRunning();
  }));

  // Annotate: a draft thread on the selection; its "Add Annotation" button saves it. With a
  // `text` argument (tests, keybinding macros) the annotation is made at once.
  const create = async (uri: vscode.Uri, range: vscode.Range, text: string): Promise<AnnotationView | undefined> => {
    const { note, tags } = splitTags(text);
    const view = await request<AnnotationView>('create', { uri: uri.toString(), range: fromRange(range), note, tags, creator: creator() });
    if (view) await refreshDocument(uri.toString());
    return view;
  };

  let draft: vscode.CommentThread | undefined;
  context.subscriptions.push(vscode.commands.registerCommand(ANNOTATE, async (arg?: { uri?: string; range?: LspRange; text?: string }) => {
    const editor = vscode.window.activeTextEditor;
    const uri = arg?.uri ? vscode.Uri.parse(arg.uri) : editor?.document.uri;
    const range = arg?.range ? toRange(arg.range) : editor?.selection;
    if (!uri || !range || range.isEmpty) {
      void vscode.window.showInformationMessage('Treaty Lens: select the words of a clause to annotate.');
      return undefined;
    }
    if (arg?.text !== undefined) return create(uri, range, arg.text);
    draft?.dispose();
    draft = controller.createCommentThread(uri, range, []);
    draft.contextValue = 'draft';
    draft.label = 'New annotation';
    draft.canReply = { name: creator() || 'you' };
    draft.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    return undefined;
  }));

  context.subscriptions.push(vscode.commands.registerCommand(SAVE_DRAFT, async (reply: vscode.CommentReply) => {
    const thread = reply.thread;
    if (!thread.range) return;
    const view = await create(thread.uri, thread.range, reply.text);
    if (view) {
      thread.dispose();
      if (draft === thread) draft = undefined;
      // The note just written stays open where it was written, as a review comment does.
      const saved = threads.get(view.id);
      if (saved) saved.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    }
  }));
  context.subscriptions.push(vscode.commands.registerCommand(CANCEL_DRAFT, (reply: vscode.CommentReply | vscode.CommentThread) => {
    const thread = 'thread' in reply ? reply.thread : reply;
    thread.dispose();
    if (draft === thread) draft = undefined;
  }));

  const viewOfThread = (thread: vscode.CommentThread) => [...threads.values()].find((e) => e.thread === thread)?.view;

  context.subscriptions.push(vscode.commands.registerCommand(REPLY, async (reply: vscode.CommentReply) => {
    const view = viewOfThread(reply.thread);
    if (!view || reply.text.trim() === '') return;
    if (await request('reply', { uri: view.uri, id: view.id, text: reply.text.trim(), creator: creator() })) await refreshDocument(view.uri);
  }));

  const resolve = (resolved: boolean) => async (thread: vscode.CommentThread) => {
    const view = viewOfThread(thread);
    if (view && (await request('resolve', { uri: view.uri, id: view.id, resolved }))) await refreshDocument(view.uri);
  };
  context.subscriptions.push(vscode.commands.registerCommand(RESOLVE, resolve(true)), vscode.commands.registerCommand(REOPEN, resolve(false)));

  const deleteAnnotation = async (uri: string, id: string) => {
    const choice = await vscode.window.showWarningMessage('Delete this annotation and its replies?', { modal: true }, 'Delete');
    if (choice !== 'Delete') return;
    if (await request('delete', { uri, id })) await refreshDocument(uri);
  };
  context.subscriptions.push(vscode.commands.registerCommand(DELETE_THREAD, async (thread: vscode.CommentThread) => {
    const view = viewOfThread(thread);
    if (view) await deleteAnnotation(view.uri, view.id);
  }));

  context.subscriptions.push(vscode.commands.registerCommand(EDIT_COMMENT, (comment: NoteComment) => {
    const thread = comment.thread();
    if (!thread) return;
    comment.startEdit();
    thread.comments = [...thread.comments];
  }));
  context.subscriptions.push(vscode.commands.registerCommand(CANCEL_COMMENT, (comment: NoteComment) => {
    const thread = comment.thread();
    comment.cancelEdit();
    if (thread) thread.comments = [...thread.comments];
  }));
  context.subscriptions.push(vscode.commands.registerCommand(SAVE_COMMENT, async (comment: NoteComment) => {
    const text = typeof comment.body === 'string' ? comment.body : comment.body.value;
    const params = comment.reply === undefined
      ? { uri: comment.uri, id: comment.annotationId, ...splitTags(text) }
      : { uri: comment.uri, id: comment.annotationId, reply: comment.reply, note: text.trim() };
    comment.mode = vscode.CommentMode.Preview;
    if (await request('edit', params)) await refreshDocument(comment.uri);
  }));
  context.subscriptions.push(vscode.commands.registerCommand(DELETE_COMMENT, async (comment: NoteComment) => {
    if (comment.reply === undefined) await deleteAnnotation(comment.uri, comment.annotationId);
    else if (await request('delete', { uri: comment.uri, id: comment.annotationId, reply: comment.reply })) await refreshDocument(comment.uri);
  }));

  context.subscriptions.push(vscode.commands.registerCommand(REVEAL, async (view: AnnotationView) => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(view.uri));
    const editor = await vscode.window.showTextDocument(doc);
    if (!view.range) {
      void vscode.window.showInformationMessage(`Treaty Lens: this annotation is orphaned; its clause "${shorten(view.quote, 80)}" is no longer in the text.`);
      return;
    }
    const range = toRange(view.range);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const entry = threads.get(view.id);
    if (entry) entry.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
  }));

  context.subscriptions.push(vscode.commands.registerCommand(FILTER, async (given?: string) => {
    const value = given ?? (await vscode.window.showInputBox({
      prompt: 'Show annotations whose quote, note or tags contain these words; #tag for a tag',
      value: filter, placeHolder: '#taiwan core',
    }));
    if (value === undefined) return;
    filter = value.trim();
    await vscode.commands.executeCommand('setContext', 'treatyLens.annotations.filtered', filter !== '');
    await refreshTree();
  }));
  context.subscriptions.push(vscode.commands.registerCommand(CLEAR_FILTER, async () => {
    filter = '';
    await vscode.commands.executeCommand('setContext', 'treatyLens.annotations.filtered', false);
    await refreshTree();
  }));
  context.subscriptions.push(vscode.commands.registerCommand(REFRESH, async () => {
    await Promise.all([...listed.keys()].map(refreshDocument));
    await refreshTree();
  }));

  const FORMATS = [
    { label: 'JSON', format: 'json', ext: 'json' },
    { label: 'CSV (spreadsheets)', format: 'csv', ext: 'csv' },
    { label: 'Markdown', format: 'md', ext: 'md' },
  ] as const;
  context.subscriptions.push(vscode.commands.registerCommand(EXPORT, async (arg?: { format?: 'json' | 'csv' | 'md'; target?: string }) => {
    const chosen = arg?.format ? FORMATS.find((f) => f.format === arg.format) : await vscode.window.showQuickPick([...FORMATS], { placeHolder: 'Export annotations as' });
    if (!chosen) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = arg?.target ? vscode.Uri.parse(arg.target) : await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `annotations.${chosen.ext}`) : undefined,
      filters: { [chosen.label]: [chosen.ext] },
      saveLabel: 'Export Annotations',
    });
    if (!target) return undefined;
    const result = await request<{ text: string; count: number }>('export', { format: chosen.format });
    if (!result) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
    if (!arg?.target) void vscode.window.showInformationMessage(`Treaty Lens: exported ${result.count} annotation(s) to ${vscode.workspace.asRelativePath(target)}.`);
    return { target: target.toString(), count: result.count };
  }));

  // For the end-to-end suite: VS Code has no API to read another extension's comment threads or tree.
  context.subscriptions.push(vscode.commands.registerCommand(STATE, async () => {
    const describe = async (node?: Node): Promise<unknown[]> => {
      const children = (await tree.getChildren(node)) ?? [];
      return Promise.all(children.map(async (child) => {
        const item = await tree.getTreeItem(child);
        const label = typeof item.label === 'string' ? item.label : item.label?.label;
        const kids = child.kind === 'annotation' ? undefined : await describe(child);
        return { label, description: item.description, ...(kids ? { children: kids } : {}) };
      }));
    };
    return {
      threads: [...threads.values()].map(({ thread, view }) => ({
        id: view.id, uri: thread.uri.toString(), range: thread.range ? fromRange(thread.range) : null, label: thread.label,
        contextValue: thread.contextValue, resolved: thread.state === vscode.CommentThreadState.Resolved,
        comments: thread.comments.map((c) => ({ body: typeof c.body === 'string' ? c.body : c.body.value, author: c.author.name })),
      })),
      tree: await describe(),
      filter,
    };
  }));
}
