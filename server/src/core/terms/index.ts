/**
 * Terms: the bilingual glossary and the places its terms occur in a text.
 *
 * The LSP side reads the glossary file with `parseGlossary`, keeps the last glossary
 * returned without errors, compiles it once with `compileGlossary`, and calls
 * `findTermOccurrences` per document version.
 */
export { parseGlossary } from './glossary';
export type { Glossary, GlossaryTerm, GlossaryProblem, GlossaryProblemCode, GlossaryParseResult, DefinitionPlace } from './glossary';
export { compileGlossary, findTermOccurrences } from './matcher';
export type { CompiledGlossary, TermOccurrence } from './matcher';
export { normalizeText, normalizeForm, toOriginalRange } from './normalize';
export type { NormalizedText } from './normalize';
export { TermIndex, baseNameOf, compareByDate, dateOfKey, describeTerm } from './workspace';
export type { PlacedOccurrence, TermDefinition, TermUsage } from './workspace';
export { findDivergences } from './divergence';
export type { Divergence } from './divergence';
export { addTermEdit, suggestTerms, termIdFrom } from './suggest';
export type { GlossaryEdit, SuggestOptions, TermCandidate } from './suggest';
export { termsJson, termsTable } from './report';
export type { TermJson, TermOccurrenceJson } from './report';
