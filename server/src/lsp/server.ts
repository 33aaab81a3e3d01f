/**
 * The language server: each handler finds the document, asks the service, converts the answer.
 */
import * as path from 'path';
import {
  FileChangeType, TextDocumentSyncKind, TextDocuments,
} from 'vscode-languageserver';
import type {
  Connection, Diagnostic, Hover, InitializeParams, InitializeResult, SymbolInformation,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { articleAliases } from '../core/corpusIndex';
import type { TreatyDocument } from '../core/model';
import { languageName } from '../core/outline';
import { parseDocument } from '../core/parse';
import { createTreatyService } from '../core/service';
import { findCorpusFiles, isCorpusPath, readTextFile } from '../host/textFile';
import {
  pathToUri, toDiagnostic, toDocumentSymbol, toFoldingRange, toOffset, toRange, toSelectionRange, toSymbolKind,
  uriToKey,
} from './convert';
import { registerAnnotations } from './annotations';
import { registerPairing } from './pairing';
import { TERM_TOKEN_LEGEND, registerTerms } from './terms';
import { createAlignments } from './alignments';
import type { DiagnosticsProvider, FeatureContext, HoverProvider, WorkspaceSymbolProvider } from './context';

/** A feature module's entry point; see context.ts. */
export type FeatureRegistration = (ctx: FeatureContext) => void;

/** Feature modules, in the order their hover sections appear. */
const FEATURES: FeatureRegistration[] = [registerPairing, registerTerms, registerAnnotations];

/** How long typing may pause before diagnostics are recomputed. */
const DIAGNOSTICS_DELAY_MS = 150;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const service = createTreatyService();
  /** The URI each indexed key was last seen under, so answers use the client's own spelling. */
  const uriOfKey = new Map<string, string>();
  const unreadable = new Map<string, string>();
  const pending = new Map<string, NodeJS.Timeout>();
  let roots: string[] = [];
  const hoverProviders: HoverProvider[] = [];
  const diagnosticsProviders: DiagnosticsProvider[] = [];
  const corpusListeners: Array<(key: string) => void> = [];
  const symbolProviders: WorkspaceSymbolProvider[] = [];

  const keyOf = (uri: string) => {
    const key = uriToKey(uri);
    uriOfKey.set(key, uri);
    return key;
  };
  const uriOf = (key: string) => uriOfKey.get(key) ?? pathToUri(key);

  /** The model of an open document (current version) or, for a closed corpus file, the indexed one. */
  const modelOf = (uri: string): TreatyDocument | undefined => {
    const open = documents.get(uri);
    if (open) return service.getDocument(keyOf(uri), open.version, () => open.getText());
    return service.corpus.get(uriToKey(uri));
  };

  const diagnosticsOf = (uri: string, doc: TreatyDocument): Diagnostic[] => {
    const all = doc.problems.map((p) => toDiagnostic(doc, p));
    for (const provider of diagnosticsProviders) {
      try {
        all.push(...provider(uri, doc));
      } catch (e) {
        connection.console.error(`Treaty Lens: a diagnostics provider failed on ${uri}: ${(e as Error).stack ?? e}`);
      }
    }
    return all;
  };

  const publish = (uri: string) => {
    pending.delete(uri);
    const doc = modelOf(uri);
    if (!doc) return;
    const key = uriToKey(uri);
    if (isCorpusPath(key) || service.corpus.get(key)) {
      service.corpus.replace(key, doc);
      for (const listener of corpusListeners) listener(key);
    }
    void connection.sendDiagnostics({ uri, diagnostics: diagnosticsOf(uri, doc) });
  };

  const schedule = (uri: string) => {
    clearTimeout(pending.get(uri));
    pending.set(uri, setTimeout(() => publish(uri), DIAGNOSTICS_DELAY_MS));
  };

  /** Reads one closed corpus file from disk into the index, or reports why it cannot be read. */
  const indexFile = (file: string) => {
    const uri = uriOf(file);
    if (documents.get(uri)) return;
    const read = readTextFile(file);
    if (!read.ok) {
      service.corpus.remove(file);
      unreadable.set(file, read.reason);
      void connection.sendDiagnostics({
        uri,
        diagnostics: [{
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 1, source: 'treaty-lens', code: 'unreadable',
          message: `Treaty Lens cannot read ${path.basename(file)}: ${read.reason}.`,
        }],
      });
      return;
    }
    unreadable.delete(file);
    const doc = parseDocument(read.text);
    service.corpus.replace(file, doc);
    for (const listener of corpusListeners) listener(file);
    void connection.sendDiagnostics({ uri, diagnostics: diagnosticsOf(uri, doc) });
  };

  const alignmentOf = createAlignments({ service, roots: () => roots, modelOf, uriOf, keyOf });
  const ctx: FeatureContext = {
    connection, documents, service,
    roots: () => roots,
    modelOf: (uri) => modelOf(uri),
    uriOf, keyOf, alignmentOf,
    addHover: (provider) => hoverProviders.push(provider),
    addDiagnostics: (provider) => diagnosticsProviders.push(provider),
    addWorkspaceSymbols: (provider) => symbolProviders.push(provider),
    onCorpusChanged: (listener) => corpusListeners.push(listener),
    refreshDiagnostics: () => documents.all().forEach((d) => publish(d.uri)),
  };
  for (const register of FEATURES) register(ctx);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.filter((u) => u.startsWith('file:')).map(uriToKey);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        documentSymbolProvider: { label: 'Treaty Lens' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        semanticTokensProvider: { legend: TERM_TOKEN_LEGEND, full: true },
      },
      serverInfo: { name: 'treaty-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    for (const root of roots) for (const file of findCorpusFiles(root)) indexFile(file);
    if (unreadable.size > 0) {
      const list = [...unreadable].map(([f, why]) => `${path.basename(f)} (${why})`).join('; ');
      void connection.window.showWarningMessage(`Treaty Lens could not read ${unreadable.size} corpus file(s): ${list}`);
    }
    connection.console.info(`Treaty Lens indexed ${service.corpus.size} corpus document(s) in ${roots.length} folder(s).`);
  });

  documents.onDidOpen((e) => publish(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const key = uriToKey(e.document.uri);
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    service.forget(key);
    // A closed corpus file goes back to what is on disk; any other file leaves the index.
    if (isCorpusPath(key)) indexFile(key);
    else {
      service.corpus.remove(key);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const key = uriToKey(change.uri);
      if (!isCorpusPath(key) || documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        service.corpus.remove(key);
        unreadable.delete(key);
        void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
      } else {
        uriOfKey.set(key, change.uri);
        indexFile(key);
      }
    }
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const doc = modelOf(textDocument.uri);
    return doc ? service.getOutline(doc).map((n) => toDocumentSymbol(doc, n)) : [];
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const doc = modelOf(textDocument.uri);
    return doc ? service.getFoldingRanges(doc).map(toFoldingRange) : [];
  });

  connection.onSelectionRanges(({ textDocument, positions }) => {
    const doc = modelOf(textDocument.uri);
    if (!doc) return [];
    return positions.map((p) => toSelectionRange(doc, service.getSelectionChain(doc, toOffset(doc, p))));
  });

  connection.onWorkspaceSymbol(({ query }): SymbolInformation[] => {
    const symbols: SymbolInformation[] = service.findArticles(query).map(({ key, doc, article }) => ({
      name: `${article.label.trim()} ${articleAliases(article)}`,
      kind: toSymbolKind('article'),
      containerName: `${path.basename(key)} · ${languageName(article.lang)}`,
      location: { uri: uriOf(key), range: toRange(doc, article.labelRange) },
    }));
    for (const provider of symbolProviders) {
      try {
        symbols.push(...provider(query));
      } catch (e) {
        connection.console.error(`Treaty Lens: a workspace symbol provider failed: ${(e as Error).stack ?? e}`);
      }
    }
    return symbols;
  });

  connection.onHover(({ textDocument, position }): Hover | null => {
    const doc = modelOf(textDocument.uri);
    if (!doc) return null;
    const offset = toOffset(doc, position);
    const sections: string[] = [];
    for (const provider of hoverProviders) {
      try {
        const section = provider(textDocument.uri, doc, offset);
        if (section) sections.push(section);
      } catch (e) {
        // A failing feature must not take hover away from the others, nor the server down.
        connection.console.error(`Treaty Lens: a hover provider failed: ${(e as Error).stack ?? e}`);
      }
    }
    return sections.length ? { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } } : null;
  });

  documents.listen(connection);
  connection.listen();
}
