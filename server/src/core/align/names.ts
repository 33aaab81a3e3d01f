/**
 * The bilingual name list (`corpus/names.json`): people, places and bodies, each one anchor
 * that a Chinese paragraph and its English counterpart share however freely the English
 * paraphrases the rest.
 */

/** One name: every form on either side stands for the same anchor. */
export interface NameEntry {
  /** Chinese forms, Simplified; Traditional text is folded to Simplified before matching. */
  readonly zh: readonly string[];
  /** English forms, matched case-sensitively at word boundaries. */
  readonly en: readonly string[];
}

export interface NameList {
  readonly names: readonly NameEntry[];
  /** What was wrong with the file, one line per problem; empty when it read cleanly. */
  readonly problems: readonly string[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];

/**
 * Reads a name list. Never throws: a broken file gives an empty (or partial) list and says why
 * in `problems`, so pairing goes on with numbers and glossary terms alone.
 */
export function parseNameList(text: string): NameList {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    return { names: [], problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  const list = (root as { names?: unknown } | null)?.names;
  if (!Array.isArray(list)) return { names: [], problems: ['no "names" array'] };
  const names: NameEntry[] = [];
  const problems: string[] = [];
  list.forEach((item, i) => {
    const zh = strings((item as NameEntry | null)?.zh);
    const en = strings((item as NameEntry | null)?.en);
    if (zh.length === 0 || en.length === 0) problems.push(`names[${i}] needs at least one "zh" and one "en" form`);
    else names.push({ zh, en });
  });
  return { names, problems };
}
