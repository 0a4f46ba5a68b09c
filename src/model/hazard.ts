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
