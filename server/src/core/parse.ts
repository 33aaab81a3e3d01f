/**
 * `parseDocument`: text → language sections → articles → paragraphs.
 *
 * Parsing never fails: whatever the input (site chrome, repeated blocks, numbering gaps,
 * binary junk), the result is a model plus a list of problems.
 */
import type {
  Article, BoilerplateKind, Lang, LangFamily, Line, NumberingStyle, Paragraph, Problem, Section, TextRange,
  TreatyDocument,
} from './model';
import { langFamily } from './model';
import { parseArabic, parseChineseNumeral, parseRoman } from './numerals';
import { chineseScript, lineFamily } from './script';

export interface ParseOptions {
  /** Texts longer than this (UTF-16 units) are not analysed; a `too-large` problem says so. */
  readonly maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 5_000_000;

/** Splits a text into lines, accepting `\n`, `\r\n` and lone `\r` alike. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ index: lines.length, start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ index: lines.length, start, end: text.length });
  return lines;
}

/**
 * The 0-based line holding a UTF-16 offset (binary search over line starts).
 * An offset past the end maps to the last line.
 */
export function lineOfOffset(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** White space around lines includes U+3000 (ideographic), NBSP and a stray BOM, as pasted from Chinese sites. */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0x3000 || code === 0xa0 || code === 0xfeff || (code >= 10 && code <= 13) ||
    (code >= 0x2000 && code <= 0x200b);
}

const CN_DIGITS = '零〇一二三四五六七八九十百';
const ARTICLE_PATTERNS: ReadonlyArray<{ style: NumberingStyle; re: RegExp; value: (m: RegExpExecArray) => number | undefined }> = [
  { style: 'cn-tiao', re: new RegExp(`^第([${CN_DIGITS}]+|[0-9０-９]{1,3})[条條]`), value: (m) => parseChineseNumeral(m[1]) ?? parseArabic(m[1]) },
  { style: 'cn-paren', re: new RegExp(`^[（(]([${CN_DIGITS}]+)[）)]`), value: (m) => parseChineseNumeral(m[1]) },
  { style: 'paren-arabic', re: /^[（(]([0-9０-９]{1,3})[）)]/, value: (m) => parseArabic(m[1]) },
  { style: 'cn-dun', re: new RegExp(`^([${CN_DIGITS}]+)、`), value: (m) => parseChineseNumeral(m[1]) },
  // A digit after the dot makes a decimal (1.4 billion), not an article.
  { style: 'cn-dot', re: new RegExp(`^([${CN_DIGITS}]+)[.．](?![0-9０-９])`), value: (m) => parseChineseNumeral(m[1]) },
  { style: 'arabic-dot', re: /^([0-9０-９]{1,3})[.．、](?![0-9０-９])/, value: (m) => parseArabic(m[1]) },
  { style: 'article', re: /^(?:Article|ARTICLE)\s+([0-9]{1,3}|[IVXLC]+)\b[.:]?/, value: (m) => parseArabic(m[1]) ?? parseRoman(m[1]) },
  { style: 'roman-dot', re: /^([IVXLC]+)\.(?=\s|$)/, value: (m) => parseRoman(m[1]) },
];

interface ArticleLabel {
  readonly style: NumberingStyle;
  readonly number: number;
  readonly label: string;
}

/**
 * The article numbering at the start of a trimmed line.
 * @returns undefined when the line does not open an article (no label, or a malformed numeral).
 */
export function matchArticleLabel(text: string): ArticleLabel | undefined {
  for (const { style, re, value } of ARTICLE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const number = value(m);
    if (number === undefined) return undefined;
    return { style, number, label: m[0] };
  }
  return undefined;
}

const SHARE_WORDS = new Set([
  'facebook', 'twitter', 'x', 'linkedin', 'pinterest', 'whatsapp', 'telegram', 'reddit', 'email', 'e-mail',
  'print', 'share', 'wechat', 'weibo', '微信', '微博', '分享', '分享到', '打印', 'qq空间',
]);

/**
 * The kind of page chrome a trimmed line is.
 * @returns undefined when the line is content.
 */
export function classifyBoilerplate(text: string): BoilerplateKind | undefined {
  if (/^(首页|首頁|主页|主頁|Home)\s*[>›»＞]/i.test(text)) return 'breadcrumb';
  if (/^(发布时间|發佈時間|發布時間|发布日期|發佈日期|来源|來源|Source|Published|Updated)\s*[:：]/i.test(text)) return 'metadata';
  if (/(责任编辑|責任編輯)\s*[:：]/.test(text)) return 'metadata';
  if (/^(作者|记者|記者)\s*[:：]/.test(text)) return 'byline';
  if (/^By\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}$/.test(text)) return 'byline';
  if (SHARE_WORDS.has(text.toLowerCase())) return 'share';
  if (/(记者|記者)\s*[\p{Script=Han}·]{2,8}(\s+[\p{Script=Han}·]{2,8})*\s*(摄|攝)$/u.test(text)) return 'caption';
  if (/\((Xinhua|Photo|Reuters|AP|AFP|CGTN|China Daily|CFP)\/[^)]+\)$/.test(text)) return 'caption';
  if (/^[（(](新华社|新華社|来源|來源|据|據)[^（）()]*[）)]$/.test(text)) return 'source';
  return undefined;
}

