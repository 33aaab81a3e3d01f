/**
 * Term discovery: recurring phrases of the corpus that the glossary does not know yet, and
 * the edit that adds a chosen one to the glossary file.
 */
import type { TreatyDocument } from '../model';
import { readJson } from './json';
import type { JsonArray } from './json';
import type { TermOccurrence } from './matcher';
import { normalizeForm } from './normalize';

export interface TermCandidate {
  /** The phrase as written (its first spelling in the corpus). */
  readonly text: string;
  readonly lang: 'zh' | 'en';
  /** `quoted`: between quotation marks somewhere; `ngram`: a repeated word or character sequence. */
  readonly kind: 'quoted' | 'ngram';
  /** Occurrences in the corpus (of the phrase, quoted or not). */
  readonly count: number;
  readonly documents: number;
}

export interface SuggestOptions {
  /** Fewest occurrences for an n-gram (quoted phrases need 2). Default 3. */
  readonly minCount?: number;
  /** At most this many candidates, most frequent first. Default 100. */
  readonly limit?: number;
}

const QUOTES: ReadonlyArray<[string, string]> = [['“', '”'], ['「', '」'], ['『', '』'], ['"', '"']];

const EN_STOP = new Set(('a an the and or of to in on at for with by from as is are was were be been be has have had ' +
  'its it this that these those their his her he she they we our which who will would shall should may can also ' +
  'not no all both two said such other than into over under between during through about more most very').split(' '));

const isHan = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

interface Tally {
  text: string;
  lang: 'zh' | 'en';
  count: number;
  docs: Set<string>;
  quoted: boolean;
}

/**
 * Recurring candidates in the corpus that no glossary form covers: phrases between
 * quotation marks (“一带一路”, "ironclad") seen at least twice, Chinese character n-grams
 * (4–8 characters) and English word n-grams (2–5 words, no stop word at either end) seen at
 * least `minCount` times; quoted phrases come first, then by count. An n-gram inside a longer one with the same count is left out
 * (the longer one says it). Candidates that overlap a glossary occurrence are skipped.
 */
