/**
 * Parallel paragraphs in the editor: hover with the counterpart, the `treatyLens/counterpart`
 * request behind "Go to Parallel Paragraph" and "Open Side by Side", the code-lens request,
 * and diagnostics for unpaired articles and low-confidence pairs. Pairing itself is the
 * core's (`core/align`); this module finds documents, caches alignments per model and
 * converts offsets to positions.
 */
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic, Location, Position } from 'vscode-languageserver';
import type { ParagraphPair } from '../core/align';
import type { Article, Paragraph, TreatyDocument } from '../core/model';
import { langFamily } from '../core/model';
import { lineOfOffset } from '../core/parse';
import type { DocumentAlignment as Located } from './alignments';
import type { FeatureContext } from './context';
import { toOffset, toPosition, toRange } from './convert';

/** `treatyLens/counterpart` {uri, position} → the counterpart paragraphs of the paragraph there. */
export const COUNTERPART_REQUEST = 'treatyLens/counterpart';
/** `treatyLens/pairLenses` {uri} → one lens per paired paragraph group of the document. */
export const PAIR_LENSES_REQUEST = 'treatyLens/pairLenses';
/** Client → server: `{ confidenceThreshold }` from the `treatyLens.pairing.*` settings. */
export const PAIRING_SETTINGS_NOTIFICATION = 'treatyLens/pairingSettings';

export interface CounterpartParams {
  readonly uri: string;
  readonly position: Position;
}

export interface CounterpartResult {
  /** One location per counterpart paragraph; empty when the paragraph has none. */
  readonly locations: Location[];
  /** The pair's confidence, or null when there is no pair. */
  readonly confidence: number | null;
  /** `en 5 ¶2`, `en L24`, or null. */
  readonly label: string | null;
  /** Why there is no counterpart, or null. */
  readonly reason: string | null;
}

export interface PairLens {
  readonly line: number;
  readonly title: string;
  readonly target: CounterpartParams;
}

const DEFAULT_THRESHOLD = 0.6;
const LANGUAGE = { zh: 'Chinese', en: 'English' } as const;


