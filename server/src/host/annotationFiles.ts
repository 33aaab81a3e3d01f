/**
 * Synchronous reads for the CLI and the pairing anchors the annotation features need: the
 * store and recovery file of a document merged by id (never written here; writing is
 * `annotationStore.ts`'s), and the names/glossary anchors beside a corpus file.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  annotationRows, counterpartFinder, exportRecord, mergeAnnotations, parseAnnotationLines, type Annotation, type ExportRecord,
} from '../core/annotations';
import type { TreatyDocument } from '../core/model';
import { parseDocument } from '../core/parse';
import { annotationStorePath, type StoreProblem } from './annotationStore';
import { pairingAnchorsNear } from './corpusAnchors';
import { findCorpusFiles, readTextFile } from './textFile';

export interface AnnotationFiles {
  /** Whether the store or its recovery file exists. */
  readonly exists: boolean;
  /** The store's readable annotations with the recovery file's merged in, in store order. */
  readonly annotations: Annotation[];
  readonly problems: StoreProblem[];
}

/** Reads a document's annotation store and recovery file; never throws (unreadable files become problems). */
export function readAnnotationFilesSync(documentPath: string): AnnotationFiles {
  const store = annotationStorePath(documentPath);
  const parts = [store, `${store}.recovery`].map((file) => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { exists: false, annotations: [] as Annotation[], problems: [] as StoreProblem[] };
      return { exists: true, annotations: [], problems: [{ file, line: 0, reason: `cannot be read (${code ?? (e as Error).message})` }] };
    }
    const parsed = parseAnnotationLines(text);
    return { exists: true, annotations: parsed.annotations, problems: parsed.problems.map((p) => ({ ...p, file })) };
  });
  return {
    exists: parts[0].exists || parts[1].exists,
    annotations: mergeAnnotations(parts[1].annotations, parts[0].annotations),
    problems: [...parts[0].problems, ...parts[1].problems],
  };
}

export interface AnnotationReport {
  readonly records: ExportRecord[];
  readonly problems: StoreProblem[];
  /** Documents that could not be read, with why. */
  readonly unreadable: Array<{ file: string; reason: string }>;
}

/**
 * The export records of the given documents' annotations, anchored against the files as they
 * are on disk, with counterpart quotes from the corpus files beside each document.
 * @param skipUnannotated leave out documents without a store (listing a folder) instead of
 * reading them (a file named on its own).
 */
export function annotationReport(files: readonly string[], skipUnannotated: boolean): AnnotationReport {
  const records: ExportRecord[] = [];
  const problems: StoreProblem[] = [];
  const unreadable: Array<{ file: string; reason: string }> = [];
  const models = new Map<string, TreatyDocument | undefined>();
  const modelOf = (file: string) => {
    if (!models.has(file)) {
      const read = readTextFile(file);
      models.set(file, read.ok ? parseDocument(read.text) : undefined);
    }
    return models.get(file);
  };
  for (const input of files) {
    const file = path.resolve(input);
    const stored = readAnnotationFilesSync(file);
    problems.push(...stored.problems);
    if (!stored.exists && skipUnannotated) continue;
    const read = readTextFile(file);
    if (!read.ok) {
      unreadable.push({ file: input, reason: read.reason });
      continue;
    }
    const doc = parseDocument(read.text);
    models.set(file, doc);
    const dir = path.dirname(file);
    const siblings = findCorpusFiles(dir).filter((f) => path.dirname(f) === dir);
    const corpus = { keys: () => siblings, get: (k: string) => (k === file ? doc : modelOf(k)) };
    const { counterpartOf } = counterpartFinder(file, doc, corpus, pairingAnchorsNear([dir]));
    for (const row of annotationRows(doc, stored.annotations, counterpartOf)) records.push(exportRecord(path.basename(file), doc, row));
  }
  return { records, problems, unreadable };
}
