/**
 * The pairing anchors of a corpus folder: its `names.json` and `glossary.json`, read from disk
 * and compiled once, again only when either file's modification time changes. One cache for the
 * language server and the CLI alike.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createCorpusAnchorExtractor } from '../core/align';
import type { AnchorExtractor } from '../core/align';
import { readTextFile } from './textFile';

const ANCHOR_FILES = ['names.json', 'glossary.json'] as const;
const cache = new Map<string, { stamp: string; anchors: AnchorExtractor }>();

function stampOf(file: string): string {
  try {
    return String(fs.statSync(file).mtimeMs);
  } catch {
    return '-';
  }
}

/**
 * Anchors from the first of `dirs` that holds a `names.json` or a `glossary.json` (the first
 * folder when none does: then only numbers and dates anchor). A file that cannot be read counts
 * as absent; a malformed one gives what its parser can make of it.
 */
export function pairingAnchorsNear(dirs: readonly string[]): AnchorExtractor {
  const dir = dirs.find((d) => ANCHOR_FILES.some((f) => fs.existsSync(path.join(d, f)))) ?? dirs[0] ?? '.';
  const files = ANCHOR_FILES.map((f) => path.join(dir, f));
  const stamp = files.map(stampOf).join('|');
  const hit = cache.get(dir);
  if (hit && hit.stamp === stamp) return hit.anchors;
  const read = (file: string) => {
    const r = readTextFile(file);
    return r.ok ? r.text : undefined;
  };
  const anchors = createCorpusAnchorExtractor({ names: read(files[0]), glossary: read(files[1]) });
  cache.set(dir, { stamp, anchors });
  return anchors;
}
