// What a step may cost or risk, as the plan declares it and the proof observes it.
export type Hazard =
  | 'DELETES_DATA'
  | 'TABLE_REWRITE'
  | 'ACCESS_EXCLUSIVE_LOCK'
  | 'INDEX_BUILD'
  | 'CORRECTNESS'
  | 'HAS_UNTRACKABLE_DEPENDENCIES';

export const ALL_HAZARDS: readonly Hazard[] = [
  'DELETES_DATA',
  'TABLE_REWRITE',
  'ACCESS_EXCLUSIVE_LOCK',
  'INDEX_BUILD',
  'CORRECTNESS',
  'HAS_UNTRACKABLE_DEPENDENCIES',
];

const KNOWN: ReadonlySet<string> = new Set(ALL_HAZARDS);

/** A hazard's name, as read from a flag, a file header or the history table. */
export const isHazard = (name: string): name is Hazard => KNOWN.has(name);

/** Hazard names as written (`A, B` or `A,B`; empty or `none`: no hazards); `unknown` receives what is not one. */
export function parseHazards(text: string | undefined, unknown: (name: string) => never): Hazard[] {
  if (!text || text.trim() === 'none') return [];
  return text
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map((h) => (isHazard(h) ? h : unknown(h)));
}

/** A hazard of one step with why it is there: `declared` by the planner for the change, or `observed` by the proof
 * (a rewrite or a loss it saw on the dev database that the change had not declared; the observation wins). */
export interface HazardDetail {
  readonly type: Hazard;
  readonly reason: string;
  readonly source: 'declared' | 'observed';
  /** Declared, with a condition under which it does not happen that the proof cannot judge (kept unobserved). */
  readonly unless?: string;
  /** Observed not to happen although declared: the step no longer carries it. */
  readonly absent?: true;
}

const DECLARED: Record<Hazard, string> = {
  DELETES_DATA: 'the step removes stored values',
  TABLE_REWRITE: 'the step rewrites the table',
  ACCESS_EXCLUSIVE_LOCK: 'the step holds an ACCESS EXCLUSIVE lock while it scans or changes the table',
  INDEX_BUILD: 'the step builds an index, blocking writes to its table while it builds',
  CORRECTNESS: 'the step may fail or change meaning on some data',
  HAS_UNTRACKABLE_DEPENDENCIES: 'what depends on the object cannot be known from the catalog',
};

/** The details of a change's declared hazards, of `id` (`drop table:public.t`). */
export const declaredDetails = (
  hazards: readonly Hazard[],
  what: string,
  unless: Partial<Record<Hazard, string>> = {},
  absent: Partial<Record<Hazard, string>> = {},
  reasons: Partial<Record<Hazard, string>> = {},
): HazardDetail[] => [
  ...hazards.map((type): HazardDetail => {
    const condition = unless[type];
    return {
      type,
      reason: `${what}: ${reasons[type] ?? DECLARED[type]}`,
      source: 'declared',
      ...(condition ? { unless: condition } : {}),
    };
  }),
  ...Object.entries(absent).map(
    ([type, reason]): HazardDetail => ({ type: type as Hazard, reason, source: 'declared', absent: true }),
  ),
];
