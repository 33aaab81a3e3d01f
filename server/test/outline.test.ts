/** Outline snapshots of every corpus file, and exact structure checks on the acceptance documents. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getOutline } from '../src/core/outline';
import type { OutlineNode } from '../src/core/outline';
import { lineOfOffset, parseDocument } from '../src/core/parse';
import { getFoldingRanges, getSelectionChain } from '../src/core/structure';
import type { TreatyDocument } from '../src/core/model';
import { CORPUS } from './support/lspClient';
import { expectSnapshot } from './support/snapshot';

const CORPUS_FILES = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();

function load(name: string): TreatyDocument {
  return parseDocument(fs.readFileSync(path.join(CORPUS, name), 'utf8'));
}

/** One line per outline node: `L9   article 一、 | 应中华人民共和国主席习近平邀请…`. */
export function renderOutline(doc: TreatyDocument): string {
  const out: string[] = [];
  const walk = (nodes: readonly OutlineNode[], depth: number) => {
    for (const n of nodes) {
      const line = `L${lineOfOffset(doc.lines, n.selectionRange.start) + 1}`.padEnd(5);
      out.push(`${'  '.repeat(depth)}${line} ${n.kind} ${n.name} | ${n.detail}`);
      walk(n.children, depth + 1);
    }
  };
  walk(getOutline(doc), 0);
  for (const p of doc.problems) out.push(`! L${p.line + 1} ${p.severity} ${p.code}: ${p.message}`);
  return out.join('\n') + '\n';
}

describe('outline snapshots of the corpus', () => {
  it('covers every corpus text', () => assert.strictEqual(CORPUS_FILES.length, 5));
  for (const file of CORPUS_FILES) {
    it(file, () => expectSnapshot(`${file.replace(/\.txt$/, '')}.outline.txt`, renderOutline(load(file))));
  }
});

describe('outline of the acceptance documents', () => {
  it('2025 joint statement: 24 Chinese and 24 English articles at their lines', () => {
    const doc = load('2025-02-06-cn-pk-joint-statement.txt');
    const [zh, en] = getOutline(doc);
    assert.deepStrictEqual([zh.name, en.name], ['中文（简体）', 'English']);
    const lines = (n: OutlineNode) => n.children.filter((c) => c.kind === 'article').map((c) => lineOfOffset(doc.lines, c.selectionRange.start) + 1);
    assert.deepStrictEqual(lines(zh), [9, 13, 17, 19, 21, 25, 27, 31, 35, 39, 41, 43, 45, 47, 49, 55, 57, 59, 61, 63, 65, 69, 71, 73]);
    assert.deepStrictEqual(lines(en), [77, 81, 85, 87, 89, 93, 95, 99, 103, 107, 109, 111, 113, 115, 117, 123, 125, 127, 129, 131, 133, 137, 139, 141]);
    const second = zh.children.find((c) => c.name === '二、')!;
    assert.deepStrictEqual(second.children.map((c) => `${c.name} ${lineOfOffset(doc.lines, c.range.start) + 1}`), ['¶1 13', '¶2 15']);
  });

  it('2023 joint press statement: 31 articles', () => {
    const doc = load('2023-10-20-cn-pk-joint-press-statement-zh.txt');
    assert.deepStrictEqual(doc.articles.map((a) => a.number), Array.from({ length: 31 }, (_, i) => i + 1));
    assert.deepStrictEqual(doc.articles.map((a) => a.line + 1), Array.from({ length: 31 }, (_, i) => i + 4));
  });

  it('news reports have paragraphs and no articles', () => {
    for (const file of ['2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt', '2023-12-04-cn-by-xi-meets-lukashenko-xinhua-report-hant.txt']) {
      const doc = load(file);
      assert.strictEqual(doc.articles.length, 0, file);
      assert.deepStrictEqual(doc.sections.map((s) => s.lang), [file.includes('hant') ? 'zh-Hant' : 'zh-Hans', 'en'], file);
    }
  });
});

describe('folding and selection ranges', () => {
  const doc = load('2025-02-06-cn-pk-joint-statement.txt');

  it('folds each section and each article of several lines', () => {
    const folds = getFoldingRanges(doc);
    assert.deepStrictEqual(folds.slice(0, 4), [
      { startLine: 0, endLine: 72, kind: 'section' },
      { startLine: 8, endLine: 10, kind: 'article' },
      { startLine: 12, endLine: 14, kind: 'article' },
      { startLine: 20, endLine: 22, kind: 'article' },
    ]);
    assert.strictEqual(folds.filter((f) => f.kind === 'article').length, 16);
  });

  it('grows a selection paragraph → article → section → text', () => {
    const offset = doc.lines[14].start + 5; // inside 二、's second paragraph
    const chain = getSelectionChain(doc, offset).map((r) => {
      const a = lineOfOffset(doc.lines, r.start) + 1;
      const b = lineOfOffset(doc.lines, r.end) + 1;
      return `${a}-${b}`;
    });
    assert.deepStrictEqual(chain, ['15-15', '13-15', '1-73', '1-146']);
  });
});
