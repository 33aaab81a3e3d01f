/**
 * The store format: JSON Lines, one annotation per line, sorted by position, keys in a fixed
 * order, UTF-8 without escaping non-ASCII. A research group keeps these files under git, so
 * adding, editing or re-anchoring one annotation changes exactly one line of the diff.
 */

import { ANNOTATION_CONTEXT, positionSelectorOf, type Annotation } from './model';

export interface AnnotationLineProblem {
  /** 1-based line in the file, as an editor and `git blame` show it. */
  readonly line: number;
  /** Why the line was not taken, in words that do not depend on the JS engine. */
  readonly reason: string;
  /** The engine's own message, when there is one (JSON syntax errors); for logs only. */
  readonly detail?: string;
}

export interface ParsedAnnotations {
  /** Annotations of the lines that could be read, in file order. */
  readonly annotations: Annotation[];
  /** One entry per line that could not be read; empty for a sound file. */
  readonly problems: AnnotationLineProblem[];
}

/**
 * Reads a store file. A BOM, CRLF line ends and blank lines (a hand edit, a git checkout with
 * autocrlf) are tolerated; every other defect becomes a problem with its line, and the line's
 * annotation is left out. Of two lines with one id, the second is a problem: merging them
 * silently could hide which one a person meant to keep.
 *
 * Never throws.
 */
export function parseAnnotationLines(text: string): ParsedAnnotations {
  const annotations: Annotation[] = [];
  const problems: AnnotationLineProblem[] = [];
  const firstLineOf = new Map<string, number>();
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (content.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (e) {
      problems.push({ line, reason: 'not valid JSON', detail: e instanceof Error ? e.message : String(e) });
      return;
    }
    const reason = invalidReason(value);
    if (reason !== undefined) {
      problems.push({ line, reason });
      return;
    }
    const annotation = value as Annotation;
    const first = firstLineOf.get(annotation.id);
    if (first !== undefined) {
      problems.push({ line, reason: `duplicate id (first on line ${first})` });
      return;
    }
    firstLineOf.set(annotation.id, line);
    annotations.push(annotation);
  });
  return { annotations, problems };
}

/**
 * Writes a store file: one line per annotation, ordered by position (code points) then id, each
 * object's keys in a fixed order, a final newline; the empty string for no annotations.
 * Properties we do not know (written by another W3C tool) are kept, after the known ones.
 */
export function serializeAnnotations(annotations: readonly Annotation[]): string {
  let out = '';
  for (const a of sortAnnotations(annotations)) {
    let line = LINES.get(a);
    if (line === undefined) {
      line = JSON.stringify(canonical(a));
      LINES.set(a, line);
    }
    out += line + '\n';
  }
  return out;
}

/**
 * The line of each annotation object already written. Annotations are immutable values (every
 * change makes a new object), so a store of 10,000 notes of which one changed re-serialises one.
 */
const LINES = new WeakMap<Annotation, string>();

/** The annotations in store order: by start, then end (code points), then id; those without a position last. */
export function sortAnnotations(annotations: readonly Annotation[]): Annotation[] {
  const keyed = annotations.map((a) => {
    const p = positionSelectorOf(a);
    return { a, start: p?.start ?? Infinity, end: p?.end ?? Infinity };
  });
  keyed.sort((x, y) => x.start - y.start || x.end - y.end || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
  return keyed.map((k) => k.a);
}

/**
 * Merges two versions of one document's annotations by id: an id in only one list is kept; an
 * id in both keeps the version with the later `modified`, and `mine` on a tie (a re-anchoring
 * keeps `modified`, and the caller's positions are the fresher ones). Ids in `deletedIds` are
 * dropped from both, since the caller deleted them after reading `theirs`.
 *
 * @returns the merged list in store order.
 */
export function mergeAnnotations(
  mine: readonly Annotation[],
  theirs: readonly Annotation[],
  deletedIds: ReadonlySet<string> = new Set(),
): Annotation[] {
  const byId = new Map<string, Annotation>();
  for (const a of theirs) byId.set(a.id, a);
  for (const a of mine) {
    const other = byId.get(a.id);
    if (other === undefined || compareModified(a.modified, other.modified) >= 0) byId.set(a.id, a);
  }
  for (const id of deletedIds) byId.delete(id);
  return sortAnnotations([...byId.values()]);
}

/** Orders ISO date-times by instant, so `…Z` and `…+08:00` stamps compare right; strings that are not dates compare as text. */
function compareModified(x: string, y: string): number {
  const tx = Date.parse(x);
  const ty = Date.parse(y);
  if (!Number.isNaN(tx) && !Number.isNaN(ty)) return tx - ty;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Key order of every object we write; keys not listed follow in alphabetical order. */
const KEY_ORDER = [
  '@context', 'id', 'type', 'motivation', 'created', 'modified', 'creator', 'name',
  'body', 'purpose', 'format', 'language', 'value', 'target', 'source', 'selector',
  'exact', 'prefix', 'suffix', 'start', 'end', 'utf16Start', 'utf16End', 'conformsTo', 'refinedBy',
];
const KEY_RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => {
    const ra = KEY_RANK.get(a) ?? KEY_ORDER.length;
    const rb = KEY_RANK.get(b) ?? KEY_ORDER.length;
    return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
  });
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = canonical((value as Record<string, unknown>)[k]);
  return out;
}

/** Why a parsed value is not an annotation we can anchor and merge; undefined when it is one. */
function invalidReason(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  const context = value['@context'];
  if (context !== ANNOTATION_CONTEXT && !(Array.isArray(context) && context.includes(ANNOTATION_CONTEXT))) {
    return `"@context" is not ${ANNOTATION_CONTEXT}`;
  }
  if (value.type !== 'Annotation') return '"type" is not "Annotation"';
  if (typeof value.id !== 'string' || value.id === '') return 'missing "id"';
  if (typeof value.created !== 'string') return 'missing "created"';
  if (typeof value.modified !== 'string') return 'missing "modified"';
  if (!Array.isArray(value.body) || !value.body.every((b) => isObject(b) && typeof b.value === 'string')) {
    return '"body" is not a list of TextualBody';
  }
  const target = value.target;
  if (!isObject(target) || typeof target.source !== 'string' || !Array.isArray(target.selector)) {
    return '"target" has no "source" and "selector" list';
  }
  let quotes = 0;
  for (const s of target.selector) {
    if (!isObject(s)) return '"target.selector" holds a value that is not an object';
    if (s.type === 'TextQuoteSelector') {
      if (typeof s.exact !== 'string' || typeof s.prefix !== 'string' || typeof s.suffix !== 'string') {
        return 'TextQuoteSelector lacks "exact", "prefix" or "suffix"';
      }
      quotes++;
    } else if (s.type === 'TextPositionSelector') {
      if (!isOffset(s.start) || !isOffset(s.end) || s.start > s.end) return 'TextPositionSelector has invalid "start"/"end"';
      if ((s.utf16Start !== undefined && !isOffset(s.utf16Start)) || (s.utf16End !== undefined && !isOffset(s.utf16End))) {
        return 'TextPositionSelector has invalid "utf16Start"/"utf16End"';
      }
    } else if (s.type === 'FragmentSelector' && typeof s.value !== 'string') {
      return 'FragmentSelector lacks "value"';
    }
  }
  if (quotes !== 1) return 'target needs exactly one TextQuoteSelector';
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isOffset(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
