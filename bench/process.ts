// Whole processes timed the way the benchmark reports them: wall time from here, peak RSS from /usr/bin/time.
import { spawnSync } from 'node:child_process';

export interface Run {
  readonly ms: number;
  readonly rssMb: number;
  readonly ok: boolean;
}

export interface Timed extends Run {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cmd args` to the end; exit codes 0 and 2 (changes found) count as success. */
export function timed(
  cmd: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Timed {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], {
    encoding: 'utf8',
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t;
  const lines = r.stderr.trimEnd().split('\n');
  const rss = Number(/^(\d+)$/.exec(lines.at(-1) ?? '')?.[1] ?? 0) / 1024;
  return {
    ms: Math.round(ms),
    rssMb: Math.round(rss),
    ok: r.status === 0 || r.status === 2,
    stdout: r.stdout,
    stderr: lines.slice(0, -1).join('\n'),
  };
}

/** The run with the median wall time (of an odd number of runs: a run that happened). */
export function median(runs: readonly Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const m = sorted[Math.floor(sorted.length / 2)] as Run;
  return { ms: m.ms, rssMb: m.rssMb, ok: runs.every((r) => r.ok) };
}

/** Two processes run one after the other, reported as one (times added, the larger peak). */
export const sum = (a: Run, b: Run): Run => ({ ms: a.ms + b.ms, rssMb: Math.max(a.rssMb, b.rssMb), ok: a.ok && b.ok });
