/**
 * Re-finding an annotation in a text that has changed since it was made.
 *
 * The order follows the evidence: the stored position if the quote is still there; the quote
 * within the annotation's article; the quote anywhere; then a fuzzy match scored on quote,
 * prefix, suffix and distance, as hypothes.is does (client `src/annotator/anchoring/match-quote.ts`).
 * Whatever cannot be re-found is `orphaned`: the caller shows it with its quote and keeps it.
 */

import type { TextRange } from '../model';
import { minEditDistance, searchApprox } from './approxSearch';
import { codePointIndex, type CodePointIndex } from './codePoints';
import { isChineseText } from './create';
import { articleIdOf, positionSelectorOf, quoteSelectorOf, type Annotation, type TextQuoteSelector } from './model';

export type AnchorStatus = 'exact' | 'article' | 'fuzzy' | 'orphaned';

export interface AnchorResult {
  /**
   * `exact`: the quote is at the stored position. `article`: the quote is elsewhere in the same
   * article (or its parent). `fuzzy`: found outside its article, or with changed words; show it
   * as moved or changed and let the reader confirm. `orphaned`: not found; show the stored quote.
   */
  readonly status: AnchorStatus;
  /** UTF-16 range in the new text; undefined when orphaned. */
  readonly range?: TextRange;
  /** 0..1 match score (quote, prefix, suffix, distance); set for `fuzzy` only. */
  readonly score?: number;
}

/** Where an article is in the current text; undefined when the article no longer exists. */
export type FindArticleRange = (articleId: string) => TextRange | undefined;

export interface AnchorOptions {
  /** Score a fuzzy match needs to be accepted. */
  readonly minScore?: number;
  /** Edits allowed in a fuzzy match, as a fraction of the quote's length. */
  readonly maxErrorRate?: number;
  /** Code point index of the text, shared when anchoring many annotations. */
  readonly index?: CodePointIndex;
}

/**
 * The defaults. A quote may lose a quarter of its characters; below that, a changed passage
 * is more likely a different passage. 0.6 rejects an exact but short quote whose context is
 * gone (quote alone scores 0.57), which is how a deleted phrase that also occurs elsewhere
 * becomes an orphan instead of a wrong anchor.
 */
export const DEFAULT_MIN_SCORE = 0.6;
export const DEFAULT_MAX_ERROR_RATE = 0.25;

/**
 * A quote this long (UTF-16 units) that occurs exactly once is accepted on its own, whatever its
 * context: whole sentences moved to another article carry none of their old context along.
 * Chinese is denser, in the same ratio as the context lengths.
 */
export const DISTINCTIVE_QUOTE_LENGTH = { zh: 6, en: 16 } as const;

// Weights from hypothes.is: the quote dominates, context breaks ties, distance only breaks ties of ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/** More exact occurrences than this are not each scored; a quote that common needs the article step. */
const MAX_OCCURRENCES = 2000;

/**
 * Re-finds `annotation` in `text`.
 *
 * @param findArticleRange where an article or paragraph id is now; undefined (the function, or
 * its answer) skips the article step. When a paragraph id (`zh/art_5__para_2`) is not found or
 * does not hold the quote, its parent ids (`zh/art_5`) are tried, since paragraphs get split
 * and renumbered more often than articles.
 * @returns never undefined; `orphaned` (without a range) when the quote cannot be re-found or
 * the annotation has no quote.
 */
