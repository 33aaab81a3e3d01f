/**
 * The pairing a document takes part in, computed once per pair of models and shared by every
 * feature (hover and jump, term divergence, annotations' counterpart quotes), so that all of
 * them see the same pairs, made with the same anchors.
 */
import * as path from 'path';
import { findCounterpartKey, isPairable, pairAcrossFiles } from '../core/align';
import type { Alignment } from '../core/align';
import { langFamily } from '../core/model';
import type { TreatyDocument } from '../core/model';
import type { TreatyService } from '../core/service';
import { pairingAnchorsNear } from '../host/corpusAnchors';

export interface DocumentAlignment {
  readonly alignment: Alignment;
  readonly zhUri: string;
  readonly enUri: string;
  /** Index key of the counterpart file when the other language lives in another file. */
  readonly otherKey: string | undefined;
}

interface AlignmentHost {
  readonly service: TreatyService;
  roots(): readonly string[];
  modelOf(uri: string): TreatyDocument | undefined;
  uriOf(key: string): string;
  keyOf(uri: string): string;
}

/**
 * Returns `alignmentOf(uri)`: the alignment of a bilingual document within itself, or of a
 * one-language document with its counterpart file (same date and parties); undefined when the
 * document has no model.
 */
export function createAlignments(host: AlignmentHost): (uri: string) => DocumentAlignment | undefined {
  // Models are immutable and replaced on every edit, so an alignment cached per pair of model
  // objects is exactly as fresh as the documents (the workspaceCache idea without versions).
  const cache = new WeakMap<TreatyDocument, WeakMap<TreatyDocument, Alignment>>();
  const hasChinese = (doc: TreatyDocument) => doc.paragraphs.some((p) => isPairable(p) && langFamily(p.lang) === 'zh');

  return (uri) => {
    const doc = host.modelOf(uri);
    if (!doc) return undefined;
    const key = host.keyOf(uri);
    let zhDoc = doc;
    let enDoc = doc;
    let zhUri = uri;
    let enUri = uri;
    const found = findCounterpartKey(key, doc, host.service.corpus);
    const otherUri = found === undefined ? undefined : host.uriOf(found);
    const other = otherUri === undefined ? undefined : host.modelOf(otherUri);
    if (other && otherUri) {
      if (hasChinese(doc)) {
        enDoc = other;
        enUri = otherUri;
      } else {
        zhDoc = other;
        zhUri = otherUri;
      }
    }
    let inner = cache.get(zhDoc);
    if (!inner) cache.set(zhDoc, (inner = new WeakMap()));
    let alignment = inner.get(enDoc);
    if (!alignment) {
      // Anchors from names.json and glossary.json beside the file (or in a root's corpus folder).
      const anchors = pairingAnchorsNear([path.dirname(key), ...host.roots().map((r) => path.join(r, 'corpus'))]);
      inner.set(enDoc, (alignment = pairAcrossFiles(zhDoc, enDoc, { anchors })));
    }
    return { alignment, zhUri, enUri, otherKey: other ? found : undefined };
  };
}
