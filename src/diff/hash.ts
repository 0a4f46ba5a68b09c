// The normalized hash of a model, as written in migration headers and compared for drift.
import { modelHash, type Model } from '../model/model.js';
import { kindOf } from '../objects/registry.js';

export function schemaHash(model: Model): string {
  const settled = model.objects.some((o) => o.incomplete) ? { objects: model.objects.filter((o) => !o.incomplete) } : model;
  return modelHash(settled, (o) => kindOf(o).normalize?.(o) ?? o);
}
