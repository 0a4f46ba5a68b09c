// The normalized hash of a model, as written in migration headers and compared for drift.
import { modelHash, type Model } from '../model/model.js';
import { kindOf } from '../objects/registry.js';

export function schemaHash(model: Model): string {
  return modelHash(model, (o) => kindOf(o).normalize?.(o) ?? o);
}
