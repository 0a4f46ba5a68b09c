// A table of 5 million rows (generated here): the plan of a type change shows the table's size and an estimate of
// the rewrite within a factor of 2 of the time apply then takes; a limits.rewrite below its size refuses the plan
// with the size, the estimate and the online form; a stats file written by `stats` gives the same sizes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const ROWS = 5_000_000;
const database = useDatabases();

describe('the cost of a rewrite of a 5-million-row table', () => {
  it('is shown with the size, estimated within a factor of 2, and refused over limits.rewrite', async () => {
    const target = await database('CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL, note text NOT NULL);');
    await target.db.exec(`INSERT INTO t SELECT g, g % 100, 'note ' || g FROM generate_series(1, ${ROWS}) g`);
    await target.db.exec('VACUUM ANALYZE t');
    const dir = project({
      'schema/s.sql': 'CREATE TABLE t (id int PRIMARY KEY, v bigint NOT NULL, note text NOT NULL);',
      'sfm-schema.config.yaml': 'limits:\n  rewrite: 100MB\n',
    });

    const refused = await runCli(['plan', '--url', target.url, '--json'], { cwd: dir });
    expect(refused.code).toBe(1);
    // reltuples is the planner's estimate: a fraction of a percent either side of the rows inserted.
    expect(refused.stderr).toMatch(
      /rewrites public\.t: (4,9\d\d|5,0\d\d),\d\d\d rows, \d+\.\d MB, estimated \d+\.\d s under ACCESS EXCLUSIVE/,
    );
    expect(refused.stderr).toContain('above limits.rewrite 100.0 MB. Online form: add a column of the new type');

    const stats = await runCli(['stats', '--url', target.url, '--out', 'stats.json'], { cwd: dir });
    expect(stats.code, stats.stderr).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8')) as {
      tables: Record<string, { rows: number; bytes: number }>;
    };
    // reltuples: the planner's estimate, within a fraction of a percent after VACUUM ANALYZE.
    expect(Math.abs((file.tables['public.t']?.rows ?? 0) - ROWS)).toBeLessThan(ROWS / 100);
    writeFileSync(join(dir, 'sfm-schema.config.yaml'), 'limits:\n  rewrite: 10GB\n');

    // From the stats file, as CI would: the same size (the target is only the current state here).
    const plan = await runCli(['plan', '--url', target.url, '--stats', 'stats.json', '--json'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    const steps = (
      JSON.parse(plan.stdout) as {
        steps: { cost: { rows: number; bytes: number; estimateMs: number; work: string } | null }[];
      }
    ).steps;
    const cost = steps.find((s) => s.cost?.work === 'rewrite')?.cost;
    expect(cost?.rows).toBe(file.tables['public.t']?.rows);
    expect(cost?.bytes).toBe(file.tables['public.t']?.bytes);

    const started = Date.now();
    const apply = await runCli(['apply', '--url', target.url, '--allow-hazards', 'all'], { cwd: dir });
    const applyMs = Date.now() - started;
    expect(apply.code, apply.stderr).toBe(0);
    const estimate = cost?.estimateMs ?? 0;
    process.stdout.write(`5M-row rewrite: estimated ${estimate} ms, apply took ${applyMs} ms\n`);
    expect(estimate).toBeGreaterThanOrEqual(applyMs / 2);
    expect(estimate).toBeLessThanOrEqual(applyMs * 2);
  });
});
