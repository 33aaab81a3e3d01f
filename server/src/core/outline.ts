/**
 * The outline of a document: sections named by language, then articles (and nested items),
 * then paragraphs where an article has several. Unnumbered texts list their paragraphs.
 */
import type { Article, Lang, Paragraph, Section, TextRange, TreatyDocument } from './model';

export type OutlineKind = 'section' | 'article' | 'item' | 'paragraph';

export interface OutlineNode {
  readonly kind: OutlineKind;
  readonly name: string;
  readonly detail: string;
  readonly range: TextRange;
  readonly selectionRange: TextRange;
  readonly children: readonly OutlineNode[];
}

const LANG_NAMES: Record<Lang, string> = {
  'zh-Hans': '中文（简体）',
  'zh-Hant': '中文（繁體）',
  en: 'English',
};

/** The display name of a language, in that language. */
export function languageName(lang: Lang): string {
  return LANG_NAMES[lang];
}

/** Up to `max` characters of a text, cut at a character boundary, with an ellipsis when cut. */
export function firstWords(text: string, max = 40): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('') + '…';
}

/** The article's label without trailing white space, as an outline shows it. */
export function articleName(article: Article): string {
  return article.label.trim();
}

/** The words of an article after its label. */
export function articleDetail(doc: TreatyDocument, article: Article): string {
  const firstLine = doc.lines[article.line];
  return firstWords(doc.text.slice(article.labelRange.end, firstLine.end).trim());
}

/** A paragraph's node; `labelEnd` skips the article label that opens an article's first paragraph. */
function paragraphNode(p: Paragraph, ordinal: number, labelEnd = p.range.start): OutlineNode {
  const text = p.text.slice(Math.max(0, labelEnd - p.range.start)).trimStart();
  return { kind: 'paragraph', name: `¶${ordinal}`, detail: firstWords(text), range: p.range, selectionRange: p.range, children: [] };
}

function isListed(p: Paragraph): boolean {
  return p.boilerplate === null && p.repeatOf === null;
}

function articleNode(doc: TreatyDocument, article: Article): OutlineNode {
  const children: OutlineNode[] = [];
  if (article.paragraphs.length > 1 || article.children.length > 0) {
    // Paragraphs and nested items interleave in text order.
    const parts: Array<{ start: number; node: OutlineNode }> = [];
    article.paragraphs.forEach((p, i) =>
      parts.push({ start: p.range.start, node: paragraphNode(p, i + 1, p.line === article.line ? article.labelRange.end : p.range.start) }));
    for (const child of article.children) parts.push({ start: child.range.start, node: articleNode(doc, child) });
    parts.sort((a, b) => a.start - b.start);
    children.push(...parts.map((p) => p.node));
  }
  return {
    kind: article.level === 1 ? 'article' : 'item',
    name: articleName(article),
    detail: articleDetail(doc, article),
    range: article.range,
    selectionRange: article.labelRange,
    children,
  };
}

function sectionNode(doc: TreatyDocument, section: Section): OutlineNode {
  const parts: Array<{ start: number; node: OutlineNode }> = [];
  for (const a of section.articles) parts.push({ start: a.range.start, node: articleNode(doc, a) });
  let ordinal = 0;
  for (const p of section.paragraphs) {
    if (p.articleId !== null || !isListed(p)) continue;
    ordinal++;
    parts.push({ start: p.range.start, node: paragraphNode(p, ordinal) });
  }
  parts.sort((a, b) => a.start - b.start);
  const articleCount = section.articles.length;
  const first = section.paragraphs[0];
  return {
    kind: 'section',
    name: languageName(section.lang),
    detail: articleCount > 0 ? `${articleCount} articles` : `${ordinal} paragraphs`,
    range: section.range,
    selectionRange: first ? first.range : section.range,
    children: parts.map((p) => p.node),
  };
}

/** The document outline, one node per language section. Empty for an empty or unreadable document. */
export function getOutline(doc: TreatyDocument): OutlineNode[] {
  return doc.sections.map((s) => sectionNode(doc, s));
}
