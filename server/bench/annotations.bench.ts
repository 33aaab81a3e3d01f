/**
 * 10,000 annotations on one document: load, anchor all after an edit, save.
 * Run: npx tsx server/bench/annotations.bench.ts
 *
 * Times are reported as ratios against a baseline measured in the same run on the same bytes
 * (JSON.parse, indexOf, JSON.stringify, a plain write + fsync), so the figures mean the same on a
 * fast laptop and a loaded CI machine. Nothing here asserts a time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  anchorAnnotations,
  createAnnotation,
  moveAnnotation,
  parseAnnotationLines,
  quoteSelectorOf,
  serializeAnnotations,
  codePointIndex,
  type Annotation,
} from '../src/core/annotations';
import type { TextRange } from '../src/core/model';
import { AnnotationStore, annotationStorePath } from '../src/host/annotationStore';

const COUNT = 10_000;
const DOCUMENT = path.join(__dirname, '../../corpus/2025-02-06-cn-pk-joint-statement.txt');
const text = fs.readFileSync(DOCUMENT, 'utf8');

/** Articles by their numbering (一、 / 1.), standing in for the parser, which is not this bench's subject. */
function articles(t: string): Map<string, TextRange> {
  const found: { id: string; start: number }[] = [];
  let offset = 0;
  for (const line of t.split('\n')) {
    const m = /^(?:([一二三四五六七八九十]+)、|(\d+)\.)/.exec(line);
    // Ids from the label, as the parser makes them, so deleting an article does not renumber the rest.
    if (m) found.push({ id: m[1] ? `zh/art_${m[1]}` : `en/art_${m[2]}`, start: offset });
    offset += line.length + 1;
  }
  return new Map(found.map((f, i) => [f.id, { start: f.start, end: found[i + 1]?.start ?? t.length }]));
}

// A deterministic generator, so runs compare.
let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

const original = articles(text);
const annotations: Annotation[] = [];
while (annotations.length < COUNT) {
  const start = Math.floor(random() * (text.length - 50));
  const end = start + 4 + Math.floor(random() * 36);
  if (text.slice(start, end).includes('\n')) continue;
  const articleId = [...original].find(([, r]) => r.start <= start && end <= r.end)?.[0];
  const a = createAnnotation(text, { start, end }, {
    source: path.basename(DOCUMENT), articleId, note: `note ${annotations.length}: 需要核对译文 / check the translation`, tags: ['bench'],
    creator: 'bench', now: new Date(Date.UTC(2025, 0, 1) + annotations.length), id: `urn:uuid:00000000-0000-4000-8000-${String(annotations.length).padStart(12, '0')}`,
  });
  if (a) annotations.push(a);
}

// The edit: a sentence added to Chinese article 1 (everything after it shifts), one English
// paragraph deleted (its notes orphan or move), words changed in Chinese article 3.
const zh1 = original.get('zh/art_一')!;
const en5 = original.get('en/art_5')!;
let edited = text.slice(0, zh1.start + 2) + '（此句为新增内容，用于测试。）' + text.slice(zh1.start + 2, en5.start) + text.slice(en5.end);
edited = edited.replace('深入交换意见', '充分交换了意见');
const now = articles(edited);
const find = (id: string) => now.get(id);

function time<T>(run: () => T, repeat = 5): { ms: number; value: T } {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    value = run();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, value };
}

async function timeAsync<T>(run: () => Promise<T>, repeat = 3): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    value = await run();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, value };
}

