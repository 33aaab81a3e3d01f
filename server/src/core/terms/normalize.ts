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
// The t2cn build holds only the Traditional → Simplified dictionaries (200 KB, not the full 2.2 MB).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenCC: { Converter(options: { from: string; to: string }): (text: string) => string } = require('opencc-js/t2cn');
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

// Per-character conversion, never phrase conversion. opencc-js's 'twp' preset rewrites
// whole phrases (支援 -> 支持, 資訊 -> 信息), so a glossary form and the same words in a
// document could fold differently depending on their neighbours, and a phrase may change
// length. Character by character, both sides fold alike (even 著 -> 着, which is wrong in
// 著名 but wrong identically in the glossary). Taiwan variants first, then Hong Kong ones
// (衞 is only folded by the latter). Regional wordings (高品质 for 高质量) are glossary forms.
// Built on first use: loading the dictionaries costs a few hundred milliseconds at start-up.
let fromTw: ((text: string) => string) | undefined;
let fromHk: ((text: string) => string) | undefined;
const foldCache = new Map<number, number>();

function isHan(cp: number): boolean {
  return (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
}

/** Simplified code point for a Han code point; the code point itself when OpenCC does not map it to exactly one character. */
function foldHan(cp: number): number {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(cp);
  fromTw ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  let folded = fromTw(ch);
  if (folded === ch) {
    fromHk ??= OpenCC.Converter({ from: 'hk', to: 'cn' });
    folded = fromHk(ch);
  }
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

// Lazily filled tables for the BMP: the view is built per keystroke, and computing each
// character once (OpenCC lookups above all) keeps a 1 MB text well under a second.
const UNSET = -3;
const bmpNormal = new Int32Array(0x10000).fill(UNSET);
const bmpLower = new Int32Array(0x10000).fill(UNSET);

/** The normalised code point of one original code point, or GAP / DROP. */
function normalizeCodePoint(cp: number): number {
  if (cp > 0xffff) return computeNormal(cp);
  let n = bmpNormal[cp];
  if (n === UNSET) n = bmpNormal[cp] = computeNormal(cp);
  return n;
}

function computeNormal(cp: number): number {
  if (isSpace(cp) || isHyphen(cp)) return GAP;
  if (isDroppedQuote(cp)) return DROP;
  if (isApostrophe(cp)) return 0x27;
  // Full-width ASCII variants to ASCII (the apostrophe, quote and hyphen were handled above).
  if (cp >= 0xff01 && cp <= 0xff5e) return cp - 0xfee0;
  if (isHan(cp)) return foldHan(cp);
  return cp;
}

/** Lower case of a BMP code point when that is one BMP code point, else the code point. */
function lowerCodePoint(cp: number): number {
  let lower = bmpLower[cp];
  if (lower === UNSET) {
    const ch = String.fromCharCode(cp);
    const l = ch.toLowerCase();
    lower = bmpLower[cp] = l.length === 1 ? l.charCodeAt(0) : cp;
  }
  return lower;
}

/**
 * Builds the normalised view of `text`: Traditional Han folded to Simplified (one character
 * to one character, per OpenCC), full-width ASCII to half-width, every run of white space
 * and hyphens to one space, apostrophe variants to `'`, double quotes dropped, letters
 * lower-cased in `key` (kept in `cased`). Leading and trailing gaps are kept, so a caller
 * normalising a glossary form should trim the result (see {@link normalizeForm}).
 */
export function normalizeText(text: string): NormalizedText {
  // A code point never yields more code units than it has, so the view fits in text.length.
  const key = new Uint16Array(text.length);
  const cased = new Uint16Array(text.length);
  const starts = new Uint32Array(text.length);
  const ends = new Uint32Array(text.length);
  let n = 0;
  let gapOpen = false;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const norm = normalizeCodePoint(cp);
    if (norm === GAP) {
      if (gapOpen) ends[n - 1] = i + width;
      else {
        key[n] = cased[n] = 0x20;
        starts[n] = i;
        ends[n] = i + width;
        n++;
      }
      gapOpen = true;
    } else if (norm !== DROP) {
      gapOpen = false;
      if (norm > 0xffff) {
        // Both surrogates of a kept astral character map to the whole character, so no
        // match can start or end between them.
        key[n] = cased[n] = 0xd800 + ((norm - 0x10000) >> 10);
        key[n + 1] = cased[n + 1] = 0xdc00 + ((norm - 0x10000) & 0x3ff);
        starts[n] = starts[n + 1] = i;
        ends[n] = ends[n + 1] = i + width;
        n += 2;
      } else {
        key[n] = lowerCodePoint(norm);
        cased[n] = norm;
        starts[n] = i;
        ends[n] = i + width;
        n++;
      }
    }
    i += width;
  }
  return { key: unitsToString(key, n), cased: unitsToString(cased, n), starts: starts.slice(0, n), ends: ends.slice(0, n) };
}

// String.fromCharCode(...units) on a whole document would overflow the argument limit.
function unitsToString(units: Uint16Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 8192) out += String.fromCharCode(...units.subarray(i, Math.min(i + 8192, length)));
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
