// `npm start`: try Treaty Lens in a real VS Code on the corpus.
//   npm start                 code-server in the browser, with the packaged .vsix installed
//   npm start -- --desktop    a desktop `code` on PATH, loading this folder as a development extension
//   npm start -- --port 8080  a fixed port (default: 8080 when free, else any free port)
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  ensureCodeServer, freePort, installExtension, profileDirs, repoRoot, startCodeServer, stopProcessGroup,
  writeUserSettings,
} from './code-server.mjs';

const args = process.argv.slice(2);
const desktop = args.includes('--desktop');
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;
const corpusDir = join(repoRoot, 'corpus');
const vsixPath = join(repoRoot, 'treaty-lens.vsix');

function npm(...npmArgs) {
  console.log(`start: $ npm ${npmArgs.join(' ')}`);
  const r = spawnSync('npm', npmArgs, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ${npmArgs.join(' ')} exited with ${r.status ?? r.signal}`);
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Resolves when the process receives Ctrl-C / SIGTERM, or when `exited` settles. */
function untilInterrupted(exited) {
  return new Promise((resolve) => {
    const onSignal = (signal) => resolve(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
    exited.then((code) => resolve(`exit ${code}`));
  });
}

async function startDesktop() {
  npm('run', 'build');
  const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error('no `code` on PATH: install VS Code and its shell command, or run `npm start` for the browser version');
  }
  // --wait keeps `code` in the foreground, so Ctrl-C here ends the window's launcher too.
  const codeArgs = ['--new-window', '--wait', `--extensionDevelopmentPath=${repoRoot}`, corpusDir];
  console.log(`start: $ code ${codeArgs.join(' ')}`);
  const child = spawn('code', codeArgs, { stdio: 'inherit', detached: true });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const reason = await untilInterrupted(exited);
  if (!reason.startsWith('exit')) await stopProcessGroup(child.pid, exited);
}

async function startBrowser() {
  npm('run', 'build');
  npm('run', 'package');
  ensureCodeServer();
  const dirs = profileDirs('start');
  writeUserSettings(dirs.userDataDir, {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'git.openRepositoryInParentFolders': 'never',
  });
  // Installed like a user installs it, so that what runs is exactly what would ship.
  installExtension(vsixPath, dirs);
  const port = portArg ?? ((await isPortFree(8080)) ? 8080 : await freePort());
  const server = await startCodeServer({ folder: corpusDir, ...dirs, port });
  const url = `${server.url}/?folder=${encodeURIComponent(corpusDir)}`;
  console.log('');
  console.log(`Treaty Lens is running in code-server. Open:\n\n  ${url}\n`);
  console.log('Open a file under corpus/ and look at the Outline view. Ctrl-C stops code-server.');
  try {
    const reason = await untilInterrupted(server.exited);
    console.log(`start: ${reason}, stopping code-server`);
  } finally {
    await server.stop();
  }
}

try {
  if (desktop) await startDesktop();
  else await startBrowser();
} catch (error) {
  console.error(`start: ${error.message}`);
  process.exit(1);
}
