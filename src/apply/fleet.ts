// Many databases brought to the same version: each target under its own lock and history, a bounded number at a
// time. A failure on one target does not stop the others unless asked; a canary group goes first and must succeed.
export interface FleetTask<R> {
  readonly target: string;
  readonly run: () => Promise<R>;
}

export interface FleetOutcome<R> {
  readonly target: string;
  readonly result?: R;
  readonly error?: unknown;
  /** Not run: a canary or (with failFast) an earlier target failed. */
  readonly skipped?: boolean;
  readonly durationMs: number;
}

export interface FleetSettings {
  readonly parallel: number;
  /** Run these many targets first (in parallel); if any fails, run no other. */
  readonly canary: number;
  /** After a failure, start no further target (those running finish). */
  readonly failFast: boolean;
  readonly onDone?: (outcome: FleetOutcome<unknown>, done: number, total: number) => void;
}

async function runBounded<R>(
  tasks: readonly FleetTask<R>[],
  s: FleetSettings,
  stop: () => boolean,
  out: FleetOutcome<R>[],
  total: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      const task = tasks[i];
      if (!task) return;
      if (stop()) {
        out.push({ target: task.target, skipped: true, durationMs: 0 });
        continue;
      }
      const started = performance.now();
      let outcome: FleetOutcome<R>;
      try {
        outcome = {
          target: task.target,
          result: await task.run(),
          durationMs: Math.round(performance.now() - started),
        };
      } catch (error) {
        outcome = { target: task.target, error, durationMs: Math.round(performance.now() - started) };
      }
      out.push(outcome);
      s.onDone?.(outcome, out.filter((o) => !o.skipped).length, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(s.parallel, tasks.length)) }, worker));
}

/** Outcomes in the order of `tasks`. */
export async function runFleet<R>(tasks: readonly FleetTask<R>[], s: FleetSettings): Promise<FleetOutcome<R>[]> {
  const out: FleetOutcome<R>[] = [];
  const failed = () => out.some((o) => o.error !== undefined);
  const canary = tasks.slice(0, Math.max(0, s.canary));
  await runBounded(canary, s, () => false, out, tasks.length);
  const rest = tasks.slice(canary.length);
  if (canary.length && failed()) {
    out.push(...rest.map((t) => ({ target: t.target, skipped: true, durationMs: 0 })));
  } else {
    await runBounded(rest, s, () => s.failFast && failed(), out, tasks.length);
  }
  const order = new Map(tasks.map((t, i) => [t.target, i]));
  return out.sort((a, b) => (order.get(a.target) ?? 0) - (order.get(b.target) ?? 0));
}
