/**
 * The bilingual glossary (corpus/glossary.json): its model and its reader.
 *
 * The reader never throws. It returns the glossary only when the file has no error, so
 * that the server can keep the last good glossary while the user is half-way through an
 * edit; every problem carries an exact 0-based line and character for a diagnostic.
 */
import type { TextRange } from '../model';
import { readJson, type JsonObject, type JsonScalar, type JsonValue } from './json';
import { normalizeForm } from './normalize';

/** Where a term is defined in the corpus. */
export interface DefinitionPlace {
  /** File name relative to the glossary's folder, e.g. `2023-10-20-cn-pk-joint-press-statement-zh.txt`. */
  readonly file: string;
  /** 1-based line, as a person editing the glossary reads it in the editor. */
  readonly line: number;
}

export interface GlossaryTerm {
  /** Stable kebab-case id, e.g. `one-china-principle`. */
  readonly id: string;
  /** Chinese forms, Simplified; Traditional spellings are matched by folding. */
  readonly zh: readonly string[];
  /** English forms: the usual rendering, variants, abbreviations. */
  readonly en: readonly string[];
  readonly note?: string;
  readonly definedAt?: DefinitionPlace;
  /** Range of the id's string value in the glossary file, for go-to-definition into the glossary. */
  readonly idRange: TextRange;
}

export interface Glossary {
  readonly version: 1;
  readonly terms: readonly GlossaryTerm[];
}

export type GlossaryProblemCode =
  | 'json-syntax'
  | 'wrong-type'
  | 'missing-property'
  | 'unknown-property'
  | 'unsupported-version'
  | 'invalid-id'
  | 'duplicate-id'
  | 'duplicate-key'
  | 'empty-forms'
  | 'empty-form'
  | 'shared-form'
  | 'repeated-form';

export interface GlossaryProblem {
  /** 0-based line of the problem's start. */
  readonly line: number;
  /** 0-based UTF-16 column of the problem's start. */
  readonly character: number;
  /** Offsets in the glossary text; `end` > `start` unless the problem is at end of file. */
  readonly range: TextRange;
  /** An error withholds the glossary; a warning does not. */
  readonly severity: 'error' | 'warning';
  readonly code: GlossaryProblemCode;
  readonly message: string;
}

export interface GlossaryParseResult {
  /** The glossary, or `undefined` when there is at least one error: keep the last good one. */
  readonly glossary?: Glossary;
  readonly problems: readonly GlossaryProblem[];
}

const ID_PATTERN = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const ROOT_KEYS = new Set(['$schema', 'version', 'terms']);
const TERM_KEYS = new Set(['id', 'zh', 'en', 'note', 'definedAt']);

/** Offsets of line starts; a line break is \r\n, \n or \r. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    if (c === 0x0a || c === 0x0d) starts.push(i + 1);
  }
  return starts;
}

/**
 * Reads a glossary file. Never throws. `glossary` is `undefined` when the text is not
 * valid JSON or breaks a rule of the glossary (see {@link GlossaryProblemCode}); warnings
 * (unknown properties, a form repeated within one term) leave it defined.
 */
