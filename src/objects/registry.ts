// Every object kind the stages iterate over. Adding a kind = adding its folder and one line here.
import type { DbObject } from '../model/model.js';
import type { ObjectKind } from './kind.js';
import { schemaKind } from './schema/schema.js';
import { extensionKind } from './extension/extension.js';
import { collationKind } from './collation/collation.js';
import { enumKind } from './enum/enum.js';
import { sequenceKind } from './sequence/sequence.js';
import { tableKind } from './table/table.js';
import { constraintKind } from './constraint/constraint.js';
import { indexKind } from './index/index.js';
import { viewKind } from './view/view.js';
import { functionKind } from './function/function.js';
import { aggregateKind } from './aggregate/aggregate.js';
import { operatorKind } from './operator/operator.js';
import { castKind } from './cast/cast.js';
import { opFamilyKind } from './operator-class/family.js';
import { opClassKind } from './operator-class/class.js';
import { publicationKind } from './publication/publication.js';
import { ownerKind } from './owner/owner.js';
import { wrapperKind } from './foreign/wrapper.js';
import { serverKind } from './foreign/server.js';
import { userMappingKind } from './foreign/user-mapping.js';
import { foreignTableKind } from './foreign/foreign-table.js';
import { defaultPrivilegeKind } from './default-privilege/default-privilege.js';
import { triggerKind } from './trigger/trigger.js';
import { ruleKind } from './rule/rule.js';
import { policyKind } from './policy/policy.js';
import { grantKind } from './grant/grant.js';
import { commentKind } from './comment/comment.js';
import { eventTriggerKind } from './event-trigger/event-trigger.js';
import { domainKind } from './domain/domain.js';
import { compositeKind } from './composite/composite.js';
import { rangeKind } from './range/range.js';
import { statisticsKind } from './statistics/statistics.js';
import { tsDictionaryKind } from './text-search/dictionary.js';
import { tsConfigurationKind } from './text-search/configuration.js';

// Each kind is typed on its own object and actions (its hooks are methods, so a kind of a narrower object is one of
// DbObject); the registry hands them the objects of their own kind only.
export const KINDS: readonly ObjectKind<DbObject>[] = [
  schemaKind,
  extensionKind,
  collationKind,
  enumKind,
  domainKind,
  compositeKind,
  rangeKind,
  sequenceKind,
  tableKind,
  wrapperKind,
  serverKind,
  userMappingKind,
  foreignTableKind,
  constraintKind,
  indexKind,
  statisticsKind,
  tsDictionaryKind,
  tsConfigurationKind,
  viewKind,
  functionKind,
  aggregateKind,
  operatorKind,
  castKind,
  opFamilyKind,
  opClassKind,
  triggerKind,
  ruleKind,
  eventTriggerKind,
  policyKind,
  publicationKind,
  ownerKind,
  defaultPrivilegeKind,
  grantKind,
  commentKind,
];

const byName = new Map(KINDS.map((k) => [k.kind, k]));

export function kindOf(obj: { kind: string }): ObjectKind<DbObject> {
  const k = byName.get(obj.kind);
  if (!k) throw new Error(`unknown object kind ${obj.kind}`);
  return k;
}
