/**
 * Annotations as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), one JSON-LD
 * object per note, so that the stores a research group keeps under git can be read by any
 * tool that speaks the W3C model.
 *
 * Position units. The W3C model counts a TextPositionSelector's `start`/`end` in Unicode
 * code points, while JS strings, VS Code and LSP count UTF-16 code units. We keep `start`/`end`
 * as the W3C model defines them (code points), so that other W3C tools read our files right,
 * and add `utf16Start`/`utf16End` as an extension for the editor. The two only differ after a
 * character outside the BMP (rare CJK extension-B ideographs, emoji). Anchoring looks for the
 * quote at the UTF-16 offsets, then at the offsets derived from the code points, and measures
 * distance from the code points, so a file written by another tool (code points only) or
 * edited by hand anchors just the same.
 * The extension names are not in the W3C context; a JSON-LD processor drops them, which is
 * harmless because they are a cache derived from `start`/`end`.
 *
 * The article (or paragraph) id is a FragmentSelector conforming to Akoma Ntoso, whose eIds
 * (`art_5__para_2`) are the convention our ids follow.
 */

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** What a FragmentSelector holding an article or paragraph id conforms to. */
export const AKOMA_NTOSO = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

export interface TextQuoteSelector {
  readonly type: 'TextQuoteSelector';
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

export interface TextPositionSelector {
  readonly type: 'TextPositionSelector';
  /** Code points, as the W3C model defines them. */
  readonly start: number;
  /** Code points, excluded. */
  readonly end: number;
  /** Extension: the same start in UTF-16 code units (a JS string index). */
  readonly utf16Start?: number;
  /** Extension: the same end in UTF-16 code units. */
  readonly utf16End?: number;
}

export interface FragmentSelector {
  readonly type: 'FragmentSelector';
  /** An article or paragraph id: `zh/art_5`, `zh/art_5__para_2`. */
  readonly value: string;
  readonly conformsTo: string;
}

export type Selector = TextQuoteSelector | TextPositionSelector | FragmentSelector;

export interface TextualBody {
  readonly type: 'TextualBody';
  /**
   * `commenting` for the note, `tagging` for each tag, `replying` for each reply of a
   * discussion (W3C motivations used as body purposes), `assessing` with value `resolved` when
   * the discussion is closed.
   */
  readonly purpose: 'commenting' | 'tagging' | 'replying' | 'assessing';
  readonly value: string;
  readonly format?: string;
  /** Who wrote a reply (W3C allows a creator per body); absent on the note and tags. */
  readonly creator?: Creator;
  /** When a reply was written (ISO 8601). */
  readonly created?: string;
}

export interface Creator {
  readonly type: 'Person';
  readonly name: string;
}

export interface AnnotationTarget {
  /** The annotated document, relative to the corpus folder: `2025-02-06-cn-pk-joint-statement.txt`. */
  readonly source: string;
  readonly selector: readonly Selector[];
}

export interface Annotation {
  readonly '@context': typeof ANNOTATION_CONTEXT;
  /** `urn:uuid:…`; the key two stores are merged by. */
  readonly id: string;
  readonly type: 'Annotation';
  readonly motivation: 'commenting';
  /** ISO 8601 date-time. */
  readonly created: string;
  /** ISO 8601 date-time; the newer version wins a merge. */
  readonly modified: string;
  readonly creator: Creator;
  readonly body: readonly TextualBody[];
  readonly target: AnnotationTarget;
}

/** The quote selector, or undefined for an annotation that has none (not one we wrote). */
export function quoteSelectorOf(a: Annotation): TextQuoteSelector | undefined {
  return a.target.selector.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
}

/** The position selector, or undefined when only the quote is known. */
export function positionSelectorOf(a: Annotation): TextPositionSelector | undefined {
  return a.target.selector.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
}

/** The article or paragraph id, or undefined for text outside any article. */
export function articleIdOf(a: Annotation): string | undefined {
  return a.target.selector.find((s): s is FragmentSelector => s.type === 'FragmentSelector')?.value;
}

/** The note text; the empty string when the annotation only carries tags. */
export function noteOf(a: Annotation): string {
  return a.body.find((b) => b.purpose === 'commenting')?.value ?? '';
}

/** The tags, in stored order. */
export function tagsOf(a: Annotation): string[] {
  return a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
}
