// The command-line interface (contract: ../shared/design/cli.md). Only this module prints or sets exit codes.
// Commands are imported when they run, so `--help` and `--version` load neither PGlite, the parser nor `pg`.
import { Command, Option } from 'commander';
import { toolVersion } from '../sys/version.js';
import { SfmError, errorDetails, redact } from '../errors.js';
import { makeOutput, type Output } from './output.js';
import type { CommonOptions } from '../config/options.js';

type Handler<O> = (opts: O, out: Output) => Promise<number>;

const commands = {
  plan: async () => (await import('./commands/plan.js')).planCommand,
  stats: async () => (await import('./commands/plan.js')).statsCommand,
  apply: async () => (await import('./commands/apply.js')).applyCommand,
  rollback: async () => (await import('./commands/apply.js')).rollbackCommand,
  status: async () => (await import('./commands/apply.js')).statusCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  inspect: async () => (await import('./commands/inspect.js')).inspectCommand,
  hash: async () => (await import('./commands/migrations.js')).hashCommand,
  verify: async () => (await import('./commands/migrations.js')).verifyCommand,
  init: async () => (await import('./commands/migrations.js')).initCommand,
  baseline: async () => (await import('./commands/migrations.js')).baselineCommand,
  resolve: async () => (await import('./commands/migrations.js')).resolveCommand,
  squash: async () => (await import('./commands/migrations.js')).squashCommand,
  purge: async () => (await import('./commands/apply.js')).purgeCommand,
  erd: async () => (await import('./commands/erd.js')).erdCommand,
};
const withArgument = {
  restore: async () => (await import('./commands/apply.js')).restoreCommand,
  create: async () => (await import('./commands/migrations.js')).createCommand,
};
const lintLoader = async () => (await import('./commands/migrations.js')).lintCommand;

const debugging = (opts: { debug?: boolean }) => opts.debug === true || process.env['SFM_DEBUG'] === '1';

/** One line (or the located message) for an error; the stack only when debugging. */
export function reportError(err: unknown, out: Output, debug: boolean): void {
  const message = redact(err instanceof Error ? err.message : String(err));
  if (out.json) out.out(JSON.stringify({ error: message, details: errorDetails(err) }));
  const known = err instanceof SfmError;
  out.err(`error: ${message}${known || debug ? '' : ' (run with --debug for details)'}`);
  if (debug && err instanceof Error && err.stack) out.err(redact(err.stack));
}

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
    .option('--owners', 'manage owners (ALTER … OWNER TO); without OWNER TO an object belongs to the applying role')
    .option('--json', 'one JSON document on stdout')
    .option('--no-color', 'no colour in human output')
    .option('--debug', 'print stacks of unexpected errors (also SFM_DEBUG=1)');
}

/** Options of the commands that run migrations on the target. */
function executing(cmd: Command): Command {
  return cmd
    .option('--dry-run', 'print the SQL that would run')
    .option('--allow-hazards <list>', 'hazards to allow (comma-separated, or all)')
    .option('--lock-timeout <duration>', 'lock_timeout for every statement (default 5s)')
    .option('--statement-timeout <duration>', "statement_timeout for every statement (default: the server's)")
    .option('--lock-retries <n>', 'retries after a lock timeout (default 3)')
    .option('--lock-retry-delay <duration>', 'first wait before a retry, doubled each time (default 2s)')
    .option(
      '--lock-wait <duration>',
      'how long to wait while another sfm-schema run holds the migration lock (default 60s)',
    )
    .option(
      '--preflight <mode>',
      'before each segment, sessions it would queue behind (idle in transaction, long transactions): refuse, warn or off',
    )
    .option('--preflight-wait <duration>', 'how long the preflight waits for those sessions to go (default 10s)');
}

