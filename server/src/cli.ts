/**
 * `treaty-lens`: the analysis core from the command line.
 *
 *   treaty-lens analyze <file|dir>... [--json]   outline (or JSON) of each corpus text
 *   treaty-lens annotations <file|dir>... [--json|--csv|--md]   annotations with where they are now
 *   treaty-lens names --learn <dir> [--write]    bilingual names learned from the corpus's confident pairs
 *   treaty-lens lsp                              the language server over stdio
 *
 * Lines printed are 1-based, as an editor shows them; characters are UTF-16 units.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Article, TreatyDocument } from './core/model';
import { getOutline } from './core/outline';
import type { OutlineNode } from './core/outline';
import { lineOfOffset, parseDocument } from './core/parse';
import {
  compareWithNameList, findCounterpartKey, isPairable, learnNames, mergeLearnedNames, pairAcrossFiles,
  pairParagraphs, parseNameList, toTmx,
} from './core/align';
import { langFamily } from './core/model';
import type { Alignment, AnchorExtractor, ParallelText, TmxUnit } from './core/align';
import { findCorpusFiles, readTextFile } from './host/textFile';
import { annotationReport } from './host/annotationFiles';
import { pairingAnchorsNear } from './host/corpusAnchors';
import { formatExport } from './core/annotations';
import { TermIndex, parseGlossary, termsJson, termsTable } from './core/terms';

const USAGE = `usage: treaty-lens analyze <file|dir>... [--json]
       treaty-lens export --tmx <file|dir>... [--out <file.tmx>] [--min-confidence <0..1>]
       treaty-lens terms <dir>
       treaty-lens names --learn <dir> [--write]
       treaty-lens annotations <file|dir>... [--json|--csv|--md]
       treaty-lens lsp`;

interface Output {
  write(text: string): void;
  error(text: string): void;
}

/** The other half of a one-language file: its path (as the CLI prints it) and model. */
export interface CounterpartFile {
  readonly file: string;
  readonly doc: TreatyDocument;
}

/**
 * The JSON shape of one analysed file (issue #2's contract; later features add keys). With a
 * counterpart file, pairs run across the two files (`counterpartFile` says where the other
 * side's lines are), as the language server pairs them.
 */
export function analysisJson(file: string, doc: TreatyDocument, counterpart?: CounterpartFile): object {
  const lineOf = (a: Article) => a.line + 1;
  return {
    file,
    sections: doc.sections.map((s) => ({ lang: s.lang, startLine: s.startLine + 1, endLine: s.endLine + 1 })),
    articles: doc.articles.map((a) => ({
      id: a.id, lang: a.lang, number: a.number, label: a.label.trim(), line: lineOf(a),
      ...(a.level === 2 ? { parent: a.parentId } : {}),
    })),
    paragraphs: doc.paragraphs.map((p) => ({
      lang: p.lang, line: p.line + 1, article: p.articleId, boilerplate: p.boilerplate !== null,
      repeatOf: p.repeatOf === null ? null : p.repeatOf + 1,
    })),
    problems: doc.problems.map((p) => ({ line: p.line + 1, severity: p.severity, code: p.code, message: p.message })),
    ...(counterpart ? crossFilePairingJson(file, doc, counterpart) : pairingJson(pairParagraphs(doc, { anchors: anchorsNear(file) }))),
    terms: termsJson(doc, termIndexNear(file)),
  };
}

const termIndexes = new Map<string, TermIndex>();

/**
 * Issue #4: a term index over the glossary serving a file: `glossary.json` of the nearest
 * `corpus` folder at or above it (as the language server picks the workspace's glossary).
 * Without one (or with an invalid one) the index is empty and `terms` is `[]`.
 */
