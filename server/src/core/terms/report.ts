/**
 * Terms for the command line: the `terms` key of `analyze --json` and the `terms` table.
 * Lines printed here are 1-based (as an editor shows them); characters are UTF-16 units.
 */
import type { TreatyDocument } from '../model';
import { lineOfOffset } from '../parse';
import type { TermIndex } from './workspace';
import { baseNameOf } from './workspace';

export interface TermOccurrenceJson {
  /** 1-based line. */
  readonly line: number;
  /** 0-based UTF-16 column. */
  readonly character: number;
  /** Length in UTF-16 units. */
  readonly length: number;
  readonly lang: 'zh' | 'en';
  readonly text: string;
}

export interface TermJson {
  readonly id: string;
  readonly zh: readonly string[];
  readonly en: readonly string[];
  readonly occurrences: readonly TermOccurrenceJson[];
}

/** The glossary terms occurring in a document, in glossary order, each with its occurrences in text order. */
export function termsJson(doc: TreatyDocument, index: TermIndex): TermJson[] {
  const byTerm = new Map<string, TermOccurrenceJson[]>();
  for (const o of index.occurrencesOf(doc)) {
    const line = lineOfOffset(doc.lines, o.start);
    let list = byTerm.get(o.termId);
    if (!list) byTerm.set(o.termId, (list = []));
    list.push({ line: line + 1, character: o.start - doc.lines[line].start, length: o.end - o.start, lang: o.lang, text: o.text });
  }
  return index.current.terms
    .filter((t) => byTerm.has(t.id))
    .map((t) => ({ id: t.id, zh: t.zh, en: t.en, occurrences: byTerm.get(t.id)! }));
}

/**
 * The table of terms with their counts per document (documents by date, as columns D1…Dn
 * named below the table), terms in glossary order; terms that occur nowhere are left out.
 */
export function termsTable(index: TermIndex): string {
  const keys = index.keys();
  const counts = index.countsPerDocument();
  const rows = index.current.terms.filter((t) => counts.has(t.id));
  const idWidth = Math.max(4, ...rows.map((t) => t.id.length));
  const cols = keys.map((_, i) => `D${i + 1}`);
  const width = Math.max(4, ...cols.map((c) => c.length));
  const cell = (s: string | number) => String(s).padStart(width);
  const out = [`${'term'.padEnd(idWidth)} ${cols.map(cell).join(' ')} ${cell('all')}`];
  for (const t of rows) {
    const perDoc = counts.get(t.id)!;
    const values = keys.map((k) => perDoc.get(k) ?? 0);
    out.push(`${t.id.padEnd(idWidth)} ${values.map(cell).join(' ')} ${cell(values.reduce((a, b) => a + b, 0))}`);
  }
  out.push('');
  keys.forEach((k, i) => out.push(`D${i + 1} = ${baseNameOf(k)}`));
  out.push(`${rows.length} of ${index.current.terms.length} terms occur in ${keys.length} document${keys.length === 1 ? '' : 's'}.`);
  return out.join('\n');
}
