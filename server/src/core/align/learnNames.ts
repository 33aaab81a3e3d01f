/**
 * Learns bilingual names (卡卡尔 ↔ Kakar) from paragraphs already paired with confidence:
 * a name and its translation turn up in the same pairs and rarely apart, so the Dice
 * coefficient of their co-occurrence across pairs finds them without a dictionary.
 *
 * English candidates are capitalised words and runs of them; Chinese candidates are the
 * substrings of 2–6 Han characters. Among the Chinese strings that follow an English one
 * equally well (卡卡, 卡卡尔, 卡卡尔总理 all co-occur with Kakar), the one shaped like a
 * name wins: a transliteration (every character one the transliteration tables use) or a
 * Chinese name written in pinyin with one character per syllable (李强 ↔ Li Qiang).
 */
import { toSimplified } from '../script';
import type { NameEntry } from './names';

/** A Chinese paragraph group and the English group paired with it (texts as written). */
export interface ParallelText {
  readonly zh: string;
  readonly en: string;
}

/** A learned name: its two forms, how many pairs hold both, and their Dice coefficient. */
export interface NameCandidate {
  readonly zh: string;
  readonly en: string;
  /** Pairs in which both forms occur. */
  readonly pairs: number;
  /** 2·pairs / (pairs with zh + pairs with en), rounded to two decimals: 1 when they never occur apart. */
  readonly dice: number;
}

export interface LearnOptions {
  /** Least Dice coefficient of a candidate (default 0.5: together at least as often as apart). */
  readonly minDice?: number;
  /** Least number of pairs holding both forms (default 2); with 1, one pair is enough when unambiguous. */
  readonly minPairs?: number;
}

/** Words that are capitalised for grammar or title, not because they name someone. */
const EN_STOP = new Set([
  'A', 'An', 'The', 'In', 'On', 'At', 'Of', 'And', 'Or', 'For', 'To', 'With', 'By', 'From', 'As', 'Into', 'Under', 'Over',
  'This', 'That', 'These', 'Those', 'It', 'Its', 'He', 'She', 'They', 'We', 'His', 'Her', 'Their', 'Our', 'Both', 'Two',
  'Side', 'Sides', 'President', 'Premier', 'Prime', 'Minister', 'Mr', 'Mrs', 'Ms', 'H.E.', 'Excellency', 'Chairman',
  'General', 'Secretary', 'Vice', 'State', 'Council', 'Republic', 'People', 'People’s', "People's", 'Islamic', 'Joint',
  'Statement', 'Article', 'Government', 'Party', 'Committee', 'Central', 'National', 'Chinese', 'Foreign', 'Affairs',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
]);

/** Characters that never belong to a name: particles, prepositions, conjunctions. */
const ZH_STOP = new Set([...'的了和与在是将为并及等同向把被这那也都而其之于以从就还又或但各我你他她它们着对已要会与并']);

/**
 * Characters of the Xinhua transliteration tables (foreign names and places): a string made
 * only of them reads as a transliteration (卡卡尔, 瓜达尔, 喀喇昆仑).
 */
const TRANSLITERATION = new Set([...
  '阿埃艾安昂奥巴拜班邦贝本比彼毕宾波伯博布查察达代丹道德登迪蒂丁东杜多厄恩尔法范菲费芬丰佛夫弗福富盖冈戈格根' +
  '古瓜圭哈海汉豪赫亨洪胡霍基吉加贾杰金喀卡开凯坎康考柯科克肯库夸奎昆拉喇莱赖兰朗劳勒雷蕾里利莉列林隆卢鲁路伦' +
  '罗洛吕马迈麦曼梅门蒙米密明摩莫姆穆纳娜奈内尼宁努诺欧帕潘佩彭皮珀普齐奇恰乔琼丘萨塞赛桑瑟森沙莎善绍舍申圣施' +
  '什舒斯苏索塔泰坦汤特提图托瓦万威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约扎泽詹祖佐仑谟俄'],
);

/** One pinyin syllable, longest finals first so that greedy matching splits Jinping as jin·ping. */
const PINYIN_SYLLABLE = /(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)/y;

