/** The annotations core: W3C model, creation, anchoring, and the JSON Lines store format. */
export * from './model';
export { createAnnotation, editAnnotation, moveAnnotation, isChineseText, CONTEXT_LENGTH, type CreateAnnotationOptions } from './create';
export {
  anchorAnnotation,
  anchorAnnotations,
  DEFAULT_MAX_ERROR_RATE,
  DEFAULT_MIN_SCORE,
  DISTINCTIVE_QUOTE_LENGTH,
  type AnchorOptions,
  type AnchorResult,
  type AnchorStatus,
  type FindArticleRange,
} from './anchor';
export { parseAnnotationLines, serializeAnnotations, sortAnnotations, mergeAnnotations, type AnnotationLineProblem, type ParsedAnnotations } from './jsonl';
export { codePointIndex, type CodePointIndex } from './codePoints';
export { addReply, changeReply, isResolved, repliesOf, setResolved, type Reply } from './threads';
export {
  annotationRows,
  articleAt,
  articleOfFragment,
  articleRangeFinder,
  counterpartFinder,
  counterpartsIn,
  exportRecord,
  formatExport,
  fragmentIdAt,
  paragraphAt,
  type AnnotationRow,
  type CounterpartOf,
  type ExportFormat,
  type ExportRecord,
} from './rows';
