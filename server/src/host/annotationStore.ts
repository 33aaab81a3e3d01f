/**
 * The annotation store of one document: `<corpus folder>/.annotations/<document file name>.jsonl`.
 *
 * Never lose a note:
 * - Writes go to a temporary file in the same folder, are fsynced, then renamed over the store,
 *   so a crash or kill leaves the previous file or the new one, never a truncated one.
 * - Saves are serialised per path within the process (a promise queue) and across processes
 *   (a lock file), and each save re-reads the file and merges by annotation id, so two VS Code
 *   windows annotating one document end with the union instead of the last writer's list.
 * - A store file that cannot be parsed is left byte for byte as it is: its problems are
 *   reported with line and reason, the store turns read-only, and new or edited annotations go
 *   to `<name>.jsonl.recovery` beside it until the file is fixed; the next save after the fix
 *   folds the recovery file back in and removes it.
 *
 * This is host code (it uses fs); the format and merge rules are in `core/annotations/jsonl.ts`.
 */

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  mergeAnnotations,
  parseAnnotationLines,
  serializeAnnotations,
  sortAnnotations,
  type Annotation,
  type AnnotationLineProblem,
} from '../core/annotations';

export const ANNOTATIONS_FOLDER = '.annotations';

export interface StoreProblem extends AnnotationLineProblem {
  /** The file the line is in: the store or its recovery file. */
  readonly file: string;
}

export interface AnnotationStoreOptions {
  /** A lock older than this is taken to belong to a crashed writer. Saves hold it for milliseconds. */
  readonly staleLockMs?: number;
  /** How long a save waits for another writer's lock before failing. */
  readonly lockTimeoutMs?: number;
}

export interface SaveReport {
  /** The file written: the store, the recovery file, or undefined when there was nothing to write. */
  readonly written: string | undefined;
  /** Annotations now in the written file. */
  readonly count: number;
}

/** `<dir>/.annotations/<file name>.jsonl` for a document path. */
export function annotationStorePath(documentPath: string): string {
  return path.join(path.dirname(documentPath), ANNOTATIONS_FOLDER, `${path.basename(documentPath)}.jsonl`);
}

export class AnnotationStore {
  readonly path: string;
  readonly recoveryPath: string;
  private readonly lockPath: string;
  private readonly staleLockMs: number;
  private readonly lockTimeoutMs: number;

  /** What the editor shows: the store's readable lines, the recovery file, and local changes. */
  private current = new Map<string, Annotation>();
  /** Ids in the store file when it was last read: an id gone from it since was deleted by another writer. */
  private baseline = new Set<string>();
  /** Ids put since the last save to the store file (they win over a deletion by another writer). */
  private readonly dirty = new Set<string>();
  /** Ids removed since the last save. */
  private readonly deleted = new Set<string>();
  private storeProblems: StoreProblem[] = [];
  private recoveryProblems: StoreProblem[] = [];

  private constructor(readonly documentPath: string, options: AnnotationStoreOptions) {
    this.path = annotationStorePath(documentPath);
    this.recoveryPath = `${this.path}.recovery`;
    this.lockPath = `${this.path}.lock`;
    this.staleLockMs = options.staleLockMs ?? 10_000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
  }

  /** Opens and loads the store of a document; a missing store is an empty one. */
  static async open(documentPath: string, options: AnnotationStoreOptions = {}): Promise<AnnotationStore> {
    const store = new AnnotationStore(documentPath, options);
    await store.load();
    return store;
  }

  /** True while the store file has problems: saves then go to the recovery file. */
  get readOnly(): boolean {
    return this.storeProblems.length > 0;
  }

  /** Problems of the store file, then of the recovery file; empty when both are sound. */
  get problems(): readonly StoreProblem[] {
    return [...this.storeProblems, ...this.recoveryProblems];
  }

  /** All annotations, in store order. */
  list(): Annotation[] {
    return sortAnnotations([...this.current.values()]);
  }

  /** The annotation with this id, or undefined when there is none. */
  get(id: string): Annotation | undefined {
    return this.current.get(id);
  }

  /** Adds or replaces an annotation in memory; `save` writes it. */
  put(annotation: Annotation): void {
    this.current.set(annotation.id, annotation);
    this.dirty.add(annotation.id);
    this.deleted.delete(annotation.id);
  }

  /**
   * Removes an annotation in memory; `save` writes the removal.
   * @returns false when there is no such annotation, or when the store is read-only and the
   * annotation lives in the store file, which must not be touched until it is fixed.
   */
  remove(id: string): boolean {
    if (!this.current.has(id)) return false;
    if (this.readOnly && !this.dirty.has(id)) return false;
    this.current.delete(id);
    this.dirty.delete(id);
    this.deleted.add(id);
    return true;
  }

