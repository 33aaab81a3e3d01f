/**
 * Annotations as the reader sees them against the current text: anchored (or orphaned), with
 * the current article, the counterpart paragraph's text, note, tags and discussion; and the
 * export formats (JSON, CSV, Markdown) the CLI and the editor's export command share.
 */

import { findCounterpartKey, isPairable, pairAcrossFiles, pairOf, pairParagraphs, type Alignment, type AnchorExtractor, type CorpusView } from '../align';
import { langFamily, type Article, type Paragraph, type TextRange, type TreatyDocument } from '../model';
import { lineOfOffset } from '../parse';
import { anchorAnnotations, type AnchorStatus, type FindArticleRange } from './anchor';
import { articleIdOf, noteOf, quoteSelectorOf, tagsOf, type Annotation } from './model';
import { isResolved, repliesOf, type Reply } from './threads';

export interface AnnotationRow {
  readonly annotation: Annotation;
  readonly status: AnchorStatus;
  /** UTF-16 range in the current text; undefined when orphaned. */
  readonly range?: TextRange;
  /** Fuzzy match score; set for `fuzzy` only. */
  readonly score?: number;
  /** The quoted text as the author selected it. */
  readonly quote: string;
  /** The innermost article holding the clause now (`zh/art_5`); the stored id's article when orphaned; null outside articles. */
  readonly articleId: string | null;
  /** The article's label as written (`五、`, `5.`); null when not in an article now. */
  readonly articleLabel: string | null;
  /** Text of the paragraph(s) paired with the clause's paragraph; null when unpaired or orphaned. */
  readonly counterpartQuote: string | null;
}

/** The paragraphs paired with a paragraph (in the same or the counterpart document); undefined when unpaired. */
export type CounterpartOf = (paragraph: Paragraph) => readonly Paragraph[] | undefined;

/**
 * Where each article and paragraph id of the model is: the lookup anchoring's article step uses.
 * @returns a function answering undefined for ids the text no longer has.
 */
export function articleRangeFinder(doc: TreatyDocument): FindArticleRange {
  const ranges = new Map<string, TextRange>();
  for (const a of doc.articles) ranges.set(a.id, a.range);
  for (const p of doc.paragraphs) if (!ranges.has(p.id)) ranges.set(p.id, p.range);
  return (id) => ranges.get(id);
}

/** The paragraph on the line of `offset`, or undefined (blank line, end of text). */
export function paragraphAt(doc: TreatyDocument, offset: number): Paragraph | undefined {
  if (doc.lines.length === 0) return undefined;
  const line = lineOfOffset(doc.lines, offset);
  return doc.paragraphs.find((p) => p.line === line);
}

/** The innermost article (nested items included) whose range holds `range`, or undefined. */
export function articleAt(doc: TreatyDocument, range: TextRange): Article | undefined {
  let best: Article | undefined;
  for (const a of doc.articles) {
    if (a.range.start <= range.start && range.end <= a.range.end && (!best || a.level >= best.level)) best = a;
  }
  return best;
}

/**
 * The id to store with a selection: the paragraph's id when the selection lies in one
 * paragraph of an article (`zh/art_5__para_2`), else the innermost article's id, else the
 * paragraph's id outside articles (`en/para_3`).
 * @returns undefined when the selection is in no paragraph or article (blank lines, chrome across lines).
 */
export function fragmentIdAt(doc: TreatyDocument, range: TextRange): string | undefined {
  const p = paragraphAt(doc, range.start);
  const inOne = p !== undefined && range.end <= p.range.end + 1 && lineOfOffset(doc.lines, Math.max(range.start, range.end - 1)) === p.line;
  if (p && inOne && p.articleId !== null) return p.id;
  const a = articleAt(doc, range);
  if (a) return a.id;
  return p && inOne && p.boilerplate === null ? p.id : undefined;
}

/**
 * Anchors a document's annotations against its current model and describes each.
 * @param counterpartOf the pairing; undefined leaves every counterpart quote null.
 * @returns one row per annotation, in the order given.
 */
export function annotationRows(doc: TreatyDocument, annotations: readonly Annotation[], counterpartOf?: CounterpartOf): AnnotationRow[] {
  const anchors = anchorAnnotations(annotations, doc.text, articleRangeFinder(doc));
  return annotations.map((annotation, i) => {
    const { status, range, score } = anchors[i];
    const quote = quoteSelectorOf(annotation)?.exact ?? '';
    if (range === undefined) {
      const stored = articleIdOf(annotation);
      const articleId = stored === undefined ? null : articleOfFragment(stored);
      return { annotation, status, quote, articleId, articleLabel: null, counterpartQuote: null };
    }
    const article = articleAt(doc, range);
    const p = paragraphAt(doc, range.start);
    const others = p && counterpartOf ? counterpartOf(p) : undefined;
    return {
      annotation, status, range, ...(score !== undefined ? { score } : {}), quote,
      articleId: article?.id ?? null,
      articleLabel: article ? article.label.trim() : null,
      counterpartQuote: others && others.length > 0 ? others.map((x) => x.text).join(isLatin(others[0]) ? ' ' : '') : null,
    };
  });
}

/**
 * The pairing seen from one document: within itself when it holds both languages, else with its
 * counterpart file of `corpus` (as the pairing feature does).
 * @returns a lookup answering the paired paragraphs; `otherKey` is the counterpart file, if any.
 */
