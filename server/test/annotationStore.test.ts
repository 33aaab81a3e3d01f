import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAnnotation, noteOf, parseAnnotationLines, serializeAnnotations, type Annotation } from '../src/core/annotations';
import { AnnotationStore, annotationStorePath } from '../src/host/annotationStore';

const FIXTURES = path.join(__dirname, 'fixtures/annotations');
const WRITER = path.join(FIXTURES, 'writer.ts');
const DOC_TEXT = fs.readFileSync(path.join(FIXTURES, 'doc.txt'), 'utf8');

let dir: string;
let doc: string;
let storeFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-annotations-'));
  doc = path.join(dir, 'doc.txt');
  fs.writeFileSync(doc, DOC_TEXT);
  storeFile = annotationStorePath(doc);
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function installFixture(name: string): Buffer {
  fs.mkdirSync(path.dirname(storeFile), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, name), storeFile);
  return fs.readFileSync(storeFile);
}

function note(id: string, quote: string, text: string, now = new Date('2025-05-01T00:00:00Z')): Annotation {
  const start = DOC_TEXT.indexOf(quote);
  const a = createAnnotation(DOC_TEXT, { start, end: start + quote.length }, { source: 'doc.txt', note: text, creator: 't', now, id });
  assert.ok(a);
  return a;
}

function ids(list: readonly Annotation[]): string[] {
  return list.map((a) => a.id);
}

