// Start-up of the compiled CLI as whole processes, measured with /usr/bin/time (wall seconds, peak RSS): --help and
// --version must stay within 0.3 s; plan --dry-run on the quickstart with the embedded dev database for reference.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname ?? __dirname, '..');
const BIN = join(ROOT, 'bin', 'sfm-schema.mjs');

function timed(args: string[]): { wall: number; rssMb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, kb] = last.split(' ').map(Number);
  return { wall: wall ?? NaN, rssMb: (kb ?? NaN) / 1024 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export function startupBench(): void {
  if (!existsSync('/usr/bin/time')) {
    console.log('start-up: /usr/bin/time is not installed (apt-get install time), skipped');
    return;
  }
  for (const [label, args, runs] of [
    ['sfm-schema --help', ['--help'], 7],
    ['sfm-schema --version', ['--version'], 7],
    [
      'plan --dry-run (quickstart, PGlite)',
      [
        'plan',
        '--dry-run',
        '--schema',
        'examples/quickstart-sql/schema',
        '--migrations',
        'examples/quickstart-sql/none',
      ],
      3,
    ],
  ] as const) {
    const rs = Array.from({ length: runs }, () => timed([...args]));
    console.log(
      `${label.padEnd(44)} ${(median(rs.map((r) => r.wall)) * 1000).toFixed(0).padStart(7)} ms  ${median(rs.map((r) => r.rssMb)).toFixed(0)} MB peak (median of ${runs})`,
    );
  }
}
