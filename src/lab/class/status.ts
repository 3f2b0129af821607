// The teacher's table of a class sharing one account (seed 003): one row per student found in the account (the
// student tag, else the user number in a name), each judged on that student's view of the ONE inventory read of
// the account — the steps checked as their own check would, what they have running and what it costs an hour —
// and the resources no student owns. Pure: the CLI's `class status` and the extension's Class view read it.
import type { Inventory } from '../../aws/types';
import { OWNED_LISTS, ownerOfResource, scopeInventory, type Owned } from '../../aws/inventory/scope';
import { estimateCost, type CostEstimate, type CostItem, type EstimateOptions } from '../../cost/estimate';
import { checkAll } from '../checks/checks';
import type { LayoutId } from '../layout';
import type { CheckResult, Observations, TrackId } from '../types';

/** Seed 003's numbering (`user05`): the prefix a class's user numbers start with unless told otherwise. */
export const DEFAULT_CLASS_PREFIX = 'user';

/** Something of a student's that runs (and bills by the hour): an instance, a load balancer, a database. */
export interface RunningResource {
  readonly kind: 'instance' | 'loadBalancer' | 'database' | 'natGateway';
  readonly id: string;
  readonly name?: string;
  /** Its own items of the estimate together (an instance's compute, public IPv4 and attached volumes). */
  readonly hourlyUsd: number;
}

export interface ClassRow {
  readonly student: string;
  /** Every step of the handout, judged on the student's view. */
  readonly steps: readonly CheckResult[];
  /** What runs now, most expensive first. */
  readonly running: readonly RunningResource[];
  /** The whole view's hourly rate: what runs plus what bills while stopped (EBS, Elastic IPs, snapshots). */
  readonly hourlyUsd: number;
  /** The resources of the account the student owns (by tag or name), what uses them not counted. */
  readonly resources: number;
}

/** A resource no student owns (the teacher's, or one nobody named). */
export interface UnownedResource {
  readonly kind: UnownedKind;
  readonly id: string;
  readonly name?: string;
  readonly hourlyUsd: number;
}

export type UnownedKind =
  | 'instance'
  | 'volume'
  | 'snapshot'
  | 'image'
  | 'elasticIp'
  | 'securityGroup'
  | 'loadBalancer'
  | 'targetGroup'
  | 'vpc'
  | 'natGateway'
  | 'dbInstance'
  | 'dbCluster'
  | 'dbSubnetGroup'
  | 'autoScalingGroup'
  | 'launchTemplate'
  | 'alarm';

export interface ClassStatus {
  readonly region: string;
  readonly fetchedAt: string;
  readonly layout?: LayoutId;
  readonly prefix: string;
  /** One per student, in the class's order (user02 before user10). */
  readonly rows: readonly ClassRow[];
  readonly unowned: { readonly resources: readonly UnownedResource[]; readonly hourlyUsd: number };
  /** The account's hourly rate as a whole (the rows and the unowned together). */
  readonly hourlyUsd: number;
  /** The API calls of the one inventory every row is judged from. */
  readonly apiCalls: number;
  readonly problems: Inventory['problems'];
}

export interface ClassStatusOptions {
  readonly layout?: LayoutId;
  /** The class's numbering (`user` for user05); default DEFAULT_CLASS_PREFIX. */
  readonly prefix?: string;
  /** The pages each student's checks look at (observeClass), by student; none: those steps say so. */
  readonly observations?: ReadonlyMap<string, Observations>;
  readonly track?: TrackId | readonly TrackId[];
  readonly cost?: EstimateOptions;
}

/** The lists whose members a student may own: a view's, and the gateways a student's VPC has (they bill). */
const OWNABLE = [...OWNED_LISTS, 'natGateways', 'internetGateways'] as const;

/** Every student who owns something in the account, in the class's order. */
export function studentsIn(inv: Inventory, prefix: string = DEFAULT_CLASS_PREFIX): string[] {
  const found = new Set<string>();
  for (const key of OWNABLE)
    for (const r of inv[key] as readonly Owned[]) {
      const owner = ownerOfResource(r, prefix);
      if (owner) found.add(owner);
    }
  return [...found].sort(byClassOrder);
}

/** user02 before user10, then by name. */
export function byClassOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function countOwned(inv: Inventory, student: string, prefix: string): number {
  let n = 0;
  for (const key of OWNABLE)
    for (const r of inv[key] as readonly Owned[]) if (ownerOfResource(r, prefix) === student) n += 1;
  return n;
}

const RUNNING_KINDS: Readonly<Partial<Record<CostItem['kind'], RunningResource['kind']>>> = {
  instance: 'instance',
  loadBalancer: 'loadBalancer',
  dbInstance: 'database',
  auroraInstance: 'database',
  natGateway: 'natGateway',
};

/** The estimate's items summed per resource, an attached volume and an associated Elastic IP into its instance. */
function hourlyByResource(inv: Inventory, estimate: CostEstimate): Map<string, number> {
  const holder = new Map(inv.volumes.flatMap((v) => (v.attachedTo ? [[v.id, v.attachedTo.instanceId] as const] : [])));
  for (const i of inv.instances)
    if (i.rootVolume && !holder.has(i.rootVolume.volumeId)) holder.set(i.rootVolume.volumeId, i.id);
  for (const e of inv.elasticIps) if (e.instanceId) holder.set(e.allocationId, e.instanceId);
  const sums = new Map<string, number>();
  for (const item of estimate.items) {
    const id = holder.get(item.resourceId) ?? item.resourceId;
    sums.set(id, (sums.get(id) ?? 0) + item.hourlyUsd);
  }
  return sums;
}