  /**
   * Reads the store and recovery files again (after a change on disk, e.g. by another window)
   * and merges them with local unsaved changes.
   */
  async load(): Promise<void> {
    const [store, recovery] = await Promise.all([readStoreFile(this.path), readStoreFile(this.recoveryPath)]);
    this.storeProblems = store.problems.map((p) => ({ ...p, file: this.path }));
    this.recoveryProblems = recovery.problems.map((p) => ({ ...p, file: this.recoveryPath }));
    // Recovered annotations have not reached the store file yet: they count as local changes.
    for (const a of recovery.annotations) this.dirty.add(a.id);
    const local = [...this.current.values()].filter((a) => this.dirty.has(a.id));
    const gone = this.deletedElsewhere(store.annotations);
    this.current = new Map(
      mergeAnnotations(local, mergeAnnotations(recovery.annotations, store.annotations), this.deleted)
        .filter((a) => !gone.has(a.id))
        .map((a) => [a.id, a]),
    );
    this.baseline = new Set(store.annotations.map((a) => a.id));
  }

  /**
   * Writes local changes: re-reads the store under the lock, merges by id, writes atomically.
   * When the store file (read again now) has problems, writes the changed annotations to the
   * recovery file instead and leaves the store file untouched.
   *
   * @throws when the lock cannot be had within `lockTimeoutMs`, when the recovery file itself
   * cannot be parsed (there would be no safe place to write), or on I/O errors; in every case
   * the files on disk are as they were and the changes stay in memory for another try.
   */
  save(): Promise<SaveReport> {
    return serialised(this.path, () => this.withLock(() => this.saveLocked()));
  }

  private async saveLocked(): Promise<SaveReport> {
    const [store, recovery] = await Promise.all([readStoreFile(this.path), readStoreFile(this.recoveryPath)]);
    this.storeProblems = store.problems.map((p) => ({ ...p, file: this.path }));
    this.recoveryProblems = recovery.problems.map((p) => ({ ...p, file: this.recoveryPath }));
    if (recovery.problems.length > 0) {
      throw new Error(`${this.recoveryPath} cannot be parsed (line ${recovery.problems[0].line}: ${recovery.problems[0].reason}); fix it before saving annotations`);
    }

    if (this.readOnly) {
      if (this.dirty.size === 0 && this.deleted.size === 0) return { written: undefined, count: recovery.annotations.length };
      const changed = [...this.dirty].map((id) => this.current.get(id)).filter((a): a is Annotation => a !== undefined);
      const merged = mergeAnnotations(changed, recovery.annotations, this.deleted);
      await writeAtomically(this.recoveryPath, serializeAnnotations(merged));
      this.deleted.clear();
      // Still dirty: they have not reached the store file.
      for (const a of merged) {
        this.dirty.add(a.id);
        this.current.set(a.id, a);
      }
      return { written: this.recoveryPath, count: merged.length };
    }

    if (this.dirty.size === 0 && this.deleted.size === 0 && !recovery.exists) {
      this.absorb(store.annotations);
      return { written: undefined, count: store.annotations.length };
    }
    const gone = this.deletedElsewhere(store.annotations);
    const mine = [...this.current.values()].filter((a) => !gone.has(a.id));
    const merged = mergeAnnotations(mine, mergeAnnotations(recovery.annotations, store.annotations), this.deleted);
    const text = serializeAnnotations(merged);
    if (text !== store.text) {
      await writeAtomically(this.path, text);
      lastParsed.set(this.path, { exists: true, text, annotations: merged, problems: [] });
    }
    // Only once the store holds them may the recovery file go.
    if (recovery.exists) await fsp.rm(this.recoveryPath, { force: true });
    this.dirty.clear();
    this.deleted.clear();
    this.absorb(merged);
    return { written: this.path, count: merged.length };
  }

  private absorb(annotations: readonly Annotation[]): void {
    this.current = new Map(annotations.map((a) => [a.id, a]));
    this.baseline = new Set(annotations.map((a) => a.id));
  }

  /** Ids we had read from the store, that are gone from it now, and that we did not change since. */
  private deletedElsewhere(onDisk: readonly Annotation[]): Set<string> {
    const present = new Set(onDisk.map((a) => a.id));
    return new Set([...this.baseline].filter((id) => !present.has(id) && !this.dirty.has(id)));
  }

