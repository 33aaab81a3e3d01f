/**
 * Pairing: Chinese paragraphs with their English counterparts, per file or across two files.
 * The LSP layer and the CLI use only what this module exports.
 */
export { createAnchorExtractor, createCorpusAnchorExtractor } from './anchors';
export type { AnchorExtractor, AnchorSources } from './anchors';
export { findCounterpartKey } from './counterpart';
export type { CorpusView } from './counterpart';
export { alignGaleChurch } from './galeChurch';
export { parseNameList } from './names';
export type { NameEntry, NameList } from './names';
export { isPairable, pairAcrossFiles, pairOf, pairParagraphs, paragraphOrdinal } from './pair';
export type { Alignment, PairOptions, ParagraphPair } from './pair';
export { confidenceOf, lengthLogProbability, scoreBead } from './score';
export type { AlignUnit, BeadScorer, ScoreContext } from './score';
export { toTmx } from './tmx';
export type { TmxUnit } from './tmx';
export { compareWithNameList, learnNames, mergeLearnedNames } from './learnNames';
export type { LearnOptions, NameCandidate, NameListComparison, NameListMerge, ParallelText } from './learnNames';
