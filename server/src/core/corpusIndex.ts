/**
 * The workspace index: every corpus document's contribution, replaced file by file.
 *
 * Replacing one document removes its old contribution and adds the new one (the marksman
 * layout); nothing is rebuilt from scratch when one file changes.
 */
import type { Article, TreatyDocument } from './model';
import { parseArabic, parseChineseNumeral, parseRoman, toChineseNumeral } from './numerals';
import { articleDetail } from './outline';

export interface ArticleHit {
  readonly key: string;
  readonly doc: TreatyDocument;
  readonly article: Article;
}

/**
 * The article number a workspace-symbol query asks for: `5`, `５`, `五`, `第五条`, `第5條`,
 * `Article 5`, `Article V`, `art 5`.
 * @returns undefined when the query is not an article number.
 */
export function parseArticleQuery(query: string): number | undefined {
  const q = query.trim();
  const tiao = /^第\s*(\S+?)\s*[条條]?$/.exec(q);
  if (tiao) return parseChineseNumeral(tiao[1]) ?? parseArabic(tiao[1]);
  const article = /^(?:article|art\.?|art_)\s*(\S+)$/i.exec(q);
  if (article) return parseArabic(article[1]) ?? parseRoman(article[1].toUpperCase());
  const bare = q.replace(/[、.．]$/, '');
  return parseArabic(bare) ?? parseChineseNumeral(bare);
}

const MAX_TEXT_HITS = 500;

export class CorpusIndex {
  private readonly docs = new Map<string, TreatyDocument>();
  /** Article number → keys of the documents that have an article with that number. */
  private readonly byNumber = new Map<number, Set<string>>();

  /** Replaces a document's contribution (adds it when new). */
  replace(key: string, doc: TreatyDocument): void {
    this.remove(key);
    this.docs.set(key, doc);
    for (const a of doc.articles) {
      let keys = this.byNumber.get(a.number);
      if (!keys) this.byNumber.set(a.number, (keys = new Set()));
      keys.add(key);
    }
  }

  /** Removes a document's contribution; a key that is not indexed is ignored. */
  remove(key: string): void {
    const old = this.docs.get(key);
    if (!old) return;
    this.docs.delete(key);
    for (const a of old.articles) {
      const keys = this.byNumber.get(a.number);
      keys?.delete(key);
      if (keys?.size === 0) this.byNumber.delete(a.number);
    }
  }

  /** The indexed model of a document, or undefined when it is not in the corpus. */
  get(key: string): TreatyDocument | undefined {
    return this.docs.get(key);
  }

  keys(): string[] {
    return [...this.docs.keys()].sort();
  }

  get size(): number {
    return this.docs.size;
  }

  /**
   * Articles matching a workspace-symbol query: by number when the query is one (every
   * language of every document), else by the query's words in the label or first words.
   */
  findArticles(query: string): ArticleHit[] {
    const hits: ArticleHit[] = [];
    const number = parseArticleQuery(query);
    if (number !== undefined) {
      for (const key of [...(this.byNumber.get(number) ?? [])].sort()) {
        const doc = this.docs.get(key)!;
        for (const article of doc.articles) {
          if (article.number === number && article.level === 1) hits.push({ key, doc, article });
        }
      }
      return hits;
    }
    const needle = query.trim().toLowerCase();
    for (const key of this.keys()) {
      const doc = this.docs.get(key)!;
      for (const article of doc.articles) {
        if (hits.length >= MAX_TEXT_HITS) return hits;
        const haystack = `${article.label} ${articleDetail(doc, article)}`.toLowerCase();
        if (needle === '' || haystack.includes(needle)) hits.push({ key, doc, article });
      }
    }
    return hits;
  }
}

/**
 * The names an article answers to, so that an editor that filters symbols by name finds
 * `五、` when asked for `第五条`, `Article 5` or `5`.
 */
export function articleAliases(article: Article): string {
  return `Article ${article.number} · 第${toChineseNumeral(article.number)}条`;
}
