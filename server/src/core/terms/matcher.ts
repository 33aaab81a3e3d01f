/**
 * Finding glossary terms in a text: one Aho–Corasick pass over the normalised view.
 *
 * The glossary is compiled once into an automaton over the normalised keys of its forms
 * (plus the inflected English variants); each document is then scanned once, in time
 * linear in its length plus the hits. No regular expression is ever built from glossary
 * text, so a form may contain any character.
 */
import type { Glossary, GlossaryTerm } from './glossary';
import { normalizeForm, normalizeText, toOriginalRange } from './normalize';

/** One place where a glossary term occurs in a text. */
export interface TermOccurrence {
  readonly termId: string;
  /** UTF-16 offset of the first character in the original text. */
  readonly start: number;
  /** UTF-16 offset just after the last character in the original text. */
  readonly end: number;
  /** The original text of the occurrence, exactly `text.slice(start, end)`. */
  readonly text: string;
  /** Which side of the glossary matched: a Chinese form or an English one. */
  readonly lang: 'zh' | 'en';
  /** The glossary form that matched (before inflection and normalisation). */
  readonly form: string;
}

interface Pattern {
  readonly termId: string;
  readonly lang: 'zh' | 'en';
  readonly form: string;
  readonly key: string;
  /** Set for all-caps abbreviations only: the matched text must have exactly this case. */
  readonly cased?: string;
  readonly boundaryBefore: boolean;
  readonly boundaryAfter: boolean;
}

/** A glossary ready for matching. Build with {@link compileGlossary}; immutable. */
export interface CompiledGlossary {
  /** Number of patterns in the automaton (forms and their inflected variants). */
  readonly patternCount: number;
  /** Normalised keys a term is matched by, forms and variants, in glossary order; empty for an unknown id. */
  keysOf(termId: string): readonly string[];
  /** @internal the automaton */
  readonly automaton: Automaton;
}

interface Automaton {
  readonly goto: readonly Map<number, number>[];
  readonly fail: Int32Array;
  /** Pattern ending at the node, or -1. */
  readonly output: Int32Array;
  /** Nearest node on the fail chain (excluding the node) that has an output, or -1. */
  readonly dictLink: Int32Array;
  readonly patterns: readonly Pattern[];
}

/** Letters and digits of the scripts written with spaces between words (Latin here). */
function isWordUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * An abbreviation is matched case-sensitively: `CPEC`, `BRI`, `U.N.`, `ML-1` are only
 * abbreviations in capitals, while lower-case `bri` or `un` are other words or parts of
 * words (Bri, "un-" in running text). A form counts as one when it has at least two
 * letters and none of them is lower case.
 */
function isAbbreviation(form: string): boolean {
  let letters = 0;
  for (const ch of form) {
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      if (ch !== ch.toUpperCase()) return false;
      letters++;
    }
  }
  return letters >= 2;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/**
 * Other number of the last word of a lower-cased English key: `partner` <-> `partners`,
 * `community` <-> `communities`, `process` -> `processes`. Only nouns are inflected: the
 * glossary's English forms are noun phrases, where a verb inflection would be a guess.
 */
function inflectLastWord(key: string): string[] {
  const space = key.lastIndexOf(' ');
  const head = key.slice(0, space + 1);
  const word = key.slice(space + 1);
  if (word.length < 3) return [];
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return [];
  }
  const out: string[] = [];
  if (word.endsWith('ies')) out.push(word.slice(0, -3) + 'y');
  else if (/(?:ss|sh|ch|x|z)es$/.test(word)) out.push(word.slice(0, -2));
  else if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) out.push(word.slice(0, -1));
  if (!word.endsWith('s') || /(?:ss|us|is)$/.test(word)) {
    if (/(?:s|sh|ch|x|z)$/.test(word)) out.push(word + 'es');
    else if (word.endsWith('y') && !VOWELS.has(word[word.length - 2])) out.push(word.slice(0, -1) + 'ies');
    else out.push(word + 's');
  }
  return out.map((w) => head + w);
}

/**
 * Compiles a glossary (a {@link Glossary} or anything with its terms' ids and forms) into
 * an automaton. A key claimed twice keeps its first owner
 * (`parseGlossary` reports forms shared between terms); an explicit form always beats an
 * inflected variant of another term.
 */
