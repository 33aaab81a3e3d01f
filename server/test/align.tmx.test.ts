/**
 * `treaty-lens export --tmx` and `analyze --json` pairs: the TMX must be well-formed XML that
 * a real parser reads back as TMX 1.4 with the pairs' exact texts.
 */
import * as assert from 'assert';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { toTmx } from '../src/core/align';
import { main } from '../src/cli';

const REPO = path.resolve(__dirname, '..', '..');
const CORPUS = path.join(REPO, 'corpus');

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(args, { write: (t) => (stdout += t + '\n'), error: (t) => (stderr += t + '\n') });
  return { code, stdout, stderr };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['tu', 'tuv', 'prop'].includes(name) });

describe('export --tmx', () => {
  it('writes a TMX 1.4 file of the confident pairs that a real XML parser reads back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-tmx-'));
    const out = path.join(dir, 'corpus.tmx');
    const r = run(['export', '--tmx', CORPUS, '--out', out]);
    assert.strictEqual(r.code, 0, r.stderr);
    const xml = fs.readFileSync(out, 'utf8');
    assert.strictEqual(XMLValidator.validate(xml), true);
    const tmx = parser.parse(xml).tmx;
    assert.strictEqual(tmx['@version'], '1.4');
    assert.strictEqual(tmx.header['@srclang'], 'zh-Hans');
    assert.strictEqual(tmx.header['@segtype'], 'paragraph');
    const units: any[] = tmx.body.tu;
    const prop = (tu: any, type: string) => tu.prop.find((p: any) => p['@type'] === type)?.['#text'];
    // At the default 0.8: all 34 of the statement, Kakar 5 of 6 and Lukashenko 5 of 7 (the
    // headlines at 0.68 and 0.66 and the Ukraine line at 0.70 stay out).
    assert.strictEqual(units.length, 34 + 5 + 5);
    assert.ok(units.every((tu) => Number(prop(tu, 'x-confidence')) >= 0.8));
    const line21 = units.find((tu) => prop(tu, 'x-file') === '2025-02-06-cn-pk-joint-statement.txt' && String(prop(tu, 'x-zh-lines')) === '21');
    const lines = fs.readFileSync(path.join(CORPUS, '2025-02-06-cn-pk-joint-statement.txt'), 'utf8').split('\n');
    assert.deepStrictEqual(line21.tuv.map((t: any) => [t['@xml:lang'], t.seg]), [['zh-Hans', lines[20]], ['en', lines[88]]]);
    // The Traditional report says so per unit.
    const hant = units.filter((tu) => tu['@srclang'] === 'zh-Hant');
    assert.strictEqual(hant.length, 5);
    assert.strictEqual(hant[0].tuv[0]['@xml:lang'], 'zh-Hant');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pairs one-language halves across files', () => {
    const r = run(['export', '--tmx', path.join(__dirname, 'fixtures', 'align', 'split'), '--min-confidence', '0.5']);
    assert.strictEqual(r.code, 0, r.stderr);
    const units: any[] = parser.parse(r.stdout).tmx.body.tu;
    assert.strictEqual(units.length, 34);
    assert.strictEqual(units[0].prop.find((p: any) => p['@type'] === 'x-en-file')['#text'], '2025-02-06-cn-pk-joint-statement-en.txt');
  });

  it('escapes markup and drops characters XML forbids', () => {
    const xml = toTmx([{ zhLang: 'zh-Hans', zh: '《A&B》<甲>\u0001', en: '"A & B" <b>', props: { file: 'a"b.txt' } }]);
    assert.strictEqual(XMLValidator.validate(xml), true);
    const tu = parser.parse(xml).tmx.body.tu[0];
    assert.deepStrictEqual(tu.tuv.map((t: any) => t.seg), ['《A&B》<甲>', '"A & B" <b>']);
    assert.ok(xml.includes('<seg>《A&amp;B》&lt;甲&gt;</seg>'));
  });

  it('rejects a bad threshold with the usage and exit code 2', () => {
    assert.strictEqual(run(['export', '--tmx', CORPUS, '--min-confidence', '2']).code, 2);
    assert.strictEqual(run(['export', CORPUS]).code, 2);
  });
});

