// `npm test`: every test stage, in order, on a fresh clone: type-check, build, unit and LSP
// tests, grammar tests, the real VS Code (code-server) end-to-end run, and Neovim. Every stage
// runs even when an earlier one fails, so that one run names every broken part; the command
// fails at the end if any stage failed. The last line counts tests: `tests: N passed, M failed`.
//
//   npm test                 all stages
//   npm test -- unit grammar only the named stages
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each stage: the npm script and how to read its test counts from its output. */
const STAGES = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'build', script: 'build' },
  { name: 'unit', script: 'test:unit', counts: (out) => counts(out, /(\d+) passing/, /(\d+) failing/) },
  {
    name: 'grammar', script: 'test:grammar',
    // One line per test file that passed; a failing file makes the runner exit non-zero.
    counts: (out) => ({ passed: (out.match(/run successfu/g) ?? []).length, failed: 0 }),
  },
  { name: 'e2e', script: 'test:e2e', counts: (out) => counts(out, /^e2e: (\d+) passed/m, /^e2e: \d+ passed, (\d+) failed/m) },
  { name: 'nvim', script: 'test:nvim', counts: (out) => counts(out, /^nvim: (\d+) passed/m, /^nvim: \d+ passed, (\d+) failed/m) },
];

function counts(out, passedRe, failedRe) {
  const last = (re) => {
    const all = [...out.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  return { passed: last(passedRe), failed: last(failedRe) };
}

/** Runs one npm script, echoing its output, and resolves with its exit code and output. */
function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const echo = (stream) => (chunk) => {
      out += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    // Ctrl-C reaches the child's process group too; the stage scripts stop what they started.
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out }));
  });
}

const wanted = process.argv.slice(2);
const stages = wanted.length ? STAGES.filter((s) => wanted.includes(s.name)) : STAGES;
if (stages.length === 0) {
  console.error(`unknown stage(s) ${wanted.join(', ')}; stages: ${STAGES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const summary = [];
let passed = 0;
let failed = 0;
const started = Date.now();
for (const stage of stages) {
  const t = Date.now();
  console.log(`\n=== ${stage.name} (npm run ${stage.script}) ===`);
  const { code, out } = await run(stage.script);
  const c = stage.counts ? stage.counts(out) : { passed: 0, failed: 0 };
  // A stage that exits non-zero without a counted failure (a crash, a type error) still counts once.
  if (code !== 0 && c.failed === 0) c.failed = 1;
  // A test stage that exits 0 having run nothing is a failure: a green run must have tested something.
  if (code === 0 && stage.counts && c.passed === 0) c.failed = 1;
  passed += c.passed;
  failed += c.failed;
  const ok = code === 0 && c.failed === 0;
  summary.push(`${ok ? '✔' : '✘'} ${stage.name.padEnd(9)} ${stage.counts ? `${c.passed} passed, ${c.failed} failed` : ok ? 'ok' : `exit ${code}`} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
}

console.log(`\n=== summary (${((Date.now() - started) / 1000).toFixed(0)} s) ===`);
for (const line of summary) console.log(line);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
