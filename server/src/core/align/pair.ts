/**
 * The pairing engine: which Chinese paragraphs say what which English paragraphs say.
 *
 * Numbered texts pair in two passes: articles by number (a monotone alignment, so a gap, a
 * duplicated number or an article in one language only costs only that article), then the
 * paragraphs inside each pair of articles by order, or by length and anchors when their
 * counts differ. Paragraphs outside articles (headings, datelines) and whole unnumbered texts
 * pair by content: a monotone alignment over shared anchors with the length ratio as a prior,
 * in which leaving a paragraph unpaired is always allowed, so none is forced onto a neighbour.
 * Page chrome and repeated blocks never take part.
 */
import type { Article, LangFamily, Paragraph, TreatyDocument } from '../model';
import { langFamily } from '../model';
import { matchArticleLabel } from '../parse';
import { createAnchorExtractor } from './anchors';
import type { AnchorExtractor } from './anchors';
import { alignMonotone } from './dp';
import type { BeadShape } from './dp';
import { confidenceOf, scoreBead } from './score';
import type { AlignUnit, BeadScorer, ScoreContext } from './score';

export interface ParagraphPair {
  readonly zh: readonly Paragraph[];
  readonly en: readonly Paragraph[];
  /** In [0, 1]: the logistic of the scorer's log-odds. */
  readonly confidence: number;
  /** `article`: inside two articles of the same number; `content`: by shared anchors alone. */
  readonly method: 'article' | 'content';
  /** Top-level articles holding the two sides, or null outside articles. */
  readonly zhArticle: Article | null;
  readonly enArticle: Article | null;
}

export interface Alignment {
  /** The document the Chinese side comes from. */
  readonly zhDoc: TreatyDocument;
  /** The document the English side comes from: the same one unless paired across files. */
  readonly enDoc: TreatyDocument;
  /** In the order of the Chinese text. */
  readonly pairs: readonly ParagraphPair[];
  /** Content paragraphs (not chrome, not repeats) of either side with no counterpart, Chinese first. */
  readonly unpaired: readonly Paragraph[];
  /** Top-level articles of either side with no counterpart article. */
  readonly unpairedArticles: readonly Article[];
}

export interface PairOptions {
  /** Anchor source; by default numbers and dates only (no names, no glossary). */
  readonly anchors?: AnchorExtractor;
  /** The scoring function to use instead of {@link scoreBead}. */
  readonly scorer?: BeadScorer;
}

/** Log-odds a shared article number gives before the articles' content is compared. */
const SAME_NUMBER_PRIOR = 4;
/** Two articles of different numbers need strong content to pair (a misnumbered article). */
const OTHER_NUMBER_PRIOR = -2;
/** Paragraphs of articles already paired by number start out likely counterparts. */
const IN_ARTICLE_PRIOR = 4;
/** Two headings face each other (both titles of the same report); a heading and a body paragraph rarely do. */
const HEADING_MATCH_PRIOR = 2;
const HEADING_MISMATCH_PRIOR = -1;

/**
 * A heading: a short line without a closing full stop (titles, datelines). Headings never
 * join a group: a title is not part of the paragraph that follows it.
 */