/** Syllables of an English form read as pinyin (Li Qiang → 2), or undefined when it is not pinyin. */
function pinyinSyllables(en: string): number | undefined {
  // Capitals throughout are an acronym or a dateline (BEIJING), not a name in running text.
  if (!/[a-z]/.test(en)) return undefined;
  let count = 0;
  for (const word of en.toLowerCase().split(' ')) {
    // A Chinese surname or given name has one or two syllables; a longer word that happens to
    // parse as pinyin (Belarusian) is English.
    let syllables = 0;
    let at = 0;
    while (at < word.length) {
      PINYIN_SYLLABLE.lastIndex = at;
      const m = PINYIN_SYLLABLE.exec(word);
      if (!m) return undefined;
      at += m[0].length;
      syllables++;
    }
    if (syllables > 2) return undefined;
    count += syllables;
  }
  return count;
}

/**
 * How much a Chinese string looks like the translation of an English name: 2 for a pinyin
 * name with one character per syllable, 1 for a transliteration, 0 otherwise.
 */
function nameShape(zh: string, en: string): number {
  const syllables = pinyinSyllables(en);
  if (syllables !== undefined) return syllables === zh.length ? 2 : 0;
  return [...zh].every((c) => TRANSLITERATION.has(c)) ? 1 : 0;
}

// Words without hyphens (China-Pakistan is two names) or a possessive (Lukashenko's).
const WORD = /[A-Za-z][A-Za-z.]*[A-Za-z.]|[A-Za-z]/g;

/** English candidates of one text: capitalised words and their runs (up to four words). */
function englishCandidates(text: string, common: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  let run: string[] = [];
  let lastEnd = -1;
  const flush = () => {
    // A Chinese name in pinyin is one unit: Jinping alone is no name to learn.
    if (run.length > 1 && pinyinSyllables(run.join(' ')) !== undefined) out.add(run.join(' '));
    else for (let i = 0; i < run.length; i++) for (let j = i + 1; j <= Math.min(run.length, i + 4); j++) out.add(run.slice(i, j).join(' '));
    run = [];
  };
  for (const m of text.matchAll(WORD)) {
    const word = m[0].replace(/[.]$/, (dot) => (/^(?:[A-Z]\.)+$/.test(m[0]) ? dot : ''));
    const start = m.index!;
    const before = text.slice(0, start).trimEnd();
    const sentenceStart = before === '' || /[.!?:;"“”]$/.test(before);
    // A word the English also writes in lower case is a common word wherever it stands
    // (Special Economic Zones, Gwadar Port): a name is a run of words that are only names.
    const usable = /^[A-Z]/.test(word) && !EN_STOP.has(word) && !common.has(word.toLowerCase()) &&
      !(sentenceStart && EN_STOP.has(word));
    // A run is one name only while its words follow each other with a single space between.
    if (!usable || (run.length > 0 && text.slice(lastEnd, start) !== ' ')) flush();
    if (usable) run.push(word);
    lastEnd = start + m[0].length;
  }
  flush();
  return out;
}

/** Han substrings of 2–7 characters of one text (7: one more than a name, to see what extends it). */
function chineseSubstrings(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of toSimplified(text).match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i < run.length; i++) for (let n = 2; n <= 7 && i + n <= run.length; n++) out.add(run.slice(i, i + n));
  }
  return out;
}

/** A Chinese candidate: 2–6 characters, not starting or ending with a particle. */
const isChineseCandidate = (s: string) => s.length <= 6 && !ZH_STOP.has(s[0]) && !ZH_STOP.has(s[s.length - 1]);

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Proposes zh ↔ en names from paired paragraphs. Pure and deterministic; never throws (odd
 * input gives fewer candidates). Each Chinese and each English form is used at most once,
 * and a form inside an accepted one (卡卡 in 卡卡尔, Jinping in Xi Jinping) is not proposed.
 * @returns candidates, best first (Dice, then pairs, then the longer English form).
 */