export async function run(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command('sfm-schema')
    .description('Declarative PostgreSQL schema manager: plan, versioned migrations, apply, rollback.')
    .version(toolVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError();
  const action =
    <O extends { json?: boolean; color?: boolean; debug?: boolean }>(load: () => Promise<Handler<O>>) =>
    async (opts: O) => {
      const out = makeOutput(opts.json ?? false, (opts.color ?? true) && process.stdout.isTTY === true);
      try {
        const { resolveOptions } = await import('../config/options.js');
        const fn = await load();
        code = await fn(resolveOptions(opts as O & Record<string, unknown>) as O, out);
      } catch (err) {
        code = 1;
        reportError(err, out, debugging(opts));
      }
    };
  const withArg =
    <A>(load: () => Promise<(arg: A, o: CommonOptions, out: Output) => Promise<number>>) =>
    async (arg: A, opts: CommonOptions) =>
      action(async () => {
        const fn = await load();
        return (o: CommonOptions, out: Output) => fn(arg, o, out);
      })(opts);

  common(program.command('plan').description('compare the desired state and write a migration'))
    .option('--name <slug>', 'name of the migration')
    .option('--dry-run', 'print the plan, write nothing')
    .option('--exit-code', 'exit 2 when there are changes, 0 when none')
    .option('--allow-empty-schema', 'plan even when the schema path declares nothing (the plan drops everything)')
    .option('--no-prove', 'write the plan without proving it on the dev database first')
    .option('--no-cache', 'load both states afresh instead of from .sfm-cache/')
    .option('--stats <file>', "table sizes from `sfm-schema stats` (with --url and no file: the target's own)")
    .option('--allow-over-limits', "plan steps above the config's limits (rewrite size, ACCESS EXCLUSIVE time)")
    .option('--strict-coverage', 'objects of kinds sfm-schema does not manage are an error, not a warning')
    .option(
      '--online [auto]',
      'change column types and names online: expand, backfill in batches, contract (docs/zero-downtime.md); ' +
        "auto: only where the in-place form is over the config's limits",
    )
    .addOption(
      new Option('--format <format>', 'report: text, markdown (a pull-request comment) or html (one page)')
        .choices(['text', 'markdown', 'html'])
        .default('text'),
    )
    .option('--out <file>', 'write the markdown or html report to this file (default: stdout)')
    .addOption(
      new Option(
        '--drops <mode>',
        'dropped tables and columns: archive (rollback brings the rows back) or delete',
      ).choices(['archive', 'delete']),
    )
    .option('--allow-hazards <list>', 'accepted for symmetry; plan never refuses')
    .action(action(commands.plan));
  executing(common(program.command('apply').description('apply pending migrations')))
    .option('--to <version>', 'apply up to this version')
    .option('--allow-drift', 'apply even though the database differs from what its applied migrations made')
    .option('--allow-modified', 'apply even though applied migration files or the sum file changed')
    .option('--contract', 'run the contract of online migrations (after the new application version is deployed)')
    .option('--batch-rows <n>', 'rows per backfill batch, each its own transaction (default 5000)')
    .option('--batch-pause <duration>', 'pause between backfill batches (default 0)')
    .option('--backup', 'write a pg_dump -Fc backup of the target first (also: backup: true in the environment)')
    .option('--backup-dir <dir>', 'folder for backups (default: backups)')
    .option('--pg-bin <dir>', 'folder holding pg_dump and pg_restore')
    .option(
      '--baseline <version>',
      'adopt this baseline first: record it as applied when the live schema is the one it creates',
    )
    .option('--all-targets', "apply to every database the environment's targets: names (needs --env)")
    .option('--parallel <n>', 'with --all-targets: at most N targets at a time (default 4)')
    .option('--canary <k>', 'with --all-targets: apply to K targets first and stop if any fails')
    .option('--fail-fast', 'with --all-targets: start no further target after a failure')
    .action(action(commands.apply));
  common(program.command('restore').description('restore a backup written by apply into an empty database'))
    .argument('<file>', 'a pg_dump -Fc file')
    .option('--pg-bin <dir>', 'folder holding pg_dump and pg_restore')
    .action(withArg(withArgument.restore));
  executing(common(program.command('rollback').description('run the down steps of applied migrations')))
    .option('--to <version>', 'roll back every migration newer than this version (0 = all)')
    .option('--steps <n>', 'roll back the last N migrations')
    .action(action(commands.rollback));
  common(program.command('create').description('write an empty hand-written migration (data or seed steps)'))
    .argument('<name>', 'name of the migration')
    .action(withArg(withArgument.create));
  common(program.command('lint').description('check migration files: syntax, layout, undeclared hazards'))
    .argument('[files...]', 'migration files (default: every file in the migration directory)')
    .addOption(
      new Option('--format <format>', 'text, json, sarif (code scanning) or github (Actions annotations)')
        .choices(['text', 'json', 'sarif', 'github'])
        .default('text'),
    )
    .action(withArg(lintLoader));
  common(program.command('hash').description('rewrite sfm.sum after a deliberate edit of a migration file')).action(
    action(commands.hash),
  );
  common(
    program.command('verify').description('replay every migration on the dev database: up, down, up again'),
  ).action(action(commands.verify));
  common(program.command('stats').description("write the target's table sizes as JSON (for plan --stats)"))
    .option('--out <file>', 'write to this file (default: stdout)')
    .action(action(commands.stats));
  common(program.command('status').description('applied, pending and mismatched migrations, and drift'))
    .option('--no-drift', 'skip comparing the database with its replayed history')
    .option('--verbose', 'on a database not managed yet, also list how it differs from the migrations')
    .option('--strict-coverage', 'objects of kinds sfm-schema does not manage are an error, not a warning')
    .option('--all-targets', "version, pending count and drift of every database the environment's targets: names")
    .option('--parallel <n>', 'with --all-targets: at most N targets at a time (default 4)')
    .action(action(commands.status));
  common(program.command('diff').description('print the DDL that turns one state into another'))
    .option('--from <source>', 'postgres URL, env:NAME, migrations:DIR or a schema path')
    .option('--to <source>', 'postgres URL, env:NAME, migrations:DIR or a schema path')
    .option('--strict-coverage', 'objects of kinds sfm-schema does not manage are an error, not a warning')
    .action(action(commands.diff));
  common(program.command('inspect').description('write the live schema as desired-state files'))
    .addOption(new Option('--format <format>', 'output format').choices(['sql', 'json', 'yaml']).default('sql'))
    .option('--out <dir>', 'folder to write into (default: stdout)')
    .option('--strict-coverage', 'objects of kinds sfm-schema does not manage are an error, not a warning')
    .action(action(commands.inspect));
  common(
    program
      .command('baseline')
      .description('adopt an existing database: write its schema as the first migration, recorded as applied there'),
  )
    .option('--name <slug>', 'name of the migration (default baseline)')
    .option('--reason <text>', 'why, kept in sfm_schema.events')
    .action(action(commands.baseline));
  common(
    program.command('resolve').description('mark a migration by hand after a manual fix (kept in sfm_schema.events)'),
  )
    .option('--applied <version>', 'record this migration as applied without running it')
    .option('--rolled-back <version>', 'remove this migration from the history without running its down steps')
    .requiredOption('--reason <text>', 'why the history is changed by hand')
    .action(action(commands.resolve));
  common(
    program
      .command('squash')
      .description('replace the migrations up to VERSION by one, taken as applied where they were'),
  )
    .requiredOption('--to <version>', 'the last migration to fold in')
    .action(action(commands.squash));
  common(
    program.command('purge').description('remove the archives of dropped tables and columns (sfm_archive_<version>)'),
  )
    .option('--older-than <age>', 'only archives at least this old: 30d, 12h, 90min (default 30d)')
    .option('--dry-run', 'list what would be removed')
    .action(action(commands.purge));
  common(
    program
      .command('erd')
      .description('draw the schema: tables, columns, foreign keys, views, enums (SVG, DOT or Mermaid)'),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['svg', 'dot', 'mermaid']).default('svg'))
    .option('--out <file>', 'file to write (default: stdout)')
    .option('--focus <tables>', 'only these tables (comma-separated) and their neighbours')
    .option('--depth <n>', 'how many foreign keys away from --focus to draw (default 1)')
    .hook('preAction', (cmd) => {
      // The source is the one the user names: --schema or --migrations beat --url / DATABASE_URL.
      cmd.setOptionValue('givenSchema', cmd.getOptionValueSource('schema') === 'cli');
      cmd.setOptionValue('givenMigrations', cmd.getOptionValueSource('migrations') === 'cli');
    })
    .action(action(commands.erd));
  common(
    program.command('init').description('start a project: config file, schema/ with an example, generated-migrations/'),
  ).action(action(commands.init));

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    return e.exitCode && e.exitCode !== 0 ? 1 : 0;
  }
  return code;
}
