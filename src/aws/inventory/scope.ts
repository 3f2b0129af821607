// One student's view of a class's account (seed 003): their own resources (tagged for them, or named with their
// user number) and what those use — the VPC and its subnets, the default VPC, the groups their servers are in, the
// snapshots behind their AMI, the target groups their load balancer forwards to. The rest of the account is left
// out and counted, with whose it is. A pure function of the whole inventory: the explorer, the checks, the cost
// and the cleanup of a student all read this view; the teacher's class table takes one per student.
import type { Inventory } from '../types';
import { classPrefix, ownedBy, ownerOf } from '../student';
import { deepFreeze } from './shapes';

/** What a student's view left out of the account. */
export interface OtherStudents {
  /** Resources of the account not in the view (the default VPC's shared network is in every view). */
  readonly count: number;
  /** Whose they are, where a tag or a name says it (sorted). */
  readonly students: readonly string[];
}

type Has = { readonly name?: string | undefined; readonly tags: Readonly<Record<string, string>> };

export function scopeInventory(inv: Inventory, student: string): Inventory {
  const own = (r: Has) => ownedBy(student, r.name, r.tags);
  const prefix = classPrefix(student);

  const groups = inv.autoScalingGroups.filter(own);
  const groupNames = new Set(groups.map((g) => g.name));
  const groupInstances = new Set(groups.flatMap((g) => g.instances.map((i) => i.id)));
  const instances = inv.instances.filter((i) => own(i) || groupInstances.has(i.id));
  const instanceIds = new Set(instances.map((i) => i.id));

  const groupTgs = new Set(groups.flatMap((g) => g.targetGroupArns));
  const firstTgs = new Set(
    inv.targetGroups.filter((tg) => own(tg) || groupTgs.has(tg.arn) || tg.targets.some((t) => instanceIds.has(t.id))),
  );
  const lbArnsOfTgs = new Set([...firstTgs].flatMap((tg) => tg.loadBalancerArns));
  const loadBalancers = inv.loadBalancers.filter((lb) => own(lb) || lbArnsOfTgs.has(lb.arn));
  const lbArns = new Set(loadBalancers.map((lb) => lb.arn));
  const forwarded = new Set(loadBalancers.flatMap((lb) => lb.listeners.flatMap((l) => l.forwardTo)));
  const targetGroups = inv.targetGroups.filter(
    (tg) => firstTgs.has(tg) || forwarded.has(tg.arn) || tg.loadBalancerArns.some((a) => lbArns.has(a)),
  );
  const classicLoadBalancers = inv.classicLoadBalancers.filter(
    (clb) => own(clb) || clb.instances.some((i) => instanceIds.has(i.id)),
  );

  const templateIds = new Set(groups.flatMap((g) => (g.launchTemplate?.id ? [g.launchTemplate.id] : [])));
  const templateNames = new Set(groups.flatMap((g) => (g.launchTemplate?.name ? [g.launchTemplate.name] : [])));
  const launchTemplates = inv.launchTemplates.filter(
    (t) => own(t) || templateIds.has(t.id) || templateNames.has(t.name),
  );
  const scalingPolicies = inv.scalingPolicies.filter((p) => groupNames.has(p.groupName));
  const policyArns = new Set(scalingPolicies.map((p) => p.arn));
  const metricAlarms = inv.metricAlarms.filter(
    (a) =>
      own({ name: a.name, tags: {} }) ||
      a.alarmActions.some((arn) => policyArns.has(arn)) ||
      a.dimensions.some((d) => d.name === 'AutoScalingGroupName' && groupNames.has(d.value)),
  );
  const scalingActivities = inv.scalingActivities.filter((a) => groupNames.has(a.groupName));

  const volumes = inv.volumes.filter((v) => own(v) || instanceIds.has(v.attachedTo?.instanceId ?? ''));
  const volumeIds = new Set(volumes.map((v) => v.id));
  const images = inv.images.filter((img) => own(img) || instanceIds.has(img.sourceInstanceId ?? ''));
  const imageSnapshots = new Set(images.flatMap((img) => img.snapshotIds));
  const madeFromOwn = (description: string | undefined) =>
    [...instanceIds].some((id) => description?.startsWith(`Created by CreateImage(${id})`));
  const snapshots = inv.snapshots.filter(
    (s) => own(s) || volumeIds.has(s.volumeId ?? '') || imageSnapshots.has(s.id) || madeFromOwn(s.description),
  );
  const elasticIps = inv.elasticIps.filter(
    (a) => own({ name: a.tags.Name, tags: a.tags }) || instanceIds.has(a.instanceId ?? ''),
  );

  const clusters = inv.dbClusters.filter((c) => own({ name: c.id, tags: c.tags }));
  const clusterIds = new Set(clusters.map((c) => c.id));
  const dbInstances = inv.dbInstances.filter(
    (d) => own({ name: d.id, tags: d.tags }) || clusterIds.has(d.clusterId ?? ''),
  );
  const dbIds = new Set([...dbInstances.map((d) => d.id), ...clusterIds]);
  const subnetGroupNames = new Set(
    [...dbInstances, ...clusters].flatMap((d) => (d.subnetGroupName ? [d.subnetGroupName] : [])),
  );
  const dbSubnetGroups = inv.dbSubnetGroups.filter(
    (g) => own({ name: g.name, tags: {} }) || subnetGroupNames.has(g.name),
  );
  const dbEvents = inv.dbEvents.filter((e) => dbIds.has(e.sourceId));

  // The groups and the VPCs what is kept uses, then the network of those VPCs.
  const usedGroups = new Set([
    ...instances.flatMap((i) => i.securityGroups.map((g) => g.id)),
    ...loadBalancers.flatMap((lb) => lb.securityGroupIds),
    ...classicLoadBalancers.flatMap((clb) => clb.securityGroupIds),
    ...dbInstances.flatMap((d) => d.securityGroupIds),
    ...clusters.flatMap((c) => c.securityGroupIds),
    ...launchTemplates.flatMap((t) => t.securityGroupIds),
  ]);
  const ownGroups = new Set(inv.securityGroups.filter((g) => own(g) || usedGroups.has(g.id)));
  const vpcIds = new Set(
    [
      ...inv.vpcs.filter((v) => v.isDefault || own(v)).map((v) => v.id),
      ...instances.map((i) => i.vpcId),
      ...loadBalancers.map((lb) => lb.vpcId),
      ...targetGroups.map((tg) => tg.vpcId),
      ...classicLoadBalancers.map((clb) => clb.vpcId),
      ...[...ownGroups].map((g) => g.vpcId),
      ...dbSubnetGroups.map((g) => g.vpcId),
    ].filter((id): id is string => id !== undefined),
  );
  const vpcs = inv.vpcs.filter((v) => vpcIds.has(v.id));
  // A VPC's default group goes with it (the console's "default" in the group picker).
  const securityGroups = inv.securityGroups.filter(
    (g) => ownGroups.has(g) || (g.name === 'default' && vpcIds.has(g.vpcId ?? '')),
  );
  const inVpc = <T extends { readonly vpcId?: string | undefined }>(list: readonly T[]) =>
    list.filter((r) => vpcIds.has(r.vpcId ?? ''));
  const internetGateways = inv.internetGateways.filter((g) => own(g) || vpcIds.has(g.vpcId ?? ''));

  const view = {
    ...inv,
    vpcs,
    subnets: inVpc(inv.subnets),
    routeTables: inVpc(inv.routeTables),
    internetGateways,
    natGateways: inVpc(inv.natGateways),
    instances,
    volumes,
    snapshots,
    images,
    elasticIps,
    securityGroups,
    loadBalancers,
    targetGroups,
    classicLoadBalancers,
    dbInstances,
    dbClusters: clusters,
    dbSubnetGroups,
    dbEvents,
    autoScalingGroups: groups,
    launchTemplates,
    scalingPolicies,
    metricAlarms,
    scalingActivities,
  };
  return deepFreeze({ ...view, student, others: othersOf(inv, view, prefix) });
}