function runWriter(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describe('AnnotationStore', () => {
  it('lives at <corpus folder>/.annotations/<file name>.jsonl', () => {
    assert.equal(annotationStorePath(path.join('corpus', '2025-02-06-cn-pk-joint-statement.txt')), path.join('corpus', '.annotations', '2025-02-06-cn-pk-joint-statement.txt.jsonl'));
  });

  it('creates the store on the first save and writes the serialised annotations', async () => {
    const store = await AnnotationStore.open(doc);
    assert.deepEqual(store.list(), []);
    const a = note('urn:uuid:a', '中巴全天候', 'first');
    store.put(a);
    assert.deepEqual(await store.save(), { written: storeFile, count: 1 });
    assert.equal(fs.readFileSync(storeFile, 'utf8'), serializeAnnotations([a]));
    assert.deepEqual(fs.readdirSync(path.dirname(storeFile)), ['doc.txt.jsonl']);
  });

  it('tolerates a BOM and CRLF, and does not rewrite a file it has nothing to add to', async () => {
    const before = installFixture('bom-crlf.jsonl');
    const store = await AnnotationStore.open(doc);
    assert.deepEqual(store.problems, []);
    assert.deepEqual(ids(store.list()), ['urn:uuid:6f1c1a52-4d0e-4b43-9a57-0c1d2e3f4a01', 'urn:uuid:6f1c1a52-4d0e-4b43-9a57-0c1d2e3f4a02']);
    assert.deepEqual(await store.save(), { written: undefined, count: 2 });
    assert.ok(fs.readFileSync(storeFile).equals(before));
    assert.ok(store.remove('urn:uuid:6f1c1a52-4d0e-4b43-9a57-0c1d2e3f4a01'));
    await store.save();
    assert.equal(fs.readFileSync(storeFile, 'utf8'), fs.readFileSync(path.join(FIXTURES, 'good.jsonl'), 'utf8').split('\n')[1] + '\n');
  });

  it('leaves a corrupt store byte-identical, reports line and reason, and saves to the recovery file until it is fixed', async () => {
    const before = installFixture('corrupt.jsonl');
    const store = await AnnotationStore.open(doc);
    assert.equal(store.readOnly, true);
    assert.deepEqual(store.problems.map(({ detail: _d, ...p }) => p), [
      { line: 2, reason: 'not valid JSON', file: storeFile },
      { line: 3, reason: 'missing "id"', file: storeFile },
    ]);
    assert.deepEqual(ids(store.list()), ['urn:uuid:6f1c1a52-4d0e-4b43-9a57-0c1d2e3f4a01']);
    assert.equal(store.remove('urn:uuid:6f1c1a52-4d0e-4b43-9a57-0c1d2e3f4a01'), false);

    const added = note('urn:uuid:new', 'state visit', 'written while the store was broken');
    store.put(added);
    assert.deepEqual(await store.save(), { written: `${storeFile}.recovery`, count: 1 });
    assert.ok(fs.readFileSync(storeFile).equals(before));
    assert.equal(fs.readFileSync(`${storeFile}.recovery`, 'utf8'), serializeAnnotations([added]));

    // Another window opening the store sees the recovered note too.
    const other = await AnnotationStore.open(doc);
    assert.deepEqual(ids(other.list()), ['urn:uuid:6f1c1a52-4d0e-4b43-9a57-0c1d2e3f4a01', 'urn:uuid:new']);

    // The researcher fixes the file: the next save folds the recovery file in and removes it.
    fs.copyFileSync(path.join(FIXTURES, 'good.jsonl'), storeFile);
    await store.load();
    assert.equal(store.readOnly, false);
    assert.deepEqual(await store.save(), { written: storeFile, count: 3 });
    // In position order: the new note quotes the first English article, before the 02 note's second.
    assert.deepEqual(ids(parseAnnotationLines(fs.readFileSync(storeFile, 'utf8')).annotations), [
      'urn:uuid:6f1c1a52-4d0e-4b43-9a57-0c1d2e3f4a01',
      'urn:uuid:new',
      'urn:uuid:6f1c1a52-4d0e-4b43-9a57-0c1d2e3f4a02',
    ]);
    assert.equal(fs.existsSync(`${storeFile}.recovery`), false);
  });

  it('two stores of one document in one process merge their saves, deletions included', async () => {
    const first = await AnnotationStore.open(doc);
    const second = await AnnotationStore.open(doc);
    first.put(note('urn:uuid:1', '中巴全天候', 'one'));
    second.put(note('urn:uuid:2', 'state visit', 'two'));
    await Promise.all([first.save(), second.save()]);
    await first.save();
    assert.deepEqual(ids(first.list()), ['urn:uuid:1', 'urn:uuid:2']);

    // `second` saved before `first` had its 1: it learns of it, and of its later deletion.
    assert.ok(first.remove('urn:uuid:2'));
    await first.save();
    second.put(note('urn:uuid:3', 'Xi Jinping', 'three'));
    await second.save();
    assert.deepEqual(ids(second.list()), ['urn:uuid:1', 'urn:uuid:3']);

    // An edit made in one window wins over an older one from the other.
    first.put(note('urn:uuid:3', 'Xi Jinping', 'edited later', new Date('2025-06-01T00:00:00Z')));
    await first.save();
    await second.save();
    assert.deepEqual(parseAnnotationLines(fs.readFileSync(storeFile, 'utf8')).annotations.map(noteOf), ['one', 'edited later']);
  });

  it('a writer process killed at random moments leaves the old file or the new one, never a broken one', async function () {
    this.timeout(120_000);
    const count = 1000;
    const rounds = 10;
    const folder = path.dirname(storeFile);
    let lastSaved = 0;
    let killedMidWrite = 0;
    for (let round = 0; round < rounds; round++) {
      const child = runWriter(['loop', doc, String(count)]);
      let stderr = '';
      child.stderr?.on('data', (d) => (stderr += d));
      child.stdout?.on('data', (d: Buffer) => {
        for (const m of d.toString().matchAll(/saved (\d+)/g)) lastSaved = Math.max(lastSaved, Number(m[1]));
      });
      const savedBefore = lastSaved;
      // Even rounds: kill at a random moment. Odd rounds: kill as soon as a temporary file shows,
      // so that some kills surely land between the start of a write and its rename.
      const startedAt = Date.now();
      try {
        for (;;) {
          if (child.exitCode !== null) assert.fail(`writer exited: ${stderr}`);
          if (Date.now() - startedAt > 60_000) assert.fail('writer made no progress');
          if (lastSaved > savedBefore) {
            if (round % 2 === 0) {
              await new Promise((r) => setTimeout(r, Math.random() * 300));
              break;
            }
            if (fs.readdirSync(folder).some((n) => n.endsWith('.tmp') && n.includes(`.${child.pid}.`))) {
              killedMidWrite++;
              break;
            }
          }
          await new Promise((r) => setImmediate(r));
        }
      } finally {
        // Also when an assertion above failed: no writer may outlive the test.
        child.kill('SIGKILL');
      }
      await exited(child);

      const { annotations, problems } = parseAnnotationLines(fs.readFileSync(storeFile, 'utf8'));
      assert.deepEqual(problems, []);
      assert.equal(annotations.length, count);
      const generations = new Set(annotations.map(noteOf));
      assert.equal(generations.size, 1, 'one generation per file');
      const generation = Number(/^gen (\d+)$/.exec([...generations][0])?.[1]);
      // The kill may come after the rename but before `saved g` reached us: then the file is one ahead.
      assert.ok(generation === lastSaved || generation === lastSaved + 1, `generation ${generation} after saved ${lastSaved}`);
      lastSaved = generation;
    }
    assert.equal(killedMidWrite, rounds / 2);
  });

  it('two writer processes adding annotations at once end with the union', async function () {
    this.timeout(120_000);
    const a = runWriter(['add', doc, 'a', '60']);
    const b = runWriter(['add', doc, 'b', '60']);
    const [codeA, codeB] = await Promise.all([exited(a), exited(b)]);
    assert.deepEqual([codeA, codeB], [0, 0]);
    const { annotations, problems } = parseAnnotationLines(fs.readFileSync(storeFile, 'utf8'));
    assert.deepEqual(problems, []);
    const expected = [...Array.from({ length: 60 }, (_, i) => `urn:uuid:a-${i}`), ...Array.from({ length: 60 }, (_, i) => `urn:uuid:b-${i}`)];
    assert.deepEqual(ids(annotations).sort(), expected.sort());
    assert.deepEqual(fs.readdirSync(path.dirname(storeFile)), ['doc.txt.jsonl']);
  });
});