export function anchorAnnotation(
  annotation: Annotation,
  text: string,
  findArticleRange?: FindArticleRange,
  options: AnchorOptions = {},
): AnchorResult {
  const quote = quoteSelectorOf(annotation);
  if (quote === undefined || quote.exact === '') return ORPHANED;
  const exact = quote.exact;
  const index = options.index ?? codePointIndex(text);

  // 1. The stored position, in UTF-16 as we write it, then from code points as the standard has it.
  const position = positionSelectorOf(annotation);
  let hint: number | undefined;
  if (position !== undefined) {
    const fromCodePoints = index.toUtf16(position.start);
    for (const start of [position.utf16Start, fromCodePoints]) {
      if (start !== undefined && text.startsWith(exact, start)) {
        return { status: 'exact', range: { start, end: start + exact.length } };
      }
    }
    hint = fromCodePoints;
  }

  // 2. The quote within its article, walking up from a paragraph to its article.
  const articleId = articleIdOf(annotation);
  if (articleId !== undefined && findArticleRange !== undefined) {
    for (let id: string | undefined = articleId; id !== undefined; id = parentId(id)) {
      const scope = findArticleRange(id);
      if (scope === undefined) continue;
      const found = bestOccurrence(text, quote, hint, scope);
      if (found !== undefined) return { status: 'article', range: found.range };
    }
  }

  // 3. The quote anywhere, judged on its context since it left its article.
  const anywhere = bestOccurrence(text, quote, hint, { start: 0, end: text.length });
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  if (anywhere !== undefined) {
    const distinctive =
      anywhere.count === 1 && exact.length >= DISTINCTIVE_QUOTE_LENGTH[isChineseText(exact) ? 'zh' : 'en'];
    if (distinctive || anywhere.score >= minScore) {
      return { status: 'fuzzy', range: anywhere.range, score: round(anywhere.score) };
    }
  }

  // 4. Fuzzy: the quote with some words changed.
  const maxErrors = Math.floor(exact.length * (options.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE));
  if (maxErrors > 0) {
    let best: { range: TextRange; score: number } | undefined;
    for (const match of searchApprox(text, exact, maxErrors)) {
      const range = { start: match.start, end: match.end };
      const score = scoreMatch(text, quote, range, match.errors, hint);
      if (best === undefined || score > best.score) best = { range, score };
    }
    if (best !== undefined && best.score >= minScore) {
      return { status: 'fuzzy', range: best.range, score: round(best.score) };
    }
  }
  return ORPHANED;
}

/**
 * Anchors every annotation of one document against one text, sharing the code point index and
 * the article lookups. Results are in the order of `annotations`.
 */
export function anchorAnnotations(
  annotations: readonly Annotation[],
  text: string,
  findArticleRange?: FindArticleRange,
  options: AnchorOptions = {},
): AnchorResult[] {
  const index = options.index ?? codePointIndex(text);
  const cache = new Map<string, TextRange | undefined>();
  const find: FindArticleRange | undefined =
    findArticleRange === undefined
      ? undefined
      : (id) => {
          if (!cache.has(id)) cache.set(id, findArticleRange(id));
          return cache.get(id);
        };
  return annotations.map((a) => anchorAnnotation(a, text, find, { ...options, index }));
}

const ORPHANED: AnchorResult = Object.freeze({ status: 'orphaned' });

/** `zh/art_5__para_2` → `zh/art_5`; undefined at the top. */
function parentId(id: string): string | undefined {
  const cut = id.lastIndexOf('__');
  return cut > 0 ? id.slice(0, cut) : undefined;
}

/** The best-scoring exact occurrence of the quote within `scope`, and how many there are. */
function bestOccurrence(
  text: string,
  quote: TextQuoteSelector,
  hint: number | undefined,
  scope: TextRange,
): { range: TextRange; score: number; count: number } | undefined {
  const exact = quote.exact;
  const starts: number[] = [];
  for (let at = text.indexOf(exact, scope.start); at !== -1 && at + exact.length <= scope.end; at = text.indexOf(exact, at + 1)) {
    starts.push(at);
    if (starts.length >= MAX_OCCURRENCES) break;
  }
  if (starts.length === 0) return undefined;
  // An occurrence with its context intact beats any without, whatever the distance, so when
  // there is one (the usual case) the edit-distance scoring of the others can be skipped.
  const intact = starts.filter(
    (at) => text.startsWith(quote.prefix, at - quote.prefix.length) && text.startsWith(quote.suffix, at + exact.length),
  );
  let best: { range: TextRange; score: number } | undefined;
  for (const at of intact.length > 0 ? intact : starts) {
    const range = { start: at, end: at + exact.length };
    const score = scoreMatch(text, quote, range, 0, hint);
    if (best === undefined || score > best.score) best = { range, score };
  }
  return best === undefined ? undefined : { ...best, count: starts.length };
}

/** Weighted score in 0..1 of a candidate range, as hypothes.is computes it. */
function scoreMatch(text: string, quote: TextQuoteSelector, range: TextRange, errors: number, hint: number | undefined): number {
  const quoteScore = 1 - errors / quote.exact.length;
  const prefixScore = contextScore(text.slice(Math.max(0, range.start - quote.prefix.length), range.start), quote.prefix);
  const suffixScore = contextScore(text.slice(range.end, range.end + quote.suffix.length), quote.suffix);
  const positionScore = hint === undefined || text.length === 0 ? 1 : 1 - Math.min(1, Math.abs(range.start - hint) / text.length);
  return (
    (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore) /
    TOTAL_WEIGHT
  );
}

/** How well the stored context survives next to the candidate: 1 for no stored context (start or end of text). */
function contextScore(actual: string, stored: string): number {
  if (stored.length === 0 || actual === stored) return 1;
  if (actual.length === 0) return 0;
  return 1 - minEditDistance(actual, stored) / stored.length;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
