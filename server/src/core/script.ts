/**
 * Language and script of a piece of text: Chinese or English per line, Simplified or
 * Traditional per section. Script folding is OpenCC's (opencc-js), built once per process
 * on first use because its dictionaries take a few hundred milliseconds to load.
 */
import type { Lang, LangFamily } from './model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenCC: { Converter(options: { from: string; to: string }): (text: string) => string } = require('opencc-js/t2cn');

let traditionalToSimplified: ((text: string) => string) | undefined;

/** OpenCC's Traditional → Mainland Simplified conversion (phrase-aware, usually length-preserving). */
export function toSimplified(text: string): string {
  traditionalToSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return traditionalToSimplified(text);
}

/** Han ideographs: the BMP blocks, and the supplementary ones (counted once per surrogate pair). */
function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd840 && code <= 0xd87f);
}

/** Han characters and Latin letters in a text, by a plain loop: this runs on every line of every edit. */
function countScripts(text: string): { han: number; latin: number } {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
    } else if (isHan(c)) {
      han++;
    }
  }
  return { han, latin };
}

/**
 * The language family of one line.
 * @returns undefined when the line has neither Han characters nor Latin letters (digits, punctuation).
 */
export function lineFamily(text: string): LangFamily | undefined {
  const { han, latin } = countScripts(text);
  if (han === 0 && latin === 0) return undefined;
  // One Han character carries about as much as a short English word, so a Chinese line
  // with an English abbreviation or two, "(PRC)", "8000 MW", stays Chinese.
  return han * 3 >= latin ? 'zh' : 'en';
}

/** How much Chinese text is enough to tell the script apart. */
const SCRIPT_SAMPLE = 1500;

/**
 * Simplified or Traditional, by how many characters OpenCC's Traditional → Simplified
 * conversion changes: Simplified text is left nearly as it is.
 */
export function chineseScript(text: string): Extract<Lang, 'zh-Hans' | 'zh-Hant'> {
  const sample = text.slice(0, SCRIPT_SAMPLE);
  const { han } = countScripts(sample);
  if (han === 0) return 'zh-Hans';
  const folded = toSimplified(sample);
  let changed = 0;
  if (folded.length === sample.length) {
    for (let i = 0; i < sample.length; i++) if (folded.charCodeAt(i) !== sample.charCodeAt(i)) changed++;
  } else {
    changed = Math.abs(folded.length - sample.length) + 1;
  }
  // Simplified texts still change in a handful of characters OpenCC treats as variants.
  return changed / han > 0.03 ? 'zh-Hant' : 'zh-Hans';
}
