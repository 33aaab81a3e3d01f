/**
 * Terms in the editor: the glossary's lifecycle, and definition, references, hover,
 * highlights, workspace symbols, semantic tokens, divergence hints and term suggestions.
 *
 * The glossary is not a treaty document, so it never enters the document pipeline: the client
 * watches `**\/corpus/glossary.json` on disk and sends the text of an open, edited glossary as
 * `treatyLens/glossaryChanged`. One glossary serves the workspace (the shallowest one found),
 * so that a term has one definition whatever file or script it is used in.
 */
import * as path from 'path';
import { DiagnosticSeverity, DocumentHighlightKind, SemanticTokensBuilder, SymbolKind } from 'vscode-languageserver';
import type {
  Diagnostic, DocumentHighlight, Location, SemanticTokensLegend, SymbolInformation, WorkspaceEdit,
} from 'vscode-languageserver';
import type { TreatyDocument } from '../core/model';
import { splitLines } from '../core/parse';
import {
  TermIndex, addTermEdit, describeTerm, findDivergences, normalizeForm, parseGlossary, suggestTerms, termIdFrom,
} from '../core/terms';
import type { Glossary, GlossaryProblem, TermCandidate } from '../core/terms';
import { readTextFile } from '../host/textFile';
import type { FeatureContext } from './context';
import { toOffset, toRange } from './convert';

/** The semantic token legend: one custom type, mapped to a standard scope in package.json. */
export const TERM_TOKEN_LEGEND: SemanticTokensLegend = { tokenTypes: ['glossaryTerm'], tokenModifiers: [] };

/** Notification from the client: a glossary changed on disk (`text` null) or in an editor. */
export const GLOSSARY_CHANGED = 'treatyLens/glossaryChanged';
/** Notification from the client: the `treatyLens.terms` settings. */
export const TERMS_SETTINGS = 'treatyLens/termsSettings';
/** Request: recurring phrases not in the glossary. */
export const SUGGEST_TERMS = 'treatyLens/suggestTerms';
/** Request: the WorkspaceEdit that adds a term to the glossary. */
export const ADD_TERM = 'treatyLens/addTermEdit';

interface GlossaryState {
  /** The text last read (from disk or from the editor). */
  text: string;
  lastGood?: Glossary;
}

/** A stand-in model with only the lines of a text, which is all `toRange` reads. */
function linesOnly(text: string): TreatyDocument {
  return { lines: splitLines(text) } as Pick<TreatyDocument, 'lines'> as TreatyDocument;
}

/** The folder holding the corpus a file belongs to: the part of its path up to the last `corpus` folder. */
function corpusFolderOf(file: string): string | undefined {
  const parts = file.split(path.sep);
  const i = parts.lastIndexOf('corpus');
  return i >= 0 && i < parts.length - 1 ? parts.slice(0, i + 1).join(path.sep) : undefined;
}

