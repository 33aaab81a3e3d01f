import * as path from 'path';
import * as vscode from 'vscode';

// The bundle runs from dist/test/suite/, three levels below the repository.
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function corpusUri(fileName: string): vscode.Uri {
  return vscode.Uri.file(path.join(repoRoot, 'corpus', fileName));
}

export function fixtureUri(fileName: string): vscode.Uri {
  return vscode.Uri.file(path.join(repoRoot, 'client', 'test', 'fixtures', fileName));
}

/**
 * Calls `check` until it returns a value other than undefined, or fails after `timeoutMs`
 * naming `what`. The language server starts asynchronously: its providers answer empty
 * until it is ready, so tests wait for the answer instead of sleeping.
 */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens a document and waits until the document symbol provider gives a non-empty answer. */
export async function documentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return pollUntil(`document symbols of ${path.basename(uri.fsPath)}`, async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    return symbols && symbols.length > 0 ? symbols : undefined;
  });
}

/** `name` of each symbol, with the kind, so that a wrong kind shows in the diff too. */
export function describeSymbols(symbols: readonly vscode.DocumentSymbol[]): string[] {
  return symbols.map((s) => `${vscode.SymbolKind[s.kind]} ${s.name}`);
}
