// Real load for the slow suites: pgbench runs a custom script against a test database, and its per-transaction log
// gives the longest wait a client saw.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runProcess } from '../../src/sys/process.js';
import type { TestDatabase } from './db.js';

export const PGBENCH = process.env['SFM_PGBENCH'] ?? '/usr/lib/postgresql/15/bin/pgbench';

export interface Load {
  /** The longest transaction, in milliseconds. */
  readonly maxMs: number;
  readonly transactions: number;
}

/** Runs `workload` (a pgbench script) with 4 clients for `seconds`. */
export async function pgbench(target: TestDatabase, workload: string, seconds: number): Promise<Load> {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-bench-'));
  writeFileSync(join(dir, 'workload.sql'), workload);
  const u = new URL(target.url);
  const args = ['-n', '-c', '4', '-j', '2', '-T', String(seconds), '-f', join(dir, 'workload.sql'), '-l'];
  const r = await runProcess(
    PGBENCH,
    [
      ...args,
      '--log-prefix',
      join(dir, 'tx'),
      '-h',
      u.hostname,
      '-p',
      u.port,
      '-U',
      decodeURIComponent(u.username),
      target.name,
    ],
    { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } },
  );
  expect(r.code, r.stderr).toBe(0);
  // Log lines: client_id transaction_no time_us script_no time_epoch time_us_part
  const latencies = readdirSync(dir)
    .filter((f) => f.startsWith('tx'))
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .trim()
        .split('\n')
        .map((l) => Number(l.split(' ')[2]) / 1000),
    );
  // A fast machine logs more transactions than a spread into Math.max takes as arguments.
  return { maxMs: latencies.reduce((m, x) => Math.max(m, x), 0), transactions: latencies.length };
}