export function registerTerms(ctx: FeatureContext): void {
  const { connection } = ctx;
  const index = new TermIndex();
  const glossaries = new Map<string, GlossaryState>();
  let active: string | undefined;
  let discovered = false;
  const probed = new Set<string>();
  let divergenceOn = true;

  const log = (what: string, e: unknown) => connection.console.error(`Treaty Lens terms: ${what}: ${(e as Error).stack ?? e}`);

  const publishGlossaryProblems = (file: string, text: string, problems: readonly GlossaryProblem[]) => {
    const lines = linesOnly(text);
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: toRange(lines, p.range),
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: p.code,
      source: 'treaty-lens',
      message: p.severity === 'error' ? `${p.message} (the last valid glossary stays in use)` : p.message,
    }));
    void connection.sendDiagnostics({ uri: ctx.uriOf(file), diagnostics });
  };

  /** The glossary of the workspace: the shallowest valid one, then by path. */
  const chooseActive = () => {
    const valid = [...glossaries].filter(([, s]) => s.lastGood).map(([f]) => f);
    valid.sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || (a < b ? -1 : a > b ? 1 : 0));
    const next = valid[0];
    const glossary = next ? glossaries.get(next)!.lastGood! : undefined;
    if (next === active && glossary === index.current) return;
    active = next;
    index.setGlossary(glossary ?? { version: 1, terms: [] });
    ctx.refreshDiagnostics();
    connection.languages.semanticTokens.refresh().catch(() => undefined);
  };

  /** (Re-)reads a glossary: from `text` when given (an open editor), else from disk. */
  const loadGlossary = (file: string, text?: string) => {
    if (text === undefined) {
      const read = readTextFile(file);
      if (!read.ok) {
        if (glossaries.delete(file)) void connection.sendDiagnostics({ uri: ctx.uriOf(file), diagnostics: [] });
        chooseActive();
        return;
      }
      text = read.text;
    }
    const { glossary, problems } = parseGlossary(text);
    const state = glossaries.get(file) ?? { text };
    state.text = text;
    if (glossary) state.lastGood = glossary;
    glossaries.set(file, state);
    publishGlossaryProblems(file, text, problems);
    if (glossary && file === active) {
      index.setGlossary(glossary);
      ctx.refreshDiagnostics();
      connection.languages.semanticTokens.refresh().catch(() => undefined);
    } else chooseActive();
  };

  /** Looks for `glossary.json` in a corpus folder once. */
  const probe = (folder: string) => {
    if (probed.has(folder)) return;
    probed.add(folder);
    const file = path.join(folder, 'glossary.json');
    if (readTextFile(file).ok) loadGlossary(file);
  };

  const discover = () => {
    if (discovered) return;
    discovered = true;
    for (const root of ctx.roots()) probe(path.basename(root) === 'corpus' ? root : path.join(root, 'corpus'));
    for (const key of ctx.service.corpus.keys()) {
      const folder = corpusFolderOf(key);
      if (folder) probe(folder);
    }
  };

  /** Drops documents the corpus index no longer holds (deleted files, closed non-corpus files). */
  const prune = () => {
    for (const key of index.keys()) if (!ctx.service.corpus.get(key)) index.remove(key);
  };

  ctx.onCorpusChanged((key) => {
    try {
      const folder = corpusFolderOf(key);
      if (folder) probe(folder);
      discover();
      const doc = ctx.service.corpus.get(key);
      if (doc) index.replace(key, doc);
      else index.remove(key);
    } catch (e) {
      log(`indexing ${key}`, e);
    }
  });

  connection.onNotification(GLOSSARY_CHANGED, (params: { uri: string; text?: string | null }) => {
    try {
      discover();
      const file = ctx.keyOf(params.uri);
      probed.add(path.dirname(file));
      loadGlossary(file, params.text ?? undefined);
    } catch (e) {
      log('reading the glossary', e);
    }
  });

  connection.onNotification(TERMS_SETTINGS, (params: { divergence?: boolean }) => {
    const next = params?.divergence !== false;
    if (next === divergenceOn) return;
    divergenceOn = next;
    ctx.refreshDiagnostics();
  });

  /** The occurrence under a position of a document, with the document's model. */
  const at = (uri: string, position: { line: number; character: number }) => {
    discover();
    prune();
    const doc = ctx.modelOf(uri);
    if (!doc) return undefined;
    const occurrence = index.occurrenceAt(doc, toOffset(doc, position));
    return occurrence ? { doc, occurrence } : undefined;
  };

  const glossaryFolder = () => (active ? path.dirname(active) : '');

  const definitionOf = (termId: string): Location | undefined => {
    const def = index.definitionOf(termId, (file) => path.join(glossaryFolder(), file));
    const doc = def && index.document(def.key);
    return def && doc ? { uri: ctx.uriOf(def.key), range: toRange(doc, def.range) } : undefined;
  };

  const safely = <T>(what: string, fallback: T, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      log(what, e);
      return fallback;
    }
  };

  connection.onDefinition(({ textDocument, position }) => safely('definition', null, () => {
    const hit = at(textDocument.uri, position);
    return (hit && definitionOf(hit.occurrence.termId)) ?? null;
  }));

  connection.onReferences(({ textDocument, position, context }) => safely('references', [] as Location[], () => {
    const hit = at(textDocument.uri, position);
    if (!hit) return [];
    const declaration = context.includeDeclaration ? undefined : definitionOf(hit.occurrence.termId);
    const locations: Location[] = [];
    for (const { key, occurrence } of index.referencesOf(hit.occurrence.termId)) {
      const doc = index.document(key)!;
      const location = { uri: ctx.uriOf(key), range: toRange(doc, occurrence) };
      if (declaration && declaration.uri === location.uri &&
        JSON.stringify(declaration.range) === JSON.stringify(location.range)) continue;
      locations.push(location);
    }
    return locations;
  }));

  connection.onDocumentHighlight(({ textDocument, position }) => safely('highlight', [] as DocumentHighlight[], () => {
    const hit = at(textDocument.uri, position);
    if (!hit) return [];
    return index.occurrencesOf(hit.doc)
      .filter((o) => o.termId === hit.occurrence.termId)
      .map((o) => ({ range: toRange(hit.doc, o), kind: DocumentHighlightKind.Text }));
  }));

  connection.languages.semanticTokens.on(({ textDocument }) => safely('semantic tokens', { data: [] }, () => {
    discover();
    const doc = ctx.modelOf(textDocument.uri);
    const builder = new SemanticTokensBuilder();
    if (!doc) return builder.build();
    for (const o of index.occurrencesOf(doc)) {
      // A token lies on one line; a form broken over a line break gives one token per line.
      const range = toRange(doc, o);
      for (let line = range.start.line; line <= range.end.line; line++) {
        const from = line === range.start.line ? range.start.character : 0;
        const to = line === range.end.line ? range.end.character : doc.lines[line].end - doc.lines[line].start;
        if (to > from) builder.push(line, from, to - from, 0, 0);
      }
    }
    return builder.build();
  }));

  ctx.addHover((_uri, doc, offset) => {
    discover();
    prune();
    const occurrence = index.occurrenceAt(doc, offset);
    const term = occurrence && index.term(occurrence.termId);
    return term ? describeTerm(term, index.usageOf(term.id), occurrence) : undefined;
  });

  ctx.addWorkspaceSymbols((query) => {
    discover();
    prune();
    const needle = normalizeForm(query)?.key;
    const symbols: SymbolInformation[] = [];
    for (const term of index.current.terms) {
      const forms = [term.id, ...term.zh, ...term.en];
      if (needle && !forms.some((f) => normalizeForm(f)?.key.includes(needle))) continue;
      const location = definitionOf(term.id) ??
        (active ? { uri: ctx.uriOf(active), range: toRange(linesOnly(glossaries.get(active)!.text), term.idRange) } : undefined);
      if (!location) continue;
      symbols.push({ name: `${term.zh[0]} · ${term.en.join(' · ')}`, kind: SymbolKind.Constant, containerName: 'glossary term', location });
    }
    return symbols;
  });

  ctx.addDiagnostics((uri, doc) => {
    if (!divergenceOn || index.current.terms.length === 0) return [];
    // The same pairing the hover and the jump show, made with the corpus's anchors.
    const alignment = ctx.alignmentOf(uri)?.alignment;
    if (!alignment) return [];
    return findDivergences(alignment, (d) => index.occurrencesOf(d), (id) => index.term(id))
      .filter((d) => d.doc === doc)
      .map((d) => ({
        range: toRange(doc, d.range),
        severity: DiagnosticSeverity.Hint,
        code: 'term-divergence',
        source: 'treaty-lens',
        message: d.message,
      }));
  });

  connection.onRequest(SUGGEST_TERMS, (): TermCandidate[] => safely('suggest terms', [] as TermCandidate[], () => {
    discover();
    prune();
    const docs = index.keys().map((key) => ({ key, doc: index.document(key)!, occurrences: index.occurrencesOf(index.document(key)!) }));
    // A phrase that is (or holds) a glossary form is known already.
    return suggestTerms(docs, (phrase) => index.findIn(phrase).length > 0);
  }));


  connection.onRequest(ADD_TERM, (params: { zh: string[]; en: string[]; note?: string }): WorkspaceEdit | null => safely('add term', null, () => {
    discover();
    const file = active ?? [...glossaries.keys()][0];
    if (!file) return null;
    const state = glossaries.get(file)!;
    const zh = params.zh.filter((f) => f.trim());
    const en = params.en.filter((f) => f.trim());
    const edit = addTermEdit(state.text, { id: termIdFrom(en[0] ?? zh[0] ?? 'term'), zh, en, ...(params.note ? { note: params.note } : {}) });
    if (!edit) return null;
    const lines = linesOnly(state.text);
    return { changes: { [ctx.uriOf(file)]: [{ range: toRange(lines, edit), newText: edit.newText }] } };
  }));
}
