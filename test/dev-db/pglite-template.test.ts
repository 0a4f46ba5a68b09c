// The embedded dev database starts from a data directory kept in the user's cache (src/dev-db/pglite.ts): the first
// run makes it with initdb and keeps it; later runs copy it into a temporary folder, removed when they end; a broken
// one is made anew. No server needed.
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, pgliteVersion } from '../../src/dev-db/pglite.js';

describe('the embedded dev database template', () => {
  const was = process.env['SFM_CACHE_DIR'];
  const dir = mkdtempSync(join(tmpdir(), 'sfm-cache-'));
  const kept = join(dir, `pglite-${pgliteVersion()}-datadir`);
  const control = join(kept, 'global', 'pg_control');
  // Each run's copy goes under TMPDIR, this test's own folder here (os.tmpdir() reads it at each call).
  const wasTmp = process.env['TMPDIR'];
  const temp = mkdtempSync(join(tmpdir(), 'sfm-tmp-'));
  const runs = () => readdirSync(temp);
  beforeAll(() => {
    process.env['SFM_CACHE_DIR'] = dir;
    process.env['TMPDIR'] = temp;
  });
  afterAll(() => {
    if (wasTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = wasTmp;
    if (was === undefined) delete process.env['SFM_CACHE_DIR'];
    else process.env['SFM_CACHE_DIR'] = was;
  });

  const settings = async (shipped = false) => {
    const dev = await openPglite([], { shipped });
    expect(runs()).toHaveLength(1);
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

  it("starts from the package's own, made by the build, when the user's cache has none", async () => {
    const shipped = join(import.meta.dirname, '..', '..', 'dist', `pglite-${pgliteVersion()}-datadir`);
    expect(statSync(join(shipped, 'global', 'pg_control')).size).toBe(8192);
    expect(await settings(true)).toEqual({ b: '16MB', w: '1MB', n: 1 });
    // Copied, not made: nothing was kept in the cache, and the package's directory is as the build left it.
    expect(() => statSync(control)).toThrow();
    expect(runs()).toEqual([]);
  });

  it('is made by the first run, copied by the next, made anew when it is broken, and leaves no copy behind', async () => {
    expect(pgliteVersion()).not.toBe('unknown');
    expect(await settings()).toEqual({ b: '16MB', w: '1MB', n: 1 });
    const made = statSync(control);
    expect(made.size).toBe(8192);

    // Copied, not made again: the kept directory is the same, and the table of the last run is not in it.
    expect(await settings()).toEqual({ b: '16MB', w: '1MB', n: 1 });
    expect(statSync(control).mtimeMs).toBe(made.mtimeMs);

    writeFileSync(control, 'not a control file');
    expect(await settings()).toEqual({ b: '16MB', w: '1MB', n: 1 });
    expect(statSync(control).size).toBe(8192);
    // Each run's copy is gone with its database.
    expect(runs()).toEqual([]);
  });
});
