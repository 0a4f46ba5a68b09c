// `verify`: every migration replayed on the dev database as up, down, up again (and an online migration's expand
// and down-expanded too). The down sections must give back the state before the migration, and the second up the
// state of the first; a generated migration must also reach the state it was planned for (its `to` hash), where its
// `from` hash matches.
import { messageOf } from '../errors.js';
import type { Scope } from '../model/scope.js';
import type { DevDatabase } from '../dev-db/dev-db.js';
import type { MigrationDir } from '../migrations/directory.js';
import { parseMigration, splitContract } from '../migrations/format.js';
import { addNamedRoles } from '../state/history-state.js';
import { rehearseSection, StepFailed } from './rehearse.js';
import { introspect } from '../introspect/introspect.js';
import { schemaHash } from '../diff/hash.js';
import { driftBetween, describeDrift } from '../apply/drift.js';

const WORDS = { unexpected: 'exists now, did not before', missing: 'existed before, is gone now', changed: 'differs' };

export interface VerifyResult {
  readonly version: string;
  readonly name: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly durationMs: number;
}

/** A section that failed: which one, at which step (generated files number their steps), with PostgreSQL's words. */
const failed =
  (section: string) =>
  (err: unknown): never => {
    const at = err instanceof StepFailed && err.step > 0 ? ` at step ${err.step}` : '';
    throw new Error(`${section} failed${at}: ${messageOf(err instanceof StepFailed ? err.located : err)}`, {
      cause: err,
    });
  };

export async function verifyMigrations(dev: DevDatabase, dir: MigrationDir, scope: Scope): Promise<VerifyResult[]> {
  const files = dir.files();
  await dev.reset();
  await addNamedRoles(
    dev,
    files.flatMap((f) => {
      const m = parseMigration(f.file, f.text);
      return [
        { file: f.path, sql: m.up },
        { file: f.path, sql: m.down },
      ];
    }),
  );
  const results: VerifyResult[] = [];
  for (const f of files) {
    const started = Date.now();
    const m = parseMigration(f.file, f.text);
    const up = { file: f.path, sql: m.up };
    const down = { file: f.path, sql: m.down };
    const problems: string[] = [];
    const differences = (
      label: string,
      a: Parameters<typeof driftBetween>[0],
      b: Parameters<typeof driftBetween>[1],
    ) => {
      const items = driftBetween(a, b);
      if (items.length) problems.push(`${label}:\n    ${describeDrift(items, WORDS).join('\n    ')}`);
    };
    try {
      const before = await introspect(dev.db, scope);
      await rehearseSection(dev.db, up).catch(failed('up'));
      const afterUp = await introspect(dev.db, scope);
      if (m.from && m.to && schemaHash(before) === m.from && schemaHash(afterUp) !== m.to) {
        problems.push('up does not reach the state it was planned for (the "to" hash differs)');
      }
      await rehearseSection(dev.db, down).catch(failed('down'));
      differences('down does not restore the state before the migration', before, await introspect(dev.db, scope));
      // An online migration's other way back: from the expanded state (its contract not run).
      const cut = splitContract(m.up);
      if (cut.contract !== undefined && m.downExpanded !== undefined) {
        await rehearseSection(dev.db, { file: f.path, sql: cut.expand }).catch(failed('expand'));
        await rehearseSection(dev.db, { file: f.path, sql: m.downExpanded }).catch(failed('down-expanded'));
        differences(
          'down-expanded does not restore the state before the migration',
          before,
          await introspect(dev.db, scope),
        );
      }
      await rehearseSection(dev.db, up).catch(failed('up after down'));
      differences('up after down gives a different state than the first up', afterUp, await introspect(dev.db, scope));
    } catch (err) {
      problems.push(messageOf(err));
    }
    results.push({
      version: f.version,
      name: f.name,
      ok: problems.length === 0,
      problems,
      durationMs: Date.now() - started,
    });
    // Later migrations assume this one's state; after a failed step that state is unknown.
    if (problems.some((p) => / failed/.test(p))) break;
  }
  return results;
}
