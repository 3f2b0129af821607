// Seed 001's Classic Load Balancer among the lab's roles: found by what it holds (the web servers registered on it),
// its name only breaking a tie, our tag last. When an ALB exists too, the one holding the web servers is judged, and
// the other is named in a note (it bills, and cleanup must know it).
import type { ClassicLoadBalancer, Inventory, LoadBalancer, TargetGroup } from '../aws/types';
import type { LabNames } from './layout';
import { isLabTagged } from './types';

const time = (iso: string | undefined) => (iso ? Date.parse(iso) || 0 : 0);
const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** How many of the web servers are registered on a CLB. */
export function classicHolds(clb: ClassicLoadBalancer, instanceIds: readonly string[]): number {
  return instanceIds.filter((id) => clb.instances.some((i) => i.id === id)).length;
}

/** How many of the web servers an ALB's target groups hold. */
export function applicationHolds(
  inv: Inventory,
  lb: LoadBalancer | undefined,
  groups: (lb: LoadBalancer) => TargetGroup[],
  instanceIds: readonly string[],
): number {
  if (!lb) return 0;
  const targets = new Set(groups(lb).flatMap((tg) => tg.targets.map((t) => t.id)));
  return instanceIds.filter((id) => targets.has(id)).length;
}

/** The CLB the lab's checks judge: the one holding both servers, then most of them, then by name, then tagged. */
export function findClassicLoadBalancer(
  inv: Inventory,
  instanceIds: readonly string[],
  names: readonly LabNames[],
): ClassicLoadBalancer | undefined {
  const oldestFirst = [...inv.classicLoadBalancers].sort((a, b) => time(a.createdTime) - time(b.createdTime));
  const all = instanceIds.length;
  const byHolding = oldestFirst
    .filter((c) => classicHolds(c, instanceIds) > 0)
    .sort((a, b) => classicHolds(b, instanceIds) - classicHolds(a, instanceIds));
  const full = all > 0 ? byHolding.find((c) => classicHolds(c, instanceIds) === all) : undefined;
  // A named one counts only while nothing is registered on it: one holding other instances is someone else's.
  const empty = oldestFirst.filter((c) => c.instances.length === 0);
  const named = names.map((n) => empty.find((c) => sameName(c.name, n.loadBalancer))).find((c) => !!c);
  return full ?? byHolding[0] ?? named ?? empty.find((c) => isLabTagged(c.tags));
}

/**
 * Which kind to judge when both may stand: the one holding more of the web servers; on a tie, the handout's kind
 * (seed 001: the CLB), else the ALB, the console's recommendation.
 */
export function judgeClassic(
  albHolds: number,
  clbHolds: number,
  hasAlb: boolean,
  handout: LabNames['balancer'],
): boolean {
  if (!hasAlb) return true;
  if (clbHolds !== albHolds) return clbHolds > albHolds;
  return handout === 'classic';
}

/** Lab-like CLBs besides the judged one: tagged, named as a handout names it, or holding one of the web servers. */
export function otherClassicLoadBalancers(
  inv: Inventory,
  judged: ClassicLoadBalancer | undefined,
  instanceIds: readonly string[],
  names: readonly LabNames[],
): ClassicLoadBalancer[] {
  return inv.classicLoadBalancers.filter(
    (c) =>
      c.name !== judged?.name &&
      (isLabTagged(c.tags) || classicHolds(c, instanceIds) > 0 || names.some((n) => sameName(c.name, n.loadBalancer))),
  );
}
