/**
 * The one border between the core's offsets and LSP's positions (rust-analyzer's to_proto).
 * Both count UTF-16 code units, so a character is an offset minus its line's start.
 */
import * as url from 'url';
import {
  DiagnosticSeverity, FoldingRangeKind, SymbolKind,
} from 'vscode-languageserver';
import type {
  Diagnostic, DocumentSymbol, FoldingRange, Position, Range, SelectionRange,
} from 'vscode-languageserver';
import type { Problem, Severity, TextRange, TreatyDocument } from '../core/model';
import { lineOfOffset } from '../core/parse';
import type { OutlineKind, OutlineNode } from '../core/outline';
import type { LineFold } from '../core/structure';

export function toPosition(doc: TreatyDocument, offset: number): Position {
  const line = lineOfOffset(doc.lines, offset);
  return { line, character: offset - doc.lines[line].start };
}

export function toRange(doc: TreatyDocument, range: TextRange): Range {
  return { start: toPosition(doc, range.start), end: toPosition(doc, range.end) };
}

/** The offset of an LSP position, clamped to the text (a client may send a position past a line's end). */
export function toOffset(doc: TreatyDocument, position: Position): number {
  if (doc.lines.length === 0) return 0;
  const line = doc.lines[Math.min(Math.max(position.line, 0), doc.lines.length - 1)];
  return Math.min(line.start + Math.max(position.character, 0), line.end);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: TreatyDocument, problem: Problem): Diagnostic {
  return {
    range: toRange(doc, problem.range),
    severity: SEVERITY[problem.severity],
    code: problem.code,
    source: 'treaty-lens',
    message: problem.message,
  };
}

const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
  section: SymbolKind.Namespace,
  article: SymbolKind.Class,
  item: SymbolKind.Field,
  paragraph: SymbolKind.String,
};

export function toSymbolKind(kind: OutlineKind): SymbolKind {
  return SYMBOL_KIND[kind];
}

export function toDocumentSymbol(doc: TreatyDocument, node: OutlineNode): DocumentSymbol {
  return {
    name: node.name,
    detail: node.detail,
    kind: SYMBOL_KIND[node.kind],
    range: toRange(doc, node.range),
    selectionRange: toRange(doc, node.selectionRange),
    children: node.children.map((c) => toDocumentSymbol(doc, c)),
  };
}

export function toFoldingRange(fold: LineFold): FoldingRange {
  return { startLine: fold.startLine, endLine: fold.endLine, kind: FoldingRangeKind.Region };
}

/** Nests a chain of ranges (innermost first) into LSP's linked selection range. */
export function toSelectionRange(doc: TreatyDocument, chain: readonly TextRange[]): SelectionRange {
  let parent: SelectionRange | undefined;
  for (let i = chain.length - 1; i >= 0; i--) parent = { range: toRange(doc, chain[i]), parent };
  return parent ?? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/**
 * Index keys are file paths for file URIs, so that a URI the client spells with other
 * escapes than Node's `pathToFileURL` still finds the same document.
 */
export function uriToKey(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return url.fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function pathToUri(file: string): string {
  return url.pathToFileURL(file).toString();
}
