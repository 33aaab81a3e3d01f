/**
 * Approximate string search (edit distance), after Myers' bit-parallel algorithm in the
 * block form of Hyyrö, which is what hypothes.is uses (via approx-string-match) to re-find
 * quotes. It runs in O(text × ⌈quote / 32⌉), so a fuzzy search of a 100-character quote in
 * a 30,000-character treaty costs about as much as four plain scans.
 *
 * Offsets are UTF-16 units, like the rest of the core; an astral character counts as two
 * edits, which only makes such quotes slightly harder to match.
 */

export interface ApproxMatch {
  /** UTF-16 offset where the match starts. */
  readonly start: number;
  /** UTF-16 offset just after the match. */
  readonly end: number;
  /** Edit distance between the pattern and `text.slice(start, end)`. */
  readonly errors: number;
}

/**
 * Matches of `pattern` in `text` with at most `maxErrors` edits, one per run of overlapping
 * end positions (the best of the run), in text order.
 */
export function searchApprox(text: string, pattern: string, maxErrors: number): ApproxMatch[] {
  const m = pattern.length;
  if (m === 0) return [];
  const ends: { end: number; errors: number }[] = [];
  let run: { end: number; errors: number } | undefined;
  scan(pattern, text, false, (j, score) => {
    if (score <= maxErrors) {
      if (run === undefined || score < run.errors) run = { end: j + 1, errors: score };
    } else if (run !== undefined) {
      ends.push(run);
      run = undefined;
    }
  });
  if (run !== undefined) ends.push(run);
  return ends.map(({ end, errors }) => ({ start: findStart(text, pattern, end, errors), end, errors }));
}

/**
 * The smallest edit distance between `pattern` and any substring of `text`; `pattern.length`
 * when the text is empty.
 */
export function minEditDistance(text: string, pattern: string): number {
  let best = pattern.length;
  scan(pattern, text, false, (_j, score) => {
    if (score < best) best = score;
  });
  return best;
}

/**
 * Where a match ending at `end` with `errors` edits starts: the pattern reversed, searched in
 * the text before `end` reversed, anchored at `end`. Of equally good starts, the one giving
 * the length closest to the pattern's is taken.
 */
function findStart(text: string, pattern: string, end: number, errors: number): number {
  const from = Math.max(0, end - pattern.length - errors);
  const window = reverse(text.slice(from, end));
  let best = end - pattern.length;
  let bestLengthGap = Infinity;
  scan(reverse(pattern), window, true, (j, score) => {
    if (score === errors) {
      const gap = Math.abs(j + 1 - pattern.length);
      if (gap < bestLengthGap) {
        bestLengthGap = gap;
        best = end - (j + 1);
      }
    }
  });
  // Deleting the whole pattern (an empty match) is never better than that, but guard the bounds.
  return Math.max(0, Math.min(best, end));
}

function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/**
 * Runs the Myers automaton over `text`, reporting after each character j the edit distance
 * between the whole pattern and the best substring ending at j. Unanchored, a match may start
 * anywhere (top row all zeros); anchored, it must start at the text's beginning (top row 0, 1, 2…).
 */
function scan(pattern: string, text: string, anchored: boolean, onColumn: (j: number, score: number) => void): void {
  const m = pattern.length;
  const blocks = Math.ceil(m / 32);
  // One bit per pattern position, per block, for each UTF-16 unit that occurs in the pattern.
  const peq = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    let masks = peq.get(c);
    if (masks === undefined) {
      masks = new Int32Array(blocks);
      peq.set(c, masks);
    }
    masks[i >> 5] |= 1 << (i & 31);
  }
  const none = new Int32Array(blocks);
  const P = new Int32Array(blocks).fill(-1);
  const M = new Int32Array(blocks);
  const last = blocks - 1;
  const lastRow = 1 << ((m - 1) & 31);
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const eqs = peq.get(text.charCodeAt(j)) ?? none;
    // Horizontal delta entering the top of the first block: 0 when a match may start here, +1 when anchored.
    let hIn = anchored ? 1 : 0;
    for (let b = 0; b < blocks; b++) {
      const pV = P[b];
      const mV = M[b];
      const eq = eqs[b] | (hIn < 0 ? 1 : 0);
      const xV = eq | mV;
      const xH = ((((eq & pV) + pV) | 0) ^ pV) | eq;
      let pH = mV | ~(xH | pV);
      let mH = pV & xH;
      const rowMask = b === last ? lastRow : 0x80000000 | 0;
      const hOut = (pH & rowMask) !== 0 ? 1 : (mH & rowMask) !== 0 ? -1 : 0;
      pH <<= 1;
      mH <<= 1;
      if (hIn < 0) mH |= 1;
      else if (hIn > 0) pH |= 1;
      P[b] = mH | ~(xV | pH);
      M[b] = pH & xV;
      hIn = hOut;
    }
    score += hIn;
    onColumn(j, score);
  }
}
