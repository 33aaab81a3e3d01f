import * as assert from 'assert';
import * as vscode from 'vscode';
import { corpusUri, fixtureUri } from './helpers';

describe('treaty language', () => {
  it('claims a corpus text', async () => {
    const doc = await vscode.workspace.openTextDocument(corpusUri('2025-02-06-cn-pk-joint-statement.txt'));
    assert.strictEqual(doc.languageId, 'treaty');
  });

  it('leaves a .txt outside any corpus folder as plain text', async () => {
    const doc = await vscode.workspace.openTextDocument(fixtureUri('not-a-treaty.txt'));
    assert.strictEqual(doc.languageId, 'plaintext');
  });
});
