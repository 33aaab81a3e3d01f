/**
 * The server never crashes on a document: every analysis the LSP layer runs on a text, run on
 * arbitrary text (lone surrogates, control characters, every line break, numbering-like noise
 * and real corpus lines mixed up), returns an answer that keeps the model's invariants.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { createCorpusAnchorExtractor, pairParagraphs } from '../src/core/align';
import { getOutline } from '../src/core/outline';
import type { OutlineNode } from '../src/core/outline';
import { parseDocument } from '../src/core/parse';
import { getFoldingRanges, getSelectionChain } from '../src/core/structure';
import { compileGlossary, findTermOccurrences, parseGlossary } from '../src/core/terms';
import { CORPUS } from './support/lspClient';

const corpusLines = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt'))
  .flatMap((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8').split('\n')).filter((l) => l.trim());
const glossaryText = fs.readFileSync(path.join(CORPUS, 'glossary.json'), 'utf8');
const compiled = compileGlossary(parseGlossary(glossaryText).glossary!);
const anchors = createCorpusAnchorExtractor({ names: fs.readFileSync(path.join(CORPUS, 'names.json'), 'utf8'), glossary: glossaryText });

const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 10 }), // lone surrogates included
  fc.constantFrom('\n', '\r\n', '\r', '\u3000\u3000', '\u0000', '\ufeff', '\ufffd', '一、', '二十四、', '十十、', '（一）', '第三十二條',
    '1.', '１．', '1.4', 'Article IV', 'IV.', '首页 > 头条', 'Facebook', '“', '”', '𠀀'),
  fc.constantFrom(...corpusLines),
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

function walk(nodes: readonly OutlineNode[], length: number): void {
  for (const n of nodes) {
    assert.ok(0 <= n.range.start && n.range.start <= n.range.end && n.range.end <= length, 'outline range inside the text');
    assert.ok(n.range.start <= n.selectionRange.start && n.selectionRange.end <= n.range.end, 'selection inside the range');
    assert.ok(n.name.length > 0, 'a symbol needs a name');
    walk(n.children, length);
  }
}

describe('never throws on any text', () => {
  it('parse, outline, folding, selection, pairing and term matching keep their invariants', () => {
    fc.assert(fc.property(text, fc.nat(), (t, at) => {
      const doc = parseDocument(t);
      walk(getOutline(doc), t.length);
      for (const f of getFoldingRanges(doc)) assert.ok(0 <= f.startLine && f.startLine < f.endLine && f.endLine < doc.lines.length);
      const chain = getSelectionChain(doc, t.length ? at % (t.length + 1) : 0);
      for (let i = 1; i < chain.length; i++) assert.ok(chain[i].start <= chain[i - 1].start && chain[i - 1].end <= chain[i].end);
      const alignment = pairParagraphs(doc, { anchors });
      for (const p of alignment.pairs) assert.ok(p.confidence >= 0 && p.confidence <= 1 && p.zh.length > 0 && p.en.length > 0);
      for (const o of findTermOccurrences(t, compiled)) assert.ok(0 <= o.start && o.start < o.end && o.end <= t.length && t.slice(o.start, o.end) === o.text);
    }), { numRuns: 300 });
  });
});
