/**
 * The workspace term index: where every glossary term occurs in every corpus document.
 *
 * Each document contributes its occurrences; replacing a document removes its old
 * contribution and adds the new one (marksman's per-file index), so an edit re-scans one
 * document. A new glossary re-scans every document, once. Pure: keys are opaque strings
 * (the host uses file paths), dates come from file names.
 */
import type { TextRange, TreatyDocument } from '../model';
import type { Glossary, GlossaryTerm } from './glossary';
import { compileGlossary, findTermOccurrences } from './matcher';
import type { CompiledGlossary, TermOccurrence } from './matcher';

/** An occurrence with the document it is in. */
export interface PlacedOccurrence {
  readonly key: string;
  readonly occurrence: TermOccurrence;
}

/** Where Go to Definition leads for a term. */
export interface TermDefinition {
  readonly key: string;
  readonly range: TextRange;
  /** `glossary`: the entry's `definedAt`; `first-use`: the first occurrence in the corpus by date. */
  readonly source: 'glossary' | 'first-use';
}

export interface TermUsage {
  readonly occurrences: number;
  readonly documents: number;
  /** Key and date of the earliest and latest documents using the term (by date, then key). */
  readonly first?: { readonly key: string; readonly date: string | undefined };
  readonly latest?: { readonly key: string; readonly date: string | undefined };
}

/** The file name's last path segment (keys are paths on the host; the core does not know `path`). */
export function baseNameOf(key: string): string {
  const i = Math.max(key.lastIndexOf('/'), key.lastIndexOf('\\'));
  return key.slice(i + 1);
}

/**
 * The date a corpus file name starts with: `2025-02-06-…` → `2025-02-06`, `2024-pk-…` → `2024`.
 * @returns undefined when the name starts with no year.
 */
export function dateOfKey(key: string): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=[-_.]|$)/.exec(baseNameOf(key));
  if (!m) return undefined;
  const month = m[2] !== undefined && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? m[2] : undefined;
  const day = month && m[3] !== undefined && Number(m[3]) >= 1 && Number(m[3]) <= 31 ? m[3] : undefined;
  return [m[1], month, day].filter(Boolean).join('-');
}

/**
 * Orders documents by date: undated last; a year alone (`2024`) before its dated days would be
 * a guess, so it sorts as the year's start; ties by key.
 */