function runningOf(view: Inventory, estimate: CostEstimate): RunningResource[] {
  const sums = hourlyByResource(view, estimate);
  const out: RunningResource[] = [];
  for (const item of estimate.items) {
    const kind = RUNNING_KINDS[item.kind];
    if (!kind) continue;
    if (kind === 'instance' && item.detail.state !== 'running' && item.detail.state !== 'pending') continue;
    out.push({
      kind,
      id: item.resourceId,
      ...(item.name ? { name: item.name } : {}),
      hourlyUsd: round(sums.get(item.resourceId) ?? item.hourlyUsd),
    });
  }
  return out.sort((a, b) => b.hourlyUsd - a.hourlyUsd || (a.name ?? a.id).localeCompare(b.name ?? b.id));
}

export function classStatus(whole: Inventory, options: ClassStatusOptions = {}): ClassStatus {
  const prefix = options.prefix ?? DEFAULT_CLASS_PREFIX;
  const layout = options.layout;
  const students = studentsIn(whole, prefix);
  const inViews = new Set<unknown>();
  const rows = students.map((student): ClassRow => {
    const view = scopeInventory(whole, student);
    for (const key of OWNABLE) for (const r of view[key] as readonly unknown[]) inViews.add(r);
    const estimate = estimateCost(view, options.cost);
    // The view carries the student: the checks look for that student's names (namesOf(layout, view.student)).
    const input = {
      inventory: view,
      observations: options.observations?.get(student) ?? new Map(),
      ...(layout ? { layout } : {}),
    };
    return {
      student,
      steps: checkAll(input, options.track),
      running: runningOf(view, estimate),
      hourlyUsd: round(estimate.hourlyUsd),
      resources: countOwned(whole, student, prefix),
    };
  });
  const whole$ = estimateCost(whole, options.cost);
  const resources = unownedOf(whole, inViews, hourlyByResource(whole, whole$));
  return {
    region: whole.context.region,
    fetchedAt: whole.fetchedAt,
    ...(layout ? { layout } : {}),
    prefix,
    rows,
    unowned: { resources, hourlyUsd: round(resources.reduce((n, r) => n + r.hourlyUsd, 0)) },
    hourlyUsd: round(whole$.hourlyUsd),
    apiCalls: whole.apiCalls,
    problems: whole.problems,
  };
}

/**
 * What no student owns and no student's view holds (the default VPC and the groups their servers share are in
 * every view): the teacher's resources, or ones named for nobody. A volume and an Elastic IP go with their
 * instance, a snapshot behind an AMI with the AMI.
 */
function unownedOf(
  inv: Inventory,
  inViews: ReadonlySet<unknown>,
  hourly: ReadonlyMap<string, number>,
): UnownedResource[] {
  const out: UnownedResource[] = [];
  const free = (r: unknown) => !inViews.has(r);
  const add = (kind: UnownedKind, id: string, name: string | undefined) =>
    out.push({ kind, id, ...(name ? { name } : {}), hourlyUsd: round(hourly.get(id) ?? 0) });
  const attached = new Set(inv.instances.flatMap((i) => (i.rootVolume ? [i.rootVolume.volumeId] : [])));
  const behindImages = new Set(inv.images.flatMap((img) => img.snapshotIds));
  for (const i of inv.instances.filter(free)) if (i.state !== 'terminated') add('instance', i.id, i.name);
  for (const v of inv.volumes.filter(free)) if (!v.attachedTo && !attached.has(v.id)) add('volume', v.id, v.name);
  for (const img of inv.images.filter(free)) add('image', img.id, img.name);
  for (const s of inv.snapshots.filter(free)) if (!behindImages.has(s.id)) add('snapshot', s.id, s.name);
  const instances = new Set(inv.instances.map((i) => i.id));
  for (const e of inv.elasticIps.filter(free))
    if (!instances.has(e.instanceId ?? '')) add('elasticIp', e.allocationId, e.tags.Name ?? e.publicIp);
  for (const lb of inv.loadBalancers.filter(free)) add('loadBalancer', lb.arn, lb.name);
  for (const clb of inv.classicLoadBalancers.filter(free)) add('loadBalancer', clb.name, clb.name);
  for (const tg of inv.targetGroups.filter(free)) add('targetGroup', tg.arn, tg.name);
  for (const g of inv.securityGroups.filter(free)) if (g.name !== 'default') add('securityGroup', g.id, g.name);
  for (const v of inv.vpcs.filter(free)) if (!v.isDefault) add('vpc', v.id, v.name);
  for (const n of inv.natGateways.filter(free)) add('natGateway', n.id, n.name);
  for (const d of inv.dbInstances.filter(free)) if (!d.clusterId) add('dbInstance', d.id, d.id);
  for (const c of inv.dbClusters.filter(free)) add('dbCluster', c.id, c.id);
  for (const g of inv.dbSubnetGroups.filter(free)) if (g.name !== 'default') add('dbSubnetGroup', g.name, g.name);
  for (const g of inv.autoScalingGroups.filter(free)) add('autoScalingGroup', g.name, g.name);
  for (const t of inv.launchTemplates.filter(free)) add('launchTemplate', t.id, t.name);
  for (const a of inv.metricAlarms.filter(free)) add('alarm', a.name, a.name);
  return out.sort((a, b) => b.hourlyUsd - a.hourlyUsd || (a.name ?? a.id).localeCompare(b.name ?? b.id));
}

function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
