// Runner 1: the integration suite in desktop VS Code through @vscode/test-electron.
// `npm run test:desktop` downloads VS Code unless VSCODE_EXECUTABLE names an installed one
// (e.g. /usr/share/code/code); machines without access to update.code.visualstudio.com
// must set it. CI here uses code-server instead (client/test/e2e/run.mjs), with the same suite.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const extensionTestsPath = path.join(repoRoot, 'dist', 'test', 'suite', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) {
    console.error(`desktop: ${extensionTestsPath} is missing; run \`npm run build\` first`);
    return 1;
  }
  // A fresh profile: no other extensions, no restored windows, no settings sync.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-lens-vscode-'));
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      launchArgs: [
        path.join(repoRoot, 'corpus'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${userDataDir}`,
      ],
    });
    return 0;
  } catch (error) {
    console.error(`desktop: the suite failed or VS Code could not start: ${String(error)}`);
    return 1;
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
