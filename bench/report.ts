// The benchmark's written results: a Markdown page of the timings and of the issue-9 targets as ratios, and an SVG
// chart of time against size (sfm-schema, its peers, pg_dump).
import type { Run } from './process.js';

export const TOOLS = {
  diff: 'sfm-schema diff (two live databases)',
  dump: 'pg_dump --schema-only, both databases',
  delta: 'pg-delta plan',
  migra: '@pgkit/migra',
  plan: 'sfm-schema plan --url, SQL files (--no-prove)',
  planProved: 'sfm-schema plan --url, SQL files (proved)',
  planRef: 'psql -f of the desired SQL + pg_dump of the target',
  apply: 'sfm-schema apply of the migration',
  applyRef: 'psql -f of the same statements',
  help: 'sfm-schema --help',
} as const;

export type Tool = keyof typeof TOOLS;

export interface SizeResult {
  readonly tables: number;
  /** Runs per process (the median is reported). */
  readonly runs: number;
  readonly steps: number;
  readonly processes: Partial<Record<Tool, Run>>;
  /** Inside one process (the library): milliseconds and the heap after reading both. */
  readonly inProcess: {
    readonly introspectFrom: number;
    readonly introspectTo: number;
    readonly plan: number;
    readonly heapMb: number;
  };
}

export interface BenchResults {
  readonly when: string;
  readonly machine: string;
  readonly server: string;
  readonly runs: number;
  readonly sizes: readonly SizeResult[];
}

const secs = (r: Run | undefined) => (r ? `${(r.ms / 1000).toFixed(2)} s${r.ok ? '' : ' (failed)'}` : 'n/a');
const ratio = (a: Run | undefined, b: Run | undefined) => (a && b && a.ok && b.ok ? a.ms / b.ms : undefined);

interface Target {
  readonly what: string;
  readonly value: number | undefined;
  readonly shown: string;
  readonly met: boolean | undefined;
}

function targets(r: BenchResults): Target[] {
  const out: Target[] = [];
  const add = (what: string, value: number | undefined, limit: number, atMost: boolean, unit = '×') =>
    out.push({
      what,
      value,
      shown: value === undefined ? 'n/a' : `${value.toFixed(2)}${unit}`,
      met: value === undefined ? undefined : atMost ? value <= limit : value >= limit,
    });
  for (const s of r.sizes) {
    const p = s.processes;
    const at = ` (${s.tables.toLocaleString('en')} tables)`;
    add(`diff ÷ two pg_dumps ≤ 1.0${at}`, ratio(p.diff, p.dump), 1.0, true);
    add(`pg-delta ÷ diff ≥ 3${at}`, ratio(p.delta, p.diff), 3, false);
    add(`migra ÷ diff ≥ 10${at}`, ratio(p.migra, p.diff), 10, false);
    add(`plan --url ÷ (psql -f + pg_dump) ≤ 1.2${at}`, ratio(p.plan, p.planRef), 1.2, true);
    add(`apply ÷ psql -f ≤ 1.05${at}`, ratio(p.apply, p.applyRef), 1.05, true);
    if (s.tables === 1000) add(`diff peak RSS ≤ 150 MB${at}`, p.diff?.rssMb, 150, true, ' MB');
  }
  const small = r.sizes.find((s) => s.tables === 1000)?.processes.diff;
  const large = r.sizes.find((s) => s.tables === 10000)?.processes.diff;
  if (small && large) add('diff at 10,000 ÷ at 1,000 ≤ 12', large.ms / small.ms, 12, true);
  const help = r.sizes[0]?.processes.help;
  if (help) add('--help ≤ 0.3 s', help.ms / 1000, 0.3, true, ' s');
  return out;
}

export function markdown(r: BenchResults): string {
  const lines = [
    `# sfm-schema benchmark`,
    '',
    `${r.when}; ${r.machine}; ${r.server}; whole processes (median of the runs each size states), peak RSS from /usr/bin/time. Written by \`npm run bench\`.`,
    '',
  ];
  lines.push('## Targets (issue 9)', '', '| target | measured | met |', '|---|---:|:---:|');
  for (const t of targets(r))
    lines.push(`| ${t.what} | ${t.shown} | ${t.met === undefined ? '–' : t.met ? 'yes' : 'no'} |`);
  for (const s of r.sizes) {
    lines.push(
      '',
      `## ${s.tables.toLocaleString('en')} tables (${s.steps} steps in the plan; ${s.runs === 1 ? 'one run' : `median of ${s.runs}`})`,
      '',
      '| command | wall | peak RSS |',
      '|---|---:|---:|',
    );
    for (const [tool, label] of Object.entries(TOOLS) as [Tool, string][]) {
      const run = s.processes[tool];
      if (run) lines.push(`| ${label} | ${secs(run)} | ${run.rssMb} MB |`);
    }
    const i = s.inProcess;
    lines.push(
      '',
      `In one process: introspect ${i.introspectFrom} ms + ${i.introspectTo} ms, diff and plan ${i.plan} ms, heap ${i.heapMb} MB.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const SERIES: readonly { tool: Tool; colour: string }[] = [
  { tool: 'diff', colour: '#1f6feb' },
  { tool: 'dump', colour: '#6e7781' },
  { tool: 'delta', colour: '#2da44e' },
  { tool: 'migra', colour: '#cf222e' },
  { tool: 'plan', colour: '#8250df' },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Seconds against tables, one line per tool; hand-written SVG (no chart library for five lines). */
export function chart(r: BenchResults): string {
  const W = 900,
    H = 420,
    L = 60,
    R = 340,
    T = 30,
    B = 50;
  const sizes = r.sizes.map((s) => s.tables);
  const maxX = Math.max(...sizes, 1);
  const points = SERIES.map(({ tool, colour }) => ({
    tool,
    colour,
    pts: r.sizes.flatMap((s) => (s.processes[tool]?.ok ? [[s.tables, s.processes[tool]!.ms / 1000] as const] : [])),
  }));
  // Seconds on a log scale: the peers span two orders of magnitude at 10,000 tables.
  const ys = points.flatMap((p) => p.pts.map(([, v]) => v));
  const lo = 10 ** Math.floor(Math.log10(Math.max(0.01, Math.min(...ys, 1))));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...ys, 1)));
  const x = (v: number) => L + (v / maxX) * (W - L - R);
  const y = (v: number) => H - B - ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (H - T - B);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${L}" y="18" font-size="14">Seconds against tables, log scale (${esc(r.machine)}; ${esc(r.server.split(' (')[0] ?? '')})</text>`,
  ];
  for (let v = lo; v <= hi * 1.001; v *= 10) {
    out.push(
      `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`,
      `<text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${+v.toPrecision(1)} s</text>`,
    );
  }
  for (const s of sizes)
    out.push(`<text x="${x(s)}" y="${H - B + 18}" text-anchor="middle">${s.toLocaleString('en')}</text>`);
  out.push(
    `<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">tables</text>`,
    `<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#333"/>`,
    `<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#333"/>`,
  );
  points.forEach(({ tool, colour, pts }, i) => {
    if (pts.length) {
      out.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ')}"/>`,
      );
      for (const [a, b] of pts)
        out.push(`<circle cx="${x(a).toFixed(1)}" cy="${y(b).toFixed(1)}" r="3" fill="${colour}"/>`);
    }
    out.push(
      `<rect x="${W - R + 16}" y="${T + i * 22}" width="12" height="12" fill="${colour}"/>`,
      `<text x="${W - R + 34}" y="${T + i * 22 + 10}">${esc(TOOLS[tool])}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