/** Paragraphs shorter than this are not counted as repeats (a lone "蔡奇、王毅参加会见。" may recur on purpose). */
const MIN_REPEAT_LENGTH = 12;

interface RawParagraph {
  line: number;
  range: TextRange;
  text: string;
  family: LangFamily | undefined;
  boilerplate: BoilerplateKind | null;
  repeatOf: number | null;
}

/**
 * Parses a treaty-style text into its document model. Never throws.
 * @param text the document text; a leading BOM is treated as white space.
 */
export function parseDocument(text: string, options: ParseOptions = {}): TreatyDocument {
  const lines = splitLines(text);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return emptyDocument(text, lines, {
      code: 'too-large', severity: 'error',
      message: `Not analysed: the text has ${text.length} characters, more than the limit of ${maxLength}.`,
    });
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return emptyDocument(text, lines, {
      code: 'not-text', severity: 'error',
      message: 'Not analysed: the file holds NUL characters, so it is binary data, not text.',
    }, nul);
  }

  const problems: Problem[] = [];
  const raw = readParagraphs(text, lines);
  if (raw.length === 0) {
    return emptyDocument(text, lines, { code: 'empty', severity: 'info', message: 'The document is empty.' });
  }
  const undecodable = text.indexOf('\ufffd');
  if (undecodable >= 0) {
    const count = text.split('\ufffd').length - 1;
    const line = lineOfOffset(lines, undecodable);
    problems.push({
      range: { start: undecodable, end: undecodable + 1 }, line, severity: 'warning', code: 'not-text',
      message: `${count} character(s) could not be decoded (U+FFFD): the file is probably not valid UTF-8.`,
    });
  }
  markRepeats(raw, lines, problems);

  const sections: Section[] = [];
  const articles: Article[] = [];
  const paragraphs: Paragraph[] = [];
  const prefixes = new Map<LangFamily, number>();
  for (const group of groupSections(raw)) {
    const family = group.family;
    const seen = (prefixes.get(family) ?? 0) + 1;
    prefixes.set(family, seen);
    const idPrefix = seen === 1 ? family : `${family}_${seen}`;
    const lang: Lang = family === 'en' ? 'en' : chineseScript(group.items.map((p) => p.text).join('\n'));
    const section = buildSection(group.items, lang, idPrefix, text, lines, problems);
    sections.push(section);
    paragraphs.push(...section.paragraphs);
    const walk = (list: readonly Article[]) => {
      for (const a of list) {
        articles.push(a);
        walk(a.children);
      }
    };
    walk(section.articles);
  }
  checkArticleCounts(sections, problems);
  problems.sort((a, b) => a.range.start - b.range.start);
  return { text, lines, sections, articles, paragraphs, problems };
}

function emptyDocument(
  text: string, lines: Line[], problem: Pick<Problem, 'code' | 'severity' | 'message'>, offset = 0,
): TreatyDocument {
  const line = lineOfOffset(lines, offset);
  const end = Math.min(text.length, lines[line].end);
  return {
    text, lines, sections: [], articles: [], paragraphs: [],
    problems: [{ ...problem, line, range: { start: offset, end: Math.max(end, offset) } }],
  };
}

function readParagraphs(text: string, lines: readonly Line[]): RawParagraph[] {
  const out: RawParagraph[] = [];
  for (const line of lines) {
    let start = line.start;
    let end = line.end;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (start === end) continue;
    const trimmed = text.slice(start, end);
    out.push({
      line: line.index,
      range: { start, end },
      text: trimmed,
      family: lineFamily(trimmed),
      boilerplate: classifyBoilerplate(trimmed) ?? null,
      repeatOf: null,
    });
  }
  return out;
}

