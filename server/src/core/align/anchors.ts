/**
 * Anchors: things a Chinese paragraph and its English counterpart both say in a form that
 * can be recognised without translating: numbers and dates (10月19日 ↔ Oct. 19, 14亿 ↔
 * 1.4 billion, 八项 ↔ eight), names and places from the name list (卡卡尔 ↔ Kakar) and,
 * when a glossary is given, glossary terms (中巴经济走廊 ↔ CPEC).
 *
 * An anchor is a plain string key (`num:10`, `date:10-19`, `name:3`, `term:cpec`); the
 * same key on both sides is the evidence the scorer weighs.
 */
import type { LangFamily } from '../model';
import { parseChineseNumeral } from '../numerals';
import { toSimplified } from '../script';
import { parseGlossary } from '../terms/glossary';
import { compileGlossary, findTermOccurrences } from '../terms/matcher';
import type { CompiledGlossary } from '../terms/matcher';
import { parseNameList } from './names';
import type { NameEntry } from './names';

/** Where anchors come from besides numbers; each source is optional. */
export interface AnchorSources {
  readonly names?: readonly NameEntry[];
  /** Glossary terms become anchors only when a glossary is given. */
  readonly glossary?: CompiledGlossary;
}

/** The anchors of one paragraph's text in one language family. */
export type AnchorExtractor = (text: string, family: LangFamily) => ReadonlySet<string>;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

// "one"/"first" and "two"/"second" are left out on purpose: one-China, first-hand and
// "the two sides" (双方) are everywhere and would pair everything with everything. 第二 ↔
// second is kept because it only occurs with an ordinal marker on the Chinese side.
const EN_NUMBER_WORDS: Record<string, number> = {
  three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, decade: 10,
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, twentieth: 20,
};

const SCALE: Record<string, number> = { billion: 1e9, million: 1e6, thousand: 1e3, 亿: 1e8, 万: 1e4 };

/** One spelling per value, so that 14亿 and 1.4 billion give the same key. */
function numberKey(value: number): string {
  return `num:${Number(value.toPrecision(12))}`;
}

function chineseNumbers(text: string, out: Set<string>): void {
  let rest = text.replace(/(\d{1,2})月(\d{1,2})日/g, (_, m: string, d: string) => {
    out.add(`date:${Number(m)}-${Number(d)}`);
    return ' ';
  });
  rest = rest.replace(/(\d+(?:\.\d+)?)\s*(亿|万)?/g, (_, n: string, scale: string | undefined) => {
    out.add(numberKey(Number(n) * (scale ? SCALE[scale] : 1)));
    return ' ';
  });
  // Chinese numerals count only as ordinals (第三届) or before a measure word (八项行动):
  // bare 一/二 are parts of words (一带一路, 二者).
  for (const m of rest.matchAll(/第([二三四五六七八九十百]+)/g)) {
    const n = parseChineseNumeral(m[1]);
    if (n !== undefined) out.add(numberKey(n));
  }
  for (const m of rest.matchAll(/(?<!第)([三四五六七八九十]+)(?=项|个|届|次|周年|年|份|大)/g)) {
    const n = parseChineseNumeral(m[1]);
    if (n !== undefined) out.add(numberKey(n));
  }
}

function englishNumbers(text: string, out: Set<string>): void {
  let rest = text.replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b(?![.,]\d)/g, (_, m: string, d: string) => {
    out.add(`date:${MONTHS[m.toLowerCase()]}-${Number(d)}`);
    return ' ';
  });
  rest = rest.replace(/(\d+(?:,\d{3})*(?:\.\d+)?)(?:st|nd|rd|th)?(?:\s+(billion|million|thousand)\b)?/g, (_, n: string, scale: string | undefined) => {
    out.add(numberKey(Number(n.replace(/,/g, '')) * (scale ? SCALE[scale] : 1)));
    return ' ';
  });
  for (const m of rest.toLowerCase().matchAll(/\b([a-z]+)\b/g)) {
    const n = EN_NUMBER_WORDS[m[1]];
    if (n !== undefined) out.add(numberKey(n));
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Builds the anchor extractor for a set of sources. The Chinese side is folded to Simplified
 * first, so Traditional texts find the same names.
 */
export function createAnchorExtractor(sources: AnchorSources = {}): AnchorExtractor {
  const names = sources.names ?? [];
  // Longest forms first inside one alternation, so "Xi Jinping" is one match, not "Xi" twice.
  const enPatterns = names.map((entry) => new RegExp(
    `(?<![A-Za-z0-9])(?:${[...entry.en].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![A-Za-z0-9])`,
  ));
  return (text: string, family: LangFamily): ReadonlySet<string> => {
    const out = new Set<string>();
    if (family === 'zh') {
      const simplified = toSimplified(text);
      chineseNumbers(simplified, out);
      names.forEach((entry, i) => {
        if (entry.zh.some((form) => simplified.includes(form))) out.add(`name:${i}`);
      });
    } else {
      englishNumbers(text, out);
      enPatterns.forEach((re, i) => {
        if (re.test(text)) out.add(`name:${i}`);
      });
    }
    if (sources.glossary) {
      for (const occurrence of findTermOccurrences(text, sources.glossary)) {
        if (occurrence.lang === family) out.add(`term:${occurrence.termId}`);
      }
    }
    return out;
  };
}

/**
 * The anchor extractor of a corpus, from the texts of its `names.json` and `glossary.json`.
 * Either may be undefined (file absent) or broken: a broken name list or glossary
 * contributes nothing (their own features report why), numbers and dates still count.
 */
export function createCorpusAnchorExtractor(files: { readonly names?: string; readonly glossary?: string }): AnchorExtractor {
  const names = files.names === undefined ? [] : parseNameList(files.names).names;
  const parsed = files.glossary === undefined ? undefined : parseGlossary(files.glossary).glossary;
  return createAnchorExtractor({ names, ...(parsed ? { glossary: compileGlossary(parsed) } : {}) });
}
