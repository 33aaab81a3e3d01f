/**
 * Readable snapshots (marksman / rust-analyzer expect! style): a result rendered as text,
 * compared with a checked-in file. `UPDATE_SNAPSHOTS=1 npm run test:unit` rewrites them;
 * the reviewer reads the diff.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

export const SNAPSHOT_DIR = path.resolve(__dirname, '..', 'snapshots');

export function expectSnapshot(name: string, actual: string): void {
  const file = path.join(SNAPSHOT_DIR, name);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) assert.fail(`snapshot ${name} is missing: run UPDATE_SNAPSHOTS=1 npm run test:unit and review it`);
  assert.strictEqual(actual, fs.readFileSync(file, 'utf8'), `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}
