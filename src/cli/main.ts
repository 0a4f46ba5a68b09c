// The command-line interface (contract: ../shared/design/cli.md). Only this module prints or sets exit codes.
import { Command, Option } from 'commander';
import { SfmError, redact } from '../errors.js';
import { makeOutput, type Output } from './output.js';
import { resolveOptions, type CommonOptions } from './options.js';
import { planCommand } from './commands/plan.js';
import { applyCommand, restoreCommand, rollbackCommand, statusCommand } from './commands/apply.js';
import { inspectCommand } from './commands/inspect.js';
import { diffCommand } from './commands/diff.js';
import { createCommand, hashCommand, lintCommand, verifyCommand } from './commands/migrations.js';

type Handler<O> = (opts: O, out: Output) => Promise<number>;

function common(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'target database (default: DATABASE_URL)')
    .option('--schema <path>', 'desired-state file or folder (default: schema)')
    .option('--migrations <dir>', 'migration directory (default: generated-migrations)')
    .option('--dev-url <url>', 'dev database: a postgres URL or "embedded"')
    .option('--config <file>', 'config file (default: sfm-schema.config.yaml when present)')
    .option('--env <name>', 'environment of the config file (its url, timeouts, allowed hazards)')
    .option('--schemas <list>', 'only these schemas (comma-separated)')
    .option('--exclude-schemas <list>', 'leave these schemas alone (comma-separated)')
    .option('--extension-versions', 'manage extension versions (ALTER EXTENSION … UPDATE)')
    .option('--json', 'one JSON document on stdout')
    .option('--no-color', 'no colour in human output');
}

/** Options of the commands that run migrations on the target. */
function executing(cmd: Command): Command {
  return cmd
    .option('--dry-run', 'print the SQL that would run')
    .option('--allow-hazards <list>', 'hazards to allow (comma-separated, or all)')
    .option('--lock-timeout <duration>', 'lock_timeout for every statement (default 5s)')
    .option('--statement-timeout <duration>', 'statement_timeout for every statement (default: the server\'s)')
    .option('--lock-retries <n>', 'retries after a lock timeout (default 3)')
    .option('--lock-retry-delay <duration>', 'first wait before a retry, doubled each time (default 2s)');
}

export async function run(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command('sfm-schema')
    .description('Declarative PostgreSQL schema manager: plan, versioned migrations, apply, rollback.')
    .exitOverride()
    .showHelpAfterError();
  const action = <O extends { json?: boolean; color?: boolean }>(fn: Handler<O>) => async (opts: O) => {
    const out = makeOutput(opts.json ?? false, (opts.color ?? true) && process.stdout.isTTY === true);
    try {
      code = await fn(resolveOptions(opts as O & Record<string, unknown>) as O, out);
    } catch (err) {
      code = 1;
      if (out.json) out.out(JSON.stringify({ error: redact((err as Error).message) }));
      out.err(`error: ${err instanceof SfmError ? err.message : (err as Error).stack ?? String(err)}`);
    }
  };

  common(program.command('plan').description('compare the desired state and write a migration'))
    .option('--name <slug>', 'name of the migration')
    .option('--dry-run', 'print the plan, write nothing')
    .option('--exit-code', 'exit 2 when there are changes, 0 when none')
    .option('--allow-empty-schema', 'plan even when the schema path declares nothing (the plan drops everything)')
    .option('--allow-hazards <list>', 'accepted for symmetry; plan never refuses')
    .action(action(planCommand));
  executing(common(program.command('apply').description('apply pending migrations')))
    .option('--to <version>', 'apply up to this version')
    .option('--allow-drift', 'apply even though the database differs from what its applied migrations made')
    .option('--allow-modified', 'apply even though applied migration files or the sum file changed')
    .option('--backup', 'write a pg_dump -Fc backup of the target first (also: backup: true in the environment)')
    .option('--backup-dir <dir>', 'folder for backups (default: backups)')
    .option('--pg-bin <dir>', 'folder holding pg_dump and pg_restore')
    .action(action(applyCommand));
  common(program.command('restore').description('restore a backup written by apply into an empty database'))
    .argument('<file>', 'a pg_dump -Fc file')
    .option('--pg-bin <dir>', 'folder holding pg_dump and pg_restore')
    .action(async (file: string, opts: CommonOptions) => action((o: CommonOptions, out) => restoreCommand(file, o, out))(opts));
  executing(common(program.command('rollback').description('run the down steps of applied migrations')))
    .option('--to <version>', 'roll back every migration newer than this version (0 = all)')
    .option('--steps <n>', 'roll back the last N migrations')
    .action(action(rollbackCommand));
  common(program.command('create').description('write an empty hand-written migration (data or seed steps)'))
    .argument('<name>', 'name of the migration')
    .action(async (name: string, opts: CommonOptions) => action((o: CommonOptions, out) => createCommand(name, o, out))(opts));
  common(program.command('lint').description('check migration files: syntax, layout, undeclared hazards'))
    .argument('[files...]', 'migration files (default: every file in the migration directory)')
    .action(async (files: string[], opts: CommonOptions) => action((o: CommonOptions, out) => lintCommand(files, o, out))(opts));
  common(program.command('hash').description('rewrite sfm.sum after a deliberate edit of a migration file'))
    .action(action(hashCommand));
  common(program.command('verify').description('replay every migration on the dev database: up, down, up again'))
    .action(action(verifyCommand));
  common(program.command('status').description('applied, pending and mismatched migrations, and drift'))
    .option('--no-drift', 'skip comparing the database with its replayed history')
    .action(action(statusCommand));
  common(program.command('diff').description('print the DDL that turns one state into another'))
    .option('--from <source>', 'postgres URL, env:NAME, migrations:DIR or a schema path')
    .option('--to <source>', 'postgres URL, env:NAME, migrations:DIR or a schema path')
    .action(action(diffCommand));
  common(program.command('inspect').description('write the live schema as desired-state files'))
    .addOption(new Option('--format <format>', 'output format').choices(['sql', 'json', 'yaml']).default('sql'))
    .option('--out <dir>', 'folder to write into (default: stdout)')
    .action(action(inspectCommand));

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    return e.exitCode && e.exitCode !== 0 ? 1 : 0;
  }
  return code;
}
