/**
 * Clause annotations in the editor (issue #5). The server owns the stores: the client asks for
 * a document's annotations anchored against the text it is showing, and sends create, edit,
 * reply, resolve and delete requests; the server writes `<corpus>/.annotations/<name>.jsonl`
 * through `host/annotationStore.ts`, and tells the client `treatyLens/annotations/changed`
 * whenever what it shows may be stale (a store changed on disk, a document edited).
 *
 * Anchoring happens on every request against the current model (one parse per version, ~1 ms);
 * moved positions are written to the store when the document is saved, when the file on disk
 * holds the text they were measured against. A store that cannot be parsed is reported as
 * diagnostics on the store file plus one warning, and left untouched; the store then writes
 * new and edited annotations to its recovery file.
 */
import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, ResponseError } from 'vscode-languageserver';
import type { Diagnostic, Range } from 'vscode-languageserver';
import {
  addReply, annotationRows, changeReply, codePointIndex, counterpartsIn, createAnnotation, editAnnotation,
  exportRecord, formatExport, fragmentIdAt, isResolved, moveAnnotation, noteOf, paragraphAt, repliesOf, setResolved, tagsOf,
  type Annotation, type AnnotationRow, type CounterpartOf, type ExportFormat, type ExportRecord, type Reply,
} from '../core/annotations';
import type { Alignment } from '../core/align';
import { langFamily, type TreatyDocument } from '../core/model';
import { ANNOTATIONS_FOLDER, AnnotationStore, annotationStorePath } from '../host/annotationStore';
import { isCorpusPath } from '../host/textFile';
import type { FeatureContext } from './context';
import { pathToUri, toOffset, toRange, uriToKey } from './convert';

export const LIST_REQUEST = 'treatyLens/annotations/list';
export const CREATE_REQUEST = 'treatyLens/annotations/create';
export const EDIT_REQUEST = 'treatyLens/annotations/edit';
export const DELETE_REQUEST = 'treatyLens/annotations/delete';
export const REPLY_REQUEST = 'treatyLens/annotations/reply';
export const RESOLVE_REQUEST = 'treatyLens/annotations/resolve';
export const EXPORT_REQUEST = 'treatyLens/annotations/export';
/** Client → server: a store or recovery file changed on disk (`{ uri }` of the .jsonl file). */
export const STORE_CHANGED_NOTIFICATION = 'treatyLens/annotations/storeChanged';
/** Server → client: the annotations of `{ uri }` (a document) may have changed; list them again. */
export const CHANGED_NOTIFICATION = 'treatyLens/annotations/changed';

/** One annotation as the client shows it. */
export interface AnnotationView {
  readonly id: string;
  readonly uri: string;
  readonly status: AnnotationRow['status'];
  /** Where the clause is now; null when orphaned. */
  readonly range: Range | null;
  readonly score: number | null;
  readonly quote: string;
  readonly articleId: string | null;
  readonly articleLabel: string | null;
  readonly counterpartQuote: string | null;
  readonly note: string;
  readonly tags: string[];
  readonly replies: Reply[];
  readonly resolved: boolean;
  readonly creator: string;
  readonly created: string;
  readonly modified: string;
}

export interface DocumentAnnotations {
  readonly uri: string;
  /** The file name, as stored in the annotations' `target.source`. */
  readonly document: string;
  readonly annotations: AnnotationView[];
  /** True while the store cannot be parsed: new and edited notes go to the recovery file, deleting stored ones is refused. */
  readonly readOnly: boolean;
}

interface ListParams { readonly uri?: string }
interface CreateParams { readonly uri: string; readonly range: Range; readonly note: string; readonly tags?: string[]; readonly creator?: string }
interface EditParams { readonly uri: string; readonly id: string; readonly note: string; readonly tags?: string[]; readonly reply?: number }
interface DeleteParams { readonly uri: string; readonly id: string; readonly reply?: number }
interface ReplyParams { readonly uri: string; readonly id: string; readonly text: string; readonly creator?: string }
interface ResolveParams { readonly uri: string; readonly id: string; readonly resolved: boolean }
interface ExportParams { readonly format: ExportFormat; readonly uri?: string }

