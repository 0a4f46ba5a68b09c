// Versions read from package.json files: this package's (for --version and for keys of cached states) and others'.
import { readFileSync } from 'node:fs';

/** The `version` of a package.json; undefined when the file has none. */
export function packageVersion(file: URL | string): string | undefined {
  const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  return typeof version === 'string' ? version : undefined;
}

let cached: string | undefined;

export function toolVersion(): string {
  cached ??= packageVersion(new URL('../../package.json', import.meta.url)) ?? 'unknown';
  return cached;
}
