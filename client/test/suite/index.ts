// Entry point of the in-editor integration suite. Both runners load it as
// `extensionTestsPath`: @vscode/test-electron (desktop VS Code) and code-server (through the
// URL payload). The editor calls `run()` inside its extension host and treats a rejected
// promise as a failed run.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    // Cold starts of the language server on two cores take seconds; each test still polls
    // with its own, shorter deadline so that a hang names what it waited for.
    timeout: 60_000,
    color: false,
    reporter: 'spec',
  });
  // The test files are bundled into this file, so mocha cannot `require` them by path:
  // expose describe/it first, then evaluate each file (esbuild keeps `require` lazy).
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  require('./language.test');
  require('./symbols.test');
  require('./pairing.test');
  require('./terms.test');
  require('./annotations.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
