import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { corpusUri, documentSymbols, pollUntil } from './helpers';

const STATEMENT_2025 = '2025-02-06-cn-pk-joint-statement.txt';

const where = (l: vscode.Location | vscode.LocationLink) => {
  const uri = 'targetUri' in l ? l.targetUri : l.uri;
  const range = 'targetUri' in l ? l.targetRange : l.range;
  return `${path.basename(uri.fsPath)}:${range.start.line + 1}:${range.start.character}-${range.end.character}`;
};

async function definitionAt(line: number, needle: string): Promise<string[]> {
  const uri = corpusUri(STATEMENT_2025);
  const doc = await vscode.workspace.openTextDocument(uri);
  const character = doc.lineAt(line).text.indexOf(needle) + 1;
  assert.ok(character > 0, `${needle} on line ${line + 1}`);
  return pollUntil(`definition of ${needle}`, async () => {
    const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider', uri, new vscode.Position(line, character));
    return found && found.length > 0 ? found.map(where) : undefined;
  });
}

describe('glossary terms', () => {
  before(async () => {
    await documentSymbols(corpusUri(STATEMENT_2025));
  });

  it('goes from 一个中国原则 and from "one-China principle" to the same definition: its first use by date', async () => {
    const expected = ['2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt:17:193-199'];
    assert.deepStrictEqual(await definitionAt(20, '一个中国原则'), expected);
    assert.deepStrictEqual(await definitionAt(88, 'one-China principle'), expected);
  });

  it('finds every reference to CPEC in every corpus file, in both languages', async () => {
    const uri = corpusUri(STATEMENT_2025);
    const doc = await vscode.workspace.openTextDocument(uri);
    const character = doc.lineAt(98).text.indexOf('CPEC') + 1;
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, new vscode.Position(98, character));
    const perFile = new Map<string, number>();
    for (const r of refs) perFile.set(path.basename(r.uri.fsPath), (perFile.get(path.basename(r.uri.fsPath)) ?? 0) + 1);
    // Counts from the hand-checked occurrence list (server/test/fixtures/terms/expected-occurrences.json).
    assert.deepStrictEqual(Object.fromEntries([...perFile].sort()), {
      '2023-10-19-cn-pk-xi-meets-kakar-xinhua-report.txt': 7,
      '2023-10-20-cn-pk-joint-press-statement-zh.txt': 8,
      '2024-pk-embassy-article-cn-pk-relations-zh.txt': 24,
      '2025-02-06-cn-pk-joint-statement.txt': 18,
    });
    const texts = new Set(await Promise.all(refs.map(async (r) => (await vscode.workspace.openTextDocument(r.uri)).getText(r.range))));
    // 巴中经济走廊 is Pakistan's own word order, in Kakar's words in the 2023-10-19 report.
    assert.deepStrictEqual([...texts].sort(), ['CPEC', 'China-Pakistan Economic Corridor', '中巴经济走廊', '巴中经济走廊']);
  });
});
