// Human and JSON output. Only the cli module prints.
import { stepNotes } from '../plan/step-notes.js';
import type { PlanStep } from '../plan/plan.js';
import { redact } from '../errors.js';
import { describeUnmanaged } from '../plan/coverage.js';
import type { UnmanagedObject } from '../model/model.js';

export interface Output {
  readonly json: boolean;
  readonly color: boolean;
  out(text: string): void;
  err(text: string): void;
  /** Text written as it is (no newline added), passwords still removed. */
  raw(text: string): void;
}

export function makeOutput(json: boolean, color: boolean): Output {
  return {
    json,
    color,
    out: (t) => process.stdout.write(`${redact(t)}\n`),
    err: (t) => process.stderr.write(`${redact(t)}\n`),
    raw: (t) => process.stdout.write(redact(t)),
  };
}

export const paint = (o: Output, code: number, text: string) => (o.color ? `\u001b[${code}m${text}\u001b[0m` : text);

export function describeSteps(o: Output, steps: readonly PlanStep[]): string {
  return steps
    .map((s, i) => {
      const hz = s.hazards.length ? ` ${paint(o, 31, `[${s.hazards.join(', ')}]`)}` : '';
      const sql = s.statements.map((x) => `    ${x.split('\n').join('\n    ')};`).join('\n');
      const rev = s.reverse.length
        ? `\n    ${paint(o, 2, `-- reverse: ${s.reverse.map((x) => x.split('\n').join(' ')).join('; ')}`)}`
        : '';
      const outside = s.nonTransactional ? ` ${paint(o, 33, '(outside a transaction)')}` : '';
      const cost = stepNotes(s)
        .map((n) => `\n    ${paint(o, 33, `-- ${n}`)}`)
        .join('');
      return `  ${i + 1}. ${s.op} ${s.id}${hz}${outside}${cost}\n${sql}${rev}`;
    })
    .join('\n');
}

/** What a side holds that no kind manages, and what that means for it there. */
export interface UnmanagedSide {
  readonly where: string;
  readonly meaning: string;
  readonly objects: readonly UnmanagedObject[];
}

/** Warnings on stderr (stdout stays the command's answer): objects never planned must not go unnoticed. */
export function warnUnmanaged(out: Output, sides: readonly UnmanagedSide[]): void {
  for (const s of sides) {
    if (s.objects.length === 0) continue;
    const list = s.objects.map((u) => `\n  ${describeUnmanaged(u)}`).join('');
    out.err(
      paint(
        out,
        33,
        `warning: ${s.where} holds ${s.objects.length} object(s) of kinds sfm-schema does not manage; ${s.meaning} ` +
          `(--strict-coverage makes this an error):${list}`,
      ),
    );
  }
}

/** What the schema folder's `_custom/` scripts make: said, not warned about (they are the user's own DDL). */
export function noteCustom(out: Output, custom: readonly UnmanagedObject[]): void {
  if (custom.length === 0) return;
  const list = custom.map((u) => `\n  ${describeUnmanaged(u)}`).join('');
  out.err(
    `note: the _custom/ scripts run as written and are never diffed; they make ${custom.length} object(s):${list}`,
  );
}
