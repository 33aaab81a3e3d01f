/**
 * The Treaty Lens analysis service: one object wiring every feature of the core.
 * The LSP server and the CLI only call this; neither parses text itself.
 */
import * as align from './align';
import { CorpusIndex } from './corpusIndex';
import type { ArticleHit } from './corpusIndex';
import type { Problem, TextRange, TreatyDocument } from './model';
import { getOutline } from './outline';
import type { OutlineNode } from './outline';
import { parseDocument } from './parse';
import type { ParseOptions } from './parse';
import { getFoldingRanges, getSelectionChain } from './structure';
import type { LineFold } from './structure';

export interface TreatyService {
  /** The model of a text, parsed once per (key, version); a newer version replaces the cached one. */
  getDocument(key: string, version: number, text: () => string): TreatyDocument;
  /** Forgets the cached model of a closed document. */
  forget(key: string): void;
  readonly corpus: CorpusIndex;
  /** Pairing (issue #3): Chinese paragraphs with their English counterparts. */
  readonly align: typeof align;
  getOutline(doc: TreatyDocument): OutlineNode[];
  getFoldingRanges(doc: TreatyDocument): LineFold[];
  getSelectionChain(doc: TreatyDocument, offset: number): TextRange[];
  getProblems(doc: TreatyDocument): readonly Problem[];
  findArticles(query: string): ArticleHit[];
}

/** Creates the service. `options` go to every parse (e.g. the size limit from the settings). */
export function createTreatyService(options: ParseOptions = {}): TreatyService {
  const cache = new Map<string, { version: number; doc: TreatyDocument }>();
  const corpus = new CorpusIndex();
  return Object.freeze({
    getDocument(key: string, version: number, text: () => string): TreatyDocument {
      const hit = cache.get(key);
      if (hit && hit.version === version) return hit.doc;
      const doc = parseDocument(text(), options);
      cache.set(key, { version, doc });
      return doc;
    },
    forget(key: string): void {
      cache.delete(key);
    },
    corpus,
    align,
    getOutline,
    getFoldingRanges,
    getSelectionChain,
    getProblems: (doc: TreatyDocument) => doc.problems,
    findArticles: (query: string) => corpus.findArticles(query),
  });
}