describe('analyze --json pairs', () => {
  it('adds pairs with 1-based lines and the unpaired paragraphs', () => {
    const r = run(['analyze', '--json', path.join(CORPUS, '2025-02-06-cn-pk-joint-statement.txt')]);
    const f = JSON.parse(r.stdout).files[0];
    assert.deepStrictEqual(f.pairs.find((p: any) => p.zhLines[0] === 21), { zhLines: [21], enLines: [89], confidence: 1 });
    assert.strictEqual(f.pairs.length, 34);
    assert.deepStrictEqual(f.unpaired, [{ lang: 'zh-Hans', line: 1 }, { lang: 'zh-Hans', line: 3 }, { lang: 'zh-Hans', line: 5 }]);
  });
});

describe('analyze --json pairs across files', () => {
  const SPLIT = path.join(__dirname, 'fixtures', 'align', 'split');
  const zhFile = path.join(SPLIT, '2025-02-06-cn-pk-joint-statement-zh.txt');
  const enFile = path.join(SPLIT, '2025-02-06-cn-pk-joint-statement-en.txt');
  const analyse = (...args: string[]) => {
    const r = run(['analyze', '--json', ...args]);
    assert.strictEqual(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).files as any[];
  };
  // The two halves of the 2025 statement: the English file is the bilingual file's English
  // section moved to line 1, so every Chinese line z pairs with English line z − 6.
  const expectedLines = Array.from({ length: 34 }, (_, k) => [[7 + 2 * k], [1 + 2 * k]]);
  const lines = (f: any) => f.pairs.map((p: any) => [p.zhLines, p.enLines]);

  it('pairs a one-language file with its counterpart file, from either half', () => {
    const files = analyse(SPLIT);
    const byName = new Map(files.map((f) => [path.basename(f.file), f]));
    const zh = byName.get(path.basename(zhFile));
    const en = byName.get(path.basename(enFile));
    assert.strictEqual(zh.counterpartFile, enFile);
    assert.strictEqual(en.counterpartFile, zhFile);
    assert.deepStrictEqual(lines(zh), expectedLines);
    assert.deepStrictEqual(lines(en), expectedLines);
    assert.deepStrictEqual(zh.pairs.slice(0, 3), [
      { zhLines: [7], enLines: [1], confidence: 1 },
      { zhLines: [9], enLines: [3], confidence: 1 },
      { zhLines: [11], enLines: [5], confidence: 0.94 },
    ]);
    // Each file lists only its own unpaired paragraphs: the Chinese title lines; English none.
    assert.deepStrictEqual(zh.unpaired, [{ lang: 'zh-Hans', line: 1 }, { lang: 'zh-Hans', line: 3 }, { lang: 'zh-Hans', line: 5 }]);
    assert.deepStrictEqual(en.unpaired, []);
  });

  it('finds the counterpart in the file’s folder when the file is analysed alone', () => {
    const [en] = analyse(enFile);
    assert.strictEqual(en.counterpartFile, zhFile);
    assert.deepStrictEqual(lines(en), expectedLines);
  });

  it('leaves files of another day or other parties unpaired, without a counterpart', () => {
    for (const name of ['2025-02-06-cn-by-other-parties-en.txt', '2025-02-07-cn-pk-other-day-en.txt']) {
      const [f] = analyse(path.join(SPLIT, name));
      assert.strictEqual('counterpartFile' in f, false);
      assert.deepStrictEqual(f.pairs, []);
      assert.deepStrictEqual(f.unpaired.map((p: any) => p.line), [1, 3, 5, 7, 9, 11, 13, 15]);
    }
  });
});
