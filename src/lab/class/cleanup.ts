// The teacher's cleanup of a class sharing one account: one student's resources (planned on their view) or every
// student's (planned on the account), with the plan, the run and the final check of the lab's cleanup
// (cleanup/plan.ts, cleanup/run.ts). For the teacher a student's resources are the lab's, made by our runners or
// in the console alike: whatever the student tag or a user number in its name gives to the student goes. Never
// another student's (for one student), never what no student owns unless the teacher picks it.
import type { KeyPairInfo } from '../../aws/actions/cleanupActions';
import { scopeInventory } from '../../aws/inventory/scope';
import { ownerOf } from '../../aws/student';
import type { Inventory } from '../../aws/types';
import type { PriceTable } from '../../cost/prices';
import { BILLABLE_KINDS, planCleanup } from '../cleanup/plan';
import { executeCleanup } from '../cleanup/run';
import type { CleanupContext, CleanupItem, CleanupPlan, CleanupResult, CleanupUnread } from '../cleanup/types';
import { isLabTagged } from '../types';
import { ownerOfResource } from '../../aws/inventory/scope';
import { DEFAULT_CLASS_PREFIX } from './status';

/** One student's resources, or every student's. */
export type ClassCleanupTarget = { readonly student: string } | { readonly all: true };

export interface ClassCleanupOptions {
  readonly prefix?: string;
  /** IDs (or names of load balancers, target groups, key pairs) the teacher picks besides the students'. */
  readonly include?: readonly string[];
  readonly keyPairs?: readonly KeyPairInfo[];
  readonly unread?: readonly CleanupUnread[];
  readonly prices?: PriceTable;
}

type Tagged = { readonly tags?: Readonly<Record<string, string>>; readonly state?: string; readonly name?: string };

/** Each resource of the inventory with the id the cleanup plan knows it by. */
function planIds(inv: Inventory): { id: string; r: Tagged & { id?: string }; root: boolean }[] {
  const out: { id: string; r: Tagged & { id?: string }; root: boolean }[] = [];
  const add = (id: string, r: Tagged & { id?: string }, root = true) => out.push({ id, r, root });
  for (const v of inv.vpcs) add(v.id, v);
  for (const s of inv.subnets) add(s.id, s, false);
  for (const t of inv.routeTables) add(t.id, t, false);
  for (const g of inv.internetGateways) add(g.id, g, false);
  for (const n of inv.natGateways) add(n.id, n);
  for (const i of inv.instances) add(i.id, i);
  for (const v of inv.volumes) add(v.id, v, !v.attachedTo);
  const behind = new Set(inv.images.flatMap((img) => img.snapshotIds));
  for (const s of inv.snapshots) add(s.id, s, !behind.has(s.id));
  for (const img of inv.images) add(img.id, img);
  for (const e of inv.elasticIps) add(e.allocationId, { name: e.tags.Name, tags: e.tags });
  for (const g of inv.securityGroups) add(g.id, g);
  for (const lb of inv.loadBalancers) add(lb.arn, lb);
  for (const tg of inv.targetGroups) add(tg.arn, tg);
  for (const clb of inv.classicLoadBalancers) add(clb.name, clb);
  for (const d of inv.dbInstances) add(d.id, { ...d, name: d.id }, !d.clusterId);
  for (const c of inv.dbClusters) add(c.id, { ...c, name: c.id });
  for (const g of inv.dbSubnetGroups) add(g.name, { name: g.name });
  for (const g of inv.autoScalingGroups) add(g.name, g);
  for (const t of inv.launchTemplates) add(t.id, t);
  for (const a of inv.metricAlarms) add(a.name, { name: a.name }, false);
  return out;
}

/**
 * What the console leaves unnamed goes with what it belongs to: an Elastic IP with its instance, a snapshot with
 * the instance whose volume it copies (1.1 in the console names no snapshot).
 */
