// The user's cache folder for what sfm-schema keeps between runs of any project (not the project's .sfm-cache/):
// SFM_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache (LOCALAPPDATA on Windows), under sfm-schema/.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env['SFM_CACHE_DIR'];
  if (own) return own;
  const base =
    env['XDG_CACHE_HOME'] ||
    (process.platform === 'win32' && env['LOCALAPPDATA'] ? env['LOCALAPPDATA'] : join(homedir(), '.cache'));
  return join(base, 'sfm-schema');
}
