/** What every bench shares: a median timer and a Markdown table printer. */

/** Median milliseconds of `fn` over enough runs to last about `budgetMs`, after one warm-up run. */
export function time(fn: () => unknown, budgetMs = 1500): number {
  fn(); // warm-up: JIT and OpenCC's dictionaries
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < 5 || (performance.now() - start < budgetMs && samples.length < 200)) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

/** Prints rows (the first is the header) as an aligned Markdown table. */
export function printTable(rows: readonly string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log('| ' + r.map((c, j) => c.padEnd(widths[j])).join(' | ') + ' |');
    if (i === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  }
}