function normalizeForRepeat(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ');
}

/** Marks paragraphs that repeat an earlier one verbatim and reports each run of them once. */
function markRepeats(raw: RawParagraph[], lines: readonly Line[], problems: Problem[]): void {
  const firstSeen = new Map<string, number>();
  for (const p of raw) {
    if (p.boilerplate || p.text.length < MIN_REPEAT_LENGTH) continue;
    const key = normalizeForRepeat(p.text);
    const earlier = firstSeen.get(key);
    if (earlier === undefined) firstSeen.set(key, p.line);
    else p.repeatOf = earlier;
  }
  for (let i = 0; i < raw.length; i++) {
    if (raw[i].repeatOf === null) continue;
    let j = i;
    // A block pasted twice in a row repeats the same source twice: split where the source restarts.
    while (j + 1 < raw.length && raw[j + 1].repeatOf !== null && raw[j + 1].repeatOf! > raw[j].repeatOf!) j++;
    const first = raw[i];
    const last = raw[j];
    const sourceFirst = first.repeatOf!;
    const sourceLast = last.repeatOf!;
    const what = i === j ? `Line ${first.line + 1} repeats line ${sourceFirst + 1}` :
      `Lines ${first.line + 1}–${last.line + 1} repeat lines ${sourceFirst + 1}–${sourceLast + 1}`;
    problems.push({
      range: { start: first.range.start, end: lines[last.line].end }, line: first.line, severity: 'info',
      code: 'repeated-block',
      message: `${what} verbatim (the same text pasted again); repeated paragraphs are kept out of articles and pairing.`,
    });
    i = j;
  }
}

interface SectionGroup {
  family: LangFamily;
  items: RawParagraph[];
}

/**
 * Groups paragraphs into language sections. A single line of the other language between two
 * runs of the same language (an English acronym line inside Chinese text) does not open a section;
 * lines with no letters at all join the section they stand in.
 */
function groupSections(raw: RawParagraph[]): SectionGroup[] {
  const families = raw.map((p) => p.family);
  // Lines with no letters take the family of the nearest line before them, or after at the start.
  let last: LangFamily | undefined;
  for (let i = 0; i < families.length; i++) {
    if (families[i]) last = families[i];
    else families[i] = last;
  }
  let next: LangFamily | undefined;
  for (let i = families.length - 1; i >= 0; i--) {
    if (raw[i].family) next = raw[i].family;
    else families[i] ??= next;
  }
  for (let i = 1; i + 1 < families.length; i++) {
    if (families[i] !== families[i - 1] && families[i - 1] === families[i + 1] && raw[i].text.length < 40) {
      families[i] = families[i - 1];
    }
  }
  const groups: SectionGroup[] = [];
  raw.forEach((p, i) => {
    const family = families[i] ?? 'zh';
    const current = groups[groups.length - 1];
    if (current && current.family === family) current.items.push(p);
    else groups.push({ family, items: [p] });
  });
  return groups;
}

interface MutableArticle {
  id: string;
  lang: Lang;
  number: number;
  label: string;
  style: NumberingStyle;
  level: 1 | 2;
  parentId: string | null;
  line: number;
  labelRange: TextRange;
  range: TextRange;
  endLine: number;
  firstClause: TextRange;
  paragraphs: Paragraph[];
  children: MutableArticle[];
}

/** Per numbering scope (a section's articles, or one article's items): what has been seen. */
interface NumberingScope {
  previous: number;
  seen: Map<number, number>;
}