function termIndexNear(file: string): TermIndex {
  let glossaryFile: string | undefined;
  for (let dir = path.dirname(path.resolve(file)); !glossaryFile; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'glossary.json'), path.join(dir, 'corpus', 'glossary.json')]) {
      if (!glossaryFile && path.basename(path.dirname(candidate)) === 'corpus' && fs.existsSync(candidate)) glossaryFile = candidate;
    }
    if (path.dirname(dir) === dir) break;
  }
  const key = glossaryFile ?? '';
  let index = termIndexes.get(key);
  if (!index) {
    index = new TermIndex();
    const read = glossaryFile ? readTextFile(glossaryFile) : undefined;
    const glossary = read?.ok ? parseGlossary(read.text).glossary : undefined;
    if (glossary) index.setGlossary(glossary);
    termIndexes.set(key, index);
  }
  return index;
}

/** `treaty-lens terms <dir>`: the table of glossary terms with their counts per document. */
function termsCommand(args: readonly string[], out: Output): number {
  const inputs = args.filter((a) => !a.startsWith('--'));
  if (inputs.length === 0) {
    out.error(USAGE);
    return 2;
  }
  const { files, failed: missing } = expandInputs(inputs, out);
  let failed = missing;
  if (files.length === 0) return failed ? 1 : 0;
  const index = termIndexNear(files[0]);
  if (index.current.terms.length === 0) {
    out.error(`treaty-lens: no valid corpus/glossary.json found for ${inputs[0]}`);
    return 1;
  }
  const parsed = parseFiles(files, out);
  failed ||= parsed.failed;
  for (const [file, doc] of parsed.docs) index.replace(file, doc);
  out.write(termsTable(index));
  return failed ? 1 : 0;
}

/** Issue #3's keys: paired paragraph groups and content paragraphs with no counterpart, 1-based lines. */
function pairingJson(a: Alignment): { pairs: object[]; unpaired: object[] } {
  return {
    pairs: a.pairs.map((p) => ({ zhLines: p.zh.map((x) => x.line + 1), enLines: p.en.map((x) => x.line + 1), confidence: p.confidence })),
    unpaired: a.unpaired.map((p) => ({ lang: p.lang, line: p.line + 1 })),
  };
}

/**
 * Pairs of a one-language file with its counterpart file: `zhLines` are lines of the Chinese
 * file, `enLines` of the English one, whichever of the two is analysed; `unpaired` lists only
 * the analysed file's own paragraphs (the other file reports its own).
 */
function crossFilePairingJson(file: string, doc: TreatyDocument, other: CounterpartFile): object {
  const zhFirst = doc.paragraphs.some((p) => isPairable(p) && langFamily(p.lang) === 'zh');
  const a = zhFirst ? pairAcrossFiles(doc, other.doc, { anchors: anchorsNear(file) }) : pairAcrossFiles(other.doc, doc, { anchors: anchorsNear(file) });
  const own = new Set(doc.paragraphs);
  const json = pairingJson(a);
  return { counterpartFile: other.file, pairs: json.pairs, unpaired: a.unpaired.filter((p) => own.has(p)).map((p) => ({ lang: p.lang, line: p.line + 1 })) };
}

/**
 * Finds the counterpart files of one-language texts among the texts of their own folder
 * (the corpus the language server would index), parsing each sibling at most once.
 */
function counterpartFinder(analysed: ReadonlyMap<string, TreatyDocument>): (file: string, doc: TreatyDocument) => CounterpartFile | undefined {
  const parsed = new Map<string, TreatyDocument | null>([...analysed].map(([f, d]) => [path.resolve(f), d]));
  const printed = new Map<string, string>([...analysed.keys()].map((f) => [path.resolve(f), f]));
  const siblings = new Map<string, string[]>();
  const get = (key: string): TreatyDocument | undefined => {
    if (!parsed.has(key)) {
      const read = readTextFile(key);
      parsed.set(key, read.ok ? parseDocument(read.text) : null);
    }
    return parsed.get(key) ?? undefined;
  };
  return (file, doc) => {
    const dir = path.dirname(path.resolve(file));
    let keys = siblings.get(dir);
    if (!keys) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
      } catch {
        // An unreadable folder has no siblings: the file pairs within itself.
      }
      siblings.set(dir, (keys = names.map((f) => path.join(dir, f))));
    }
    const view = { keys: () => keys!, get };
    const other = findCounterpartKey(path.resolve(file), doc, view);
    const otherDoc = other === undefined ? undefined : get(other);
    if (other === undefined || !otherDoc) return undefined;
    return { file: printed.get(other) ?? path.join(path.dirname(file), path.basename(other)), doc: otherDoc };
  };
}