export function compareByDate(a: string, b: string): number {
  const da = dateOfKey(a);
  const db = dateOfKey(b);
  if (da !== db) {
    if (da === undefined) return 1;
    if (db === undefined) return -1;
    return da < db ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export class TermIndex {
  private glossary: Glossary = { version: 1, terms: [] };
  private compiled: CompiledGlossary = compileGlossary(this.glossary);
  private readonly byId = new Map<string, GlossaryTerm>();
  private readonly docs = new Map<string, TreatyDocument>();
  /** Occurrences per document, in text order. */
  private readonly perDoc = new Map<string, readonly TermOccurrence[]>();
  /** Term id → document key → that document's occurrences of the term. */
  private readonly perTerm = new Map<string, Map<string, TermOccurrence[]>>();
  /** Occurrences of a model that is not (or not yet) the indexed one: an open, edited document. */
  private scanned = new WeakMap<TreatyDocument, readonly TermOccurrence[]>();

  /** The glossary in use (empty until one is set). */
  get current(): Glossary {
    return this.glossary;
  }

  /** Replaces the glossary and re-scans every indexed document. */
  setGlossary(glossary: Glossary): void {
    this.glossary = glossary;
    this.compiled = compileGlossary(glossary);
    this.byId.clear();
    for (const t of glossary.terms) this.byId.set(t.id, t);
    this.scanned = new WeakMap();
    this.perTerm.clear();
    this.perDoc.clear();
    for (const [key, doc] of this.docs) this.add(key, doc);
  }

  term(id: string): GlossaryTerm | undefined {
    return this.byId.get(id);
  }

  /** Replaces a document's contribution (adds it when new). */
  replace(key: string, doc: TreatyDocument): void {
    this.remove(key);
    this.docs.set(key, doc);
    this.add(key, doc);
  }

  /** Removes a document's contribution; an unknown key is ignored. */
  remove(key: string): void {
    const old = this.perDoc.get(key);
    this.docs.delete(key);
    this.perDoc.delete(key);
    if (!old) return;
    for (const id of new Set(old.map((o) => o.termId))) {
      const byKey = this.perTerm.get(id);
      byKey?.delete(key);
      if (byKey?.size === 0) this.perTerm.delete(id);
    }
  }

  keys(): string[] {
    return [...this.docs.keys()].sort(compareByDate);
  }

  /** The indexed model of a document, or undefined when it is not indexed. */
  document(key: string): TreatyDocument | undefined {
    return this.docs.get(key);
  }

  private add(key: string, doc: TreatyDocument): void {
    const found = this.occurrencesOf(doc);
    this.perDoc.set(key, found);
    for (const o of found) {
      let byKey = this.perTerm.get(o.termId);
      if (!byKey) this.perTerm.set(o.termId, (byKey = new Map()));
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(o);
    }
  }

  /** Every term occurrence in a model, scanned once per model (i.e. per document version). */
  occurrencesOf(doc: TreatyDocument): readonly TermOccurrence[] {
    let found = this.scanned.get(doc);
    if (!found) {
      found = this.compiled.patternCount === 0 ? [] : findTermOccurrences(doc.text, this.compiled);
      this.scanned.set(doc, found);
    }
    return found;
  }

  /** Term occurrences in any text (not cached): e.g. whether a phrase is a glossary form. */
  findIn(text: string): TermOccurrence[] {
    return this.compiled.patternCount === 0 ? [] : findTermOccurrences(text, this.compiled);
  }

  /**
   * The occurrence under an offset (touching its start or end counts, as a cursor after the
   * last character still names the word).
   * @returns undefined when the offset is on no term.
   */
  occurrenceAt(doc: TreatyDocument, offset: number): TermOccurrence | undefined {
    const list = this.occurrencesOf(doc);
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].end < offset) lo = mid + 1;
      else if (list[mid].start > offset) hi = mid - 1;
      else {
        // Two adjacent occurrences both touch their shared boundary: prefer the one it starts.
        const next = list[mid + 1];
        return next && next.start === offset ? next : list[mid];
      }
    }
    return undefined;
  }

  /** Every occurrence of a term in the corpus: documents by date, occurrences in text order. */
  referencesOf(termId: string): PlacedOccurrence[] {
    const byKey = this.perTerm.get(termId);
    if (!byKey) return [];
    return [...byKey.keys()].sort(compareByDate).flatMap((key) => byKey.get(key)!.map((occurrence) => ({ key, occurrence })));
  }

  /** How often and when a term is used. */
  usageOf(termId: string): TermUsage {
    const byKey = this.perTerm.get(termId);
    if (!byKey || byKey.size === 0) return { occurrences: 0, documents: 0 };
    const keys = [...byKey.keys()].sort(compareByDate);
    let occurrences = 0;
    for (const list of byKey.values()) occurrences += list.length;
    const at = (key: string) => ({ key, date: dateOfKey(key) });
    return { occurrences, documents: keys.length, first: at(keys[0]), latest: at(keys[keys.length - 1]) };
  }

  /** Occurrence counts of every term per document (for the CLI table): term id → key → count. */
  countsPerDocument(): Map<string, Map<string, number>> {
    const out = new Map<string, Map<string, number>>();
    for (const term of this.glossary.terms) {
      const byKey = this.perTerm.get(term.id);
      if (!byKey) continue;
      out.set(term.id, new Map([...byKey].map(([k, list]) => [k, list.length])));
    }
    return out;
  }

  /**
   * The term's defining place: the glossary's `definedAt` (the term's first occurrence on
   * that line, or the whole line), else its first occurrence in the corpus by date.
   * `keyOfPlace` turns `definedAt.file` (relative to the glossary) into an index key.
   * @returns undefined when the term is unknown, or names a file that is not indexed and
   *   occurs nowhere.
   */
  definitionOf(termId: string, keyOfPlace: (file: string) => string): TermDefinition | undefined {
    const term = this.byId.get(termId);
    if (!term) return undefined;
    if (term.definedAt) {
      const key = keyOfPlace(term.definedAt.file);
      const doc = this.docs.get(key);
      const line = doc?.lines[term.definedAt.line - 1];
      if (doc && line) {
        const onLine = this.perTerm.get(termId)?.get(key)?.find((o) => o.start >= line.start && o.end <= line.end);
        return { key, range: onLine ? { start: onLine.start, end: onLine.end } : { start: line.start, end: line.end }, source: 'glossary' };
      }
    }
    const [first] = this.referencesOf(termId);
    return first ? { key: first.key, range: { start: first.occurrence.start, end: first.occurrence.end }, source: 'first-use' } : undefined;
  }
}

/** "2 occurrences", "1 occurrence". */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The hover of a term in Markdown: both languages, the note, how often, where first and last.
 * `on` is the occurrence under the cursor: its form is named when the text differs from it.
 */
export function describeTerm(term: GlossaryTerm, usage: TermUsage, on?: TermOccurrence): string {
  const zh = term.zh.join(' · ');
  const en = term.en.join(' · ');
  const out = [`**${term.zh[0]}** — **${term.en[0]}** \`${term.id}\``, '', `中文: ${zh}  `, `English: ${en}`];
  if (on && on.form !== on.text) out.push('', `Matched form: ${on.form}`);
  if (term.note) out.push('', term.note);
  const when = (u: { key: string; date: string | undefined }) => `${u.date ?? 'undated'} (${baseNameOf(u.key)})`;
  out.push('', `${plural(usage.occurrences, 'occurrence')} in ${plural(usage.documents, 'document')}` +
    (usage.first && usage.latest ? ` · first ${when(usage.first)} · latest ${when(usage.latest)}` : ''));
  return out.join('\n');
}