export function learnNames(texts: readonly ParallelText[], options: LearnOptions = {}): NameCandidate[] {
  const minDice = options.minDice ?? 0.5;
  const minPairs = options.minPairs ?? 2;
  // A capitalised word that the English also writes in lower case is a common word.
  const common = new Set<string>();
  for (const t of texts) for (const m of String(t.en ?? '').matchAll(/\b[a-z][a-z'’-]*/g)) common.add(m[0]);
  const en = texts.map((t) => englishCandidates(String(t.en ?? ''), common));
  const zhAll = texts.map((t) => chineseSubstrings(String(t.zh ?? '')));
  const zh = zhAll.map((set) => [...set].filter(isChineseCandidate));
  const enDf = new Map<string, number[]>();
  en.forEach((set, i) => set.forEach((e) => enDf.set(e, [...(enDf.get(e) ?? []), i])));
  const zhDf = new Map<string, number>();
  for (const set of zhAll) for (const z of set) zhDf.set(z, (zhDf.get(z) ?? 0) + 1);

  // A string that every time comes with the same neighbour is a piece of a longer unit
  // (卡卡 of 卡卡尔, 平强 of 习近平强调): only closed strings are names. An extension counts
  // for a transliteration only when it stays one (卡卡尔 + 总理 does not make 卡卡尔 a piece).
  const extended = new Map<string, { transliteration: boolean }>();
  for (const [s, n] of zhDf) {
    if (s.length < 3) continue;
    const transliteration = [...s].every((c) => TRANSLITERATION.has(c));
    for (const piece of [s.slice(0, -1), s.slice(1)]) {
      if (zhDf.get(piece) !== n) continue;
      extended.set(piece, { transliteration: (extended.get(piece)?.transliteration ?? false) || transliteration });
    }
  }
  // A pinyin name is judged by its length (one character per syllable), which no extension
  // keeps, so it is always closed; the rivalry check below keeps it honest.
  const closed = (z: string, shape: number) => shape === 2 || !extended.get(z)?.transliteration;

  interface Scored extends NameCandidate { readonly shape: number }
  const better = (a: Scored, b: Scored) => a.dice - b.dice || a.pairs - b.pairs || a.shape - b.shape;
  const proposals: Scored[] = [];
  for (const [e, where] of enDf) {
    const co = new Map<string, number>();
    for (const i of where) for (const z of zh[i]) co.set(z, (co.get(z) ?? 0) + 1);
    const fits: Scored[] = [];
    for (const [z, n] of co) {
      const dice = (2 * n) / (zhDf.get(z)! + where.length);
      const shape = nameShape(z, e);
      // A name-shaped string is required: without it the best Dice is whatever phrase
      // happens to share the English word's few pairs (发展 with Development).
      if (shape === 0 || dice < minDice || !closed(z, shape)) continue;
      fits.push({ zh: z, en: e, pairs: n, dice, shape });
    }
    fits.sort((a, b) => better(b, a));
    const best = fits[0];
    if (!best) continue;
    // Two different strings fit equally well (王毅 and 蔡奇 both with Wang Yi, always named
    // together): co-occurrence cannot tell them apart, so neither is proposed.
    if (fits.length > 1 && better(fits[1], best) === 0) continue;
    // One pair is evidence only for an unambiguous single candidate: a one-word transliterated
    // name with exactly one string in its pair that fits at all, and only when asked for
    // (minPairs 1): on the corpus every such candidate was wrong (瓜达尔 ↔ Recognizing).
    if (best.pairs < minPairs && !(minPairs <= 1 && best.dice === 1 && fits.length === 1 && best.shape === 1 && !e.includes(' '))) continue;
    proposals.push(best);
  }

  proposals.sort((a, b) => better(b, a) || b.en.length - a.en.length || b.zh.length - a.zh.length || (a.en < b.en ? -1 : a.en > b.en ? 1 : 0));
  const accepted: NameCandidate[] = [];
  for (const p of proposals) {
    const words = p.en.split(' ');
    const overlaps = accepted.some((a) => a.zh.includes(p.zh) || p.zh.includes(a.zh) || a.en.split(' ').some((w) => words.includes(w)));
    if (!overlaps) accepted.push({ zh: p.zh, en: p.en, pairs: p.pairs, dice: round2(p.dice) });
  }
  return accepted;
}

/** How learned names compare with a name list taken as gold. */
export interface NameListComparison {
  /** Candidates whose two forms are forms of one entry. */
  readonly correct: readonly NameCandidate[];
  /** Candidates with a form of an entry paired with a form that entry does not have. */
  readonly wrong: readonly NameCandidate[];
  /** Candidates neither of whose forms the list knows (to be judged by reading). */
  readonly unknown: readonly NameCandidate[];
  /** Entries that some candidate found. */
  readonly found: number;
}

/**
 * Judges learned names against a name list (the hand-written one is a fine gold).
 * Precision is correct / (correct + wrong); recall is found / entries that occur in the texts.
 */
export function compareWithNameList(candidates: readonly NameCandidate[], names: readonly NameEntry[]): NameListComparison {
  const correct: NameCandidate[] = [];
  const wrong: NameCandidate[] = [];
  const unknown: NameCandidate[] = [];
  const found = new Set<number>();
  for (const c of candidates) {
    const i = names.findIndex((n) => n.zh.includes(c.zh) && n.en.includes(c.en));
    if (i >= 0) {
      correct.push(c);
      found.add(i);
    } else if (names.some((n) => n.zh.includes(c.zh) || n.en.includes(c.en))) wrong.push(c);
    else unknown.push(c);
  }
  return { correct, wrong, unknown, found: found.size };
}

/** One entry of names.json on one line, as the hand-written file lays them out. */
function formatEntry(entry: Record<string, unknown>): string {
  const inline = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
    if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }`;
    return JSON.stringify(v);
  };
  return inline(entry);
}

/** The result of merging learned names into a name list file. */
export interface NameListMerge {
  /** The new file text, or undefined when the old one could not be read as a name list (left alone). */
  readonly text: string | undefined;
  /** Learned entries now in the file. */
  readonly learned: readonly NameCandidate[];
  /** Candidates left out because a hand entry already has one of their forms. */
  readonly skipped: readonly NameCandidate[];
  readonly problems: readonly string[];
}

/**
 * Merges learned names into the text of a names.json. Hand entries (those without `learned`)
 * are kept as they are and in their order; entries learned by an earlier run are replaced by
 * this run's; a candidate with a form that a hand entry already has is left out, so no name
 * is listed twice. Never throws.
 */
export function mergeLearnedNames(text: string, candidates: readonly NameCandidate[]): NameListMerge {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    return { text: undefined, learned: [], skipped: [], problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  if (root === null || typeof root !== 'object' || !Array.isArray((root as { names?: unknown }).names)) {
    return { text: undefined, learned: [], skipped: [], problems: ['no "names" array'] };
  }
  const list = (root as { names: unknown[] }).names;
  const hand = list.filter((e) => !(e !== null && typeof e === 'object' && 'learned' in e));
  const forms = (key: 'zh' | 'en') => new Set(hand.flatMap((e) => {
    const v = (e as Record<string, unknown> | null)?.[key];
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  }));
  const zhForms = forms('zh');
  const enForms = forms('en');
  const learned: NameCandidate[] = [];
  const skipped: NameCandidate[] = [];
  for (const c of candidates) (zhForms.has(c.zh) || enForms.has(c.en) ? skipped : learned).push(c);
  const entries = [
    ...hand,
    ...learned.map((c) => ({ zh: [c.zh], en: [c.en], learned: { pairs: c.pairs, dice: c.dice } })),
  ];
  const head = Object.entries(root as Record<string, unknown>).filter(([k]) => k !== 'names')
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const body = entries.map((e, i) => `    ${formatEntry(e as Record<string, unknown>)}${i < entries.length - 1 ? ',' : ''}`);
  return { text: ['{', ...head, '  "names": [', ...body, '  ]', '}', ''].join('\n'), learned, skipped, problems: [] };
}
