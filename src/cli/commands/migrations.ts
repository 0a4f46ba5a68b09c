// Commands on the migration files themselves: `create` (a hand-written migration), `lint` (no database) and
// `verify` (up, down, up again on the dev database).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ConfigError } from '../../errors.js';
import { readMigrations, rehash, requireMigrationsDir, writeMigration } from '../../migrations/directory.js';
import { emptyMigration } from '../../migrations/format.js';
import { lintMigration, type LintFinding } from '../../lint/lint.js';
import { verifyMigrations } from '../../verify/verify.js';
import { openDevDatabase } from '../../dev-db/dev-db.js';
import { historyExtensions } from '../../introspect/history-state.js';
import type { Output } from '../output.js';
import { paint } from '../output.js';
import { scopeOf, targetUrl, type CommonOptions } from '../options.js';

export async function createCommand(name: string, o: CommonOptions, out: Output): Promise<number> {
  if (!/[a-z0-9]/i.test(name)) throw new ConfigError(`create needs a name with letters or digits, got ${JSON.stringify(name)}`);
  const written = writeMigration(o.migrations, name, emptyMigration());
  if (out.json) out.out(JSON.stringify({ created: written.path, version: written.version }));
  else out.out(`created ${written.path}: write the up and down steps, list their hazards in the header, then run \`sfm-schema hash\``);
  return 0;
}

export async function hashCommand(o: CommonOptions, out: Output): Promise<number> {
  const files = rehash(o.migrations);
  if (out.json) out.out(JSON.stringify({ files: files.map((f) => f.file) }));
  else out.out(`sfm.sum rewritten for ${files.length} migration(s)`);
  return 0;
}

export async function lintCommand(files: readonly string[], o: CommonOptions, out: Output): Promise<number> {
  if (!files.length) requireMigrationsDir(o.migrations);
  const paths = files.length ? [...files] : readMigrations(o.migrations).map((f) => f.path);
  const findings: LintFinding[] = [];
  for (const path of paths) findings.push(...(await lintMigration(relative(process.cwd(), path) || path, readFileSync(path, 'utf8'))));
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (out.json) out.out(JSON.stringify({ files: paths.length, errors, findings }, null, 2));
  else {
    const colour = { error: 31, warning: 33, note: 2 } as const;
    for (const f of findings) out.out(`${f.file}:${f.line}:${f.column}: ${paint(out, colour[f.severity], f.severity)} [${f.rule}] ${f.message}`);
    out.out(`${paths.length} file(s): ${errors} error(s), ${findings.filter((f) => f.severity === 'warning').length} warning(s)`);
  }
  return errors > 0 ? 1 : 0;
}

export async function verifyCommand(o: CommonOptions, out: Output): Promise<number> {
  requireMigrationsDir(o.migrations);
  const url = targetUrl(o);
  const dev = await openDevDatabase({
    ...(o.devUrl ? { devUrl: o.devUrl } : {}), ...(url ? { targetUrl: url } : {}), extensions: await historyExtensions(o.migrations),
  });
  try {
    const results = await verifyMigrations(dev, o.migrations, scopeOf(o));
    const failed = results.filter((r) => !r.ok).length;
    if (out.json) out.out(JSON.stringify({ dev: dev.description, migrations: results, failed }, null, 2));
    else {
      out.out(`verifying on ${dev.description}: up, down, up again`);
      for (const r of results) {
        out.out(`${r.ok ? paint(out, 32, 'ok  ') : paint(out, 31, 'FAIL')} ${r.version}_${r.name} (${r.durationMs} ms)`);
        for (const p of r.problems) out.out(`     ${p}`);
      }
      out.out(failed ? `${failed} of ${results.length} migration(s) failed` : `${results.length} migration(s) verified`);
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await dev.dispose();
  }
}