  /**
   * Runs `work` holding `<store>.lock`. The lock is made complete in a temporary file and then
   * hard-linked into place, which fails atomically when the lock exists, so no other process
   * ever sees an empty lock. A lock whose process is gone (same host) or that is older than
   * `staleLockMs` is broken.
   */
  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    await fsp.mkdir(path.dirname(this.path), { recursive: true });
    const token = `${process.pid}@${os.hostname()}#${randomBytes(6).toString('hex')}`;
    const deadline = Date.now() + this.lockTimeoutMs;
    for (;;) {
      if (await tryCreateLock(this.lockPath, token)) break;
      await this.breakIfStale();
      if (Date.now() > deadline) throw new Error(`${this.lockPath} is held by another writer (${await readOr(this.lockPath, '?')})`);
      await delay(5 + Math.random() * 20);
    }
    try {
      await removeDeadTemporaries(path.dirname(this.path), this.staleLockMs);
      return await work();
    } finally {
      // Only our own lock: if it was broken as stale meanwhile, it is someone else's now.
      if ((await readOr(this.lockPath, '')) === token) await fsp.rm(this.lockPath, { force: true });
    }
  }

  private async breakIfStale(): Promise<void> {
    let stat;
    try {
      stat = await fsp.stat(this.lockPath);
    } catch {
      return;
    }
    const owner = await readOr(this.lockPath, '');
    const stale = isDeadOwner(owner) || Date.now() - stat.mtimeMs > this.staleLockMs;
    if (!stale) return;
    // Rename first: of several processes breaking one stale lock, exactly one succeeds.
    const aside = `${this.lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await fsp.rename(this.lockPath, aside);
    } catch {
      return;
    }
    if ((await readOr(aside, '')) !== owner) {
      // A live writer replaced the stale lock between our read and our rename: give it back.
      await fsp.link(aside, this.lockPath).catch(() => undefined);
    }
    await fsp.rm(aside, { force: true });
  }
}

interface StoreFile {
  readonly exists: boolean;
  readonly text: string;
  readonly annotations: Annotation[];
  readonly problems: AnnotationLineProblem[];
}

/** The last text read or written of each file, with its parse: a save re-reads the store, and usually nobody else has written it. */
const lastParsed = new Map<string, StoreFile>();

async function readStoreFile(file: string): Promise<StoreFile> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, text: '', annotations: [], problems: [] };
    throw e;
  }
  const known = lastParsed.get(file);
  if (known !== undefined && known.text === text) return { ...known, annotations: [...known.annotations] };
  const parsed: StoreFile = { exists: true, text, ...parseAnnotationLines(text) };
  lastParsed.set(file, parsed);
  return { ...parsed, annotations: [...parsed.annotations] };
}

/**
 * Replaces `file` with `text` so that a reader, or the file after a crash, has either the old
 * content or the new one: temporary file in the same folder (a rename across file systems is
 * not atomic), fsync, rename, fsync of the folder so the rename itself survives a power cut.
 */
async function writeAtomically(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fsp.mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(temporary, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await renameWithRetry(temporary, file);
  } catch (e) {
    await fsp.rm(temporary, { force: true });
    throw e;
  }
  try {
    const folder = await fsp.open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // Windows cannot open a folder for fsync; its rename is already durable (MoveFileEx).
  }
}

/** Windows refuses a rename over a file another process has open for a moment (virus scanners, other windows reading it). */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fsp.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 20 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw e;
      await delay(10 * (attempt + 1));
    }
  }
}

async function tryCreateLock(lockPath: string, token: string): Promise<boolean> {
  const staging = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await fsp.writeFile(staging, token, { flag: 'wx' });
  try {
    await fsp.link(staging, lockPath);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT, some network shares): exclusive create instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      try {
        await fsp.writeFile(lockPath, token, { flag: 'wx' });
        return true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e2;
      }
    }
    throw e;
  } finally {
    await fsp.rm(staging, { force: true });
  }
}

/** A lock or temporary file left by a process of this host that no longer runs. */
function isDeadOwner(token: string): boolean {
  const m = /^(\d+)@([^#]*)#/.exec(token);
  if (!m || m[2] !== os.hostname()) return false;
  return !isAlive(Number(m[1]));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temporary files (`.<name>.<pid>.<hex>.tmp`, lock staging files) of killed writers, which would
 * otherwise pile up in a folder kept under git. The age test keeps us off the fresh temporary
 * of a writer on another machine sharing the folder, whose pid means nothing here.
 */
async function removeDeadTemporaries(dir: string, minAgeMs: number): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /\.(\d+)\.[0-9a-f]{8}(?:\.tmp)?$/.exec(name);
    if (!m || !(name.endsWith('.tmp') || name.includes('.lock.')) || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    const file = path.join(dir, name);
    const stat = await fsp.stat(file).catch(() => undefined);
    if (stat !== undefined && Date.now() - stat.mtimeMs > minAgeMs) await fsp.rm(file, { force: true });
  }
}

async function readOr(file: string, fallback: string): Promise<string> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch {
    return fallback;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Tail of the save queue of each store path in this process. */
const queues = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier `work` for the same path has settled. */
function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const tail = next.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return next;
}
