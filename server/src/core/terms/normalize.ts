/**
 * The normalised view of a text that term matching runs over, with a map back to the
 * original UTF-16 offsets.
 *
 * Normalisation only ever produces matching keys: the document text is never rewritten.
 * Each code point of the original yields zero or one normalised code unit (or, for a
 * character outside the BMP that is kept, its two surrogates), and every normalised code
 * unit remembers the original range it came from. A match `[s, e)` in the view is thus
 * `[starts[s], ends[e - 1])` in the original, whatever was folded, collapsed or dropped
 * inside it.
 */
import * as OpenCC from 'opencc-js';
import type { TextRange } from '../model';

export interface NormalizedText {
  /** The normalised view, lower-cased: the string the automaton runs over. */
  readonly key: string;
  /**
   * The same view with the original letter case, code unit for code unit aligned with
   * `key`; used to check case-sensitive forms (all-caps abbreviations).
   */
  readonly cased: string;
  /** For each code unit of `key`, the original offset where its source character starts. */
  readonly starts: Uint32Array;
  /** For each code unit of `key`, the original offset just after its source character. */
  readonly ends: Uint32Array;
}

// Per-character conversion, never phrase conversion: a phrase table ('twp') would fold a
// glossary form and the same words in a document differently depending on their
// neighbours, and may change lengths. Taiwan variants first, then Hong Kong variants
// (衞 is only folded by the latter).
const fromTw = OpenCC.Converter({ from: 'tw', to: 'cn' });
const fromHk = OpenCC.Converter({ from: 'hk', to: 'cn' });
const foldCache = new Map<number, number>();

function isHan(cp: number): boolean {
  return (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
}

/** Simplified code point for a Han code point; the code point itself when OpenCC does not map it to exactly one character. */
function foldHan(cp: number): number {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(cp);
  let folded = fromTw(ch);
  if (folded === ch) folded = fromHk(ch);
  const chars = Array.from(folded);
  const result = chars.length === 1 ? chars[0].codePointAt(0)! : cp;
  foldCache.set(cp, result);
  return result;
}

/** Hyphens and dashes, which count as a word gap: all-weather = all weather. */
function isHyphen(cp: number): boolean {
  return cp === 0x2d || (cp >= 0x2010 && cp <= 0x2015) || cp === 0x2212 || cp === 0xfe63 || cp === 0xff0d;
}

function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x0b || cp === 0x0c ||
    cp === 0xa0 || cp === 0x3000 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f;
}

/**
 * Double quotation marks are dropped from the view: Chinese official texts quote terms
 * inconsistently (“一带一路”倡议 beside 一带一路倡议, “铁杆”兄弟 beside 铁杆兄弟). Single
 * quotes are not dropped, since ’ is also the English apostrophe.
 */
function isDroppedQuote(cp: number): boolean {
  return cp === 0x22 || cp === 0x201c || cp === 0x201d || cp === 0x201e || cp === 0x300c || cp === 0x300d ||
    cp === 0x300e || cp === 0x300f || cp === 0xff02;
}

function isApostrophe(cp: number): boolean {
  return cp === 0x27 || cp === 0x2018 || cp === 0x2019 || cp === 0x02bc || cp === 0x2032 || cp === 0x60 || cp === 0xff07;
}

/** Sentinel: the character is a word gap (space or hyphen), merged with its neighbours into one space. */
const GAP = -1;
/** Sentinel: the character leaves nothing in the view. */
const DROP = -2;

/** The normalised code point of one original code point, or GAP / DROP. */
function normalizeCodePoint(cp: number): number {
  if (isSpace(cp) || isHyphen(cp)) return GAP;
  if (isDroppedQuote(cp)) return DROP;
  if (isApostrophe(cp)) return 0x27;
  // Full-width ASCII variants to ASCII (the apostrophe, quote and hyphen were handled above).
  if (cp >= 0xff01 && cp <= 0xff5e) return cp - 0xfee0;
  if (isHan(cp)) return foldHan(cp);
  return cp;
}

/** Lower case of a code point when that is one code point of the same UTF-16 length, else the code point. */
function lowerCodePoint(cp: number): number {
  if (cp >= 0x41 && cp <= 0x5a) return cp + 0x20;
  if (cp < 0xc0) return cp;
  const ch = String.fromCodePoint(cp);
  const lower = ch.toLowerCase();
  return lower.length === ch.length && Array.from(lower).length === 1 ? lower.codePointAt(0)! : cp;
}

/**
 * Builds the normalised view of `text`: Traditional Han folded to Simplified (one character
 * to one character, per OpenCC), full-width ASCII to half-width, every run of white space
 * and hyphens to one space, apostrophe variants to `'`, double quotes dropped, letters
 * lower-cased in `key` (kept in `cased`). Leading and trailing gaps are kept, so a caller
 * normalising a glossary form should trim the result (see {@link normalizeForm}).
 */
export function normalizeText(text: string): NormalizedText {
  const key: number[] = [];
  const cased: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (k: number, c: number, start: number, end: number) => {
    key.push(k);
    cased.push(c);
    starts.push(start);
    ends.push(end);
  };
  let gapOpen = false;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const n = normalizeCodePoint(cp);
    if (n === GAP) {
      if (gapOpen) ends[ends.length - 1] = i + width;
      else push(0x20, 0x20, i, i + width);
      gapOpen = true;
    } else if (n !== DROP) {
      gapOpen = false;
      const lower = lowerCodePoint(n);
      if (n > 0xffff) {
        // Both surrogates of a kept astral character map to the whole character, so no
        // match can start or end between them.
        const hi = 0xd800 + ((n - 0x10000) >> 10);
        const lo = 0xdc00 + ((n - 0x10000) & 0x3ff);
        push(hi, hi, i, i + width);
        push(lo, lo, i, i + width);
      } else {
        push(lower, n, i, i + width);
      }
    }
    i += width;
  }
  return {
    key: unitsToString(key),
    cased: unitsToString(cased),
    starts: Uint32Array.from(starts),
    ends: Uint32Array.from(ends),
  };
}

// String.fromCharCode(...units) on a whole document would overflow the argument limit.
function unitsToString(units: readonly number[]): string {
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192));
  return out;
}

/**
 * The matching key of a glossary form: its normalised view with outer gaps trimmed,
 * lower-cased (`key`) and with its case kept (`cased`). Returns `undefined` when nothing
 * of the form survives normalisation (empty, only spaces, hyphens or quotes).
 */
export function normalizeForm(form: string): { key: string; cased: string } | undefined {
  const view = normalizeText(form);
  let start = 0;
  let end = view.key.length;
  while (start < end && view.key.charCodeAt(start) === 0x20) start++;
  while (end > start && view.key.charCodeAt(end - 1) === 0x20) end--;
  if (start === end) return undefined;
  return { key: view.key.slice(start, end), cased: view.cased.slice(start, end) };
}

/**
 * The original range of the normalised range `[start, end)` of `view`. `start < end` and
 * both within the view are the caller's duty.
 */
export function toOriginalRange(view: NormalizedText, start: number, end: number): TextRange {
  return { start: view.starts[start], end: view.ends[end - 1] };
}
