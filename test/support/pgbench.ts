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
  /** Transactions that ended in an error (logged as `failed` by pgbench 15+), and what pgbench printed. */
  readonly failed: number;
  readonly stderr: string;
}

/** Runs `workload` (a pgbench script) with 4 clients (or `clients`) for `seconds`; `searchPath`: the clients' own. */
export async function pgbench(
  target: TestDatabase,
  workload: string,
  seconds: number,
  opts: { clients?: number; searchPath?: string } = {},
): Promise<Load> {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-bench-'));
  writeFileSync(join(dir, 'workload.sql'), workload);
  const u = new URL(target.url);
  const clients = String(opts.clients ?? 4);
  const args = [
    '-n',
    '-c',
    clients,
    '-j',
    '2',
    '-T',
    String(seconds),
    '-f',
    join(dir, 'workload.sql'),
    '-l',
    '--verbose-errors',
  ];
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
    {
      env: {
        ...process.env,
        PGPASSWORD: decodeURIComponent(u.password),
        ...(opts.searchPath ? { PGOPTIONS: `-c search_path=${opts.searchPath}` } : {}),
      },
    },
  );
  expect(r.code, r.stderr).toBe(0);
  // Log lines: client_id transaction_no time_us script_no time_epoch time_us_part
  const fields = readdirSync(dir)
    .filter((f) => f.startsWith('tx'))
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[2] ?? ''),
    );
  const latencies = fields.filter((x) => /^\d+$/.test(x)).map((x) => Number(x) / 1000);
  // A fast machine logs more transactions than a spread into Math.max takes as arguments.
  return {
    maxMs: latencies.reduce((m, x) => Math.max(m, x), 0),
    transactions: latencies.length,
    failed: fields.length - latencies.length,
    stderr: r.stderr,
  };
}
