// A second, independent LSP client: headless Neovim 0.7 runs `node dist/cli.js lsp` over
// stdio and asks it what an editor would. Nothing of VS Code or vscode-languageclient is in
// the loop, so a server that only works with VS Code's client fails here.
//
// To check a new feature, add a request to REQUESTS and a check with the same name to CHECKS.
import { spawn, spawnSync } from 'node:child_process';
import { deepStrictEqual } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAptPackages, repoRoot, stopProcessGroup } from '../../scripts/code-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(repoRoot, 'corpus');
const STATEMENT_2025 = join(corpusDir, '2025-02-06-cn-pk-joint-statement.txt');
const TIMEOUT_MS = 20_000;

/** LSP SymbolKind numbers, as the protocol sends them. */
const SymbolKind = { Namespace: 3, Class: 5, String: 15 };

/** What Neovim asks, by name. `textDocument` is filled in with the open buffer. */
const REQUESTS = [
  { name: 'documentSymbol', method: 'textDocument/documentSymbol', params: {} },
  // Inside 一个中国原则 (line 21, UTF-16 characters 66–72) in Chinese article 五、.
  { name: 'hover', method: 'textDocument/hover', params: { position: { line: 20, character: 68 } } },
  { name: 'definition', method: 'textDocument/definition', params: { position: { line: 20, character: 68 } } },
];

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const chinese = (n) => (n < 10 ? CN[n] : `${n >= 20 ? CN[Math.floor(n / 10)] : ''}十${CN[n % 10]}`);
const oneTo = (n) => Array.from({ length: n }, (_, i) => i + 1);
const articlesOf = (section) => (section.children ?? []).filter((c) => c.kind === SymbolKind.Class);

/** One function per request name; each throws (node:assert) on a wrong answer. */
const CHECKS = {
  documentSymbol(symbols) {
    deepStrictEqual(symbols.map((s) => [s.name, s.kind]), [['中文（简体）', SymbolKind.Namespace], ['English', SymbolKind.Namespace]]);
    deepStrictEqual(symbols.map((s) => articlesOf(s).length), [24, 24]);
    deepStrictEqual(articlesOf(symbols[0]).map((a) => a.name), oneTo(24).map((n) => `${chinese(n)}、`));
    deepStrictEqual(articlesOf(symbols[1]).map((a) => a.name), oneTo(24).map((n) => `${n}.`));
    // Positions are UTF-16 code units (the LSP default), 0-based: 五、 is on line 21.
    deepStrictEqual(articlesOf(symbols[0])[4].selectionRange, { start: { line: 20, character: 0 }, end: { line: 20, character: 2 } });
  },
  hover(hover) {
    // Markdown: the English counterpart of 五、 (article 5., line 89), then the glossary term.
    const english = readFileSync(STATEMENT_2025, 'utf8').split('\n')[88];
    const sections = hover.contents.value.split('\n\n---\n\n');
    deepStrictEqual(hover.contents.kind, 'markdown');
    deepStrictEqual(sections[0].split('\n\n').slice(0, 2), ['**↔ English · 5. ¶1 · confidence 1.00**', `> ${english}`]);
    deepStrictEqual(sections[1].split('\n\n')[0], '**一个中国原则** — **one-China principle** `one-china-principle`');
  },
  definition(location) {
    // The first use of the term by date: the 2023-10-19 Kakar report, line 17.
    const target = Array.isArray(location) ? location : [location];
    deepStrictEqual(target.map((l) => [l.uri.split('/').pop(), l.range]), [[
      '2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt',
      { start: { line: 16, character: 193 }, end: { line: 16, character: 199 } },
    ]]);
  },
};

function ensureNeovim() {
  if (spawnSync('nvim', ['--version']).status !== 0) ensureAptPackages(['neovim']);
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  console.log(`nvim: ${version}`);
}

function runNeovim(env) {
  // Its own process group, so that a hung Neovim takes the server it started down with it.
  const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', STATEMENT_2025, '-c', `luafile ${join(here, 'query.lua')}`],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const stop = () => stopProcessGroup(child.pid, exited, 1000);
  const onSignal = () => stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS * (REQUESTS.length + 2));
  });
  return Promise.race([exited, timedOut]).then(async (code) => {
    clearTimeout(timer);
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    return { code, output };
  });
}

async function main() {
  // Always rebuild: a stale dist/cli.js would test yesterday's server.
  const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  ensureNeovim();
  const work = mkdtempSync(join(tmpdir(), 'treaty-lens-nvim-'));
  try {
    const requestsFile = join(work, 'requests.json');
    const resultsFile = join(work, 'results.json');
    writeFileSync(requestsFile, JSON.stringify({
      cmd: [process.execPath, join(repoRoot, 'dist', 'cli.js'), 'lsp'],
      root: corpusDir,
      timeout_ms: TIMEOUT_MS,
      requests: REQUESTS,
    }));
    const started = Date.now();
    const { code, output } = await runNeovim({
      ...process.env,
      TREATY_LENS_REQUESTS: requestsFile,
      TREATY_LENS_RESULTS: resultsFile,
      // Neovim writes lsp.log and shada files under these otherwise.
      XDG_CACHE_HOME: join(work, 'cache'),
      XDG_STATE_HOME: join(work, 'state'),
      XDG_DATA_HOME: join(work, 'data'),
      XDG_CONFIG_HOME: join(work, 'config'),
    });
    if (!existsSync(resultsFile)) {
      throw new Error(`Neovim wrote no results (exit ${code}):\n${output}${readLspLog(work)}`);
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    console.log(`nvim: answers in ${Date.now() - started} ms`);
    let passed = 0;
    let failed = 0;
    if (results.errors?.lua) {
      failed++;
      console.log(`  ✘ Neovim session: ${results.errors.lua}${readLspLog(work)}`);
    }
    for (const { name, method } of REQUESTS) {
      try {
        if (results.errors?.[name]) throw new Error(results.errors[name]);
        if (!(name in (results.responses ?? {}))) throw new Error('no answer');
        CHECKS[name](results.responses[name]);
        passed++;
        console.log(`  ✔ ${method}`);
      } catch (error) {
        failed++;
        console.log(`  ✘ ${method}: ${error.message}`);
      }
    }
    console.log(`nvim: ${passed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function readLspLog(work) {
  const log = join(work, 'cache', 'nvim', 'lsp.log');
  return existsSync(log) ? `\n--- lsp.log ---\n${readFileSync(log, 'utf8').slice(-4000)}` : '';
}

main().then((code) => process.exit(code), (error) => {
  console.error(`nvim: ${error.stack ?? error}`);
  console.log('nvim: 0 passed, 1 failed');
  process.exit(1);
});
