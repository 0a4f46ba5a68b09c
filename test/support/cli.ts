// Runs the real bin as a child process, as users and CI scripts do.
import { runProcess } from '../../src/sys/process.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = join(__dirname, '..', '..', 'bin', 'sfm-schema.mjs');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The passwords of the postgres URLs in a text. */
function passwordsIn(text: string): string[] {
  return [...text.matchAll(/postgres(?:ql)?:\/\/[^:@/\s]*:([^@\s]+)@/gi)].map((m) =>
    decodeURIComponent(m[1] as string),
  );
}

/** Every CLI run of the suite is scanned: a password given in an argument or the environment must never come back
 * in what the command printed. */
export async function runCli(
  args: readonly string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const env = { ...process.env, DATABASE_URL: '', ...opts.env };
  const r = await runProcess(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? process.cwd(), env });
  const secrets = [...args, ...Object.values(opts.env ?? {})].flatMap(passwordsIn);
  const leaked = secrets.find((p) => r.stdout.includes(p) || r.stderr.includes(p));
  if (leaked !== undefined)
    throw new Error(`sfm-schema ${args[0]} printed a password from its arguments:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** A throwaway project folder holding the given files. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