export function compileGlossary(glossary: { readonly terms: readonly Pick<GlossaryTerm, 'id' | 'zh' | 'en'>[] }): CompiledGlossary {
  const explicit: Pattern[] = [];
  const variants: Pattern[] = [];
  for (const term of glossary.terms) {
    for (const lang of ['zh', 'en'] as const) {
      for (const form of term[lang]) {
        const normal = normalizeForm(form);
        if (!normal) continue;
        const abbreviation = isAbbreviation(form);
        const base = {
          termId: term.id,
          lang,
          form,
          boundaryBefore: isWordUnit(normal.key.charCodeAt(0)),
          boundaryAfter: isWordUnit(normal.key.charCodeAt(normal.key.length - 1)),
        };
        explicit.push({ ...base, key: normal.key, ...(abbreviation ? { cased: normal.cased } : {}) });
        if (lang === 'en' && !abbreviation) {
          for (const key of inflectLastWord(normal.key)) variants.push({ ...base, key });
        }
      }
    }
  }

  const patterns: Pattern[] = [];
  const goto: Map<number, number>[] = [new Map()];
  const outputs: number[] = [-1];
  const keys = new Map<string, string[]>();
  for (const p of [...explicit, ...variants]) {
    let node = 0;
    for (let i = 0; i < p.key.length; i++) {
      const c = p.key.charCodeAt(i);
      let next = goto[node].get(c);
      if (next === undefined) {
        next = goto.length;
        goto.push(new Map());
        outputs.push(-1);
        goto[node].set(c, next);
      }
      node = next;
    }
    if (outputs[node] !== -1) continue;
    outputs[node] = patterns.length;
    patterns.push(p);
    const list = keys.get(p.termId) ?? [];
    list.push(p.key);
    keys.set(p.termId, list);
  }

  // Breadth-first: a node's fail link points to a shallower node, already complete.
  const fail = new Int32Array(goto.length);
  const dictLink = new Int32Array(goto.length).fill(-1);
  const queue: number[] = [];
  for (const child of goto[0].values()) queue.push(child);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    for (const [c, child] of goto[node]) {
      let f = fail[node];
      while (f !== 0 && !goto[f].has(c)) f = fail[f];
      const target = goto[f].get(c);
      fail[child] = target !== undefined && target !== child ? target : 0;
      dictLink[child] = outputs[fail[child]] !== -1 ? fail[child] : dictLink[fail[child]];
      queue.push(child);
    }
  }

  const automaton: Automaton = { goto, fail, output: Int32Array.from(outputs), dictLink, patterns };
  return Object.freeze({
    patternCount: patterns.length,
    keysOf: (termId: string) => keys.get(termId) ?? [],
    automaton,
  });
}

/**
 * Every occurrence of a glossary term in `text`, in text order, never overlapping. Where
 * hits overlap the longest (in normalised length) wins, then the leftmost:
 * 全天候战略合作伙伴关系 beats 全天候战略合作伙伴 inside it. An English form only matches
 * at word boundaries (CPEC in "CPECX" is no hit); a Chinese form matches anywhere. Offsets
 * are UTF-16 offsets into `text`. Returns an empty array when nothing matches.
 */
export function findTermOccurrences(text: string, compiled: CompiledGlossary): TermOccurrence[] {
  const { goto, fail, output, dictLink, patterns } = compiled.automaton;
  const view = normalizeText(text);
  const key = view.key;
  const cased = view.cased;

  // Candidate hits as (start, end, pattern) triples in the normalised view.
  const hits: number[] = [];
  let node = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    for (;;) {
      const next = goto[node].get(c);
      if (next !== undefined) {
        node = next;
        break;
      }
      if (node === 0) break;
      node = fail[node];
    }
    for (let n = output[node] !== -1 ? node : dictLink[node]; n !== -1; n = dictLink[n]) {
      const p = patterns[output[n]];
      const end = i + 1;
      const start = end - p.key.length;
      if (p.boundaryBefore && start > 0 && isWordUnit(key.charCodeAt(start - 1))) continue;
      if (p.boundaryAfter && end < key.length && isWordUnit(key.charCodeAt(end))) continue;
      if (p.cased !== undefined && !sameUnits(cased, start, p.cased)) continue;
      // A surrogate half at either edge means the hit cuts an astral character in two.
      if (isLowSurrogate(key.charCodeAt(start)) || isHighSurrogate(key.charCodeAt(end - 1))) continue;
      hits.push(start, end, output[n]);
    }
  }

  const order: number[] = [];
  for (let h = 0; h < hits.length; h += 3) order.push(h);
  order.sort((a, b) => (hits[b + 1] - hits[b]) - (hits[a + 1] - hits[a]) || hits[a] - hits[b]);
  const taken = new Uint8Array(key.length);
  const chosen: number[] = [];
  for (const h of order) {
    const start = hits[h];
    const end = hits[h + 1];
    let free = true;
    for (let i = start; i < end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, start, end);
    chosen.push(h);
  }
  chosen.sort((a, b) => hits[a] - hits[b]);

  return chosen.map((h) => {
    const p = patterns[hits[h + 2]];
    const range = toOriginalRange(view, hits[h], hits[h + 1]);
    return { termId: p.termId, start: range.start, end: range.end, text: text.slice(range.start, range.end), lang: p.lang, form: p.form };
  });
}

function sameUnits(haystack: string, start: number, needle: string): boolean {
  for (let i = 0; i < needle.length; i++) if (haystack.charCodeAt(start + i) !== needle.charCodeAt(i)) return false;
  return true;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