/**
 * Reads and parses each file; one that cannot be read gets its one-line error on `out`.
 * @returns the models by file name, and whether any file failed.
 */
function parseFiles(files: readonly string[], out: Output): { docs: Map<string, TreatyDocument>; failed: boolean } {
  const docs = new Map<string, TreatyDocument>();
  let failed = false;
  for (const file of files) {
    const read = readTextFile(file);
    if (read.ok) {
      docs.set(file, parseDocument(read.text));
    } else {
      out.error(`treaty-lens: ${file}: ${read.reason}`);
      failed = true;
    }
  }
  return { docs, failed };
}

/** Pairing anchors from the names.json and glossary.json beside a corpus file. */
function anchorsNear(file: string): AnchorExtractor {
  return pairingAnchorsNear([path.dirname(path.resolve(file))]);
}

/** The confident pairs of the given files as a TMX 1.4 translation memory; one-language files pair with their counterpart among them. */
function exportTmx(args: readonly string[], out: Output): number {
  const valueOf = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const target = valueOf('--out');
  const minConfidence = Number(valueOf('--min-confidence') ?? '0.8');
  const inputs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out' && args[i - 1] !== '--min-confidence');
  if (!args.includes('--tmx') || inputs.length === 0 || !(minConfidence >= 0 && minConfidence <= 1)) {
    out.error(USAGE);
    return 2;
  }
  const { files, failed: missing } = expandInputs(inputs, out);
  let failed = missing;
  const { docs, failed: unreadable } = parseFiles(files, out);
  failed ||= unreadable;
  const view = { keys: () => [...docs.keys()], get: (k: string) => docs.get(k) };
  const units: TmxUnit[] = [];
  for (const [file, doc] of docs) {
    const other = findCounterpartKey(file, doc, view);
    const hasZh = doc.paragraphs.some((p) => p.lang !== 'en' && p.boilerplate === null);
    // A pair of one-language files is exported once, from its Chinese half.
    if (other && !hasZh) continue;
    const alignment = other ? pairAcrossFiles(doc, docs.get(other)!, { anchors: anchorsNear(file) }) : pairParagraphs(doc, { anchors: anchorsNear(file) });
    for (const p of alignment.pairs) {
      if (p.confidence < minConfidence) continue;
      units.push({
        zhLang: p.zh[0].lang, zh: p.zh.map((x) => x.text).join(''), en: p.en.map((x) => x.text).join(' '),
        props: {
          file: path.basename(file), ...(other ? { 'en-file': path.basename(other) } : {}),
          'zh-lines': p.zh.map((x) => x.line + 1).join(','), 'en-lines': p.en.map((x) => x.line + 1).join(','),
          confidence: p.confidence.toFixed(2),
        },
      });
    }
  }
  const tmx = toTmx(units);
  if (target) {
    try {
      fs.writeFileSync(target, tmx);
    } catch (e) {
      out.error(`treaty-lens: ${target}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return 1;
    }
  } else out.write(tmx.trimEnd());
  return failed ? 1 : 0;
}

function outlineText(file: string, doc: TreatyDocument): string {
  const out: string[] = [file];
  const walk = (nodes: readonly OutlineNode[], depth: number) => {
    for (const n of nodes) {
      const line = lineOfOffset(doc.lines, n.selectionRange.start) + 1;
      out.push(`${'  '.repeat(depth)}${String(line).padStart(4)}  ${n.name}${n.detail ? '  ' + n.detail : ''}`);
      if (n.kind !== 'article' || depth < 2) walk(n.children.filter((c) => c.kind !== 'paragraph' || n.kind === 'section'), depth + 1);
    }
  };
  walk(getOutline(doc), 1);
  for (const p of doc.problems) out.push(`  ${p.severity} line ${p.line + 1} [${p.code}] ${p.message}`);
  return out.join('\n');
}

/** Expands the arguments into files: a folder gives its corpus texts (or every .txt in it). */
function expandInputs(inputs: readonly string[], out: Output): { files: string[]; failed: boolean } {
  const files: string[] = [];
  let failed = false;
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      out.error(`treaty-lens: ${input}: no such file or directory`);
      failed = true;
      continue;
    }
    if (stat.isDirectory()) {
      const corpus = findCorpusFiles(input);
      const direct = corpus.length > 0 ? corpus : fs.readdirSync(input).filter((f) => f.endsWith('.txt')).map((f) => path.join(input, f)).sort();
      files.push(...direct);
    } else {
      files.push(input);
    }
  }
  return { files, failed };
}

function analyze(args: readonly string[], out: Output): number {
  const json = args.includes('--json');
  const inputs = args.filter((a) => !a.startsWith('--'));
  if (inputs.length === 0) {
    out.error(USAGE);
    return 2;
  }
  const { files, failed: missing } = expandInputs(inputs, out);
  let failed = missing;
  const results: object[] = [];
  const texts: string[] = [];
  const { docs, failed: unreadable } = parseFiles(files, out);
  failed ||= unreadable;
  const counterpartOf = counterpartFinder(docs);
  for (const [file, doc] of docs) {
    if (json) results.push(analysisJson(file, doc, counterpartOf(file, doc)));
    else texts.push(outlineText(file, doc));
  }
  if (json) out.write(JSON.stringify({ files: results }, null, 2));
  else if (texts.length > 0) out.write(texts.join('\n\n'));
  return failed ? 1 : 0;
}

/**
 * `treaty-lens names --learn <dir> [--write]`: names learned from the confident pairs of a
 * corpus (pairs of one-language files across files), printed with their evidence and judged
 * against the hand entries of <dir>/names.json; --write merges them into that file (atomically).
 */
function namesCommand(args: readonly string[], out: Output): number {
  const dir = args[args.indexOf('--learn') + 1];
  if (!args.includes('--learn') || dir === undefined || dir.startsWith('--') || args.some((a) => a.startsWith('--') && a !== '--learn' && a !== '--write')) {
    out.error(USAGE);
    return 2;
  }
  const { files, failed } = expandInputs([dir], out);
  if (failed) return 1;
  // An unreadable file is named on stderr and fails the run, but the others still teach names.
  const { docs, failed: unreadable } = parseFiles(files, out);
  const view = { keys: () => [...docs.keys()], get: (k: string) => docs.get(k) };
  const texts: ParallelText[] = [];
  for (const [file, doc] of docs) {
    const other = findCounterpartKey(file, doc, view);
    if (other && !doc.paragraphs.some((p) => isPairable(p) && langFamily(p.lang) === 'zh')) continue;
    const a = other ? pairAcrossFiles(doc, docs.get(other)!, { anchors: anchorsNear(file) }) : pairParagraphs(doc, { anchors: anchorsNear(file) });
    // Only pairs the engine is sure of teach names; a wrong pair would teach wrong ones.
    for (const p of a.pairs) if (p.confidence >= 0.8) texts.push({ zh: p.zh.map((x) => x.text).join(''), en: p.en.map((x) => x.text).join(' ') });
  }
  const candidates = learnNames(texts);
  const namesFile = path.join(dir, 'names.json');
  const read = fs.existsSync(namesFile) ? readTextFile(namesFile) : undefined;
  const hand = read?.ok ? parseNameList(read.text).names : [];
  const verdict = compareWithNameList(candidates, hand);
  const lines = ['zh\ten\tpairs\tdice\thand list'];
  for (const c of candidates) {
    const mark = verdict.correct.includes(c) ? 'agrees' : verdict.wrong.includes(c) ? 'disagrees' : 'new';
    lines.push(`${c.zh}\t${c.en}\t${c.pairs}\t${c.dice.toFixed(2)}\t${mark}`);
  }
  const judged = verdict.correct.length + verdict.wrong.length;
  lines.push(`${candidates.length} candidates from ${texts.length} confident pairs; against the hand list: ` +
    `precision ${judged ? (verdict.correct.length / judged).toFixed(3) : '—'} (${verdict.correct.length}/${judged}), ` +
    `${verdict.found} of ${hand.length} entries found, ${verdict.unknown.length} new`);
  out.write(lines.join('\n'));
  if (!args.includes('--write')) return unreadable ? 1 : 0;
  const merged = mergeLearnedNames(read?.ok ? read.text : '{ "version": 1, "names": [] }', candidates);
  if (merged.text === undefined) {
    out.error(`treaty-lens: ${namesFile}: ${merged.problems.join('; ')}`);
    return 1;
  }
  try {
    // Temp file and rename: an editor or the language server never reads half a file.
    const temp = `${namesFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, merged.text);
    fs.renameSync(temp, namesFile);
  } catch (e) {
    out.error(`treaty-lens: ${namesFile}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 1;
  }
  out.write(`${namesFile}: ${merged.learned.length} learned entries written, ${merged.skipped.length} left out (already in the hand list)`);
  return unreadable ? 1 : 0;
}

/**
 * Annotations of the given documents (a folder: those with a store) with their current position,
 * counterpart quote, tags, note and dates. Problems of a store are reported on stderr, exit code 1.
 */
function annotations(args: readonly string[], out: Output): number {
  const formats = (['json', 'csv', 'md'] as const).filter((f) => args.includes(`--${f}`));
  const inputs = args.filter((a) => !a.startsWith('--'));
  if (inputs.length === 0 || formats.length > 1 || args.some((a) => a.startsWith('--') && !formats.some((f) => a === `--${f}`))) {
    out.error(USAGE);
    return 2;
  }
  const { files, failed: missing } = expandInputs(inputs, out);
  const single = new Set(inputs.filter((i) => files.includes(i)));
  const report = annotationReport(files.filter((f) => !single.has(f)), true);
  const own = annotationReport([...single], false);
  const records = [...report.records, ...own.records];
  for (const p of [...report.problems, ...own.problems]) out.error(`treaty-lens: ${p.file}:${p.line}: ${p.reason}`);
  for (const u of [...report.unreadable, ...own.unreadable]) out.error(`treaty-lens: ${u.file}: ${u.reason}`);
  // `write` ends the output with \n: a CSV keeps its \r before it, so every row ends in CRLF.
  out.write(formatExport(records, formats[0] ?? 'json').replace(/\n$/, ''));
  const failed = missing || report.problems.length + own.problems.length + report.unreadable.length + own.unreadable.length > 0;
  return failed ? 1 : 0;
}

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], out: Output): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return analyze(rest, out);
    case 'export':
      return exportTmx(rest, out);
    case 'annotations':
      return annotations(rest, out);
    case 'terms':
      return termsCommand(rest, out);
    case 'names':
      return namesCommand(rest, out);
    case 'lsp':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./lsp/main');
      return -1;
    case '--help':
    case '-h':
    case undefined:
      out.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      out.error(`treaty-lens: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  // The server reads stdio itself; it needs --stdio on the command line to pick that transport.
  if (argv[0] === 'lsp' && !process.argv.includes('--stdio')) process.argv.push('--stdio');
  const code = main(argv, {
    write: (t) => process.stdout.write(t + '\n'),
    error: (t) => process.stderr.write(t + '\n'),
  });
  if (code >= 0) process.exitCode = code;
}
