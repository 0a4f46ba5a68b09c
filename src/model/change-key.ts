// The one builder of change keys: a change's stable vertex id in the plan's graph, unique within a plan, and the
// key of its step (a follow-up step adds `#n`).
import type { ObjectId } from './model.js';

export const changeKey = {
  create: (id: ObjectId) => `create:${id}`,
  drop: (id: ObjectId) => `drop:${id}`,
  /** `part` tells apart several alters of one object (its action's type by default). */
  alter: (id: ObjectId, part: string) => `alter:${id}:${part}`,
  archive: (schema: string) => `archive:${schema}`,
  rename: (id: ObjectId) => `rename:${id}`,
  followUp: (key: string, n: number) => `${key}#${n}`,
};
