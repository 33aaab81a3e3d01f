/**
 * Conversion between UTF-16 offsets (JS, VS Code, LSP) and code point offsets (the W3C
 * TextPositionSelector). Built once per text so that re-anchoring 10,000 annotations does
 * not rescan the text for each of them.
 */

export interface CodePointIndex {
  /** Code point offset of a UTF-16 offset; an offset inside a surrogate pair maps to the code point after the pair. */
  toCodePoint(utf16: number): number;
  /** UTF-16 offset of a code point offset. */
  toUtf16(codePoint: number): number;
}

/**
 * Index of the text's astral characters (surrogate pairs), the only places where the two
 * counts part. Most treaty texts have none, and then both conversions are the identity.
 */
export function codePointIndex(text: string): CodePointIndex {
  // UTF-16 offsets of the high surrogate of each well-formed pair, ascending.
  const pairs: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs.push(i);
        i++;
      }
    }
  }
  if (pairs.length === 0) return { toCodePoint: (o) => o, toUtf16: (c) => c };
  // The code point offset of each pair's start: k pairs before it each saved one unit.
  const pairCodePoints = pairs.map((s, k) => s - k);
  return {
    // Pairs that end at or before the offset each count one code point for two units.
    toCodePoint: (o) => o - countBelow(pairs, o - 1),
    toUtf16: (c) => c + countBelow(pairCodePoints, c),
  };
}

/** How many entries of an ascending array are strictly below `limit`. */
function countBelow(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
