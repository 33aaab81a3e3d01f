/**
 * Discussion on an annotation: replies and the resolved mark, kept inside the one annotation
 * as extra W3C bodies (`purpose: replying` with their own `creator` and `created`;
 * `purpose: assessing`, value `resolved`). One annotation stays one line of the store and one
 * id to merge by; a separate reply annotation targeting the first would need a target that is
 * not the text, which no other tool of the store format anchors.
 */

import type { Annotation, TextualBody } from './model';

export interface Reply {
  readonly creator: string;
  /** ISO 8601; the empty string when the reply carries no date. */
  readonly created: string;
  readonly text: string;
}

/** The replies, oldest first (in stored order). */
export function repliesOf(a: Annotation): Reply[] {
  return a.body
    .filter((b) => b.purpose === 'replying')
    .map((b) => ({ creator: b.creator?.name ?? '', created: b.created ?? '', text: b.value }));
}

/** Whether the discussion is marked resolved. */
export function isResolved(a: Annotation): boolean {
  return a.body.some((b) => b.purpose === 'assessing' && b.value === 'resolved');
}

/** The annotation with a reply appended; `modified` is `now`. */
export function addReply(a: Annotation, text: string, creator: string, now: Date): Annotation {
  const stamp = now.toISOString();
  const reply: TextualBody = { type: 'TextualBody', purpose: 'replying', value: text, format: 'text/plain', creator: { type: 'Person', name: creator }, created: stamp };
  return { ...a, modified: stamp, body: [...a.body, reply] };
}

/**
 * The annotation with reply `index` (0-based, as `repliesOf` lists them) given new text, or
 * removed when `text` is undefined.
 * @returns undefined when there is no such reply.
 */
export function changeReply(a: Annotation, index: number, text: string | undefined, now: Date): Annotation | undefined {
  let seen = -1;
  let found = false;
  const body: TextualBody[] = [];
  for (const b of a.body) {
    if (b.purpose === 'replying' && ++seen === index) {
      found = true;
      if (text !== undefined) body.push({ ...b, value: text });
    } else body.push(b);
  }
  return found ? { ...a, modified: now.toISOString(), body } : undefined;
}

/** The annotation marked resolved or open; the same object when it already is. */
export function setResolved(a: Annotation, resolved: boolean, now: Date): Annotation {
  if (isResolved(a) === resolved) return a;
  const body = resolved
    ? [...a.body, { type: 'TextualBody', purpose: 'assessing', value: 'resolved' } as TextualBody]
    : a.body.filter((b) => !(b.purpose === 'assessing' && b.value === 'resolved'));
  return { ...a, modified: now.toISOString(), body };
}
