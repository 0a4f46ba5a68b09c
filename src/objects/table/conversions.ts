// Declared conversions (`-- sfm:using`, YAML `using:`) ride on the desired model's columns, where the renderer of a
// type change finds them; they are not part of the schema (not compared, not hashed).
import type { Model } from '../../model/model.js';
import type { Conversion } from '../../model/conversion.js';
import { tableId } from '../shared/ids.js';
import { isTable } from './table-model.js';

export function withConversions(model: Model, conversions: readonly Conversion[]): Model {
  if (conversions.length === 0) return model;
  const byTable = new Map<string, Conversion[]>();
  for (const c of conversions)
    byTable.set(tableId(c.schema, c.table), [...(byTable.get(tableId(c.schema, c.table)) ?? []), c]);
  return {
    ...model,
    objects: model.objects.map((o) => {
      const list = byTable.get(o.id);
      if (!list || !isTable(o)) return o;
      return {
        ...o,
        columns: o.columns.map((c) => {
          const conv = list.find((x) => x.column === c.name);
          return conv ? { ...c, using: { up: conv.up, down: conv.down } } : c;
        }),
      };
    }),
  };
}
