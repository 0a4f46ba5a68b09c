// The bin run without runCli's own password check, so that the secrets test sees and scans everything itself.
import { runProcess as run } from '../../src/sys/process.js';
import { BIN, project } from './cli.js';

export { project };

export function runProcess(args: readonly string[], cwd: string) {
  return run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, DATABASE_URL: '' } });
}