/** How long typing may pause before the client is told to re-list (the anchors moved). */
const CHANGED_DELAY_MS = 200;

export function registerAnnotations(ctx: FeatureContext): void {
  const { connection, documents } = ctx;
  /** Stores by document path; the promise is shared by concurrent first uses. */
  const stores = new Map<string, Promise<AnnotationStore>>();
  /** Stores already open, for the synchronous hover. */
  const loaded = new Map<string, AnnotationStore>();
  /** Store and recovery files that have diagnostics on the client now. */
  const flagged = new Set<string>();
  /** The problems last warned about per store, so a warning is shown once per state of the file. */
  const warned = new Map<string, string>();
  const pending = new Map<string, NodeJS.Timeout>();

  const fail = (message: string): never => {
    throw new ResponseError(1, message);
  };

  const pathOf = (uri: string): string => {
    const key = uriToKey(uri);
    if (!path.isAbsolute(key)) fail(`Treaty Lens keeps annotations only for files on disk (${uri}).`);
    return key;
  };

  const storeOf = (documentPath: string): Promise<AnnotationStore> => {
    let store = stores.get(documentPath);
    if (!store) {
      store = AnnotationStore.open(documentPath).then((s) => {
        loaded.set(documentPath, s);
        report(s);
        return s;
      });
      stores.set(documentPath, store);
      store.catch(() => stores.delete(documentPath));
    }
    return store;
  };

  /** Publishes the store's problems on the store and recovery files, and warns once per new set of problems. */
  const report = (store: AnnotationStore) => {
    const byFile = new Map<string, Diagnostic[]>([[store.path, []], [store.recoveryPath, []]]);
    for (const p of store.problems) {
      const line = Math.max(0, p.line - 1);
      byFile.get(p.file)?.push({
        range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
        severity: DiagnosticSeverity.Error, source: 'treaty-lens', code: 'annotation-line',
        message: `Annotation line ${p.line} cannot be read: ${p.reason}. The file is left untouched${store.readOnly ? `; new annotations go to ${path.basename(store.recoveryPath)} until it is fixed` : ''}.`,
      });
    }
    for (const [file, diagnostics] of byFile) {
      if (diagnostics.length === 0 && !flagged.has(file)) continue;
      if (diagnostics.length > 0) flagged.add(file);
      else flagged.delete(file);
      void connection.sendDiagnostics({ uri: pathToUri(file), diagnostics });
    }
    const signature = store.problems.map((p) => `${p.file}:${p.line}:${p.reason}`).join('\n');
    if (signature !== (warned.get(store.path) ?? '')) {
      warned.set(store.path, signature);
      if (signature !== '') {
        const first = store.problems[0];
        void connection.window.showWarningMessage(
          `Treaty Lens: ${path.basename(first.file)} has ${store.problems.length} line(s) that cannot be read (line ${first.line}: ${first.reason}). ` +
          `It is left untouched; new annotations go to ${path.basename(store.recoveryPath)} until it is fixed.`,
        );
      }
    }
  };

  /** The document's current model, or an error the client shows. */
  const modelOf = (uri: string): TreatyDocument => ctx.modelOf(uri) ?? fail(`Treaty Lens has no model of ${uri}: open the document first.`);

  /** Counterparts from the shared alignment (the one the hover and the jump show), and where they live. */
  const pairingOf = (key: string): { counterpartOf: CounterpartOf; otherKey: string | undefined; alignment: Alignment | undefined } => {
    const found = ctx.alignmentOf(ctx.uriOf(key));
    return found
      ? { counterpartOf: counterpartsIn(found.alignment), otherKey: found.otherKey, alignment: found.alignment }
      : { counterpartOf: () => undefined, otherKey: undefined, alignment: undefined };
  };

  /**
   * Rows per model, valid while the store is unchanged: the hover and the client's re-list after
   * an edit ask for the same rows, and 10,000 annotations take tens of milliseconds to anchor.
   */
  const rowCache = new WeakMap<TreatyDocument, { generation: number; alignment: Alignment | undefined; rows: AnnotationRow[] }>();
  const generations = new Map<string, number>();
  const bump = (documentPath: string) => generations.set(documentPath, (generations.get(documentPath) ?? 0) + 1);
  const rowsOf = (key: string, doc: TreatyDocument, store: AnnotationStore): AnnotationRow[] => {
    const generation = generations.get(key) ?? 0;
    const hit = rowCache.get(doc);
    // Counterpart quotes change with the alignment (the counterpart file edited), not only the store.
    const pairing = pairingOf(key);
    if (hit && hit.generation === generation && hit.alignment === pairing.alignment) return hit.rows;
    const rows = annotationRows(doc, store.list(), pairing.counterpartOf);
    rowCache.set(doc, { generation, alignment: pairing.alignment, rows });
    return rows;
  };

  const viewOf = (uri: string, doc: TreatyDocument, row: AnnotationRow): AnnotationView => {
    const a = row.annotation;
    return {
      id: a.id, uri, status: row.status, range: row.range ? toRange(doc, row.range) : null, score: row.score ?? null,
      quote: row.quote, articleId: row.articleId, articleLabel: row.articleLabel, counterpartQuote: row.counterpartQuote,
      note: noteOf(a), tags: tagsOf(a), replies: repliesOf(a), resolved: isResolved(a),
      creator: a.creator?.name ?? '', created: a.created, modified: a.modified,
    };
  };

  const listDocument = async (documentPath: string): Promise<DocumentAnnotations> => {
    const uri = ctx.uriOf(documentPath);
    const store = await storeOf(documentPath);
    const doc = ctx.modelOf(uri);
    const rows = doc ? rowsOf(documentPath, doc, store) : [];
    return {
      uri, document: path.basename(documentPath), readOnly: store.readOnly,
      annotations: doc ? rows.map((r) => viewOf(uri, doc, r)) : [],
    };
  };

  /** Documents whose annotations the tree and the export cover: indexed corpus files and open documents with a store. */
  const annotatedPaths = async (): Promise<string[]> => {
    const keys = new Set([...ctx.service.corpus.keys(), ...documents.all().map((d) => uriToKey(d.uri))]);
    const out: string[] = [];
    for (const key of [...keys].sort()) {
      if (!path.isAbsolute(key)) continue;
      if (stores.has(key)) out.push(key);
      else {
        const store = annotationStorePath(key);
        const exists = await Promise.all([store, `${store}.recovery`].map((f) => fsp.access(f).then(() => true, () => false)));
        if (exists.some(Boolean)) out.push(key);
      }
    }
    return out;
  };

  const changed = (documentPath: string) => {
    void connection.sendNotification(CHANGED_NOTIFICATION, { uri: ctx.uriOf(documentPath) });
  };

  /** Saves after a change the user made; a save into the recovery file is reported (the store could not be read). */
  const persist = async (documentPath: string, store: AnnotationStore) => {
    bump(documentPath);
    try {
      const saved = await store.save();
      if (saved.written === store.recoveryPath) {
        void connection.window.showWarningMessage(
          `Treaty Lens: ${path.basename(store.path)} cannot be read, so the annotation was saved to ${path.basename(store.recoveryPath)}; it moves back once the store is fixed.`,
        );
      }
    } catch (e) {
      fail(`Treaty Lens could not save annotations of ${path.basename(documentPath)}: ${(e as Error).message}. They are kept in memory; try again.`);
    } finally {
      // The save merged what other windows wrote meanwhile.
      bump(documentPath);
      report(store);
      changed(documentPath);
    }
  };

  const mutate = async (uri: string, id: string, change: (a: Annotation, now: Date) => Annotation | undefined): Promise<AnnotationView | null> => {
    const documentPath = pathOf(uri);
    const store = await storeOf(documentPath);
    const a = store.get(id) ?? fail(`No annotation ${id} on ${path.basename(documentPath)}.`);
    const next = change(a, new Date()) ?? fail(`Annotation ${id} has no such reply.`);
    if (next !== a) {
      store.put(next);
      await persist(documentPath, store);
    }
    const doc = ctx.modelOf(ctx.uriOf(documentPath));
    const row = doc ? rowsOf(documentPath, doc, store).find((r) => r.annotation.id === id) : undefined;
    return doc && row ? viewOf(ctx.uriOf(documentPath), doc, row) : null;
  };

  const creatorName = (given: string | undefined) => (given && given.trim() !== '' ? given.trim() : defaultCreator());

  const handle = <P, R>(method: string, work: (params: P) => Promise<R>) => {
    connection.onRequest(method, async (params: P) => {
      try {
        return await work(params);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        connection.console.error(`Treaty Lens: ${method} failed: ${(e as Error).stack ?? e}`);
        throw new ResponseError(2, `Treaty Lens: ${(e as Error).message}`);
      }
    });
  };

  handle(LIST_REQUEST, async ({ uri }: ListParams = {}): Promise<DocumentAnnotations[]> => {
    if (uri !== undefined) return [await listDocument(pathOf(uri))];
    const out: DocumentAnnotations[] = [];
    for (const key of await annotatedPaths()) out.push(await listDocument(key));
    return out;
  });

  handle(CREATE_REQUEST, async ({ uri, range, note, tags, creator }: CreateParams): Promise<AnnotationView> => {
    const documentPath = pathOf(uri);
    const doc = modelOf(uri);
    const span = { start: toOffset(doc, range.start), end: toOffset(doc, range.end) };
    const store = await storeOf(documentPath);
    const a = createAnnotation(doc.text, span, {
      source: path.basename(documentPath), articleId: fragmentIdAt(doc, span), note: note ?? '', tags: cleanTags(tags ?? []),
      creator: creatorName(creator), now: new Date(), id: `urn:uuid:${randomUUID()}`,
    }) ?? fail('Select the words of a clause to annotate.');
    store.put(a);
    await persist(documentPath, store);
    const row = rowsOf(documentPath, doc, store).find((r) => r.annotation.id === a.id)!;
    return viewOf(uri, doc, row);
  });

  handle(EDIT_REQUEST, ({ uri, id, note, tags, reply }: EditParams) => mutate(uri, id, (a, now) =>
    reply === undefined ? editAnnotation(a, note, cleanTags(tags ?? tagsOf(a)), now) : changeReply(a, reply, note, now)));

  handle(REPLY_REQUEST, ({ uri, id, text, creator }: ReplyParams) => mutate(uri, id, (a, now) => addReply(a, text, creatorName(creator), now)));

  handle(RESOLVE_REQUEST, ({ uri, id, resolved }: ResolveParams) => mutate(uri, id, (a, now) => setResolved(a, resolved, now)));

  handle(DELETE_REQUEST, async ({ uri, id, reply }: DeleteParams): Promise<boolean> => {
    if (reply !== undefined) return (await mutate(uri, id, (a, now) => changeReply(a, reply, undefined, now))) !== null;
    const documentPath = pathOf(uri);
    const store = await storeOf(documentPath);
    if (!store.get(id)) return false;
    if (!store.remove(id)) fail(`${path.basename(store.path)} cannot be read, so its annotations cannot be deleted until it is fixed.`);
    await persist(documentPath, store);
    return true;
  });

  handle(EXPORT_REQUEST, async ({ format, uri }: ExportParams): Promise<{ text: string; count: number }> => {
    if (format !== 'json' && format !== 'csv' && format !== 'md') fail(`Unknown export format ${String(format)}: use json, csv or md.`);
    const paths = uri !== undefined ? [pathOf(uri)] : await annotatedPaths();
    const records: ExportRecord[] = [];
    for (const key of paths) {
      const doc = ctx.modelOf(ctx.uriOf(key));
      if (!doc) continue;
      for (const row of rowsOf(key, doc, await storeOf(key))) records.push(exportRecord(path.basename(key), doc, row));
    }
    return { text: formatExport(records, format), count: records.length };
  });

  connection.onNotification(STORE_CHANGED_NOTIFICATION, ({ uri }: { uri: string }) => {
    const file = uriToKey(uri);
    const m = /^(.*)\.jsonl(?:\.recovery)?$/.exec(path.basename(file));
    if (!m || path.basename(path.dirname(file)) !== ANNOTATIONS_FOLDER) return;
    const documentPath = path.join(path.dirname(path.dirname(file)), m[1]);
    const known = stores.get(documentPath);
    const reload = known
      ? known.then(async (s) => {
        await s.load();
        bump(documentPath);
        report(s);
      })
      : isCorpusPath(documentPath) || documents.get(ctx.uriOf(documentPath)) ? storeOf(documentPath) : undefined;
    reload?.then(() => changed(documentPath), (e) => connection.console.error(`Treaty Lens: reloading annotations of ${documentPath} failed: ${(e as Error).message}`));
  });

  // Opening a document loads its store (reporting a corrupt one at once) and its counterpart's, for the hover.
  documents.onDidOpen((e) => {
    const key = uriToKey(e.document.uri);
    if (!path.isAbsolute(key)) return;
    void storeOf(key).catch(() => undefined);
    const doc = ctx.modelOf(e.document.uri);
    const other = doc ? pairingOf(key).otherKey : undefined;
    if (other) void storeOf(other).catch(() => undefined);
  });

  // The anchors move with every edit: tell the client to list again once typing pauses.
  documents.onDidChangeContent((e) => {
    const key = uriToKey(e.document.uri);
    if (!loaded.get(key)?.list().length) return;
    clearTimeout(pending.get(key));
    pending.set(key, setTimeout(() => {
      pending.delete(key);
      changed(key);
    }, CHANGED_DELAY_MS));
  });

  // On save the file holds the text the anchors were found in: write the moved positions.
  documents.onDidSave(async (e) => {
    const key = uriToKey(e.document.uri);
    const store = stores.get(key) && (await stores.get(key));
    const doc = ctx.modelOf(e.document.uri);
    if (!store || !doc || store.readOnly) return;
    const index = codePointIndex(doc.text);
    let moved = 0;
    for (const row of rowsOf(key, doc, store)) {
      if (!row.range) continue;
      const next = moveAnnotation(row.annotation, doc.text, row.range, fragmentIdAt(doc, row.range), index);
      if (next !== row.annotation) {
        store.put(next);
        moved++;
      }
    }
    if (moved === 0) return;
    bump(key);
    try {
      await store.save();
      bump(key);
    } catch (err) {
      void connection.window.showWarningMessage(`Treaty Lens could not save moved annotation positions of ${path.basename(key)}: ${(err as Error).message}`);
    }
    report(store);
  });

  documents.onDidClose((e) => {
    const key = uriToKey(e.document.uri);
    clearTimeout(pending.get(key));
    pending.delete(key);
  });

  // Hovering a paragraph whose counterpart has annotations says so.
  ctx.addHover((uri, doc, offset) => {
    const key = uriToKey(uri);
    const p = paragraphAt(doc, offset);
    if (!p || p.boilerplate !== null || !path.isAbsolute(key)) return undefined;
    const { counterpartOf, otherKey } = pairingOf(key);
    const others = counterpartOf(p);
    if (!others || others.length === 0) return undefined;
    const otherPath = otherKey ?? key;
    const store = loaded.get(otherPath);
    const otherDoc = otherKey === undefined ? doc : ctx.modelOf(ctx.uriOf(otherKey));
    if (!store || !otherDoc || store.list().length === 0) return undefined;
    const span = { start: others[0].range.start, end: others[others.length - 1].range.end };
    const hits = rowsOf(otherPath, otherDoc, store).filter((r) => r.range && r.range.start < span.end && r.range.end > span.start);
    if (hits.length === 0) return undefined;
    const language = langFamily(others[0].lang) === 'zh' ? 'Chinese' : 'English';
    const lines = [`**✎ The ${language} counterpart is annotated (${hits.length})**`];
    for (const h of hits) {
      const tags = tagsOf(h.annotation).map((t) => `#${t}`).join(' ');
      const note = noteOf(h.annotation);
      lines.push(`> ${escapeMarkdown(h.quote)}\n\n${[escapeMarkdown(note), escapeMarkdown(tags)].filter(Boolean).join(' · ')}`);
    }
    return lines.join('\n\n');
  });
}

/** Tags as typed, without `#`, blanks or repeats. */
function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().replace(/^#+/, '')).filter((t) => t !== ''))];
}

function defaultCreator(): string {
  try {
    return os.userInfo().username || 'anonymous';
  } catch {
    return 'anonymous';
  }
}

function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
