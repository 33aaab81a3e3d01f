/** The `treaty-lens` command as a user runs it: a real process, real files, exit codes. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from './support/lspClient';

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'server/src/cli.ts'), ...args], {
    cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('treaty-lens analyze --json on the corpus', function () {
  this.timeout(60000);
  let files: any[];
  before(() => {
    const r = cli('analyze', 'corpus', '--json');
    assert.strictEqual(r.stderr, '');
    assert.strictEqual(r.code, 0);
    files = JSON.parse(r.stdout).files;
  });
  const byName = (name: string) => files.find((f) => path.basename(f.file) === name);

  it('lists the five corpus texts', () => {
    assert.deepStrictEqual(files.map((f) => path.basename(f.file)), [
      '2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt',
      '2023-10-20-cn-pk-joint-press-statement-zh.txt',
      '2023-12-04-cn-by-xi-meets-lukashenko-xinhua-report-hant.txt',
      '2024-pk-embassy-article-cn-pk-relations-zh.txt',
      '2025-02-06-cn-pk-joint-statement.txt',
    ]);
  });

  it('2025 statement: 24 Chinese and 24 English articles at the lines where they start', () => {
    const f = byName('2025-02-06-cn-pk-joint-statement.txt');
    assert.deepStrictEqual(f.sections, [
      { lang: 'zh-Hans', startLine: 1, endLine: 73 },
      { lang: 'en', startLine: 75, endLine: 146 },
    ]);
    const zh = f.articles.filter((a: any) => a.lang === 'zh-Hans');
    const en = f.articles.filter((a: any) => a.lang === 'en');
    assert.deepStrictEqual(zh.map((a: any) => a.line), [9, 13, 17, 19, 21, 25, 27, 31, 35, 39, 41, 43, 45, 47, 49, 55, 57, 59, 61, 63, 65, 69, 71, 73]);
    assert.deepStrictEqual(en.map((a: any) => a.line), [77, 81, 85, 87, 89, 93, 95, 99, 103, 107, 109, 111, 113, 115, 117, 123, 125, 127, 129, 131, 133, 137, 139, 141]);
    assert.deepStrictEqual(zh[23], { id: 'zh/art_24', lang: 'zh-Hans', number: 24, label: '二十四、', line: 73 });
    assert.deepStrictEqual(en[7], { id: 'en/art_8', lang: 'en', number: 8, label: '8.', line: 99 });
    assert.deepStrictEqual(f.paragraphs.filter((p: any) => p.boilerplate).map((p: any) => p.line), [143, 144, 145, 146]);
    assert.deepStrictEqual(f.problems, []);
  });

  it('2023 joint press statement: 31 articles', () => {
    const f = byName('2023-10-20-cn-pk-joint-press-statement-zh.txt');
    assert.deepStrictEqual(f.articles.map((a: any) => [a.number, a.line]), Array.from({ length: 31 }, (_, i) => [i + 1, i + 4]));
  });

  it('news reports: no articles', () => {
    assert.deepStrictEqual(byName('2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt').articles, []);
    assert.deepStrictEqual(byName('2023-12-04-cn-by-xi-meets-lukashenko-xinhua-report-hant.txt').articles, []);
  });

  it('embassy article: the repeated text is reported as repeats', () => {
    const f = byName('2024-pk-embassy-article-cn-pk-relations-zh.txt');
    assert.deepStrictEqual(f.paragraphs.map((p: any) => p.repeatOf), [null, null, null, null, null, null, null, null, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepStrictEqual(f.problems.map((p: any) => [p.line, p.severity, p.code]), [[9, 'info', 'repeated-block'], [17, 'info', 'repeated-block']]);
  });
});

describe('treaty-lens analyze: bad input', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-cli-'));
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    fs.writeFileSync(path.join(dir, 'invalid.txt'), Buffer.concat([Buffer.from('一、双方', 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from('同意。', 'utf8')]));
    fs.writeFileSync(path.join(dir, 'bom-crlf.txt'), '\ufeff一、双方同意。\r\n二、双方重申。\r\n');
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const fd = fs.openSync(path.join(dir, 'huge.txt'), 'w');
    fs.ftruncateSync(fd, 11 * 1024 * 1024);
    fs.closeSync(fd);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names each unreadable file on one line, exits 1, and still analyses the others', () => {
    const files = ['binary.txt', 'invalid.txt', 'huge.txt', 'missing.txt', 'bom-crlf.txt', 'empty.txt'].map((f) => path.join(dir, f));
    const r = cli('analyze', ...files, '--json');
    assert.strictEqual(r.code, 1);
    assert.deepStrictEqual(r.stderr.trim().split('\n'), [
      `treaty-lens: ${files[3]}: no such file or directory`,
      `treaty-lens: ${files[0]}: not a text file (it holds NUL bytes)`,
      `treaty-lens: ${files[1]}: not valid UTF-8 (first bad byte at offset 12)`,
      `treaty-lens: ${files[2]}: too large: 11534336 bytes, the limit is 10485760`,
    ]);
    const out = JSON.parse(r.stdout).files;
    assert.deepStrictEqual(out.map((f: any) => path.basename(f.file)), ['bom-crlf.txt', 'empty.txt']);
    assert.deepStrictEqual(out[0].articles.map((a: any) => [a.id, a.line]), [['zh/art_1', 1], ['zh/art_2', 2]]);
    assert.deepStrictEqual(out[1].problems, [{ line: 1, severity: 'info', code: 'empty', message: 'The document is empty.' }]);
  });

  it('prints a readable outline without --json', () => {
    const r = cli('analyze', path.join(dir, 'bom-crlf.txt'));
    assert.strictEqual(r.code, 0);
    assert.strictEqual(r.stdout, `${path.join(dir, 'bom-crlf.txt')}\n     1  中文（简体）  2 articles\n       1  一、  双方同意。\n       2  二、  双方重申。\n`);
  });

  it('rejects an unknown command with usage and exit code 2', () => {
    const r = cli('frobnicate');
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /^treaty-lens: unknown command 'frobnicate'\nusage: treaty-lens analyze/);
  });
});
