/** The invariants of server/ARCHITECTURE.md that a machine can check. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from './support/lspClient';

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourcesUnder(full));
    else if (e.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)) found.push(m[1]);
  return found;
}

describe('architecture invariants', () => {
  const core = path.join(REPO, 'server/src/core');

  it('the core imports no LSP, no vscode and no file system', () => {
    const forbidden = /^(vscode|vscode-languageserver.*|vscode-languageclient.*|fs|fs\/promises|path|child_process|os|node:.*)$/;
    const offenders = sourcesUnder(core).flatMap((f) =>
      importsOf(f).filter((i) => forbidden.test(i)).map((i) => `${path.relative(REPO, f)} imports ${i}`));
    assert.deepStrictEqual(offenders, []);
  });

  it('the core never reaches back into the LSP layer, the host or the CLI', () => {
    const offenders = sourcesUnder(core).flatMap((f) =>
      importsOf(f).filter((i) => /(^|\/)(lsp|host|cli)(\/|$)/.test(i)).map((i) => `${path.relative(REPO, f)} imports ${i}`));
    assert.deepStrictEqual(offenders, []);
  });

  it('only lsp/ knows the protocol', () => {
    const outside = [...sourcesUnder(path.join(REPO, 'server/src'))].filter((f) => !f.includes(`${path.sep}lsp${path.sep}`));
    const offenders = outside.flatMap((f) =>
      importsOf(f).filter((i) => i.startsWith('vscode-languageserver')).map((i) => `${path.relative(REPO, f)} imports ${i}`));
    assert.deepStrictEqual(offenders, []);
  });
});
