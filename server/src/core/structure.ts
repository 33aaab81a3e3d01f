/** Folding and selection ranges from the document model. */
import type { TextRange, TreatyDocument } from './model';

export interface LineFold {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: 'section' | 'article';
}

/** One fold per section and per article (nested items included) that spans more than one line. */
export function getFoldingRanges(doc: TreatyDocument): LineFold[] {
  const folds: LineFold[] = [];
  for (const s of doc.sections) {
    if (s.endLine > s.startLine) folds.push({ startLine: s.startLine, endLine: s.endLine, kind: 'section' });
  }
  for (const a of doc.articles) {
    if (a.endLine > a.line) folds.push({ startLine: a.line, endLine: a.endLine, kind: 'article' });
  }
  return folds.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/**
 * The chain of ranges to grow a selection through at an offset, innermost first:
 * paragraph → item → article → section → whole text. Each range strictly contains the one before.
 * An offset outside every paragraph starts from the section (or the whole text).
 */
export function getSelectionChain(doc: TreatyDocument, offset: number): TextRange[] {
  const candidates: TextRange[] = [];
  const paragraph = doc.paragraphs.find((p) => p.range.start <= offset && offset <= p.range.end);
  if (paragraph) candidates.push(paragraph.range);
  const articles = doc.articles
    .filter((a) => a.range.start <= offset && offset <= a.range.end)
    .sort((a, b) => b.level - a.level);
  for (const a of articles) candidates.push(a.range);
  const section = doc.sections.find((s) => s.range.start <= offset && offset <= s.range.end);
  if (section) candidates.push(section.range);
  candidates.push({ start: 0, end: doc.text.length });
  const chain: TextRange[] = [];
  for (const r of candidates) {
    const inner = chain[chain.length - 1];
    if (!inner || (r.start <= inner.start && r.end >= inner.end && (r.start < inner.start || r.end > inner.end))) chain.push(r);
  }
  return chain;
}
