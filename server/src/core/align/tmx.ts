/**
 * TMX 1.4 (the translation-memory exchange format every CAT tool imports): one translation
 * unit per confident pair, Chinese and English segments.
 */

export interface TmxUnit {
  /** `zh-Hans` or `zh-Hant`: the script of the Chinese segment. */
  readonly zhLang: string;
  readonly zh: string;
  readonly en: string;
  /** Extra `<prop type="x-…">` values: source file, lines, confidence. */
  readonly props?: Readonly<Record<string, string>>;
}

export interface TmxOptions {
  readonly toolVersion?: string;
  /** Creation date, ISO 8601 basic (`20250206T120000Z`); omitted when undefined. */
  readonly creationDate?: string;
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Writes a TMX 1.4 document. The header's source language is the first unit's Chinese
 * script (`zh-Hans` for an empty memory); a unit of the other script says so in its own
 * `srclang`.
 */
export function toTmx(units: readonly TmxUnit[], options: TmxOptions = {}): string {
  const srclang = units[0]?.zhLang ?? 'zh-Hans';
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    '<tmx version="1.4">',
    `  <header creationtool="Treaty Lens" creationtoolversion="${xml(options.toolVersion ?? '0.1.0')}" ` +
      `segtype="paragraph" o-tmf="treaty-lens" adminlang="en" srclang="${xml(srclang)}" datatype="plaintext"` +
      `${options.creationDate ? ` creationdate="${xml(options.creationDate)}"` : ''}/>`,
    '  <body>',
  ];
  for (const u of units) {
    out.push(u.zhLang === srclang ? '    <tu>' : `    <tu srclang="${xml(u.zhLang)}">`);
    for (const [type, value] of Object.entries(u.props ?? {})) out.push(`      <prop type="x-${xml(type)}">${xml(value)}</prop>`);
    out.push(`      <tuv xml:lang="${xml(u.zhLang)}"><seg>${xml(u.zh)}</seg></tuv>`);
    out.push(`      <tuv xml:lang="en"><seg>${xml(u.en)}</seg></tuv>`);
    out.push('    </tu>');
  }
  out.push('  </body>', '</tmx>', '');
  return out.join('\n');
}
