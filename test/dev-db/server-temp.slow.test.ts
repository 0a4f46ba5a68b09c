// The temporary dev database on the target's server: a reset gives an empty database (a new one, made ahead in the
// background), a reset before anything ran keeps the fresh one, and dispose leaves no database behind. In the slow
// suite, whose files run one at a time: "none behind" looks at every dev database of the server, and in `npm test`
// the other files' dev databases (made while this one ran) were counted as its own (a CI run failed on that).
import { describe, expect, it } from 'vitest';
import { connect, type Queryable } from '../../src/db/queryable.js';
import { openDevDatabase } from '../../src/dev-db/dev-db.js';
import { serverUrl } from '../support/db.js';

async function devDatabases(): Promise<string[]> {
  const admin = await connect(serverUrl(), 'server');
  try {
    const rows = await admin.query<{ d: string }>(
      `SELECT datname AS d FROM pg_database WHERE datname LIKE 'sfm\\_dev\\_%'`,
    );
    return rows.map((r) => r.d);
  } finally {
    await admin.close();
  }
}

const here = async (db: Queryable) => (await db.query<{ d: string }>('SELECT current_database() AS d'))[0]?.d;

describe('a temporary dev database on the server', () => {
  it('resets to an empty new database, keeps a fresh one, and leaves none behind', async () => {
    const before = await devDatabases();
    const dev = await openDevDatabase({ targetUrl: serverUrl(), extensions: [] });
    const mine = () => devDatabases().then((all) => all.filter((d) => !before.includes(d)));
    try {
      const first = await here(dev.db);
      // current_database() was a query: the database counts as used from here on.
      await dev.db.exec("CREATE TABLE t (id int); CREATE SCHEMA s; CREATE TYPE s.e AS ENUM ('a')");
      await dev.reset();
      const second = await here(dev.db);
      expect(second).not.toBe(first);
      const left = await dev.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`,
      );
      expect(left[0]?.n).toBe(0);
      expect(await mine()).not.toContain(first);

      // A reset with nothing run since keeps the database (looked at from a second session, which counts as no use).
      const seen = async () => {
        const other = await (dev.second as () => Promise<Queryable>)();
        try {
          return await here(other);
        } finally {
          await other.close();
        }
      };
      await dev.reset();
      const third = await seen();
      expect(third).not.toBe(second);
      await dev.reset();
      expect(await seen()).toBe(third);
    } finally {
      await dev.dispose();
    }
    expect(await mine()).toEqual([]);
  });
});