async function main(): Promise<void> {
  const bytes = serializeAnnotations(annotations);
  const rows: [string, number, string, number][] = [];

  const load = time(() => parseAnnotationLines(bytes));
  const loadBase = time(() => JSON.parse(`[${bytes.trimEnd().split('\n').join(',')}]`));
  rows.push(['parse 10k lines', load.ms, 'JSON.parse of the same bytes', loadBase.ms]);

  const anchor = time(() => anchorAnnotations(load.value.annotations, edited, find), 3);
  const anchorBase = time(() => load.value.annotations.map((a) => edited.indexOf(quoteSelectorOf(a)!.exact)), 3);
  rows.push(['anchor all after the edit', anchor.ms, 'indexOf of every quote', anchorBase.ms]);

  const index = codePointIndex(edited);
  const moved = time(() => load.value.annotations.map((a, i) => {
    const r = anchor.value[i];
    return r.range ? moveAnnotation(a, edited, r.range, undefined, index) : a;
  }));
  // Once: serialised lines are cached per annotation object, so a repeat would time the cache.
  const serialize = time(() => serializeAnnotations(moved.value), 1);
  const serializeBase = time(() => moved.value.map((a) => JSON.stringify(a)).join('\n'));
  rows.push(['moveAnnotation all', moved.ms, 'JSON.stringify per line', serializeBase.ms]);
  rows.push(['serialize 10k (cold)', serialize.ms, 'JSON.stringify per line', serializeBase.ms]);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-annotations-bench-'));
  const doc = path.join(dir, path.basename(DOCUMENT));
  fs.writeFileSync(doc, edited);
  fs.mkdirSync(path.dirname(annotationStorePath(doc)));
  fs.writeFileSync(annotationStorePath(doc), bytes);
  // Once: the store remembers the last text it parsed, so a repeat would skip the parse.
  const open = await timeAsync(() => AnnotationStore.open(doc), 1);
  const store = open.value;
  const save = await timeAsync(async () => {
    for (const a of moved.value) store.put(a);
    return store.save();
  }, 1);
  // The common save: one note edited in a store nobody else touched.
  const one = load.value.annotations[0];
  const saveOne = await timeAsync(async () => {
    store.put({ ...one, modified: new Date().toISOString() });
    return store.save();
  });
  const plain = path.join(dir, 'plain.jsonl');
  const writeBase = await timeAsync(async () => {
    const handle = await fs.promises.open(plain, 'w');
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
  });
  const readBase = await timeAsync(async () => JSON.parse(`[${(await fs.promises.readFile(annotationStorePath(doc), 'utf8')).trimEnd().split('\n').join(',')}]`));
  rows.push(['store open (read + parse)', open.ms, 'readFile + JSON.parse', readBase.ms]);
  rows.push(['store save, all 10k moved', save.ms, 'writeFile + fsync', writeBase.ms]);
  rows.push(['store save, one note edited', saveOne.ms, 'writeFile + fsync', writeBase.ms]);
  fs.rmSync(dir, { recursive: true, force: true });

  if (process.env.PROFILE) {
    const per = new Map<string, number>();
    load.value.annotations.forEach((a, i) => {
      const t0 = performance.now();
      anchorAnnotations([a], edited, find);
      per.set(anchor.value[i].status, (per.get(anchor.value[i].status) ?? 0) + performance.now() - t0);
    });
    console.log(per);
  }
  const statuses = new Map<string, number>();
  for (const r of anchor.value) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);

  console.log(`${COUNT} annotations on ${path.basename(DOCUMENT)} (${text.length} UTF-16 units), store ${(Buffer.byteLength(bytes) / 1e6).toFixed(1)} MB`);
  console.log(`after the edit: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}\n`);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
  console.log(`| ${pad('step', 42)} | ${pad('ms', 8)} | ${pad('baseline', 30)} | ${pad('ms', 8)} | ratio |`);
  console.log(`|${'-'.repeat(44)}|${'-'.repeat(10)}|${'-'.repeat(32)}|${'-'.repeat(10)}|-------|`);
  for (const [step, ms, base, baseMs] of rows) {
    console.log(`| ${pad(step, 42)} | ${pad(ms.toFixed(1), 8)} | ${pad(base, 30)} | ${pad(baseMs.toFixed(1), 8)} | ${(ms / baseMs).toFixed(1).padStart(5)} |`);
  }
}

void main();