/** The resources the lists of `inv` hold and `view` does not, with whose they are. */
function othersOf(
  inv: Inventory,
  view: Omit<Inventory, 'student' | 'others'>,
  prefix: string | undefined,
): OtherStudents {
  let count = 0;
  const students = new Set<string>();
  for (const key of OWNED_LISTS) {
    const kept = new Set<unknown>(view[key] as readonly unknown[]);
    for (const r of inv[key] as readonly Has[]) {
      if (kept.has(r)) continue;
      count += 1;
      const owner = ownerOfResource(r, prefix);
      if (owner) students.add(owner);
    }
  }
  return { count, students: [...students].sort() };
}

/**
 * The lists whose members belong to someone, as a view counts what it left out (route tables, NAT and internet
 * gateways go with their VPC).
 */
export const OWNED_LISTS = [
  'vpcs',
  'subnets',
  'instances',
  'volumes',
  'snapshots',
  'images',
  'elasticIps',
  'securityGroups',
  'loadBalancers',
  'targetGroups',
  'classicLoadBalancers',
  'dbInstances',
  'dbClusters',
  'dbSubnetGroups',
  'autoScalingGroups',
  'launchTemplates',
  'metricAlarms',
] as const satisfies readonly (keyof Inventory)[];

/** A resource as whose it is can be read: a name (or a Name tag, or an RDS identifier), tags, a state. */
export type Owned = {
  readonly name?: string | undefined;
  readonly id?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly state?: string;
};

