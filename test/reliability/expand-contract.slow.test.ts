// Zero-downtime breaking changes under load (issue 24): on a table of 2 million rows that another table points at,
// the key goes from integer to bigint, a real column to numeric by a declared conversion, and a column is renamed,
// online. One group of
// pgbench clients runs the old application version (the table as it was) from before the expand until it is
// retired; a second group runs the new version (through the migration's version schema) from the end of the expand
// to after the contract. Both insert, update and read the table the whole time: no client may fail, and none may wait
// longer than lock_timeout + 1 s. pgbench's maximum latency with and without the migration is printed.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';
import { PGBENCH, pgbench } from '../support/pgbench.js';

const LOCK_TIMEOUT_MS = 1000;
const ROWS = Number(process.env['SFM_ONLINE_ROWS'] ?? 2_000_000);
const database = useDatabases();

const BEFORE = `CREATE TABLE acct (id serial PRIMARY KEY, name text NOT NULL, weight real);
CREATE TABLE link (id serial PRIMARY KEY, acct_id int NOT NULL REFERENCES acct (id), note text);
CREATE INDEX link_acct ON link (acct_id);`;
const AFTER = `CREATE TABLE acct (id bigserial PRIMARY KEY, title text NOT NULL, -- sfm:renamed-from name

  -- sfm:using-down weight::real
  weight numeric(14,4) -- sfm:using round(weight::numeric, 4)
);
CREATE TABLE link (id serial PRIMARY KEY, acct_id int NOT NULL REFERENCES acct (id), note text);
CREATE INDEX link_acct ON link (acct_id);`;

// Every client writes and reads the table being changed, and the table pointing at it; the old version by the
// column's old name, the new one by its new name.
const WORKLOAD = (who: string, name = who === 'new' ? 'title' : 'name') => `\\set id random(1, ${ROWS})
INSERT INTO acct (${name}, weight) VALUES ('${who}', 1.25);
UPDATE acct SET weight = weight + 1 WHERE id = :id;
SELECT id, ${name}, weight FROM acct WHERE id = :id;
INSERT INTO link (acct_id, note) VALUES (:id, '${who}');
`;

describe.skipIf(!existsSync(PGBENCH))('expand, backfill, contract under pgbench load', () => {
  it('changes a 2M-row key to bigint, a column by a conversion and a name with no client error or long wait', async () => {
    const target = await database();
    const dir = project({ 'schema/s.sql': BEFORE });
    const cli = (args: string[]) => runCli(args, { cwd: dir });
    const ok = (r: { code: number; stderr: string }) => expect(r.code, r.stderr).toBe(0);
    ok(await cli(['plan', '--name', 'init']));
    ok(await cli(['apply', '--url', target.url]));
    await target.db.exec(`INSERT INTO acct (name, weight) SELECT 'a' || g, g / 7.0 FROM generate_series(1, ${ROWS}) g;
      INSERT INTO link (acct_id, note) SELECT g * 10, 'l' FROM generate_series(1, ${ROWS / 10}) g;
      ANALYZE acct; ANALYZE link;`);
    writeFileSync(join(dir, 'schema', 's.sql'), AFTER);
    const plan = await cli(['plan', '--online', '--name', 'bigint_key']);
    ok(plan);
    const version = /generated-migrations\/(\d+)_bigint_key\.sql/.exec(plan.stdout)?.[1] ?? '';
    expect(version).not.toBe('');

    const quiet = await pgbench(target, WORKLOAD('quiet'), 6);
    const timing = ['--lock-timeout', `${LOCK_TIMEOUT_MS}ms`, '--lock-retries', '10', '--lock-retry-delay', '200ms'];
    const oldApp = pgbench(target, WORKLOAD('old'), 60, { clients: 2 });
    await new Promise((r) => setTimeout(r, 2000));
    let started = Date.now();
    const expand = await cli(['apply', '--url', target.url, ...timing]);
    const expandMs = Date.now() - started;
    ok(expand);
    expect(expand.stdout).toMatch(/expanded \d+_bigint_key/);
    const newApp = pgbench(target, WORKLOAD('new'), 45, { clients: 2, searchPath: `sfm_v${version},public` });
    const old = await oldApp;
    started = Date.now();
    const contract = await cli(['apply', '--url', target.url, '--contract', ...timing]);
    const contractMs = Date.now() - started;
    ok(contract);
    const fresh = await newApp;

    expect(old.failed, old.stderr).toBe(0);
    expect(fresh.failed, fresh.stderr).toBe(0);
    expect(old.maxMs).toBeLessThanOrEqual(LOCK_TIMEOUT_MS + 1000);
    expect(fresh.maxMs).toBeLessThanOrEqual(LOCK_TIMEOUT_MS + 1000);
    // Each group's rows are there with both columns right, whichever version wrote them.
    const [mixed] = await target.db.query<{ old: number; new: number; bad: number }>(
      `SELECT count(*) FILTER (WHERE title = 'old')::int AS old, count(*) FILTER (WHERE title = 'new')::int AS new,
              count(*) FILTER (WHERE weight <> 1.25)::int AS bad
         FROM acct WHERE id > ${ROWS}`,
    );
    expect(mixed).toEqual({ old: old.transactions, new: fresh.transactions, bad: 0 });
    const [shape] = await target.db.query<{ id: string; weight: string; valid: boolean }>(
      `SELECT (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'acct'::regclass AND attname = 'id') AS id,
              (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'acct'::regclass AND attname = 'weight') AS weight,
              (SELECT convalidated FROM pg_constraint WHERE conname = 'link_acct_id_fkey') AS valid`,
    );
    expect(shape).toEqual({ id: 'bigint', weight: 'numeric(14,4)', valid: true });
    const replan = await cli(['plan', '--dry-run', '--url', target.url]);
    ok(replan);
    expect(replan.stdout).toContain('No changes');
    process.stdout.write(
      `expand/contract under load (${ROWS} rows): pgbench max latency ${quiet.maxMs.toFixed(1)} ms without the ` +
        `migration (${quiet.transactions} tx); old version ${old.maxMs.toFixed(1)} ms (${old.transactions} tx), new ` +
        `version ${fresh.maxMs.toFixed(1)} ms (${fresh.transactions} tx) with it; expand and backfill ${expandMs} ms, ` +
        `contract ${contractMs} ms\n${expand.stderr}`,
    );
  });
});
