/** `treaty-lens annotations` as a user runs it, on a temporary corpus folder with a store written by the core. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { addReply, createAnnotation, serializeAnnotations, type Annotation } from '../src/core/annotations';
import { CORPUS, REPO } from './support/lspClient';

const NAME = '2025-02-06-cn-pk-joint-statement.txt';
const CREATED = '2025-03-01T08:00:00.000Z';
const REPLIED = '2025-03-02T08:00:00.000Z';

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'server/src/cli.ts'), 'annotations', ...args], {
    cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('treaty-lens annotations', function () {
  this.timeout(60000);
  let root: string;
  let dir: string;
  let file: string;
  let store: string;
  let lines: string[];

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-lens-annotations-cli-'));
    dir = path.join(root, 'corpus');
    fs.mkdirSync(path.join(dir, '.annotations'), { recursive: true });
    file = path.join(dir, NAME);
    const text = fs.readFileSync(path.join(CORPUS, NAME), 'utf8');
    lines = text.split('\n');
    fs.writeFileSync(file, text);
    // A file without annotations: listed for a folder only when it has a store.
    fs.copyFileSync(path.join(CORPUS, '2023-10-20-cn-pk-joint-press-statement-zh.txt'), path.join(dir, '2023-10-20-cn-pk-joint-press-statement-zh.txt'));
    const make = (quote: string, n: number, note: string, tags: string[], articleId?: string): Annotation => {
      const start = text.indexOf(quote);
      return createAnnotation(text, { start, end: start + quote.length }, {
        source: NAME, articleId, note, tags, creator: 'Researcher', now: new Date(CREATED), id: `urn:uuid:00000000-0000-4000-8000-00000000000${n}`,
      })!;
    };
    const zh = make('台湾问题是中国核心利益中的核心', 1, "first time: 'core of the core'", ['taiwan', 'new-wording'], 'zh/art_5__para_1');
    const en = addReply(make('the Taiwan question is the core of China’s core interests', 2, 'English, "core of the core"', ['taiwan'], 'en/art_5__para_1'), 'agreed', 'Reviewer', new Date(REPLIED));
    const gone = make('中巴经济走廊', 3, 'gone', ['cpec']);
    const orphan: Annotation = { ...gone, target: { source: NAME, selector: [{ type: 'TextQuoteSelector', exact: '一段已删除的话', prefix: '', suffix: '' }] } };
    store = path.join(dir, '.annotations', `${NAME}.jsonl`);
    fs.writeFileSync(store, serializeAnnotations([zh, en, orphan]));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('--csv of a folder: document, article, position, quote, counterpart quote, tags, note, replies, dates', () => {
    const r = cli(dir, '--csv');
    assert.deepStrictEqual([r.code, r.stderr], [0, '']);
    assert.deepStrictEqual(r.stdout.split('\r\n'), [
      'document,article,line,character,status,quote,counterpart_quote,tags,note,replies,resolved,creator,created,modified',
      `${NAME},zh/art_5,21,96,exact,台湾问题是中国核心利益中的核心,"${lines[88]}",taiwan; new-wording,first time: 'core of the core',,no,Researcher,${CREATED},${CREATED}`,
      `${NAME},en/art_5,89,446,exact,the Taiwan question is the core of China’s core interests,"${lines[20]}",taiwan,"English, ""core of the core""",Reviewer: agreed,no,Researcher,${CREATED},${REPLIED}`,
      `${NAME},,,,orphaned,一段已删除的话,,cpec,gone,,no,Researcher,${CREATED},${CREATED}`,
      '',
    ]);
  });

  it('--json of a file: each annotation with its resolved position (1-based line, 0-based character) or "orphaned"', () => {
    const r = cli(file, '--json');
    assert.deepStrictEqual([r.code, r.stderr], [0, '']);
    const rows = JSON.parse(r.stdout).annotations;
    assert.deepStrictEqual(rows.map((a: any) => [a.id.slice(-1), a.article, a.status, a.position, a.quote]), [
      ['1', 'zh/art_5', 'exact', { line: 21, character: 96 }, '台湾问题是中国核心利益中的核心'],
      ['2', 'en/art_5', 'exact', { line: 89, character: 446 }, 'the Taiwan question is the core of China’s core interests'],
      ['3', null, 'orphaned', 'orphaned', '一段已删除的话'],
    ]);
    assert.deepStrictEqual(rows[1], {
      document: NAME, id: 'urn:uuid:00000000-0000-4000-8000-000000000002', article: 'en/art_5', status: 'exact',
      position: { line: 89, character: 446 }, quote: 'the Taiwan question is the core of China’s core interests', counterpartQuote: lines[20],
      tags: ['taiwan'], note: 'English, "core of the core"', replies: [{ creator: 'Reviewer', created: REPLIED, text: 'agreed' }],
      resolved: false, creator: 'Researcher', created: CREATED, modified: REPLIED,
    });
    assert.strictEqual(rows[0].counterpartQuote, lines[88]);
  });

  it('--md of a folder: a section per document, the quote as a block quote', () => {
    const r = cli(dir, '--md');
    assert.deepStrictEqual([r.code, r.stderr], [0, '']);
    assert.strictEqual(r.stdout, [
      '# Annotations', '', `## ${NAME}`, '',
      '### zh/art_5 · line 21', '', '> 台湾问题是中国核心利益中的核心', '', `↔ ${lines[88]}`, '', "first time: 'core of the core'", '',
      '`#taiwan` `#new-wording`', '', `*Researcher · created ${CREATED} · modified ${CREATED}*`, '',
      '### en/art_5 · line 89', '', '> the Taiwan question is the core of China’s core interests', '', `↔ ${lines[20]}`, '', 'English, "core of the core"', '',
      '`#taiwan`', '', `- Reviewer (${REPLIED}): agreed`, '', `*Researcher · created ${CREATED} · modified ${REPLIED}*`, '',
      '### (no article) · orphaned', '', '> 一段已删除的话', '', 'gone', '', '`#cpec`', '', `*Researcher · created ${CREATED} · modified ${CREATED}*`,
      '',
    ].join('\n'));
  });

  it('a file without a store has no annotations', () => {
    const r = cli(path.join(dir, '2023-10-20-cn-pk-joint-press-statement-zh.txt'), '--json');
    assert.deepStrictEqual([r.code, r.stderr, JSON.parse(r.stdout)], [0, '', { annotations: [] }]);
  });

  it('reports a corrupt store line on stderr, exits 1, lists the readable lines and leaves the file alone', () => {
    const before = fs.readFileSync(store, 'utf8');
    const corrupt = before.replace(/\n$/, '\n{"id": \n');
    fs.writeFileSync(store, corrupt);
    try {
      const r = cli(dir, '--json');
      assert.deepStrictEqual([r.code, r.stderr], [1, `treaty-lens: ${store}:4: not valid JSON\n`]);
      assert.strictEqual(JSON.parse(r.stdout).annotations.length, 3);
      assert.strictEqual(fs.readFileSync(store, 'utf8'), corrupt);
    } finally {
      fs.writeFileSync(store, before);
    }
  });

  it('rejects two formats or an unknown flag with the usage', () => {
    assert.strictEqual(cli(dir, '--json', '--csv').code, 2);
    assert.strictEqual(cli(dir, '--xml').code, 2);
  });
});
