/**
 * Reading corpus files from disk: the host's side of the workspace. Everything that can go
 * wrong with bytes (too big, binary, invalid UTF-8, unreadable) becomes a one-line reason.
 */
import * as fs from 'fs';
import * as path from 'path';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export type ReadResult =
  | { readonly ok: true; readonly text: string; readonly hadBom: boolean }
  | { readonly ok: false; readonly reason: string };

/** Decodes bytes as UTF-8 text, strictly. A leading BOM is dropped (as editors do). */
export function decodeText(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  if (bytes.length > maxBytes) {
    return { ok: false, reason: `too large: ${bytes.length} bytes, the limit is ${maxBytes}` };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, reason: 'not a text file (it holds NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const hadBom = text.charCodeAt(0) === 0xfeff;
    return { ok: true, text: hadBom ? text.slice(1) : text, hadBom };
  } catch {
    return { ok: false, reason: `not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)})` };
  }
}

/** Reads a file as strict UTF-8 text; never throws. */
export function readTextFile(file: string, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { ok: false, reason: 'is a directory' };
    if (stat.size > maxBytes) return { ok: false, reason: `too large: ${stat.size} bytes, the limit is ${maxBytes}` };
    return decodeText(fs.readFileSync(file), maxBytes);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, reason: err.code === 'ENOENT' ? 'no such file' : `cannot be read (${err.code ?? err.message})` };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.code-server', '.vscode-test', 'dist', 'out']);

/** Whether a path is a corpus text: a `.txt` inside a `corpus` folder, or any `*.treaty.txt`. */
export function isCorpusPath(file: string): boolean {
  const normalized = file.split(path.sep).join('/');
  if (normalized.endsWith('.treaty.txt')) return true;
  return normalized.endsWith('.txt') && /(^|\/)corpus\//.test(normalized);
}

/**
 * Every corpus text below a folder, sorted. Dot folders and build folders are skipped;
 * the walk stops after `limit` files so that opening a home folder stays cheap.
 */
export function findCorpusFiles(root: string, limit = 10_000): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (found.length >= limit) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) walk(full);
      } else if (e.isFile() && isCorpusPath(full)) {
        found.push(full);
      }
    }
  };
  walk(root);
  return found.sort();
}
