/**
 * Which corpus file holds the other half of a one-language file: the same date and the same
 * parties in the file name (`2025-02-06-cn-pk-…-zh.txt` ↔ `2025-02-06-cn-pk-…-en.txt`).
 */
import type { LangFamily, TreatyDocument } from '../model';
import { langFamily } from '../model';
import { isPairable } from './pair';

/** The part of the corpus index the counterpart search reads. */
export interface CorpusView {
  keys(): string[];
  get(key: string): TreatyDocument | undefined;
}

const NAME = /^(\d{4}-\d{2}-\d{2})-([a-z]{2,3})-([a-z]{2,3})-(.*)$/i;

function baseName(key: string): string {
  return key.split(/[\\/]/).pop() ?? key;
}

function familiesOf(doc: TreatyDocument): Set<LangFamily> {
  return new Set(doc.paragraphs.filter(isPairable).map((p) => langFamily(p.lang)));
}

const words = (rest: string) => new Set(rest.replace(/\.[^.]*$/, '').toLowerCase().split(/[-_.]+/).filter(Boolean));

/**
 * The key of the corpus document that completes a one-language document.
 * @returns undefined when the document has both languages (it pairs within itself), has no
 *   content, its file name carries no date and parties, or no other file matches.
 */
export function findCounterpartKey(key: string, doc: TreatyDocument, corpus: CorpusView): string | undefined {
  const own = familiesOf(doc);
  if (own.size !== 1) return undefined;
  const missing: LangFamily = own.has('zh') ? 'en' : 'zh';
  const m = NAME.exec(baseName(key));
  if (!m) return undefined;
  const parties = [m[2], m[3]].map((s) => s.toLowerCase()).sort().join('-');
  const ownWords = words(m[4]);
  let best: { key: string; rank: number } | undefined;
  for (const other of corpus.keys()) {
    if (other === key) continue;
    const o = NAME.exec(baseName(other));
    if (!o || o[1] !== m[1] || [o[2], o[3]].map((s) => s.toLowerCase()).sort().join('-') !== parties) continue;
    const otherDoc = corpus.get(other);
    if (!otherDoc) continue;
    const families = familiesOf(otherDoc);
    if (!families.has(missing)) continue;
    // A one-language file beats a bilingual one; then the more name words shared, the better.
    let shared = 0;
    for (const w of words(o[4])) if (ownWords.has(w)) shared++;
    const rank = (families.size === 1 ? 1000 : 0) + shared;
    if (!best || rank > best.rank || (rank === best.rank && other < best.key)) best = { key: other, rank };
  }
  return best?.key;
}
