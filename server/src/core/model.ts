/**
 * The document model: what `parseDocument` makes of a treaty-style text.
 *
 * Every position here is a UTF-16 offset into the document's text (a JS string index),
 * and every line number is 0-based. Conversion to LSP positions happens in `server/src/lsp`,
 * conversion to 1-based lines in the CLI: nowhere else.
 */

/** Languages the parser detects. Chinese script is told apart per section. */
export type Lang = 'zh-Hans' | 'zh-Hant' | 'en';

/** The two language families a pair joins. */
export type LangFamily = 'zh' | 'en';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A half-open range of UTF-16 offsets: `start` included, `end` excluded. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** One line of the text as stored, without its line break. */
export interface Line {
  readonly index: number;
  readonly start: number;
  /** Offset just before the line break (or end of text). */
  readonly end: number;
}

/** How an article is numbered in the source. */
export type NumberingStyle =
  | 'cn-dun'      // 一、
  | 'cn-dot'      // 一.  一．
  | 'cn-paren'    // （一） (一)
  | 'cn-tiao'     // 第一条 第三十二條 第3条
  | 'arabic-dot'  // 1. 1． １． 1、
  | 'paren-arabic' // (1) （1）
  | 'article'     // Article 3, Article IV
  | 'roman-dot';  // IV.

/** Page chrome that is kept out of articles and never paired. */
export type BoilerplateKind =
  | 'breadcrumb'  // 首页 > 头条
  | 'metadata'    // 发布时间:… | 来源:… | 责任编辑:…
  | 'byline'      // By Jane Doe / 作者：…
  | 'share'       // Facebook, Twitter, 分享到 …
  | 'caption'     // 新华社记者 黄敬文 摄 / (Xinhua/Huang Jingwen)
  | 'source';     // （新华社北京10月20日电）

export interface Paragraph {
  /** Akoma Ntoso style id: `zh/art_5__para_2`, `en/para_3` outside articles. */
  readonly id: string;
  readonly lang: Lang;
  readonly line: number;
  /** The line's content with surrounding white space (incl. U+3000) left out. */
  readonly range: TextRange;
  readonly text: string;
  /** Id of the innermost article holding this paragraph, or null (preamble, chrome, repeats, unnumbered texts). */
  readonly articleId: string | null;
  /** Kind of page chrome, or null when the line is content. */
  readonly boilerplate: BoilerplateKind | null;
  /** Line of the earlier paragraph this one repeats verbatim, or null. */
  readonly repeatOf: number | null;
}

export interface Article {
  /** `zh/art_5`, nested: `zh/art_3__point_1`. A duplicated number gets a suffix: `zh/art_5_dup2`. */
  readonly id: string;
  readonly lang: Lang;
  readonly number: number;
  /** The numbering as written, e.g. `二十四、`, `1．`, `Article IV`. */
  readonly label: string;
  readonly style: NumberingStyle;
  /** 1 for articles, 2 for items nested in an article. */
  readonly level: 1 | 2;
  readonly parentId: string | null;
  readonly line: number;
  readonly labelRange: TextRange;
  /** From the label to the end of the article's last paragraph (nested items included). */
  readonly range: TextRange;
  /** Last line of the article (nested items included). */
  readonly endLine: number;
  /** The first clause after the label, up to the first sentence or clause stop. */
  readonly firstClause: TextRange;
  /** Paragraphs directly in this article (not those of nested items). */
  readonly paragraphs: readonly Paragraph[];
  readonly children: readonly Article[];
}

export interface Section {
  readonly lang: Lang;
  /** `zh` or `en`, with `_2`… appended when a document has two sections of one family. */
  readonly idPrefix: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly range: TextRange;
  /** Top-level articles; nested ones hang off `children`. */
  readonly articles: readonly Article[];
  /** Every paragraph of the section, in order, chrome and repeats included. */
  readonly paragraphs: readonly Paragraph[];
}

export interface Problem {
  readonly range: TextRange;
  readonly line: number;
  readonly severity: Severity;
  readonly code: ProblemCode;
  readonly message: string;
}

export type ProblemCode =
  | 'numbering-gap'
  | 'duplicate-number'
  | 'repeated-block'
  | 'article-count-mismatch'
  | 'not-text'
  | 'too-large'
  | 'empty';

export interface TreatyDocument {
  readonly text: string;
  readonly lines: readonly Line[];
  readonly sections: readonly Section[];
  /** All articles, nested ones included, in document order. */
  readonly articles: readonly Article[];
  /** All paragraphs in document order. */
  readonly paragraphs: readonly Paragraph[];
  readonly problems: readonly Problem[];
}

/** Family of a language: the key that pairs Simplified and Traditional Chinese alike with English. */
export function langFamily(lang: Lang): LangFamily {
  return lang === 'en' ? 'en' : 'zh';
}
