// A runner's partial inventory laid over the last whole one, so the views can follow a run without showing the
// sections it did not read as empty.
import type { Inventory, InventorySection } from '../types';
import { deepFreeze } from './shapes';

/** The fields each section fills. */
const FIELDS: Readonly<Record<InventorySection, readonly (keyof Inventory)[]>> = {
  network: ['azs', 'vpcs', 'subnets', 'routeTables', 'internetGateways', 'natGateways'],
  instances: ['instances'],
  storage: ['volumes', 'snapshots', 'images'],
  addresses: ['elasticIps'],
  securityGroups: ['securityGroups'],
  loadBalancing: ['loadBalancers', 'targetGroups', 'classicLoadBalancers'],
  databases: ['dbInstances', 'dbClusters', 'dbSubnetGroups', 'dbEvents'],
  autoScaling: ['autoScalingGroups', 'launchTemplates', 'scalingPolicies', 'metricAlarms', 'scalingActivities'],
};

/**
 * `part`'s sections over `whole`'s (same account and region only; otherwise undefined): the problems of each
 * section come from the snapshot it was taken from. A whole `part` is returned as it is; over a scoped `whole`
 * the result is scoped to the sections of both.
 */
export function overlayInventory(whole: Inventory | undefined, part: Inventory): Inventory | undefined {
  const read = part.sections;
  if (!read) return part;
  if (!whole) return undefined;
  if (whole.context.accountId !== part.context.accountId || whole.context.region !== part.context.region) {
    return undefined;
  }
  const merged: Record<string, unknown> = { ...whole, fetchedAt: part.fetchedAt, apiCalls: part.apiCalls };
  // Over a scoped whole (a runner's own read), the result holds both reads' sections and no others.
  if (whole.sections) merged.sections = [...new Set([...whole.sections, ...read])];
  for (const section of read) for (const field of FIELDS[section]) merged[field] = part[field];
  merged.problems = [
    ...whole.problems.filter((p) => !read.includes(p.section)),
    ...part.problems.filter((p) => read.includes(p.section)),
  ];
  return deepFreeze(merged as unknown as Inventory);
}
