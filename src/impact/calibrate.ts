// How fast the dev database rewrites, indexes and scans a table, measured on a generated one: the rates that scale
// a step's work to the target's table sizes. Beside the target (the default dev database with --url) the rates are
// the target server's own; on the embedded one they are PGlite's, which runs slower than a server.
import type { Queryable } from '../db/queryable.js';

export interface Rates {
  /** Bytes per millisecond. */
  readonly rewrite: number;
  readonly index: number;
  readonly scan: number;
  /** How the rates were found, said after "the rewrite rate": `measured on the dev database …`. */
  readonly where: string;
}

const ROWS = 200_000;

/** Below this, a step's table is too small for its time to matter: rates a server reaches, not measured. */
export const MEASURED_FROM_BYTES = 8 * 1024 ** 2;

/** Bytes per millisecond of a 2-core server (measured once here with PostgreSQL 15: about 55 MB/s rewriting). */
export const TYPICAL_RATES: Rates = {
  rewrite: 50_000,
  index: 50_000,
  scan: 200_000,
  where: 'typical of a server, not measured: the tables are small',
};
const SCHEMA = 'sfm_calibration';

const timed = async (db: Queryable, sql: string) => {
  const t = performance.now();
  await db.exec(sql);
  return Math.max(performance.now() - t, 0.01);
};

export async function calibrate(db: Queryable, where: string): Promise<Rates> {
  const t = `${SCHEMA}.t`;
  await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA};
    CREATE TABLE ${t} (id int PRIMARY KEY, v int NOT NULL, note text NOT NULL);
    INSERT INTO ${t} SELECT g, g % 100, 'note ' || g FROM generate_series(1, ${ROWS}) g; CHECKPOINT`);
  try {
    const size = async () =>
      Number((await db.query<{ b: string }>(`SELECT pg_catalog.pg_total_relation_size('${t}') AS b`))[0]?.b);
    const bytes = await size();
    const scan = bytes / (await timed(db, `SELECT count(*) FROM ${t} WHERE note IS NULL`));
    const index = bytes / (await timed(db, `CREATE INDEX sfm_calibration_note ON ${t} (note)`));
    const rewritten = await size();
    const rewrite = rewritten / (await timed(db, `ALTER TABLE ${t} ALTER COLUMN v TYPE bigint`));
    return { rewrite, index, scan, where: `measured on ${where}` };
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  }
}
