/**
 * The Gale–Church (1993) length-based aligner, kept as the baseline the pairing engine is
 * measured against: the same paragraphs, lengths alone, the paper's bead priors.
 */
import type { Paragraph } from '../model';
import { alignMonotone } from './dp';
import type { BeadShape } from './dp';
import { lengthLogProbability } from './score';

/** Bead priors from Gale & Church, Table 5 (1–1, 1–0/0–1, 2–1/1–2, 2–2). */
const SHAPES: readonly BeadShape[] = [[1, 1], [2, 1], [1, 2], [2, 2]];
const PRIOR: Record<string, number> = { '1,1': 0.89, '2,1': 0.0445, '1,2': 0.0445, '2,2': 0.011 };
const SKIP_PRIOR = 0.0099 / 2;

const lengthOf = (p: Paragraph) => p.text.replace(/\s/g, '').length;

/**
 * Aligns Chinese paragraphs with English ones by length only.
 * @returns the paired groups in order; a 1–0 or 0–1 bead leaves its paragraph out.
 */
export function alignGaleChurch(
  zh: readonly Paragraph[], en: readonly Paragraph[],
): Array<{ zh: Paragraph[]; en: Paragraph[] }> {
  const zl = zh.map(lengthOf);
  const el = en.map(lengthOf);
  const sum = (xs: number[], from: number, n: number) => xs.slice(from, from + n).reduce((s, x) => s + x, 0);
  // Gale–Church minimises a cost; the DP maximises, so scores are negated costs.
  const beads = alignMonotone(zh.length, en.length, SHAPES, (i, a, j, b) =>
    Math.log(PRIOR[`${a},${b}`]) + lengthLogProbability(sum(zl, i, a), sum(el, j, b)), Math.log(SKIP_PRIOR));
  return beads.map((b) => ({ zh: zh.slice(b.zhStart, b.zhStart + b.zhCount), en: en.slice(b.enStart, b.enStart + b.enCount) }));
}
