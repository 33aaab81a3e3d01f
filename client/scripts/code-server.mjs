// code-server (VS Code in the browser) for `npm start` and the end-to-end tests.
// It lives in its own ignored folder, .code-server/, so that the extension's own dependency
// tree stays light; the install follows /work/shared/REAL-CLIENTS.md step by step because a
// plain `npm install code-server` fails as root without internet beyond npm.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const codeServerHome = join(repoRoot, '.code-server');
const pkgDir = join(codeServerHome, 'pkg');
const moduleDir = join(pkgDir, 'node_modules', 'code-server');
const vscodeDir = join(moduleDir, 'lib', 'vscode');
// The marker names the version so that changing the pin forces a fresh install.
const marker = join(pkgDir, `.installed-${CODE_SERVER_VERSION}`);
export const codeServerBin = join(moduleDir, 'out', 'node', 'entry.js');

const APT_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'ripgrep'];

function log(message) {
  console.log(`[code-server] ${message}`);
}

function run(command, args, options = {}) {
  log(`$ ${[command, ...args].join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

function missingAptPackages(packages) {
  return packages.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/**
 * Installs Debian packages that are not installed yet. Only possible as root; otherwise
 * it names the missing packages and throws, because continuing would fail later with a
 * far less readable error.
 */
export function ensureAptPackages(packages) {
  const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
  if (!hasDpkg) {
    log(`no dpkg: make sure these are installed: ${packages.join(' ')}`);
    return;
  }
  const missing = missingAptPackages(packages);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages (run as root or install them): apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', ...missing], { env });
}

/** True when a finished install is recorded. */
export function isCodeServerInstalled() {
  return existsSync(marker) && existsSync(codeServerBin);
}

/**
 * Installs the pinned code-server into .code-server/pkg on first use; later calls return
 * at once. Returns the path of its entry script (run it with `node`).
 */
export function ensureCodeServer() {
  if (isCodeServerInstalled()) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${pkgDir}`);
    return codeServerBin;
  }
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${pkgDir} (about a minute with a warm npm cache, ~300 MB)`);
  ensureAptPackages(APT_PACKAGES);
  mkdirSync(pkgDir, { recursive: true });
  // A private package.json stops npm from walking up and installing into the repo itself.
  const pkgJson = join(pkgDir, 'package.json');
  if (!existsSync(pkgJson)) {
    writeFileSync(pkgJson, JSON.stringify({ name: 'treaty-lens-code-server', private: true }, null, 2) + '\n');
  }
  const npm = 'npm';
  const quiet = ['--no-audit', '--no-fund'];

  log('step 1/5: code-server package without install scripts');
  run(npm, ['install', '--ignore-scripts', ...quiet, `code-server@${CODE_SERVER_VERSION}`], { cwd: pkgDir });
  log('step 2/5: argon2 native module');
  run(npm, ['rebuild', 'argon2'], { cwd: pkgDir });
  log('step 3/5: VS Code server dependencies');
  run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], { cwd: vscodeDir });

  // ripgrep's postinstall downloads from GitHub unless a binary is already in place.
  const rgBinDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  const rgLink = join(rgBinDir, 'rg');
  mkdirSync(rgBinDir, { recursive: true });
  if (!existsSync(rgLink)) {
    const systemRg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
    if (!systemRg) throw new Error('ripgrep not found at /usr/bin/rg; install it (apt-get install -y ripgrep)');
    symlinkSync(systemRg, rgLink);
  }

  log('step 4/5: native modules of VS Code server (node-pty, watchers, ...)');
  run(npm, ['rebuild'], { cwd: vscodeDir, env: { ...process.env, npm_config_yes: 'true' } });
  log('step 5/5: built-in extensions dependencies');
  run(npm, ['install', '--omit=dev', ...quiet], { cwd: join(vscodeDir, 'extensions') });

  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return codeServerBin;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Polls `check` until it returns a truthy value or the deadline passes; returns that value.
 * `check` may throw to mean "not yet".
 */
export async function pollUntil(check, { timeoutMs, intervalMs = 200, what }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Directories of one code-server profile: settings, state and installed extensions.
 * `name` keeps `npm start` and the tests from sharing state.
 */
export function profileDirs(name) {
  const root = join(codeServerHome, 'profiles', name);
  const dirs = { root, userDataDir: join(root, 'user-data'), extensionsDir: join(root, 'extensions') };
  mkdirSync(dirs.userDataDir, { recursive: true });
  mkdirSync(dirs.extensionsDir, { recursive: true });
  return dirs;
}

/** Settings that keep a test or demo window quiet and deterministic. */
export function writeUserSettings(userDataDir, settings) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

function isolatedEnv(extra = {}) {
  // code-server writes ~/.config/code-server/config.yaml otherwise.
  const home = mkdtempSync(join(tmpdir(), 'treaty-lens-cs-home-'));
  // code-server lets $PORT (and $PASSWORD, $HASHED_PASSWORD) override its command line: a PORT
  // set in the user's shell would move it off the port we wait on.
  const { PORT, PASSWORD, HASHED_PASSWORD, ...inherited } = process.env;
  return { env: { ...inherited, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...extra }, home };
}

/** Runs `code-server --install-extension vsix` into a profile's extensions folder. */
export function installExtension(vsixPath, { userDataDir, extensionsDir }) {
  const { env, home } = isolatedEnv();
  try {
    run(process.execPath, [codeServerBin, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      '--install-extension', vsixPath, '--force'], { env });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Process groups started here and not stopped yet. */
const liveGroups = new Set();
// Last line of defence: whatever way this process ends (an uncaught error, a cleanup that
// hangs and lets the event loop drain, process.exit in a signal handler), no code-server
// group outlives it. Only SIGKILL of this process itself escapes this.
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/**
 * Starts code-server in its own process group (setsid semantics through `detached`) so
 * that stopCodeServer can also end the file watchers and extension hosts it forks.
 * Resolves once /healthz answers. The returned object has `url`, `host`, `port`, `pid`,
 * `stop()` and `exited` (a promise of the exit code).
 */
export async function startCodeServer({ folder, userDataDir, extensionsDir, port, logFile, timeoutMs = 60_000 }) {
  const listenPort = port ?? (await freePort());
  const host = '127.0.0.1';
  const { env, home } = isolatedEnv();
  const args = [
    codeServerBin,
    '--bind-addr', `${host}:${listenPort}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (folder) args.push(folder);
  const stdio = logFile ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'];
  const child = spawn(process.execPath, args, { detached: true, stdio, env });
  liveGroups.add(child.pid);
  let output = '';
  if (logFile) {
    const collect = (chunk) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
  }
  const exited = new Promise((r) => child.on('exit', (code, signal) => r(code ?? signal)));
  let exitCode;
  exited.then((code) => {
    exitCode = code;
  });
  const server = {
    host,
    port: listenPort,
    pid: child.pid,
    url: `http://${host}:${listenPort}`,
    exited,
    output: () => output,
    stop: async () => {
      await stopProcessGroup(child.pid, exited);
      liveGroups.delete(child.pid);
      if (logFile) writeFileSync(logFile, output);
      rmSync(home, { recursive: true, force: true });
    },
  };
  try {
    await pollUntil(async () => {
      if (exitCode !== undefined) throw new Error(`code-server exited with ${exitCode}\n${output}`);
      const response = await fetch(`${server.url}/healthz`);
      return response.ok;
    }, { timeoutMs, what: `${server.url}/healthz` });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/**
 * Sends SIGTERM to a whole process group, then SIGKILL if the leader has not exited within
 * `graceMs`. Children that outlive the leader die with the SIGKILL to the group.
 */
export async function stopProcessGroup(pid, exited, graceMs = 5000) {
  const signalGroup = (signal) => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false; // ESRCH: the group is already gone.
    }
  };
  if (!signalGroup('SIGTERM')) return;
  const timedOut = Symbol('timeout');
  let timer;
  const result = await Promise.race([
    exited,
    new Promise((r) => {
      timer = setTimeout(() => r(timedOut), graceMs);
    }),
  ]);
  clearTimeout(timer);
  // Watchers may ignore SIGTERM or outlive the leader; the group must not survive us.
  signalGroup('SIGKILL');
  return result === timedOut ? 'killed' : result;
}

/** Reads the installed code-server's VS Code version (for logs). */
export function codeServerVersionInfo() {
  try {
    const pkg = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8'));
    return `code-server ${pkg.version}`;
  } catch {
    return 'code-server (unknown version)';
  }
}

// `node client/scripts/code-server.mjs` installs without starting anything (used by CI to
// separate install time from test time).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCodeServer();
}