function buildSection(
  items: RawParagraph[], lang: Lang, idPrefix: string, text: string, lines: readonly Line[], problems: Problem[],
): Section {
  const top: MutableArticle[] = [];
  const paragraphs: Paragraph[] = [];
  const usedIds = new Set<string>();
  const scopes = new Map<string, NumberingScope>();
  let topStyle: NumberingStyle | undefined;
  let current: MutableArticle | undefined;
  let currentItem: MutableArticle | undefined;
  let looseCount = 0;

  const uniqueId = (base: string): string => {
    if (!usedIds.has(base)) {
      usedIds.add(base);
      return base;
    }
    for (let k = 2; ; k++) {
      const id = `${base}_dup${k}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  const checkNumbering = (scopeKey: string, label: ArticleLabel, line: number, range: TextRange) => {
    const scope = scopes.get(scopeKey) ?? { previous: 0, seen: new Map<number, number>() };
    scopes.set(scopeKey, scope);
    const earlier = scope.seen.get(label.number);
    if (earlier !== undefined) {
      problems.push({
        range, line, severity: 'warning', code: 'duplicate-number',
        message: `Number ${label.number} (${label.label}) is used twice; the first is on line ${earlier + 1}.`,
      });
    } else if (label.number !== scope.previous + 1) {
      const message = label.number > scope.previous + 1
        ? `Numbering jumps from ${scope.previous} to ${label.number}: ${label.number - scope.previous - 1} number(s) missing.`
        : `Numbering goes back from ${scope.previous} to ${label.number}.`;
      problems.push({ range, line, severity: 'warning', code: 'numbering-gap', message });
    }
    if (earlier === undefined) scope.seen.set(label.number, line);
    scope.previous = label.number;
  };

  const extend = (a: MutableArticle, p: RawParagraph) => {
    a.range = { start: a.range.start, end: p.range.end };
    a.endLine = p.line;
  };

  for (const p of items) {
    const content = p.boilerplate === null && p.repeatOf === null;
    const label = content ? matchArticleLabel(p.text) : undefined;
    if (label) {
      const labelRange = { start: p.range.start, end: p.range.start + label.label.length };
      const firstClause = findFirstClause(text, labelRange.end, p.range.end);
      topStyle ??= label.style;
      if (label.style === topStyle || !current) {
        checkNumbering('', label, p.line, labelRange);
        current = {
          id: uniqueId(`${idPrefix}/art_${label.number}`), lang, number: label.number, label: label.label,
          style: label.style, level: 1, parentId: null, line: p.line, labelRange, range: p.range, endLine: p.line,
          firstClause, paragraphs: [], children: [],
        };
        top.push(current);
        currentItem = undefined;
      } else {
        checkNumbering(current.id, label, p.line, labelRange);
        currentItem = {
          id: uniqueId(`${current.id}__point_${label.number}`), lang, number: label.number, label: label.label,
          style: label.style, level: 2, parentId: current.id, line: p.line, labelRange, range: p.range,
          endLine: p.line, firstClause, paragraphs: [], children: [],
        };
        current.children.push(currentItem);
        extend(current, p);
      }
    }
    const holder = content ? (currentItem ?? current) : undefined;
    let id: string;
    if (holder) {
      id = `${holder.id}__para_${holder.paragraphs.length + 1}`;
    } else {
      looseCount++;
      id = `${idPrefix}/para_${looseCount}`;
    }
    const paragraph: Paragraph = {
      id, lang, line: p.line, range: p.range, text: p.text, articleId: holder?.id ?? null,
      boilerplate: p.boilerplate, repeatOf: p.repeatOf,
    };
    paragraphs.push(paragraph);
    if (holder) {
      holder.paragraphs.push(paragraph);
      extend(holder, p);
      if (holder !== current && current) extend(current, p);
    }
  }
  const first = items[0];
  const lastItem = items[items.length - 1];
  return {
    lang, idPrefix, startLine: first.line, endLine: lastItem.line,
    range: { start: lines[first.line].start, end: lines[lastItem.line].end },
    articles: top as Article[], paragraphs,
  };
}

/** The first clause after an article label: up to the first comma, colon, semicolon or sentence stop. */
function findFirstClause(text: string, from: number, to: number): TextRange {
  let start = from;
  while (start < to && isSpace(text.charCodeAt(start))) start++;
  for (let i = start; i < to; i++) {
    const c = text[i];
    if ('，,。；;：:！？!?'.includes(c)) return { start, end: i };
    // A full stop ends an English clause only before a space or the line end: H.E. Mr. does not.
    if (c === '.' && (i + 1 === to || text[i + 1] === ' ') && !/\b(?:Mr|Ms|Mrs|Dr|H\.E|St|No)$/.test(text.slice(start, i))) {
      return { start, end: i };
    }
  }
  return { start, end: to };
}

function checkArticleCounts(sections: readonly Section[], problems: Problem[]): void {
  const zh = sections.find((s) => langFamily(s.lang) === 'zh' && s.articles.length > 0);
  const en = sections.find((s) => s.lang === 'en' && s.articles.length > 0);
  if (!zh || !en || zh.articles.length === en.articles.length) return;
  const at = en.articles[0];
  problems.push({
    range: at.labelRange, line: at.line, severity: 'warning', code: 'article-count-mismatch',
    message: `The Chinese text has ${zh.articles.length} articles (line ${zh.articles[0].line + 1}), the English ${en.articles.length}.`,
  });
}