function isHeading(p: Paragraph): boolean {
  const limit = langFamily(p.lang) === 'en' ? 100 : 40;
  return p.text.length <= limit && !/[。．.！？!?”"』」■]$/.test(p.text);
}

/**
 * Articles pair one to one, or one to two when a label was lost on one side: the article
 * before it then holds both articles' paragraphs (`四、` swallowing `五、`'s paragraphs after
 * `五、` is deleted). Without the 1–2 bead the swallowing article pairs with whichever
 * counterpart its content resembles most, the later one, and an intact translation is
 * reported as missing.
 */
const ARTICLE_SHAPES: readonly BeadShape[] = [[1, 1], [1, 2], [2, 1]];

/**
 * The prior of a merged article bead: the single article must carry the number of the
 * first article of the pair it swallowed (the label lost is the second's), and the pair
 * must be numbered in sequence; anything else is not a lost label and is forbidden.
 */
function mergedArticlePrior(zs: readonly Article[], es: readonly Article[]): number {
  const [single, group] = zs.length === 1 ? [zs[0], es] : [es[0], zs];
  if (group.length !== 2 || single.number !== group[0].number || group[1].number !== group[0].number + 1) return -Infinity;
  return SAME_NUMBER_PRIOR;
}

const CONTENT_SHAPES: readonly BeadShape[] = [[1, 1], [1, 2], [2, 1], [1, 3], [3, 1], [1, 4], [4, 1]];
const IN_ARTICLE_SHAPES: readonly BeadShape[] = [[1, 1], [1, 2], [2, 1], [1, 3], [3, 1], [2, 2]];

const defaultAnchors = createAnchorExtractor();

/** A paragraph that can take part in pairing: content, not page chrome, not a repeat. */
export function isPairable(p: Paragraph): boolean {
  return p.boilerplate === null && p.repeatOf === null;
}

/** The top-level article holding each article id of a document. */
function topArticles(doc: TreatyDocument): Map<string, Article> {
  const top = new Map<string, Article>();
  const walk = (root: Article, a: Article) => {
    top.set(a.id, root);
    for (const c of a.children) walk(root, c);
  };
  for (const s of doc.sections) for (const a of s.articles) walk(a, a);
  return top;
}

interface Side {
  readonly doc: TreatyDocument;
  readonly paragraphs: Paragraph[];
  readonly articles: Article[];
  /** Pairable paragraphs per top-level article. */
  readonly byArticle: Map<Article, Paragraph[]>;
  /** Pairable paragraphs outside any article. */
  readonly loose: Paragraph[];
  readonly topOf: Map<string, Article>;
}

function sideOf(doc: TreatyDocument, family: LangFamily): Side {
  const topOf = topArticles(doc);
  const paragraphs = doc.paragraphs.filter((p) => langFamily(p.lang) === family && isPairable(p));
  const articles = doc.sections.filter((s) => langFamily(s.lang) === family).flatMap((s) => s.articles);
  const byArticle = new Map<Article, Paragraph[]>(articles.map((a) => [a, []]));
  const loose: Paragraph[] = [];
  for (const p of paragraphs) {
    const top = p.articleId === null ? undefined : topOf.get(p.articleId);
    if (top && byArticle.has(top)) byArticle.get(top)!.push(p);
    else loose.push(p);
  }
  return { doc, paragraphs, articles, byArticle, loose, topOf };
}

const lengthOf = (text: string) => text.replace(/[\s\u3000]/g, '').length;

/** Inverse document frequency over a set of units: an anchor every unit has weighs nothing. */
function idfWeights(units: readonly AlignUnit[]): (anchor: string) => number {
  const df = new Map<string, number>();
  for (const u of units) for (const k of u.anchors) df.set(k, (df.get(k) ?? 0) + 1);
  const n = units.length + 1;
  return (anchor) => Math.max(0, Math.log(n / (df.get(anchor) ?? 1)));
}

/**
 * Pairs the Chinese paragraphs of one document with its English paragraphs. Never throws:
 * a document with one language only gives no pairs, all its content paragraphs unpaired.
 */
export function pairParagraphs(doc: TreatyDocument, options: PairOptions = {}): Alignment {
  return pairAcrossFiles(doc, doc, options);
}

/**
 * Pairs the Chinese paragraphs of `zhDoc` with the English paragraphs of `enDoc` (the two
 * halves of a text kept in two files; pass the same document twice for a bilingual file).
 * Never throws.
 */
export function pairAcrossFiles(zhDoc: TreatyDocument, enDoc: TreatyDocument, options: PairOptions = {}): Alignment {
  const anchorsOf = options.anchors ?? defaultAnchors;
  const scorer = options.scorer ?? scoreBead;
  const zh = sideOf(zhDoc, 'zh');
  const en = sideOf(enDoc, 'en');
  const unitCache = new Map<Paragraph, AlignUnit>();
  const unitOf = (p: Paragraph, family: LangFamily): AlignUnit => {
    let u = unitCache.get(p);
    if (!u) {
      // An article's label is structure, not content: its number is no anchor ("4." is not 四年).
      const label = p.articleId === null ? undefined : matchArticleLabel(p.text);
      const text = label ? p.text.slice(label.label.length) : p.text;
      unitCache.set(p, (u = { paragraphs: [p], anchors: anchorsOf(text, family), length: lengthOf(text) }));
    }
    return u;
  };
  const zhUnits = zh.paragraphs.map((p) => unitOf(p, 'zh'));
  const enUnits = en.paragraphs.map((p) => unitOf(p, 'en'));
  const paragraphWeight = idfWeights([...zhUnits, ...enUnits]);
  const safeScore = (z: readonly AlignUnit[], e: readonly AlignUnit[], ctx: ScoreContext): number => {
    try {
      const s = scorer(z, e, ctx);
      return Number.isNaN(s) ? -Infinity : s;
    } catch {
      // A replacement scorer that fails on odd input must not take pairing down.
      return -Infinity;
    }
  };

  const pairs: ParagraphPair[] = [];
  const unpairedArticles: Article[] = [];

  // The top-level article of a pair's side: that of its first paragraph, since a merged
  // article bead (below) holds paragraphs of two articles on one side.
  const articleOf = (side: Side, ps: readonly Paragraph[]): Article | null => {
    const id = ps[0]?.articleId;
    return id === null || id === undefined ? null : side.topOf.get(id) ?? null;
  };

  const alignParagraphs = (
    zs: readonly Paragraph[], es: readonly Paragraph[], prior: number, shapes: readonly BeadShape[],
    method: ParagraphPair['method'], byOrder: boolean,
  ) => {
    const zu = zs.map((p) => unitOf(p, 'zh'));
    const eu = es.map((p) => unitOf(p, 'en'));
    const ctx: ScoreContext = { weight: paragraphWeight, prior };
    const push = (z: AlignUnit[], e: AlignUnit[], score: number) => {
      const zp = z.flatMap((u) => u.paragraphs);
      const ep = e.flatMap((u) => u.paragraphs);
      pairs.push({
        zh: zp, en: ep, confidence: confidenceOf(score), method,
        zhArticle: method === 'article' ? articleOf(zh, zp) : null, enArticle: method === 'article' ? articleOf(en, ep) : null,
      });
    };
    if (byOrder && zu.length === eu.length) {
      // Same count inside paired articles: the order is the pairing; the score only rates it.
      zu.forEach((z, i) => push([z], [eu[i]], safeScore([z], [eu[i]], ctx)));
      return;
    }
    const zHeading = zs.map(isHeading);
    const eHeading = es.map(isHeading);
    const beads = alignMonotone(zu.length, eu.length, shapes, (i, a, j, b) => {
      if (a + b > 2) {
        for (let k = i; k < i + a; k++) if (zHeading[k]) return -Infinity;
        for (let k = j; k < j + b; k++) if (eHeading[k]) return -Infinity;
        return safeScore(zu.slice(i, i + a), eu.slice(j, j + b), ctx);
      }
      const headings = zHeading[i] === eHeading[j] ? (zHeading[i] ? HEADING_MATCH_PRIOR : 0) : HEADING_MISMATCH_PRIOR;
      return safeScore([zu[i]], [eu[j]], { weight: ctx.weight, prior: prior + headings });
    });
    for (const b of beads) push(zu.slice(b.zhStart, b.zhStart + b.zhCount), eu.slice(b.enStart, b.enStart + b.enCount), b.score);
  };

  if (zh.articles.length > 0 && en.articles.length > 0) {
    const articleUnit = (a: Article, side: Side, family: LangFamily): AlignUnit => {
      const ps = side.byArticle.get(a) ?? [];
      const anchors = new Set<string>();
      for (const p of ps) for (const k of unitOf(p, family).anchors) anchors.add(k);
      return { paragraphs: ps, anchors, length: ps.reduce((s, p) => s + unitOf(p, family).length, 0) };
    };
    const za = zh.articles.map((a) => articleUnit(a, zh, 'zh'));
    const ea = en.articles.map((a) => articleUnit(a, en, 'en'));
    const articleWeight = idfWeights([...za, ...ea]);
    const beads = alignMonotone(za.length, ea.length, ARTICLE_SHAPES, (i, a, j, b) => {
      if (a === 1 && b === 1) {
        return safeScore([za[i]], [ea[j]], {
          weight: articleWeight,
          prior: zh.articles[i].number === en.articles[j].number ? SAME_NUMBER_PRIOR : OTHER_NUMBER_PRIOR,
        });
      }
      const prior = mergedArticlePrior(zh.articles.slice(i, i + a), en.articles.slice(j, j + b));
      return prior === -Infinity ? prior : safeScore(za.slice(i, i + a), ea.slice(j, j + b), { weight: articleWeight, prior });
    });
    const pairedZh = new Set<number>();
    const pairedEn = new Set<number>();
    // Loose paragraphs (preamble, closing lines) pair by content, before the articles so
    // that pairs stay in text order when the preamble comes first.
    alignParagraphs(zh.loose, en.loose, 0, CONTENT_SHAPES, 'content', false);
    for (const b of beads) {
      const zArticles = zh.articles.slice(b.zhStart, b.zhStart + b.zhCount);
      const eArticles = en.articles.slice(b.enStart, b.enStart + b.enCount);
      for (let k = 0; k < b.zhCount; k++) pairedZh.add(b.zhStart + k);
      for (let k = 0; k < b.enCount; k++) pairedEn.add(b.enStart + k);
      // Order pairs the paragraphs of two articles of the same number; a merged bead is a
      // damaged text, whose paragraphs must each earn their pair by content.
      alignParagraphs(zArticles.flatMap((x) => zh.byArticle.get(x)!), eArticles.flatMap((x) => en.byArticle.get(x)!),
        IN_ARTICLE_PRIOR, IN_ARTICLE_SHAPES, 'article', b.zhCount === 1 && b.enCount === 1);
    }
    zh.articles.forEach((a, i) => pairedZh.has(i) || unpairedArticles.push(a));
    en.articles.forEach((a, i) => pairedEn.has(i) || unpairedArticles.push(a));
  } else {
    // Unnumbered (or numbered on one side only): the whole text pairs by content.
    alignParagraphs(zh.paragraphs, en.paragraphs, 0, CONTENT_SHAPES, 'content', false);
  }

  pairs.sort((a, b) => a.zh[0].line - b.zh[0].line);
  const paired = new Set<Paragraph>(pairs.flatMap((p) => [...p.zh, ...p.en]));
  const unpaired = [...zh.paragraphs, ...en.paragraphs].filter((p) => !paired.has(p));
  return { zhDoc, enDoc, pairs, unpaired, unpairedArticles };
}

/**
 * The pair a paragraph belongs to (compared by identity, so pass a paragraph of the
 * alignment's own documents).
 * @returns undefined when the paragraph is unpaired, chrome, a repeat or not in the alignment.
 */
export function pairOf(alignment: Alignment, paragraph: Paragraph): ParagraphPair | undefined {
  return alignment.pairs.find((p) => p.zh.includes(paragraph) || p.en.includes(paragraph));
}

/**
 * The 1-based position of a paragraph among the pairable paragraphs of its top-level
 * article (`¶2`).
 * @returns undefined when the paragraph is outside any article.
 */
export function paragraphOrdinal(doc: TreatyDocument, paragraph: Paragraph): number | undefined {
  if (paragraph.articleId === null) return undefined;
  const top = topArticles(doc).get(paragraph.articleId);
  if (!top) return undefined;
  const inArticle = doc.paragraphs.filter((p) => p.articleId !== null && isPairable(p) &&
    p.line >= top.line && p.line <= top.endLine && p.lang === paragraph.lang);
  const i = inArticle.indexOf(paragraph);
  return i < 0 ? undefined : i + 1;
}