function attachedOwners(inv: Inventory, prefix: string): Map<string, string> {
  const instanceOwner = new Map<string, string>();
  const volumeOwner = new Map<string, string>();
  for (const i of inv.instances) {
    const owner = ownerOfResource(i, prefix);
    if (!owner) continue;
    instanceOwner.set(i.id, owner);
    if (i.rootVolume) volumeOwner.set(i.rootVolume.volumeId, owner);
  }
  for (const v of inv.volumes) {
    const owner = v.attachedTo ? instanceOwner.get(v.attachedTo.instanceId) : undefined;
    if (owner) volumeOwner.set(v.id, owner);
  }
  const out = new Map<string, string>();
  for (const e of inv.elasticIps) {
    const owner = e.instanceId ? instanceOwner.get(e.instanceId) : undefined;
    if (owner) out.set(e.allocationId, owner);
  }
  for (const s of inv.snapshots) {
    const made = /^Created by CreateImage\((i-[0-9a-z]+)\)/.exec(s.description ?? '')?.[1];
    const owner =
      (s.volumeId ? volumeOwner.get(s.volumeId) : undefined) ?? (made ? instanceOwner.get(made) : undefined);
    if (owner) out.set(s.id, owner);
  }
  return out;
}

/**
 * The plan: the student's view (or the account for every student), their resources included, another's
 * excluded, and the lab-tagged ones no student owns excluded too (unless picked) — a part (a subnet, an attached
 * volume, a snapshot behind an AMI) follows its parent as in the lab's cleanup.
 */
export function planClassCleanup(
  whole: Inventory,
  target: ClassCleanupTarget,
  options: ClassCleanupOptions = {},
): CleanupPlan {
  const prefix = options.prefix ?? DEFAULT_CLASS_PREFIX;
  const accepted = (owner: string | undefined) =>
    'student' in target ? owner === target.student : owner !== undefined;
  const inv = 'student' in target ? scopeInventory(whole, target.student) : whole;
  const picked = new Set(options.include ?? []);
  const include = new Set(picked);
  const exclude = new Set<string>();
  const attached = attachedOwners(inv, prefix);
  for (const { id, r, root } of planIds(inv)) {
    const owner = ownerOfResource(r, prefix) ?? attached.get(id);
    if (accepted(owner)) include.add(id);
    else if (picked.has(id) || (r.name !== undefined && picked.has(r.name))) continue;
    else if (owner !== undefined || (root && isLabTagged(r.tags ?? {}))) exclude.add(id);
  }
  const keyPairs = (options.keyPairs ?? []).filter((k) => {
    const owner = ownerOf(k.name, k.tags, prefix);
    if (accepted(owner)) include.add(k.name);
    return accepted(owner) || picked.has(k.name);
  });
  const plan = planCleanup(inv, {
    include: [...include],
    exclude: [...exclude],
    keyPairs,
    ...(options.unread ? { unread: options.unread } : {}),
    ...(options.prices ? { prices: options.prices } : {}),
  });
  // A student's resource (and what goes with it) is the lab's for the teacher: "picked" is what the teacher named.
  const ours = (i: CleanupItem) => !picked.has(i.id) && !picked.has(i.name ?? '');
  return { ...plan, items: plan.items.map((i) => ({ ...i, labCreated: ours(i) })) };
}

/**
 * Deletes the plan's items (cleanup/run.ts), then reads the account again (`ctx.inventory`: the whole account)
 * and plans the same target over it: what of it still bills is left.
 */
export async function runClassCleanup(
  plan: CleanupPlan,
  target: ClassCleanupTarget,
  ctx: CleanupContext,
  options: Pick<ClassCleanupOptions, 'prefix' | 'include'> = {},
): Promise<CleanupResult> {
  const done = await executeCleanup(plan, ctx);
  const after = await ctx.inventory();
  const left = planClassCleanup(after, target, {
    ...options,
    ...(ctx.prices ? { prices: ctx.prices } : {}),
  });
  return { ...done, leftBillable: left.items.filter((i) => BILLABLE_KINDS.has(i.kind)), unread: left.unread };
}
