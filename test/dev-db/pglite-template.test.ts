// The embedded dev database starts from a data directory kept in the user's cache (src/dev-db/pglite.ts): the first
// run makes it with initdb and keeps it; later runs load it; a broken one is made anew. No server needed.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, pgliteVersion } from '../../src/dev-db/pglite.js';

describe('the embedded dev database template', () => {
  const was = process.env['SFM_CACHE_DIR'];
  const dir = mkdtempSync(join(tmpdir(), 'sfm-cache-'));
  const file = join(dir, `pglite-${pgliteVersion()}-datadir.tgz`);
  beforeAll(() => {
    process.env['SFM_CACHE_DIR'] = dir;
  });
  afterAll(() => {
    if (was === undefined) delete process.env['SFM_CACHE_DIR'];
    else process.env['SFM_CACHE_DIR'] = was;
  });

  const settings = async () => {
    const dev = await openPglite([]);
    try {
      await dev.db.exec('CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)');
      const [s] = await dev.db.query<{ b: string; w: string; n: number }>(
        `SELECT current_setting('shared_buffers') AS b, current_setting('wal_segment_size') AS w,
           (SELECT count(*)::int FROM t) AS n`,
      );
      return s;
    } finally {
      await dev.dispose();
    }
  };

  it('is made by the first run, loaded by the next, and made anew when it is broken', async () => {
    expect(pgliteVersion()).not.toBe('unknown');
    expect(await settings()).toEqual({ b: '16MB', w: '1MB', n: 1 });
    const made = statSync(file);
    expect(made.size).toBeGreaterThan(1_000_000);

    // Loaded, not made again: the file is the same, and the table of the last run is not in it.
    expect(await settings()).toEqual({ b: '16MB', w: '1MB', n: 1 });
    expect(statSync(file).mtimeMs).toBe(made.mtimeMs);

    writeFileSync(file, 'not a data directory');
    expect(await settings()).toEqual({ b: '16MB', w: '1MB', n: 1 });
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});
