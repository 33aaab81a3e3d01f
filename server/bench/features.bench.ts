/**
 * Term matching and pairing, as ratios against the parse of the same text in the same run
 * (the parse is what every feature already pays per document version). Term matching must
 * stay linear: its ratio per character must not grow with the text.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createCorpusAnchorExtractor, pairParagraphs } from '../src/core/align';
import { parseDocument } from '../src/core/parse';
import { compileGlossary, findTermOccurrences, parseGlossary } from '../src/core/terms';
import { printTable, time } from './support';

const CORPUS = path.resolve(__dirname, '..', '..', 'corpus');
const names = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
const texts = names.map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'));
const glossaryText = fs.readFileSync(path.join(CORPUS, 'glossary.json'), 'utf8');
const compiled = compileGlossary(parseGlossary(glossaryText).glossary!);
const anchors = createCorpusAnchorExtractor({ names: fs.readFileSync(path.join(CORPUS, 'names.json'), 'utf8'), glossary: glossaryText });


const rows: string[][] = [['input', 'chars', 'parse ms', 'feature', 'feature ms', 'feature / parse', 'ms per 100k chars']];
for (const copies of [1, 10, 100]) {
  const text = Array.from({ length: copies }, () => texts.join('\n\n')).join('\n\n');
  const parse = time(() => parseDocument(text));
  const terms = time(() => findTermOccurrences(text, compiled));
  rows.push([`corpus ×${copies}`, String(text.length), parse.toFixed(2), 'term matching', terms.toFixed(2), (terms / parse).toFixed(2), ((terms / text.length) * 1e5).toFixed(2)]);
}
for (const [i, name] of names.entries()) {
  const doc = parseDocument(texts[i]);
  const parse = time(() => parseDocument(texts[i]));
  const pair = time(() => pairParagraphs(doc, { anchors }));
  rows.push([name.replace(/\.txt$/, ''), String(texts[i].length), parse.toFixed(2), 'pairing', pair.toFixed(2), (pair / parse).toFixed(2), '']);
}

printTable(rows);
