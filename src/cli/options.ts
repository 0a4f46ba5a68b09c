// Options shared by commands: sources, scope, hazards.
import { ConfigError } from '../errors.js';
import { ALL_HAZARDS, type Hazard, type Scope } from '../objects/kind.js';

export interface CommonOptions {
  url?: string;
  schema: string;
  migrations: string;
  devUrl?: string;
  json?: boolean;
  color?: boolean;
  schemas?: string;
  excludeSchemas?: string;
  allowHazards?: string;
  extensionVersions?: boolean;
}

const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

export function scopeOf(o: CommonOptions): Scope {
  const schemas = list(o.schemas);
  return { ...(schemas ? { schemas } : {}), excludeSchemas: list(o.excludeSchemas) ?? [], extensionVersions: o.extensionVersions ?? false };
}

export function targetUrl(o: CommonOptions): string | undefined {
  return o.url ?? process.env['DATABASE_URL'] ?? undefined;
}

export function requireUrl(o: CommonOptions): string {
  const url = targetUrl(o);
  if (!url) throw new ConfigError('no target database: pass --url or set DATABASE_URL');
  return url;
}

export function allowedHazards(o: CommonOptions): readonly Hazard[] | 'all' {
  const items = list(o.allowHazards) ?? [];
  if (items.some((h) => h.toLowerCase() === 'all')) return 'all';
  const unknown = items.filter((h) => !ALL_HAZARDS.includes(h as Hazard));
  if (unknown.length) throw new ConfigError(`unknown hazard ${unknown.join(', ')} (known: ${ALL_HAZARDS.join(', ')}, all)`);
  return items as Hazard[];
}
