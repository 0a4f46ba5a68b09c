// inspect: the live schema as desired-state SQL (a plan from nothing to it), YAML, or the model as JSON.
import { modelToYaml } from '../desired/yaml/yaml-export.js';
import { introspect } from '../introspect/introspect.js';
import { emptyModel, type Model } from '../model/model.js';
import type { Scope } from '../model/scope.js';
import { plan } from '../plan/plan.js';
import { describeUnmanaged } from '../plan/coverage.js';
import { ALL_SCHEMAS } from '../model/scope.js';
import { withDatabase } from '../db/queryable.js';

export type InspectFormat = 'sql' | 'yaml' | 'json';

export interface InspectOptions {
  readonly url: string;
  readonly format?: InspectFormat | undefined;
  readonly scope?: Scope | undefined;
}

export interface InspectResult {
  readonly model: Model;
  readonly format: InspectFormat;
  readonly text: string;
}

export function renderModel(model: Model, format: InspectFormat): string {
  if (format === 'json') return JSON.stringify(model, null, 2);
  if (format === 'yaml') return `${unmanagedHeader(model, '#')}${modelToYaml(model)}`;
  return `${unmanagedHeader(model, '--')}${plan(emptyModel(), model)
    .steps.flatMap((s) => s.statements.map((x) => `${x};`))
    .join('\n\n')}\n`;
}

/** A comment naming what the database holds that the text leaves out: who builds from it must know. */
function unmanagedHeader(model: Model, comment: string): string {
  const left = model.unmanaged ?? [];
  if (left.length === 0) return '';
  const lines = [
    `Not written here: ${left.length} object(s) of kinds sfm-schema does not manage.`,
    ...left.map((u) => `  ${describeUnmanaged(u)}`),
  ];
  return `${lines.map((l) => `${comment} ${l}\n`).join('')}\n`;
}

export async function inspect(o: InspectOptions): Promise<InspectResult> {
  const format = o.format ?? 'sql';
  const model = await withDatabase(o.url, (db) => introspect(db, o.scope ?? ALL_SCHEMAS));
  return { model, format, text: renderModel(model, format) };
}