export function suggestTerms(
  docs: ReadonlyArray<{ key: string; doc: TreatyDocument; occurrences: readonly TermOccurrence[] }>,
  isKnown: (phrase: string) => boolean,
  options: SuggestOptions = {},
): TermCandidate[] {
  const minCount = options.minCount ?? 3;
  const limit = options.limit ?? 100;
  const tallies = new Map<string, Tally>();
  // A place is counted once, though a quoted phrase is also found as an n-gram there.
  const places = new Set<string>();
  const tally = (text: string, lang: 'zh' | 'en', key: string, quoted: boolean, offset: number) => {
    const norm = normalizeForm(text)?.key;
    if (!norm) return;
    const id = `${lang}:${norm}`;
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = { text, lang, count: 0, docs: new Set(), quoted: false }));
    const place = `${id}\u0000${key}\u0000${offset}`;
    if (!places.has(place)) t.count++;
    places.add(place);
    t.docs.add(key);
    t.quoted ||= quoted;
  };

  for (const { key, doc, occurrences } of docs) {
    // Covered offsets: glossary occurrences are not candidates.
    const covered = new Uint8Array(doc.text.length);
    for (const o of occurrences) covered.fill(1, o.start, o.end);
    const free = (start: number, end: number) => {
      for (let i = start; i < end; i++) if (covered[i]) return false;
      return true;
    };
    for (const p of doc.paragraphs) {
      if (p.boilerplate !== null || p.repeatOf !== null) continue;
      const base = p.range.start;
      const text = p.text;
      const zh = p.lang !== 'en';
      // Quoted phrases.
      for (const [open, close] of QUOTES) {
        let from = 0;
        for (;;) {
          const s = text.indexOf(open, from);
          if (s < 0) break;
          const e = text.indexOf(close, s + 1);
          if (e < 0) break;
          const inner = text.slice(s + 1, e).trim();
          from = e + 1;
          const words = inner.split(/\s+/).length;
          const ok = zh ? inner.length >= 2 && inner.length <= 12 : inner.length >= 3 && words <= 6;
          if (ok && free(base + s + 1, base + e)) tally(inner, zh ? 'zh' : 'en', key, true, base + s + 1 + (text.slice(s + 1, e).length - text.slice(s + 1, e).trimStart().length));
        }
      }
      // N-grams.
      if (zh) {
        let i = 0;
        while (i < text.length) {
          if (!isHan(text.charCodeAt(i))) {
            i++;
            continue;
          }
          let j = i;
          while (j < text.length && isHan(text.charCodeAt(j))) j++;
          for (let s = i; s < j; s++) {
            for (let n = 4; n <= 8 && s + n <= j; n++) {
              if (free(base + s, base + s + n)) tally(text.slice(s, s + n), 'zh', key, false, base + s);
            }
          }
          i = j;
        }
      } else {
        const words: Array<{ w: string; s: number; e: number }> = [];
        for (const m of text.matchAll(/[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g)) words.push({ w: m[0], s: m.index!, e: m.index! + m[0].length });
        for (let s = 0; s < words.length; s++) {
          if (EN_STOP.has(words[s].w.toLowerCase())) continue;
          for (let n = 2; n <= 5 && s + n <= words.length; n++) {
            const last = words[s + n - 1];
            if (EN_STOP.has(last.w.toLowerCase())) continue;
            // A phrase does not run over a comma or full stop.
            const span = text.slice(words[s].s, last.e);
            if (/[,.;:!?()]/.test(span)) break;
            if (free(base + words[s].s, base + last.e)) tally(span, 'en', key, false, base + words[s].s);
          }
        }
      }
    }
  }

  const all = [...tallies.values()].filter((t) => !isKnown(t.text) && (t.quoted ? t.count >= 2 : t.count >= minCount));
  // Drop an n-gram contained in a longer candidate that occurs as often.
  const kept = all.filter((t) => t.quoted || !all.some((o) => o !== t && o.lang === t.lang && o.count >= t.count &&
    o.text.length > t.text.length && normalizeForm(o.text)!.key.includes(normalizeForm(t.text)!.key)));
  // Quoted phrases first: a text that quotes a phrase marks it as a term.
  kept.sort((a, b) => Number(b.quoted) - Number(a.quoted) || b.count - a.count || b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
  return kept.slice(0, limit).map((t) => ({ text: t.text, lang: t.lang, kind: t.quoted ? 'quoted' : 'ngram', count: t.count, documents: t.docs.size }));
}

/** A kebab-case glossary id from an English form: `Gwadar Port` → `gwadar-port`. */
export function termIdFrom(form: string): string {
  const id = form.normalize('NFKD').toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id || 'term';
}

/** A text edit: replace `[start, end)` of the glossary text with `newText`. */
export interface GlossaryEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The edit that appends a term to a glossary text, formatted like the file's existing terms
 * (one object per term, two-space indentation, arrays on one line). The id is made unique
 * with a numeric suffix when taken.
 * @returns undefined when the text is not a JSON object with a "terms" array (fix the file first).
 */
export function addTermEdit(glossaryText: string, term: { id: string; zh: readonly string[]; en: readonly string[]; note?: string }): GlossaryEdit | undefined {
  const { value } = readJson(glossaryText);
  if (!value || value.kind !== 'object') return undefined;
  const terms = value.properties.find((p) => p.key === 'terms')?.value;
  if (!terms || terms.kind !== 'array') return undefined;
  const taken = new Set((terms as JsonArray).items.flatMap((t) => t.kind === 'object'
    ? t.properties.filter((p) => p.key === 'id' && p.value.kind === 'string').map((p) => (p.value as { value: string }).value) : []));
  let id = term.id;
  for (let n = 2; taken.has(id); n++) id = `${term.id}-${n}`;

  const lineStart = (offset: number) => glossaryText.lastIndexOf('\n', offset - 1) + 1;
  const eol = glossaryText.includes('\r\n') ? '\r\n' : '\n';
  const items = (terms as JsonArray).items;
  const indent = items.length > 0
    ? glossaryText.slice(lineStart(items[0].start), items[0].start).replace(/\S.*$/, '')
    : glossaryText.slice(lineStart(terms.start), terms.start).replace(/\S.*$/, '') + '  ';
  const inner = indent + '  ';
  const list = (forms: readonly string[]) => `[${forms.map((f) => JSON.stringify(f)).join(', ')}]`;
  const body = [
    `${inner}"id": ${JSON.stringify(id)}`,
    `${inner}"zh": ${list(term.zh)}`,
    `${inner}"en": ${list(term.en)}`,
    ...(term.note ? [`${inner}"note": ${JSON.stringify(term.note)}`] : []),
  ].join(`,${eol}`);
  const object = `${indent}{${eol}${body}${eol}${indent}}`;
  if (items.length === 0) {
    const closeIndent = indent.slice(2);
    return { start: terms.start, end: terms.end, newText: `[${eol}${object}${eol}${closeIndent}]` };
  }
  const last = items[items.length - 1];
  return { start: last.end, end: last.end, newText: `,${eol}${object}` };
}
