// What a report says of a step beside its SQL: its cost on the target (size and estimate), what the proof observed,
// and the conditions and absences of its hazards. The same words the migration file carries as comments.
import { describeCost } from './cost.js';
import type { PlanStep } from './types.js';

export function stepNotes(s: PlanStep): string[] {
  return [
    ...(s.cost ? [`cost: ${describeCost(s.cost)}`] : []),
    ...(s.locks?.length ? [`locks observed: ${s.locks.join(', ')}`] : []),
    ...(s.hazardDetails ?? []).flatMap((d) => [
      ...(d.source === 'observed' ? [`observed ${d.absent ? `no ${d.type}` : d.type}: ${d.reason}`] : []),
      ...(d.source === 'declared' && d.absent ? [`no ${d.type}: ${d.reason}`] : []),
      ...(d.unless ? [`${d.type} unless: ${d.unless}`] : []),
    ]),
  ];
}
