/**
 * Building annotations from a selection, and deriving the new versions of an annotation
 * (re-anchored, edited). Annotations are immutable values: every change returns a new object.
 */

import type { TextRange } from '../model';
import { codePointIndex, type CodePointIndex } from './codePoints';
import {
  AKOMA_NTOSO,
  ANNOTATION_CONTEXT,
  type Annotation,
  type Selector,
  type TextPositionSelector,
  type TextQuoteSelector,
  type TextualBody,
} from './model';

/**
 * Context kept on each side of a quote, in UTF-16 units. A Chinese character carries about as
 * much as an English word, so 12 Chinese characters tell a place apart about as well as 32
 * English characters (the length hypothes.is uses), and a shorter context is less likely to be
 * touched by an unrelated edit.
 */
export const CONTEXT_LENGTH = { zh: 12, en: 32 } as const;

export interface CreateAnnotationOptions {
  /** The document, relative to the corpus folder. */
  readonly source: string;
  /** Id of the innermost article or paragraph holding the selection; undefined outside articles. */
  readonly articleId?: string;
  readonly note: string;
  readonly tags?: readonly string[];
  /** Display name from the `treatyLens.annotations.creator` setting. */
  readonly creator: string;
  readonly now: Date;
  /** `urn:uuid:…`, made by the host (the core has no randomness). */
  readonly id: string;
}

/**
 * Makes an annotation of `range` (UTF-16 offsets) in `text`, with a quote selector whose
 * context length depends on the script of the quote, a position selector in code points
 * (plus UTF-16 offsets), and the article id when given.
 *
 * @returns undefined when the range is empty or falls outside the text: there is nothing to
 * quote, so nothing could ever be re-anchored.
 */
export function createAnnotation(
  text: string,
  range: TextRange,
  options: CreateAnnotationOptions,
): Annotation | undefined {
  if (!(range.start >= 0 && range.start < range.end && range.end <= text.length)) return undefined;
  const stamp = options.now.toISOString();
  return {
    '@context': ANNOTATION_CONTEXT,
    id: options.id,
    type: 'Annotation',
    motivation: 'commenting',
    created: stamp,
    modified: stamp,
    creator: { type: 'Person', name: options.creator },
    body: makeBody(options.note, options.tags ?? []),
    target: {
      source: options.source,
      selector: makeSelectors(text, range, options.articleId, codePointIndex(text)),
    },
  };
}

/**
 * The annotation with its note and tags replaced and `modified` set to `now`, which makes this
 * version win a merge against older ones. Replies and the resolved mark are kept.
 */
export function editAnnotation(a: Annotation, note: string, tags: readonly string[], now: Date): Annotation {
  const rest = a.body.filter((b) => b.purpose !== 'commenting' && b.purpose !== 'tagging');
  return { ...a, modified: now.toISOString(), body: [...makeBody(note, tags), ...rest] };
}

/**
 * The annotation moved to `range` of `text` (where anchoring found it): the position selector
 * is rewritten, the quote and its context are kept as the author selected them, so that a
 * fuzzy match keeps being measured against the original words. `modified` is left alone:
 * the note did not change, and a re-anchoring must not win a merge over someone's edit.
 *
 * @param articleId the new article id; undefined keeps the stored one.
 * @param index a code point index of `text`, passed when re-anchoring many annotations.
 * @returns the same object when nothing changes, so callers can tell what to save by identity.
 */
export function moveAnnotation(
  a: Annotation,
  text: string,
  range: TextRange,
  articleId?: string,
  index: CodePointIndex = codePointIndex(text),
): Annotation {
  const position = positionSelector(range, index);
  let changed = false;
  const selector = a.target.selector.map((s): Selector => {
    if (s.type === 'TextPositionSelector') {
      if (s.start === position.start && s.end === position.end && s.utf16Start === position.utf16Start && s.utf16End === position.utf16End) {
        return s;
      }
      changed = true;
      return position;
    }
    if (s.type === 'FragmentSelector' && articleId !== undefined && s.value !== articleId) {
      changed = true;
      return { ...s, value: articleId };
    }
    return s;
  });
  if (!selector.some((s) => s.type === 'TextPositionSelector')) {
    changed = true;
    selector.push(position);
  }
  if (articleId !== undefined && !selector.some((s) => s.type === 'FragmentSelector')) {
    changed = true;
    selector.push({ type: 'FragmentSelector', value: articleId, conformsTo: AKOMA_NTOSO });
  }
  return changed ? { ...a, target: { ...a.target, selector } } : a;
}

/**
 * Whether a piece of text is Chinese for the purpose of context length: more Han characters
 * than Latin letters. Text with neither (numbers, punctuation) counts as English, the longer
 * context, since such quotes need more context to be told apart.
 */
export function isChineseText(s: string): boolean {
  let han = 0;
  let latin = 0;
  for (const ch of s) {
    if (HAN.test(ch)) han++;
    else if (LATIN.test(ch)) latin++;
  }
  return han > latin;
}

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

function makeBody(note: string, tags: readonly string[]): TextualBody[] {
  const body: TextualBody[] = [{ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/plain' }];
  for (const tag of tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  return body;
}

function makeSelectors(text: string, range: TextRange, articleId: string | undefined, index: CodePointIndex): Selector[] {
  const exact = text.slice(range.start, range.end);
  // Decide the script on the quote and a little around it, so a quote of digits inside a
  // Chinese sentence still gets the Chinese context length.
  const sample = exact + text.slice(Math.max(0, range.start - 8), range.start) + text.slice(range.end, range.end + 8);
  const n = isChineseText(sample) ? CONTEXT_LENGTH.zh : CONTEXT_LENGTH.en;
  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact,
    prefix: text.slice(safeStart(text, range.start - n), range.start),
    suffix: text.slice(range.end, safeEnd(text, range.end + n)),
  };
  const selectors: Selector[] = [quote, positionSelector(range, index)];
  if (articleId !== undefined) selectors.push({ type: 'FragmentSelector', value: articleId, conformsTo: AKOMA_NTOSO });
  return selectors;
}

function positionSelector(range: TextRange, index: CodePointIndex): TextPositionSelector {
  return {
    type: 'TextPositionSelector',
    start: index.toCodePoint(range.start),
    end: index.toCodePoint(range.end),
    utf16Start: range.start,
    utf16End: range.end,
  };
}

/** A context start that does not split a surrogate pair (a lone half would not round-trip through UTF-8). */
function safeStart(text: string, at: number): number {
  if (at <= 0) return 0;
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at + 1 : at;
}

function safeEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
}
