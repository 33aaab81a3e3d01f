/**
 * Monotone alignment by dynamic programming: the best sequence of beads (i Chinese units
 * with j English units) through two sequences, where leaving a unit unpaired is always
 * allowed. Shared by the article pass, the in-article pass, the content pass and the
 * Gale–Church baseline, which differ only in their shapes and scores.
 */

/** `[zhCount, enCount]` of a bead, both at least 1. */
export type BeadShape = readonly [number, number];

export interface Bead {
  readonly zhStart: number;
  readonly zhCount: number;
  readonly enStart: number;
  readonly enCount: number;
  readonly score: number;
}

/**
 * Aligns `zhCount` units with `enCount` units.
 * @param score the score of the bead `zh[i, i+a)` ↔ `en[j, j+b)`; -Infinity forbids it.
 * @param skipScore the score of leaving one unit unpaired (0: unpaired costs nothing).
 * @returns the paired beads in order; units in no bead are unpaired.
 */
export function alignMonotone(
  zhCount: number, enCount: number, shapes: readonly BeadShape[],
  score: (i: number, a: number, j: number, b: number) => number, skipScore = 0,
): Bead[] {
  const width = enCount + 1;
  const best = new Float64Array((zhCount + 1) * width).fill(-Infinity);
  // How each cell was reached: the bead shape index, or -1 / -2 for skipping zh / en.
  const back = new Int16Array((zhCount + 1) * width);
  const beadScore = new Float64Array((zhCount + 1) * width);
  best[0] = 0;
  for (let i = 0; i <= zhCount; i++) {
    for (let j = 0; j <= enCount; j++) {
      const here = i * width + j;
      if (i === 0 && j === 0) continue;
      let value = -Infinity;
      let from = 0;
      let gained = 0;
      if (i > 0 && best[here - width] + skipScore > value) {
        value = best[here - width] + skipScore;
        from = -1;
      }
      if (j > 0 && best[here - 1] + skipScore > value) {
        value = best[here - 1] + skipScore;
        from = -2;
      }
      shapes.forEach(([a, b], k) => {
        if (a > i || b > j) return;
        const previous = best[(i - a) * width + (j - b)];
        if (previous === -Infinity) return;
        const s = score(i - a, a, j - b, b);
        if (previous + s > value) {
          value = previous + s;
          from = k;
          gained = s;
        }
      });
      best[here] = value;
      back[here] = from;
      beadScore[here] = gained;
    }
  }
  const beads: Bead[] = [];
  let i = zhCount;
  let j = enCount;
  while (i > 0 || j > 0) {
    const here = i * width + j;
    const from = back[here];
    if (from === -1) i--;
    else if (from === -2) j--;
    else {
      const [a, b] = shapes[from];
      beads.push({ zhStart: i - a, zhCount: a, enStart: j - b, enCount: b, score: beadScore[here] });
      i -= a;
      j -= b;
    }
  }
  return beads.reverse();
}