export function registerPairing(ctx: FeatureContext): void {
  const { align } = ctx.service;
  let threshold = DEFAULT_THRESHOLD;

  const families = (doc: TreatyDocument) => new Set(doc.paragraphs.filter(align.isPairable).map((p) => langFamily(p.lang)));

  const paragraphAt = (doc: TreatyDocument, offset: number): Paragraph | undefined => {
    const line = lineOfOffset(doc.lines, offset);
    return doc.paragraphs.find((p) => p.line === line);
  };

  const label = (doc: TreatyDocument, ps: readonly Paragraph[], article: Article | null): string => {
    const family = langFamily(ps[0].lang);
    if (!article) return `${family} L${ps.map((p) => p.line + 1).join('+')}`;
    const ordinals = ps.map((p) => align.paragraphOrdinal(doc, p)).filter((n) => n !== undefined);
    return `${family} ${article.number} ¶${ordinals.join('+')}`;
  };

  /** The other side of a pair, seen from one of its paragraphs. */
  const counterpartSide = (loc: Located, pair: ParagraphPair, from: Paragraph) => {
    const fromZh = pair.zh.includes(from);
    return fromZh
      ? { doc: loc.alignment.enDoc, uri: loc.enUri, paragraphs: pair.en, article: pair.enArticle }
      : { doc: loc.alignment.zhDoc, uri: loc.zhUri, paragraphs: pair.zh, article: pair.zhArticle };
  };

  const whyUnpaired = (p: Paragraph, loc: Located): string => {
    if (p.boilerplate !== null) return 'page chrome is never paired';
    if (p.repeatOf !== null) return `it repeats line ${p.repeatOf + 1}; repeated blocks are never paired`;
    const other = langFamily(p.lang) === 'zh' ? 'en' : 'zh';
    const otherDoc = other === 'en' ? loc.alignment.enDoc : loc.alignment.zhDoc;
    if (!families(otherDoc).has(other)) return `there is no ${LANGUAGE[other]} text in this file or a counterpart file of the corpus`;
    return `no ${LANGUAGE[other]} paragraph says the same thing`;
  };

  const counterpart = ({ uri, position }: CounterpartParams): CounterpartResult => {
    const none = (reason: string): CounterpartResult => ({ locations: [], confidence: null, label: null, reason });
    const doc = ctx.modelOf(uri);
    const loc = ctx.alignmentOf(uri);
    if (!doc || !loc) return none('the document is not open or indexed');
    const p = paragraphAt(doc, toOffset(doc, position));
    if (!p) return none('no paragraph here');
    const pair = align.pairOf(loc.alignment, p);
    if (!pair) return none(whyUnpaired(p, loc));
    const side = counterpartSide(loc, pair, p);
    return {
      locations: side.paragraphs.map((x) => ({ uri: side.uri, range: toRange(side.doc, x.range) })),
      confidence: pair.confidence,
      label: label(side.doc, side.paragraphs, side.article),
      reason: null,
    };
  };

  ctx.addHover((uri, doc, offset) => {
    const p = paragraphAt(doc, offset);
    if (!p || p.boilerplate !== null) return undefined;
    const loc = ctx.alignmentOf(uri);
    if (!loc) return undefined;
    const pair = align.pairOf(loc.alignment, p);
    const other = LANGUAGE[langFamily(p.lang) === 'zh' ? 'en' : 'zh'];
    if (!pair) return `**↔ ${other}: not paired** (${whyUnpaired(p, loc)}).`;
    const side = counterpartSide(loc, pair, p);
    const args = encodeURIComponent(JSON.stringify([{ uri, position: toPosition(doc, p.range.start) }]));
    const where = side.article ? `${side.article.label.trim()} ¶${side.paragraphs.map((x) => align.paragraphOrdinal(side.doc, x)).join('+')}` : `line ${side.paragraphs.map((x) => x.line + 1).join(', ')}`;
    return [
      `**↔ ${other} · ${where} · confidence ${pair.confidence.toFixed(2)}**`,
      ...side.paragraphs.map((x) => `> ${x.text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1')}`),
      `[Go to counterpart](command:treatyLens.goToParallelParagraph?${args}) · [Open side by side](command:treatyLens.openSideBySide?${args})`,
    ].join('\n\n');
  });

  ctx.connection.onRequest(COUNTERPART_REQUEST, (params: CounterpartParams) => counterpart(params));

  ctx.connection.onRequest(PAIR_LENSES_REQUEST, ({ uri }: { uri: string }): PairLens[] => {
    const doc = ctx.modelOf(uri);
    const loc = ctx.alignmentOf(uri);
    if (!doc || !loc) return [];
    const lenses: PairLens[] = [];
    for (const pair of loc.alignment.pairs) {
      // A bilingual file holds both sides of the pair: one lens on each.
      for (const own of [pair.zh[0], pair.en[0]]) {
        if (!doc.paragraphs.includes(own)) continue;
        const side = counterpartSide(loc, pair, own);
        const position = toPosition(doc, own.range.start);
        lenses.push({ line: position.line, title: `↔ ${label(side.doc, side.paragraphs, side.article)} · ${pair.confidence.toFixed(2)}`, target: { uri, position } });
      }
    }
    return lenses;
  });

  // The threshold setting: pulled from the client once (workspace/configuration), then
  // pushed by the client on every change (PAIRING_SETTINGS_NOTIFICATION).
  let pulled = false;
  const applySettings = (settings: { confidenceThreshold?: unknown } | null | undefined) => {
    const t = Number(settings?.confidenceThreshold);
    const next = settings?.confidenceThreshold !== undefined && t >= 0 && t <= 1 ? t : DEFAULT_THRESHOLD;
    if (next === threshold) return;
    threshold = next;
    refresh();
  };

  ctx.addDiagnostics((uri, doc): Diagnostic[] => {
    if (!pulled) {
      pulled = true;
      ctx.connection.workspace.getConfiguration('treatyLens.pairing').then(applySettings, () => undefined);
    }
    const loc = ctx.alignmentOf(uri);
    if (!loc) return [];
    const { alignment } = loc;
    // A one-language file with no counterpart file is a text, not a pairing problem.
    if (!families(alignment.zhDoc).has('zh') || !families(alignment.enDoc).has('en')) return [];
    const out: Diagnostic[] = [];
    for (const a of alignment.unpairedArticles) {
      const family = langFamily(a.lang);
      if ((family === 'zh' ? alignment.zhDoc : alignment.enDoc) !== doc) continue;
      out.push({
        range: toRange(doc, a.labelRange), severity: DiagnosticSeverity.Warning, source: 'treaty-lens', code: 'unpaired-article',
        message: `${LANGUAGE[family]} article ${a.label.trim()} has no ${LANGUAGE[family === 'zh' ? 'en' : 'zh']} counterpart.`,
      });
    }
    for (const pair of alignment.pairs) {
      if (pair.confidence >= threshold) continue;
      for (const [mine, theirs, family] of [[pair.zh, pair.en, 'zh'], [pair.en, pair.zh, 'en']] as const) {
        if ((family === 'zh' ? alignment.zhDoc : alignment.enDoc) !== doc) continue;
        out.push({
          range: toRange(doc, { start: mine[0].range.start, end: mine[mine.length - 1].range.end }),
          severity: DiagnosticSeverity.Information, source: 'treaty-lens', code: 'low-confidence-pair',
          message: `Paired with ${LANGUAGE[family === 'zh' ? 'en' : 'zh']} line(s) ${theirs.map((x) => x.line + 1).join(', ')} ` +
            `with low confidence ${pair.confidence.toFixed(2)} (threshold ${threshold.toFixed(2)}).`,
        });
      }
    }
    return out;
  });

  let refreshing = false;
  const refresh = () => {
    // Publishing re-indexes corpus files, which calls the corpus listener below again.
    if (refreshing) return;
    refreshing = true;
    try {
      ctx.refreshDiagnostics();
    } finally {
      refreshing = false;
    }
  };

  ctx.connection.onNotification(PAIRING_SETTINGS_NOTIFICATION, applySettings);

  // A one-language file's diagnostics depend on its counterpart file: refresh when one changes.
  ctx.onCorpusChanged((key) => {
    const doc = ctx.service.corpus.get(key);
    if (doc && families(doc).size === 1 && align.findCounterpartKey(key, doc, ctx.service.corpus)) refresh();
  });
}
