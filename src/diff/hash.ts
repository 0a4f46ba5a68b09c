// The normalized hash of a model, as written in migration headers and compared for drift.
import { canonicalJson, modelHash, type DbObject, type Model } from '../model/model.js';
import { kindOf } from '../objects/registry.js';

// Model objects are immutable: a plan hashes the same ones several times (plan, proof, drift), so each object's
// normalized text is kept as long as the object lives.
const texts = new WeakMap<DbObject, string>();

function normalizedText(o: DbObject): string {
  let text = texts.get(o);
  if (text === undefined) texts.set(o, (text = canonicalJson(kindOf(o).normalize?.(o) ?? o)));
  return text;
}

export function schemaHash(model: Model): string {
  const settled = model.objects.some((o) => o.incomplete)
    ? { objects: model.objects.filter((o) => !o.incomplete) }
    : model;
  return modelHash(settled, normalizedText);
}