export function parseGlossary(text: string): GlossaryParseResult {
  const starts = lineStarts(text);
  const problems: GlossaryProblem[] = [];
  const report = (severity: 'error' | 'warning', code: GlossaryProblemCode, start: number, end: number, message: string) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= start) lo = mid;
      else hi = mid - 1;
    }
    problems.push({ line: lo, character: start - starts[lo], range: { start, end }, severity, code, message });
  };
  const at = (node: { start: number; end: number }) => [node.start, node.end] as const;

  const { value: root, error } = readJson(text);
  if (error) {
    report('error', 'json-syntax', error.offset, Math.min(error.offset + 1, text.length), `JSON syntax error: ${error.message}`);
    return { problems };
  }
  if (!root || root.kind !== 'object') {
    report('error', 'wrong-type', ...at(root!), 'the glossary must be an object with "version" and "terms"');
    return { problems };
  }

  /** Properties of an object, reporting repeated keys (JSON allows them; which one wins is unclear to a reader). */
  const propertiesOf = (obj: JsonObject, known: Set<string>, where: string): Map<string, JsonValue> => {
    const map = new Map<string, JsonValue>();
    for (const p of obj.properties) {
      if (map.has(p.key)) report('error', 'duplicate-key', p.keyStart, p.keyEnd, `property "${p.key}" appears twice in ${where}`);
      else if (!known.has(p.key)) report('warning', 'unknown-property', p.keyStart, p.keyEnd, `unknown property "${p.key}" in ${where}`);
      map.set(p.key, p.value);
    }
    return map;
  };

  const rootProps = propertiesOf(root, ROOT_KEYS, 'the glossary');
  const version = rootProps.get('version');
  if (!version) report('error', 'missing-property', root.start, root.start + 1, 'missing "version" (expected 1)');
  else if (version.kind !== 'number' || version.value !== 1) report('error', 'unsupported-version', ...at(version), 'unsupported "version": expected 1');
  const schema = rootProps.get('$schema');
  if (schema && schema.kind !== 'string') report('error', 'wrong-type', ...at(schema), '"$schema" must be a string');

  const termsNode = rootProps.get('terms');
  const terms: GlossaryTerm[] = [];
  if (!termsNode) report('error', 'missing-property', root.start, root.start + 1, 'missing "terms" (an array of terms)');
  else if (termsNode.kind !== 'array') report('error', 'wrong-type', ...at(termsNode), '"terms" must be an array');
  else {
    const ids = new Map<string, number>();
    // Normalised key of every form -> the term that claimed it first.
    const formOwners = new Map<string, string>();
    termsNode.items.forEach((item, index) => {
      const term = readTerm(item, index, ids, formOwners);
      if (term) terms.push(term);
    });
  }

  function readTerm(item: JsonValue, index: number, ids: Map<string, number>, formOwners: Map<string, string>): GlossaryTerm | undefined {
    if (item.kind !== 'object') {
      report('error', 'wrong-type', ...at(item), `term ${index + 1} must be an object`);
      return undefined;
    }
    const where = `term ${index + 1}`;
    const props = propertiesOf(item, TERM_KEYS, where);
    let ok = true;

    const idNode = props.get('id');
    let id = '';
    if (!idNode) {
      report('error', 'missing-property', item.start, item.start + 1, `${where} has no "id"`);
      ok = false;
    } else if (idNode.kind !== 'string') {
      report('error', 'wrong-type', ...at(idNode), `${where}: "id" must be a string`);
      ok = false;
    } else {
      id = idNode.value as string;
      if (!ID_PATTERN.test(id)) {
        report('error', 'invalid-id', ...at(idNode), `invalid id "${id}": use lower-case letters, digits and single hyphens or dots, e.g. "one-china-principle"`);
        ok = false;
      } else if (ids.has(id)) {
        report('error', 'duplicate-id', ...at(idNode), `duplicate id "${id}" (first used by term ${ids.get(id)! + 1})`);
        ok = false;
      } else ids.set(id, index);
    }
    const label = id ? `"${id}"` : where;

    const readForms = (side: 'zh' | 'en'): string[] => {
      const node = props.get(side);
      if (!node) {
        report('error', 'missing-property', idNode?.start ?? item.start, idNode?.end ?? item.start + 1, `${label} has no "${side}" forms`);
        ok = false;
        return [];
      }
      if (node.kind !== 'array') {
        report('error', 'wrong-type', ...at(node), `${label}: "${side}" must be an array of strings`);
        ok = false;
        return [];
      }
      if (node.items.length === 0) {
        report('error', 'empty-forms', ...at(node), `${label}: "${side}" needs at least one form`);
        ok = false;
        return [];
      }
      const forms: string[] = [];
      const ownKeys = new Set<string>();
      for (const formNode of node.items) {
        if (formNode.kind !== 'string') {
          report('error', 'wrong-type', ...at(formNode), `${label}: every "${side}" form must be a string`);
          ok = false;
          continue;
        }
        const form = formNode.value as string;
        const normal = normalizeForm(form);
        if (!normal) {
          report('error', 'empty-form', ...at(formNode), `${label}: empty ${side} form`);
          ok = false;
          continue;
        }
        if (ownKeys.has(normal.key)) {
          report('warning', 'repeated-form', ...at(formNode), `${label}: "${form}" repeats another form of this term once normalised`);
          continue;
        }
        ownKeys.add(normal.key);
        const owner = formOwners.get(normal.key);
        if (owner !== undefined && owner !== id) {
          report('error', 'shared-form', ...at(formNode), `${label}: "${form}" is also a form of "${owner}"`);
          ok = false;
          continue;
        }
        formOwners.set(normal.key, id);
        forms.push(form);
      }
      return forms;
    };
    const zh = readForms('zh');
    const en = readForms('en');

    const noteNode = props.get('note');
    if (noteNode && noteNode.kind !== 'string') {
      report('error', 'wrong-type', ...at(noteNode), `${label}: "note" must be a string`);
      ok = false;
    }

    let definedAt: DefinitionPlace | undefined;
    const placeNode = props.get('definedAt');
    if (placeNode) {
      if (placeNode.kind !== 'object') {
        report('error', 'wrong-type', ...at(placeNode), `${label}: "definedAt" must be an object with "file" and "line"`);
        ok = false;
      } else {
        const place = propertiesOf(placeNode, new Set(['file', 'line']), `"definedAt" of ${label}`);
        const file = place.get('file');
        const line = place.get('line');
        if (!file || file.kind !== 'string' || file.value === '') {
          report('error', file ? 'wrong-type' : 'missing-property', ...at(file ?? placeNode), `${label}: "definedAt.file" must be a non-empty file name`);
          ok = false;
        }
        if (!line || line.kind !== 'number' || !Number.isInteger(line.value) || (line.value as number) < 1) {
          report('error', line ? 'wrong-type' : 'missing-property', ...at(line ?? placeNode), `${label}: "definedAt.line" must be a line number from 1`);
          ok = false;
        }
        if (ok) definedAt = { file: (file as JsonScalar).value as string, line: (line as JsonScalar).value as number };
      }
    }

    if (!ok) return undefined;
    return {
      id,
      zh,
      en,
      ...(noteNode ? { note: (noteNode as JsonScalar).value as string } : {}),
      ...(definedAt ? { definedAt } : {}),
      idRange: { start: idNode!.start, end: idNode!.end },
    };
  }

  // Checks run property by property; a reader expects the list in file order.
  problems.sort((a, b) => a.range.start - b.range.start);
  const hasError = problems.some((p) => p.severity === 'error');
  return hasError ? { problems } : { glossary: { version: 1, terms }, problems };
}
