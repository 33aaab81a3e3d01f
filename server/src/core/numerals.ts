/**
 * Article numbers as written in treaty texts: Chinese numerals, Roman numerals, Arabic
 * digits in half- and full-width forms. Each parser accepts only the canonical spelling of
 * a number, so that `十十` or `IIII` is not mistaken for an article number.
 */

const DIGITS = '零一二三四五六七八九';
const MAX_ARTICLE = 999;

/** Canonical Chinese numeral for 1..999, as used in article numbering (十一, not 一十一). */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ARTICLE) throw new RangeError(`no article numeral for ${n}`);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let s = '';
  if (hundreds) s += DIGITS[hundreds] + '百';
  if (tens) s += (tens === 1 && !hundreds ? '' : DIGITS[tens]) + '十';
  else if (hundreds && ones) s += '零';
  if (ones) s += DIGITS[ones];
  return s;
}

function buildTable(spell: (n: number) => string, max: number): Map<string, number> {
  const table = new Map<string, number>();
  for (let n = 1; n <= max; n++) table.set(spell(n), n);
  return table;
}

const chineseTable = buildTable(toChineseNumeral, MAX_ARTICLE);

/**
 * The value of a canonical Chinese numeral (`二十四` → 24, `一百零五` → 105; `〇` is read as `零`).
 * @returns undefined when the text is not a canonical numeral from 1 to 999 (`十十`, `二二`).
 */
export function parseChineseNumeral(text: string): number | undefined {
  return chineseTable.get(text.replace(/〇/g, '零'));
}

/** Canonical upper-case Roman numeral for 1..399. */
export function toRoman(n: number): string {
  const parts: Array<[number, string]> = [
    [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let s = '';
  for (const [value, glyph] of parts) {
    while (n >= value) {
      s += glyph;
      n -= value;
    }
  }
  return s;
}

const romanTable = buildTable(toRoman, 399);

/**
 * The value of a canonical upper-case Roman numeral (`IV` → 4).
 * @returns undefined for anything else (`IIII`, `IVX`, lower case).
 */
export function parseRoman(text: string): number | undefined {
  return romanTable.get(text);
}

/**
 * The value of a run of Arabic digits, half-width or full-width (`１２` → 12).
 * @returns undefined when the text holds anything but digits or is out of 1..999.
 */
export function parseArabic(text: string): number | undefined {
  if (!/^[0-9０-９]{1,3}$/.test(text)) return undefined;
  const ascii = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (ascii.startsWith('0')) return undefined;
  const n = Number(ascii);
  return n >= 1 && n <= MAX_ARTICLE ? n : undefined;
}
