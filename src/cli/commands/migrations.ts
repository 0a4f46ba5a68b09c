// Commands on the migration files: `create`, `hash`, `lint` (no database), `verify` (dev database), and `init`.
import { toGithub, toSarif } from '../../lint/formats.js';
import { toolVersion } from '../../sys/version.js';
import { createMigration, lint, rehashMigrations } from '../../workflows/files.js';
import { verify } from '../../workflows/verify.js';
import { init } from '../../workflows/init.js';
import { baseline, resolve } from '../../workflows/adopt.js';
import { squash } from '../../workflows/squash.js';
import type { Output } from '../output.js';
import { paint } from '../output.js';
import { requireUrl, scopeOf, targetUrl } from '../options.js';
import type { CommonOptions } from '../../config/options.js';

export async function createCommand(name: string, o: CommonOptions, out: Output): Promise<number> {
  const written = createMigration({ migrationsDir: o.migrations, name });
  if (out.json) out.out(JSON.stringify({ created: written.path, version: written.version }));
  else
    out.out(
      `created ${written.path}: write the up and down steps, list their hazards in the header, then run \`sfm-schema hash\``,
    );
  return 0;
}

export async function hashCommand(o: CommonOptions, out: Output): Promise<number> {
  const r = rehashMigrations({ migrationsDir: o.migrations });
  out.out(out.json ? JSON.stringify(r) : `sfm.sum rewritten for ${r.files.length} migration(s)`);
  return 0;
}

export async function lintCommand(
  files: readonly string[],
  o: CommonOptions & { format?: string },
  out: Output,
): Promise<number> {
  const r = await lint({ migrationsDir: o.migrations, files, rules: o.lintRules, url: o.url });
  if (o.format === 'sarif') out.raw(`${JSON.stringify(toSarif(r.findings, toolVersion()), null, 2)}\n`);
  else if (o.format === 'github') out.raw(r.findings.length ? `${toGithub(r.findings)}\n` : '');
  else if (out.json || o.format === 'json')
    out.out(JSON.stringify({ files: r.files, errors: r.errors, findings: r.findings }, null, 2));
  else {
    const colour = { error: 31, warning: 33, note: 2 } as const;
    for (const f of r.findings)
      out.out(
        `${f.file}:${f.line}:${f.column}: ${paint(out, colour[f.severity], f.severity)} [${f.rule}] ${f.message}` +
          (f.fix ? `\n    fix: ${f.fix}` : ''),
      );
    out.out(`${r.files} file(s): ${r.errors} error(s), ${r.warnings} warning(s)`);
  }
  return r.errors > 0 ? 1 : 0;
}

export async function verifyCommand(o: CommonOptions, out: Output): Promise<number> {
  const r = await verify({ migrationsDir: o.migrations, dev: o.devUrl, url: targetUrl(o), scope: scopeOf(o) });
  if (out.json) out.out(JSON.stringify({ dev: r.devDatabase, migrations: r.migrations, failed: r.failed }, null, 2));
  else {
    out.out(`verifying on ${r.devDatabase}: up, down, up again`);
    for (const m of r.migrations) {
      out.out(`${m.ok ? paint(out, 32, 'ok  ') : paint(out, 31, 'FAIL')} ${m.version}_${m.name} (${m.durationMs} ms)`);
      for (const p of m.problems) out.out(`     ${p}`);
    }
    out.out(
      r.failed
        ? `${r.failed} of ${r.migrations.length} migration(s) failed`
        : `${r.migrations.length} migration(s) verified`,
    );
  }
  return r.failed > 0 ? 1 : 0;
}

export async function initCommand(_o: CommonOptions, out: Output): Promise<number> {
  const r = init();
  if (out.json) out.out(JSON.stringify(r));
  else out.out(`created ${r.created.join(', ')}\nnext: edit schema/example.sql, then \`sfm-schema plan\``);
  return 0;
}

export async function baselineCommand(
  o: CommonOptions & { name?: string; reason?: string },
  out: Output,
): Promise<number> {
  const r = await baseline({
    url: requireUrl(o),
    migrationsDir: o.migrations,
    name: o.name,
    reason: o.reason,
    scope: scopeOf(o),
    dev: o.devUrl,
  });
  if (out.json) out.out(JSON.stringify(r, null, 2));
  else
    out.out(
      `Wrote ${r.migration.path} (${r.objects} step(s)) and recorded it as applied without running it. ` +
        `Other databases with this schema adopt it with \`sfm-schema apply --baseline ${r.migration.version}\`.`,
    );
  return 0;
}

export async function resolveCommand(
  o: CommonOptions & { applied?: string; rolledBack?: string; reason?: string },
  out: Output,
): Promise<number> {
  const r = await resolve({
    url: requireUrl(o),
    migrationsDir: o.migrations,
    applied: o.applied,
    rolledBack: o.rolledBack,
    reason: o.reason ?? '',
  });
  out.out(
    out.json
      ? JSON.stringify(r)
      : `migration ${r.version} marked ${r.action === 'applied' ? 'as applied' : 'as rolled back'} by hand (recorded in sfm_schema.events)`,
  );
  return 0;
}

export async function squashCommand(o: CommonOptions & { to?: string }, out: Output): Promise<number> {
  const r = await squash({ migrationsDir: o.migrations, to: o.to ?? '', dev: o.devUrl, scope: scopeOf(o) });
  if (out.json) out.out(JSON.stringify(r, null, 2));
  else
    out.out(
      `Wrote ${r.path}: it replaces ${r.squashed.length} migrations (${r.squashed.join(', ')}); databases that applied them ` +
        `take it as applied.`,
    );
  return 0;
}
