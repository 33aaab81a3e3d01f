import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { corpusUri, describeSymbols, documentSymbols, pollUntil } from './helpers';

const STATEMENT_2025 = '2025-02-06-cn-pk-joint-statement.txt';
const PRESS_2023 = '2023-10-20-cn-pk-joint-press-statement-zh.txt';

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 24 → 二十四: written out here rather than imported, so that the test does not share the server's numeral code. */
function chineseNumeral(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return CN_DIGITS[ones];
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${CN_DIGITS[ones]}`;
}

function articleNames(section: vscode.DocumentSymbol): string[] {
  return section.children.filter((c) => c.kind === vscode.SymbolKind.Class).map((c) => c.name);
}

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('document symbols (outline)', () => {
  it('gives the 2025 joint statement a Chinese and an English section of 24 articles each', async () => {
    const symbols = await documentSymbols(corpusUri(STATEMENT_2025));
    assert.deepStrictEqual(describeSymbols(symbols), ['Namespace 中文（简体）', 'Namespace English']);
    const [zh, en] = symbols;
    assert.deepStrictEqual(articleNames(zh), oneTo(24).map((n) => `${chineseNumeral(n)}、`));
    assert.deepStrictEqual(articleNames(en), oneTo(24).map((n) => `${n}.`));
  });

  it('starts article 五、 on line 21 and its English twin 5. on line 89', async () => {
    const [zh, en] = await documentSymbols(corpusUri(STATEMENT_2025));
    const fifth = (s: vscode.DocumentSymbol) => s.children.filter((c) => c.kind === vscode.SymbolKind.Class)[4];
    // 0-based in the API; an editor shows lines 21 and 89.
    assert.deepStrictEqual(
      [zh, en].map((s) => [fifth(s).name, fifth(s).selectionRange.start.line, fifth(s).selectionRange.start.character]),
      [['五、', 20, 0], ['5.', 88, 0]],
    );
  });

  it('gives the 2023 Chinese press statement one section of 31 articles', async () => {
    const symbols = await documentSymbols(corpusUri(PRESS_2023));
    assert.deepStrictEqual(describeSymbols(symbols), ['Namespace 中文（简体）']);
    assert.deepStrictEqual(articleNames(symbols[0]), oneTo(31).map((n) => `${n}.`));
  });
});

describe('workspace symbols', () => {
  it('finds article 5 of both languages of the 2025 statement for 第五条', async () => {
    await documentSymbols(corpusUri(STATEMENT_2025));
    const hits = await pollUntil('workspace symbols for 第五条 in the 2025 statement', async () => {
      const all = await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>(
        'vscode.executeWorkspaceSymbolProvider',
        '第五条',
      );
      const inStatement = (all ?? []).filter((s) => path.basename(s.location.uri.fsPath) === STATEMENT_2025);
      return inStatement.length > 0 ? inStatement : undefined;
    });
    const found = hits
      .map((s) => `${s.location.range.start.line + 1} ${s.name.split(' ')[0]} (${s.containerName})`)
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    assert.deepStrictEqual(found, [
      `21 五、 (${STATEMENT_2025} · 中文（简体）)`,
      `89 5. (${STATEMENT_2025} · English)`,
    ]);
  });
});
