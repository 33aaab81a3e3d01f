/**
 * Divergence: a term one side of a paragraph pair uses and its counterpart does not.
 *
 * "一个中国原则" in a Chinese paragraph whose paired English paragraph says nothing like
 * "one-China principle" is either a loose translation or two texts saying different things;
 * a researcher wants to see both. The pairs come from the pairing engine (core/align).
 */
import type { Alignment } from '../align';
import type { Paragraph, TextRange, TreatyDocument } from '../model';
import type { GlossaryTerm } from './glossary';
import type { TermOccurrence } from './matcher';

export interface Divergence {
  /** The document holding the occurrence: the alignment's `zhDoc` or `enDoc`. */
  readonly doc: TreatyDocument;
  readonly range: TextRange;
  readonly termId: string;
  /** The side that uses the term. */
  readonly lang: 'zh' | 'en';
  /** 0-based line of the first paragraph of the counterpart. */
  readonly counterpartLine: number;
  readonly message: string;
}

/** Pairs below this confidence are too unsure to say their texts differ. */
const MIN_CONFIDENCE = 0.5;

function inParagraphs(occurrences: readonly TermOccurrence[], paragraphs: readonly Paragraph[]): TermOccurrence[] {
  return occurrences.filter((o) => paragraphs.some((p) => o.start >= p.range.start && o.end <= p.range.end));
}

/**
 * Every term used on one side of a pair and absent from the other, once per term and pair
 * (at its first occurrence). A term counts as present on a side when any of its forms in that
 * side's language occurs there. Returns an empty array when the alignment has no pairs.
 */
export function findDivergences(
  alignment: Alignment,
  occurrencesOf: (doc: TreatyDocument) => readonly TermOccurrence[],
  termOf: (id: string) => GlossaryTerm | undefined,
): Divergence[] {
  const zhAll = occurrencesOf(alignment.zhDoc);
  const enAll = occurrencesOf(alignment.enDoc);
  const out: Divergence[] = [];
  for (const pair of alignment.pairs) {
    if (pair.confidence < MIN_CONFIDENCE || pair.zh.length === 0 || pair.en.length === 0) continue;
    const zh = inParagraphs(zhAll, pair.zh).filter((o) => o.lang === 'zh');
    const en = inParagraphs(enAll, pair.en).filter((o) => o.lang === 'en');
    const zhIds = new Set(zh.map((o) => o.termId));
    const enIds = new Set(en.map((o) => o.termId));
    const report = (side: 'zh' | 'en', list: TermOccurrence[], other: Set<string>, doc: TreatyDocument, otherPara: Paragraph) => {
      const seen = new Set<string>();
      for (const o of list) {
        if (other.has(o.termId) || seen.has(o.termId)) continue;
        seen.add(o.termId);
        const term = termOf(o.termId);
        const expected = term ? (side === 'zh' ? term.en : term.zh).map((f) => `"${f}"`).join(' / ') : o.termId;
        const otherName = side === 'zh' ? 'English' : 'Chinese';
        out.push({
          doc, range: { start: o.start, end: o.end }, termId: o.termId, lang: side, counterpartLine: otherPara.line,
          message: `"${o.text}" (${o.termId}) is not in the paired ${otherName} paragraph (line ${otherPara.line + 1}), which has none of ${expected}.`,
        });
      }
    };
    report('zh', zh, enIds, alignment.zhDoc, pair.en[0]);
    report('en', en, zhIds, alignment.enDoc, pair.zh[0]);
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

