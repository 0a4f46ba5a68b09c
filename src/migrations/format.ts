// The migration file format. One file per version, `<yyyymmddHHMMSS>_<slug>.sql`:
//
//   -- sfm-schema migration
//   -- from: sha256:…            normalized schema hash before (drift check)
//   -- to: sha256:…              normalized schema hash after
//   -- hazards: DELETES_DATA, …  hazards of the up section ("none" when there are none)
//   -- down-hazards: …           hazards of the down section
//   -- +sfm up
//   <statements>
//   -- +sfm down
//   <statements>
//   -- +sfm down-expanded        (online migrations only: the way back before the contract ran)
//   <statements>
//
// Sections hold ordinary SQL; each statement runs on its own and is reported on its own when it fails. A step
// preceded by `-- +sfm no-transaction` (ALTER TYPE … ADD VALUE) runs first, outside the migration's transaction.
// An online migration (docs/zero-downtime.md) has a `-- +sfm contract` line in its up section: apply runs what is
// above it (the expand and the backfill, a step marked `-- +sfm backfill` run in key batches) and what is below it
// only with --contract; its `down-expanded` section is the way back from the expanded state.
import { MigrationError } from '../errors.js';
import { ALL_HAZARDS, parseHazards, type Hazard } from '../model/hazard.js';
import type { PlanStep } from '../plan/plan.js';
import { stepNotes } from '../plan/step-notes.js';

export interface MigrationHeader {
  readonly from?: string;
  readonly to?: string;
  readonly hazards: readonly Hazard[];
  readonly downHazards: readonly Hazard[];
  /** Online migrations: hazards of the down-expanded section. */
  readonly downExpandedHazards?: readonly Hazard[];
  /** The versions a squashed migration replaces (its own version is the last of them). */
  readonly squashes?: readonly string[];
}

export interface MigrationText extends MigrationHeader {
  readonly up: string;
  readonly down: string;
  /** Online migrations: the way back from the expanded state (before the contract ran). */
  readonly downExpanded?: string;
}

/** Marks a step whose statements run before the migration's transaction, each on its own. */
export const NO_TRANSACTION = '-- +sfm no-transaction';
/** Marks a step that starts a transaction of its own (it must not take its locks after those of the steps before
 * it: an online expand locks its table before anything else, as the applications writing it do). */
export const NEW_TRANSACTION = '-- +sfm new-transaction';
/** Marks a step whose one UPDATE runs in key batches, each its own transaction (exec/backfill.ts). */
export const BACKFILL = '-- +sfm backfill';
/** Divides an online migration's up section: the contract below runs only with `apply --contract`. */
const CONTRACT = '-- +sfm contract';
const UP = '-- +sfm up';
const DOWN = '-- +sfm down';
const DOWN_EXPANDED = '-- +sfm down-expanded';

/** What the proof observed of a step, its cost and its hazards' conditions, as comments under its line. */
const notes = (s: PlanStep): string =>
  stepNotes(s)
    .map((n) => `\n--   ${n}`)
    .join('');

function section(steps: readonly PlanStep[]): string {
  const firstContract = steps.findIndex((s) => s.phase === 'contract');
  return steps
    .map((s, i) => {
      const head =
        (i === firstContract ? `${CONTRACT}\n` : '') +
        `-- step ${i + 1}: ${s.op} ${s.id}${s.hazards.length ? ` [${s.hazards.join(', ')}]` : ''}` +
        notes(s) +
        (s.backfill
          ? `\n${BACKFILL}`
          : s.nonTransactional
            ? `\n${NO_TRANSACTION}`
            : s.newTransaction
              ? `\n${NEW_TRANSACTION}`
              : '');
      return `${head}\n${s.statements.map((x) => `${x};`).join('\n')}`;
    })
    .join('\n\n');
}

export function renderMigration(
  h: MigrationHeader,
  up: readonly PlanStep[],
  down: readonly PlanStep[],
  downExpanded?: readonly PlanStep[],
): string {
  const list = (x: readonly Hazard[]) => (x.length ? x.join(', ') : 'none');
  return [
    '-- sfm-schema migration',
    `-- from: ${h.from ?? ''}`,
    `-- to: ${h.to ?? ''}`,
    `-- hazards: ${list(h.hazards)}`,
    `-- down-hazards: ${list(h.downHazards)}`,
    ...(downExpanded ? [`-- down-expanded-hazards: ${list(h.downExpandedHazards ?? [])}`] : []),
    ...(h.squashes?.length ? [`-- squashes: ${h.squashes.join(' ')}`] : []),
    UP,
    section(up),
    '',
    DOWN,
    section(down),
    '',
    ...(downExpanded ? [DOWN_EXPANDED, section(downExpanded), ''] : []),
  ].join('\n');
}

export function emptyMigration(): string {
  return ['-- sfm-schema migration', '-- hazards: none', '-- down-hazards: none', UP, '', DOWN, ''].join('\n');
}

const unknownHazard =
  (file: string) =>
  (name: string): never => {
    throw new MigrationError(`${file}: unknown hazard ${name} in the header (known: ${ALL_HAZARDS.join(', ')})`);
  };

export function parseMigration(file: string, text: string): MigrationText {
  const lines = text.split('\n');
  const upAt = lines.findIndex((l) => l.trim() === UP);
  const downAt = lines.findIndex((l) => l.trim() === DOWN);
  const expandedAt = lines.findIndex((l) => l.trim() === DOWN_EXPANDED);
  const downEnd = expandedAt > downAt ? expandedAt : lines.length;
  if (upAt < 0 || downAt < upAt)
    throw new MigrationError(`${file}: expected a "${UP}" line followed by a "${DOWN}" line`);
  const header = new Map<string, string>();
  for (const l of lines.slice(0, upAt)) {
    const m = /^--\s*([a-z-]+):\s*(.*)$/.exec(l.trim());
    if (m?.[1]) header.set(m[1], m[2] ?? '');
  }
  const from = header.get('from') || undefined;
  const to = header.get('to') || undefined;
  const squashes = header.get('squashes')?.split(/\s+/).filter(Boolean);
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(squashes?.length ? { squashes } : {}),
    hazards: parseHazards(header.get('hazards'), unknownHazard(file)),
    downHazards: parseHazards(header.get('down-hazards'), unknownHazard(file)),
    ...(header.has('down-expanded-hazards')
      ? { downExpandedHazards: parseHazards(header.get('down-expanded-hazards'), unknownHazard(file)) }
      : {}),
    // Keep line numbers of the file: blank out what precedes each section.
    up: [...lines.slice(0, upAt + 1).map(() => ''), ...lines.slice(upAt + 1, downAt)].join('\n'),
    down: [...lines.slice(0, downAt + 1).map(() => ''), ...lines.slice(downAt + 1, downEnd)].join('\n'),
    ...(expandedAt > downAt
      ? { downExpanded: [...lines.slice(0, expandedAt + 1).map(() => ''), ...lines.slice(expandedAt + 1)].join('\n') }
      : {}),
  };
}

/** An online migration's up section cut at its `-- +sfm contract` line (both parts keep the file's line numbers);
 * no contract part when there is no such line. */
export function splitContract(up: string): { expand: string; contract?: string } {
  const lines = up.split('\n');
  const at = lines.findIndex((l) => l.trim() === CONTRACT);
  if (at < 0) return { expand: up };
  return {
    expand: lines.slice(0, at).join('\n'),
    contract: [...lines.slice(0, at + 1).map(() => ''), ...lines.slice(at + 1)].join('\n'),
  };
}
