/**
 * What a feature module of the LSP layer gets to work with. Each feature (pairing, terms,
 * annotations) lives in its own `lsp/<feature>.ts` with a `register…(ctx)` function, so that
 * one LSP method answered by several features (hover, diagnostics) is combined here, once.
 */
import type { Connection, Diagnostic, SymbolInformation, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TreatyDocument } from '../core/model';
import type { TreatyService } from '../core/service';
import type { DocumentAlignment } from './alignments';

/** A hover section in Markdown, or undefined when the feature has nothing to say there. */
export type HoverProvider = (uri: string, doc: TreatyDocument, offset: number) => string | undefined;

/** Extra diagnostics a feature computes for a document (besides the parser's problems). */
export type DiagnosticsProvider = (uri: string, doc: TreatyDocument) => Diagnostic[];

/** Extra workspace symbols a feature offers for a query (besides articles). */
export type WorkspaceSymbolProvider = (query: string) => SymbolInformation[];

export interface FeatureContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: TreatyService;
  /** Workspace folders as file paths. */
  roots(): readonly string[];
  /** The current model of an open document, or the indexed model of a closed corpus file. */
  modelOf(uri: string): TreatyDocument | undefined;
  /** The URI to answer with for an index key (the client's own spelling when it sent one). */
  uriOf(key: string): string;
  keyOf(uri: string): string;
  /** The pairing the document takes part in (within itself or with its counterpart file), shared by every feature. */
  alignmentOf(uri: string): DocumentAlignment | undefined;
  addHover(provider: HoverProvider): void;
  addDiagnostics(provider: DiagnosticsProvider): void;
  addWorkspaceSymbols(provider: WorkspaceSymbolProvider): void;
  /** Called after a corpus document's model changed in the index (opened, edited, changed on disk). */
  onCorpusChanged(listener: (key: string) => void): void;
  /** Recomputes and publishes diagnostics of every open document (e.g. after the glossary changed). */
  refreshDiagnostics(): void;
}