export function counterpartFinder(
  key: string, doc: TreatyDocument, corpus: CorpusView, anchors?: AnchorExtractor,
): { counterpartOf: CounterpartOf; otherKey: string | undefined } {
  const otherKey = findCounterpartKey(key, doc, corpus);
  const other = otherKey === undefined ? undefined : corpus.get(otherKey);
  let alignment;
  if (other === undefined) alignment = pairParagraphs(doc, { anchors });
  else {
    const hasZh = doc.paragraphs.some((p) => isPairable(p) && langFamily(p.lang) === 'zh');
    alignment = hasZh ? pairAcrossFiles(doc, other, { anchors }) : pairAcrossFiles(other, doc, { anchors });
  }
  return { counterpartOf: counterpartsIn(alignment), otherKey: other === undefined ? undefined : otherKey };
}

/** The counterpart paragraphs of a paragraph in an alignment; undefined when it is unpaired. */
export function counterpartsIn(alignment: Alignment): CounterpartOf {
  return (p) => {
    const pair = pairOf(alignment, p);
    if (!pair) return undefined;
    return pair.zh.includes(p) ? pair.en : pair.zh;
  };
}

/** `zh/art_5__para_2` → `zh/art_5`; `zh/art_3__point_1__para_2` → `zh/art_3__point_1`; others unchanged. */
export function articleOfFragment(id: string): string {
  return id.replace(/__para_\d+$/, '');
}

function isLatin(p: Paragraph): boolean {
  return p.lang === 'en';
}

/** One annotation in an export: what a researcher's spreadsheet had, plus where the clause is now. */
export interface ExportRecord {
  readonly document: string;
  readonly id: string;
  readonly article: string | null;
  readonly status: AnchorStatus;
  /** 1-based line (as editors show it) and 0-based UTF-16 character of the clause's start, or `orphaned`. */
  readonly position: { readonly line: number; readonly character: number } | 'orphaned';
  readonly quote: string;
  readonly counterpartQuote: string | null;
  readonly tags: string[];
  readonly note: string;
  readonly replies: Reply[];
  readonly resolved: boolean;
  readonly creator: string;
  readonly created: string;
  readonly modified: string;
}

/** The export record of a row of `doc`, named `document` (the file name relative to its corpus folder). */
export function exportRecord(document: string, doc: TreatyDocument, row: AnnotationRow): ExportRecord {
  const a = row.annotation;
  let position: ExportRecord['position'] = 'orphaned';
  if (row.range !== undefined) {
    const line = lineOfOffset(doc.lines, row.range.start);
    position = { line: line + 1, character: row.range.start - doc.lines[line].start };
  }
  return {
    document, id: a.id, article: row.articleId, status: row.status, position,
    quote: row.quote, counterpartQuote: row.counterpartQuote,
    tags: tagsOf(a), note: noteOf(a), replies: repliesOf(a), resolved: isResolved(a),
    creator: a.creator?.name ?? '', created: a.created, modified: a.modified,
  };
}

export type ExportFormat = 'json' | 'csv' | 'md';

/** Renders records; every format ends with a newline. */
export function formatExport(records: readonly ExportRecord[], format: ExportFormat): string {
  if (format === 'json') return JSON.stringify({ annotations: records }, null, 2) + '\n';
  if (format === 'csv') return toCsv(records);
  return toMarkdown(records);
}

const CSV_COLUMNS = ['document', 'article', 'line', 'character', 'status', 'quote', 'counterpart_quote', 'tags', 'note', 'replies', 'resolved', 'creator', 'created', 'modified'];

/** RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a comma, quote or line break; tags joined by `; `. */
function toCsv(records: readonly ExportRecord[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const at = r.position === 'orphaned' ? ['', ''] : [String(r.position.line), String(r.position.character)];
    lines.push([
      r.document, r.article ?? '', ...at, r.status, r.quote, r.counterpartQuote ?? '', r.tags.join('; '), r.note,
      r.replies.map((x) => `${x.creator}: ${x.text}`).join(' | '), r.resolved ? 'yes' : 'no', r.creator, r.created, r.modified,
    ].map(field).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** A section per document, an entry per annotation: the quote as a block quote, then its counterpart, note, tags and dates. */
function toMarkdown(records: readonly ExportRecord[]): string {
  const out: string[] = ['# Annotations', ''];
  const quote = (s: string) => s.split('\n').map((l) => `> ${l}`).join('\n');
  let document: string | undefined;
  for (const r of records) {
    if (r.document !== document) {
      document = r.document;
      out.push(`## ${document}`, '');
    }
    const where = r.position === 'orphaned' ? 'orphaned' : `line ${r.position.line}`;
    out.push(`### ${r.article ?? '(no article)'} · ${where}${r.resolved ? ' · resolved' : ''}`, '', quote(r.quote), '');
    if (r.counterpartQuote !== null) out.push(`↔ ${r.counterpartQuote}`, '');
    if (r.note !== '') out.push(r.note, '');
    if (r.tags.length > 0) out.push(r.tags.map((t) => `\`#${t}\``).join(' '), '');
    for (const x of r.replies) out.push(`- ${x.creator} (${x.created}): ${x.text}`);
    if (r.replies.length > 0) out.push('');
    out.push(`*${r.creator} · created ${r.created} · modified ${r.modified}*`, '');
  }
  return out.join('\n');
}
