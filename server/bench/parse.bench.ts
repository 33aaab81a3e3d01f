/**
 * Parser speed and memory, as ratios against a baseline run in the same process: splitting the
 * same text into trimmed lines, the least any line-oriented analysis must do. Absolute times
 * are printed for the record only; the machine's speed cancels out of the ratios.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from '../src/core/parse';
import { createTreatyService } from '../src/core/service';
import { printTable, time } from './support';

const CORPUS = path.resolve(__dirname, '..', '..', 'corpus');
const texts = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'));

/** The corpus repeated `copies` times, each copy's lines tagged so that nothing is a verbatim repeat. */
function corpusTimes(copies: number): string {
  const parts: string[] = [];
  for (let c = 0; c < copies; c++) for (const t of texts) parts.push(t.split('\n').map((l) => (l.trim() ? `${l} [${c}]` : l)).join('\n'));
  return parts.join('\n\n');
}

function baseline(text: string): number {
  let n = 0;
  for (const line of text.split(/\r\n|\r|\n/)) n += line.trim().length;
  return n;
}


/** Heap bytes one result of `make` keeps alive, averaged over enough copies to rise above GC noise. */
function retainedBytes(make: () => unknown, copies: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = Array.from({ length: copies }, make);
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== copies) throw new Error('unreachable');
  return (after - before) / copies;
}

const rows: string[][] = [['input', 'chars', 'baseline ms', 'parse ms', 'parse / baseline', 'model bytes / text bytes']];
for (const copies of [1, 10, 100]) {
  const text = corpusTimes(copies);
  const b = time(() => baseline(text));
  const p = time(() => parseDocument(text));
  const textBytes = text.length * 2;
  // The text itself is shared by every copy, so what is measured is the model alone.
  const modelBytes = retainedBytes(() => parseDocument(text), Math.max(1, Math.round(20 / copies)));
  rows.push([`corpus ×${copies}`, String(text.length), b.toFixed(2), p.toFixed(2), (p / b).toFixed(1), (modelBytes / textBytes).toFixed(1)]);
}

// One keystroke in the 2025 statement: what the server does per edit (a new version is parsed once).
const statement = texts.find((t) => t.includes('二十四、'))!;
const service = createTreatyService();
let version = 0;
const edit = time(() => {
  version++;
  const text = statement.slice(0, 500) + (version % 2 ? 'x' : '') + statement.slice(500);
  return service.getDocument('bench', version, () => text);
});
const cached = time(() => service.getDocument('bench', version, () => statement));
const b1 = time(() => baseline(statement));
rows.push(['edit 2025 statement', String(statement.length), b1.toFixed(3), edit.toFixed(3), (edit / b1).toFixed(1), '']);
rows.push(['same version again (cache)', String(statement.length), b1.toFixed(3), cached.toFixed(4), (cached / b1).toFixed(2), '']);

printTable(rows);