/**
 * Whose a resource is in a class numbered `prefix`: its student tag, else the user number its name carries (its
 * Name, else its Name tag, else an RDS identifier); a terminated instance is nobody's any more.
 */
export function ownerOfResource(r: Owned, prefix: string | undefined): string | undefined {
  // An inventory is frozen: a resource's owner is read once per numbering (the teacher's 40 views ask it 40 times).
  let known = owners.get(r);
  if (!known) owners.set(r, (known = new Map()));
  const key = prefix ?? '';
  if (known.has(key)) return known.get(key);
  const owner = r.state === 'terminated' ? undefined : ownerOf(r.name ?? r.tags?.Name ?? r.id, r.tags ?? {}, prefix);
  known.set(key, owner);
  return owner;
}

const owners = new WeakMap<Owned, Map<string, string | undefined>>();

/**
 * Whose the resource of this ID (or name) is in the whole account: a student's id, null when nobody's, undefined
 * when the account has no such resource.
 */
export function ownerInAccount(
  inv: Inventory,
  idOrName: string,
  prefix: string | undefined,
): string | null | undefined {
  const found = resourceNamed(inv, idOrName);
  return found ? (ownerOf(found.name, found.tags, prefix) ?? null) : undefined;
}

function resourceNamed(inv: Inventory, key: string): Has | undefined {
  const byId = (list: readonly (Has & { readonly id: string })[]) => list.find((r) => r.id === key || r.name === key);
  const byArn = (list: readonly (Has & { readonly arn: string })[]) =>
    list.find((r) => r.arn === key || r.name === key);
  const byName = (list: readonly Has[]) => list.find((r) => r.name === key);
  const address = inv.elasticIps.find((a) => a.allocationId === key || a.publicIp === key);
  const rds = [...inv.dbInstances, ...inv.dbClusters].find((d) => d.id === key);
  return (
    byId(inv.instances) ??
    byId(inv.volumes) ??
    byId(inv.snapshots) ??
    byId(inv.images) ??
    byId(inv.securityGroups) ??
    byId(inv.vpcs) ??
    byId(inv.launchTemplates) ??
    byArn(inv.loadBalancers) ??
    byArn(inv.targetGroups) ??
    byName(inv.classicLoadBalancers) ??
    byName(inv.autoScalingGroups) ??
    (address ? { name: address.tags.Name, tags: address.tags } : undefined) ??
    (rds ? { name: rds.id, tags: rds.tags } : undefined)
  );
}
