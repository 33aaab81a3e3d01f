/**
 * `npm run bench`: runs every `server/bench/*.bench.ts` in its own process (so one bench's
 * heap does not colour another's figures) and fails if any of them fails.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const dir = __dirname;
const only = process.argv[2];
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n## ${bench}\n\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, bench)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
