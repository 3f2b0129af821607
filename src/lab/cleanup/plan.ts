// Cleanup: everything the lab created, found by its tag (and what hangs off it), deleted in dependency order;
// then a fresh look at the account to say what of the lab still bills. Never touches what the lab did not
// create unless the student names it (`include`). Data and codes only; the CLI and the UI word it.
import type { KeyPairInfo } from '../../aws/actions/cleanupActions';
import { ownedBy } from '../../aws/student';
import type { Inventory, Tags } from '../../aws/types';
import { hourlyCosts } from './cost';
import { keptChanges } from './kept';
import { executeCleanup } from './run';
import type { CleanupContext, CleanupItem, CleanupKind, CleanupPlan, CleanupPlanOptions, CleanupResult } from './types';
import { alarmsOfGroup, drivesGroup } from '../scaling';
import { classicCandidates, classicGroupIds } from './classic';
import { isLabTagged } from '../types';

/** The dependency order: a kind's stage is its index (0 first); one stage's items go in parallel. */
export const CLEANUP_ORDER: readonly CleanupKind[] = [
  'listener',
  'loadBalancer',
  // A group's policies first (no alarm scales the group while it goes), then the group (its instances
  // terminated, waited for until gone), its alarms, its launch template; the target group only once no group is
  // attached to it (ResourceInUse), the AMI the template names after the template.
  'scalingPolicy',
  'autoScalingGroup',
  'alarm',
  'launchTemplate',
  'targetGroup',
  'instance',
  // A NAT gateway goes once the instances are gone (waited for until deleted): then its Elastic IP is free.
  'natGateway',
  'elasticIp',
  'image',
  'snapshot',
  'volume',
  'dbInstance',
  'dbCluster',
  'dbSubnetGroup',
  // Then the VPC's own parts, in AWS's order: the internet gateway (detached first), the route tables
  // (disassociated first), the subnets, the security groups; the VPC last.
  'internetGateway',
  'routeTable',
  'subnet',
  'securityGroup',
  'keyPair',
  'vpc',
];

/** Kinds that cost money while they exist (an AMI through its snapshots, a stopped instance through its EBS). */
export const BILLABLE_KINDS: ReadonlySet<CleanupKind> = new Set<CleanupKind>([
  'loadBalancer',
  'instance',
  'natGateway',
  'elasticIp',
  'image',
  'snapshot',
  'volume',
  'dbInstance',
  'dbCluster',
  // 0.10 USD per alarm-month: little, but it bills until deleted.
  'alarm',
]);

/** A candidate before it is sorted into items or others; `parent` makes it follow another's fate. */
interface Candidate {
  readonly kind: CleanupKind;
  readonly id: string;
  readonly name?: string;
  readonly tagged: boolean;
  readonly parent?: string;
  /** Listed among the others when not deleted (false for parts that go with their parent). */
  readonly listable: boolean;
  readonly groupName?: string;
  /** A Classic Load Balancer (id: its name). */
  readonly classic?: true;
}

const isLab = (tags: Tags) => isLabTagged(tags);
const named = (name: string | undefined) => (name ? { name } : {});

function candidates(inv: Inventory, keyPairs: readonly KeyPairInfo[]): Candidate[] {
  const out: Candidate[] = [];
  const add = (c: Candidate) => out.push(c);
  // What is inside a VPC that is not the default one goes with it (the lab's Test-VPC, or one the student picks).
  const own = new Set(inv.vpcs.filter((v) => !v.isDefault).map((v) => v.id));
  const inVpc = (vpcId: string | undefined) => (vpcId && own.has(vpcId) ? { parent: vpcId } : {});
  for (const lb of inv.loadBalancers) {
    add({
      kind: 'loadBalancer',
      id: lb.arn,
      name: lb.name,
      tagged: isLab(lb.tags),
      ...inVpc(lb.vpcId),
      listable: true,
    });
    for (const l of lb.listeners)
      add({
        kind: 'listener',
        id: l.arn,
        name: `${lb.name}:${l.port}`,
        tagged: false,
        parent: lb.arn,
        listable: false,
      });
  }
  for (const c of classicCandidates(inv, inVpc)) add(c);
  for (const tg of inv.targetGroups)
    add({ kind: 'targetGroup', id: tg.arn, name: tg.name, tagged: isLab(tg.tags), ...inVpc(tg.vpcId), listable: true });
  for (const c of scalingCandidates(inv)) add(c);
  for (const v of inv.vpcs.filter((x) => !x.isDefault))
    add({ kind: 'vpc', id: v.id, ...named(v.name), tagged: isLab(v.tags), listable: true });
  const instances = inv.instances.filter((i) => i.state !== 'terminated');
  // A group's instances go with their group (its ForceDelete terminates them), whether or not its tags propagate.
  const groups = new Set(inv.autoScalingGroups.map((g) => g.name));
  const groupOf = (tags: Tags) => {
    const g = tags['aws:autoscaling:groupName'];
    return g && groups.has(g) ? { parent: g, listable: false } : undefined;
  };
  for (const i of instances)
    add({
      kind: 'instance',
      id: i.id,
      ...named(i.name),
      tagged: isLab(i.tags),
      ...inVpc(i.vpcId),
      listable: true,
      ...groupOf(i.tags),
    });
  for (const n of inv.natGateways.filter((x) => x.state !== 'deleted' && x.state !== 'deleting'))
    add({ kind: 'natGateway', id: n.id, ...named(n.name), tagged: isLab(n.tags), ...inVpc(n.vpcId), listable: true });
  // A detached gateway is listed on its own (a cleanup interrupted after the detach leaves one).
  for (const g of inv.internetGateways)
    add({
      kind: 'internetGateway',
      id: g.id,
      ...named(g.name),
      tagged: isLab(g.tags),
      ...inVpc(g.vpcId),
      listable: !g.vpcId,
    });
  // The main table and the default group cannot be deleted: they go with their VPC.
  for (const t of inv.routeTables.filter((x) => !x.isMain))
    add({ kind: 'routeTable', id: t.id, ...named(t.name), tagged: isLab(t.tags), ...inVpc(t.vpcId), listable: false });
  for (const s of inv.subnets)
    add({ kind: 'subnet', id: s.id, ...named(s.name), tagged: isLab(s.tags), ...inVpc(s.vpcId), listable: false });
  for (const e of inv.elasticIps)
    add({
      kind: 'elasticIp',
      id: e.allocationId,
      name: e.tags.Name ?? e.publicIp,
      tagged: isLab(e.tags),
      listable: true,
    });
  const backing = new Map<string, string>();
  for (const img of inv.images.filter((x) => x.state !== 'deregistered')) {
    add({ kind: 'image', id: img.id, ...named(img.name), tagged: isLab(img.tags), listable: true });
    for (const s of img.snapshotIds) backing.set(s, img.id);
  }
  for (const s of inv.snapshots) {
    const image = backing.get(s.id);
    // A snapshot behind an AMI goes with the AMI (it cannot be deleted while the AMI is registered).
    add({
      kind: 'snapshot',
      id: s.id,
      ...named(s.name),
      tagged: isLab(s.tags),
      ...(image ? { parent: image } : {}),
      listable: !image,
    });
  }
  const living = new Set(instances.map((i) => i.id));
  for (const v of inv.volumes.filter((x) => x.state !== 'deleting' && x.state !== 'deleted')) {
    const owner = v.attachedTo && living.has(v.attachedTo.instanceId) ? v.attachedTo.instanceId : undefined;
    add({
      kind: 'volume',
      id: v.id,
      ...named(v.name),
      tagged: isLab(v.tags),
      ...(owner ? { parent: owner } : {}),
      listable: !owner,
    });
  }
  const members = new Set(inv.dbClusters.flatMap((c) => c.members.map((m) => m.instanceId)));
  for (const db of inv.dbInstances.filter((x) => x.status !== 'deleting')) {
    const cluster = members.has(db.id) ? db.clusterId : undefined;
    add({
      kind: 'dbInstance',
      id: db.id,
      name: db.id,
      tagged: isLab(db.tags),
      ...(cluster ? { parent: cluster } : {}),
      listable: true,
    });
  }
  for (const c of inv.dbClusters.filter((x) => x.status !== 'deleting'))
    add({ kind: 'dbCluster', id: c.id, name: c.id, tagged: isLab(c.tags), listable: true });
  // The console tags no subnet group: each is listed (AWS's "default" cannot be deleted); it goes with its VPC,
  // with the databases that use it (followers below), or when picked.
  const subnetGroups = new Map<string, string | undefined>(inv.dbSubnetGroups.map((g) => [g.name, g.vpcId]));
  for (const db of [...inv.dbInstances, ...inv.dbClusters])
    if (db.subnetGroupName && !subnetGroups.has(db.subnetGroupName)) subnetGroups.set(db.subnetGroupName, undefined);
  for (const [name, vpcId] of subnetGroups)
    if (name !== 'default')
      add({ kind: 'dbSubnetGroup', id: name, name, tagged: false, ...inVpc(vpcId), listable: true });
  for (const g of inv.securityGroups.filter((x) => x.name !== 'default'))
    add({ kind: 'securityGroup', id: g.id, name: g.name, tagged: isLab(g.tags), ...inVpc(g.vpcId), listable: true });
  for (const k of keyPairs) add({ kind: 'keyPair', id: k.name, name: k.name, tagged: isLab(k.tags), listable: true });
  return out;
}

/**
 * Auto Scaling: each group; its policies and its alarms (on its AutoScalingGroupName, or invoking one of its
 * policies) go with it and never with another group; the launch templates, the lab's by their tag (one made in
 * the console that a group names is offered, never assumed the lab's). A target-tracking policy's alarms are
 * AWS's to delete with the policy.
 */
function scalingCandidates(inv: Inventory): Candidate[] {
  const out: Candidate[] = [];
  const groups = new Set(inv.autoScalingGroups.map((g) => g.name));
  for (const asg of inv.autoScalingGroups)
    out.push({ kind: 'autoScalingGroup', id: asg.name, name: asg.name, tagged: isLab(asg.tags), listable: true });
  const policies = inv.scalingPolicies.filter((p) => groups.has(p.groupName));
  for (const p of policies)
    out.push({
      kind: 'scalingPolicy',
      id: p.arn,
      name: p.name,
      tagged: false,
      parent: p.groupName,
      listable: false,
      groupName: p.groupName,
    });
  const managed = new Set(
    inv.scalingPolicies.filter((p) => p.type === 'TargetTrackingScaling').flatMap((p) => p.alarmNames),
  );
  // The group an alarm drives first (its policy's), else the one whose metric it watches.
  const groupOf = (a: Inventory['metricAlarms'][number]) =>
    [...groups].find((g) => drivesGroup(a, g, inv)) ?? [...groups].find((g) => alarmsOfGroup(inv, g).includes(a));
  for (const a of inv.metricAlarms.filter((x) => !managed.has(x.name))) {
    const group = groupOf(a);
    out.push({
      kind: 'alarm',
      id: a.name,
      name: a.name,
      tagged: false,
      ...(group ? { parent: group } : {}),
      listable: !group,
    });
  }
  for (const lt of inv.launchTemplates)
    out.push({ kind: 'launchTemplate', id: lt.id, name: lt.name, tagged: isLab(lt.tags), listable: true });
  // A template a group names that the inventory did not list (its section unread): offered by the group's word.
  for (const asg of inv.autoScalingGroups) {
    const lt = asg.launchTemplate;
    const known = inv.launchTemplates.some((x) => x.id === lt?.id || (lt?.name && x.name === lt.name));
    if (lt?.id && !known)
      out.push({ kind: 'launchTemplate', id: lt.id, ...named(lt.name), tagged: false, listable: true });
  }
  return out;
}

/** A subnet group or a security group and the databases (instances, clusters) that use it. */
interface Follower {
  readonly kind: 'dbSubnetGroup' | 'securityGroup';
  readonly id: string;
  readonly users: readonly string[];
}

/**
 * What goes once the databases using it go: a DB subnet group, and a security group only databases use (db-sg,
 * made in the console with no tag). Never one a database that stays uses, nor a group an instance or a load
 * balancer uses: another student's database keeps its group and its subnet group.
 */
function followers(inv: Inventory): Follower[] {
  // A database already deleting still counts (a cleanup interrupted after its delete call is run again).
  const dbs = [
    ...inv.dbInstances.filter((d) => d.status !== 'deleted').map((d) => ({ ...d, groups: d.securityGroupIds })),
    ...inv.dbClusters.filter((c) => c.status !== 'deleted').map((c) => ({ ...c, groups: c.securityGroupIds })),
  ];
  const otherUsers = new Set([
    ...inv.instances.filter((i) => i.state !== 'terminated').flatMap((i) => i.securityGroups.map((g) => g.id)),
    ...inv.loadBalancers.flatMap((lb) => lb.securityGroupIds),
    ...classicGroupIds(inv),
  ]);
  const usersOf = (uses: (db: (typeof dbs)[number]) => boolean) => dbs.filter(uses).map((db) => db.id);
  return [
    ...[...new Set(dbs.flatMap((db) => (db.subnetGroupName ? [db.subnetGroupName] : [])))].map((name) => ({
      kind: 'dbSubnetGroup' as const,
      id: name,
      users: usersOf((db) => db.subnetGroupName === name),
    })),
    ...[...new Set(dbs.flatMap((db) => db.groups))]
      .filter((id) => !otherUsers.has(id))
      .map((id) => ({ kind: 'securityGroup' as const, id, users: usersOf((db) => db.groups.includes(id)) })),
  ];
}

/** Databases RDS refuses to delete until their protection is off (an Aurora member: through its cluster). */
function protectedDatabases(inv: Inventory): Set<string> {
  return new Set([
    ...inv.dbInstances.filter((d) => d.deletionProtection && !d.clusterId).map((d) => `dbInstance ${d.id}`),
    ...inv.dbClusters.filter((c) => c.deletionProtection).map((c) => `dbCluster ${c.id}`),
  ]);
}

const byName: ReadonlySet<CleanupKind> = new Set<CleanupKind>(['loadBalancer', 'targetGroup', 'keyPair']);

/** The plan: the lab's resources (and those picked) in dependency order with what they cost per hour. */
export function planCleanup(inventory: Inventory, options: CleanupPlanOptions = {}): CleanupPlan {
  // In a class, the key pairs are listed for the whole account: only the student's are theirs to delete.
  const student = inventory.student;
  const keyPairs = (options.keyPairs ?? []).filter((k) => !student || ownedBy(student, k.name, k.tags));
  const all = candidates(inventory, keyPairs);
  const include = new Set(options.include ?? []);
  const picked = (c: Candidate) =>
    include.has(c.id) || (byName.has(c.kind) && c.name !== undefined && include.has(c.name));
  const exclude = new Set(options.exclude ?? []);
  const chosen = new Map<string, boolean>();
  // Roots first, then parts: a part goes when its parent goes (a lab AMI's snapshots, a lab instance's volumes).
  for (const c of all.filter((x) => !x.parent)) chosen.set(c.id, !exclude.has(c.id) && (c.tagged || picked(c)));
  for (const c of all.filter((x) => x.parent))
    chosen.set(c.id, !exclude.has(c.id) && (c.tagged || picked(c) || chosen.get(c.parent ?? '') === true));
  const labIds = new Set(all.filter((c) => c.tagged).map((c) => c.id));
  for (const c of all.filter((x) => x.parent && labIds.has(x.parent))) labIds.add(c.id);
  const candidateIds = new Set(all.map((c) => `${c.kind} ${c.id}`));
  // A database deleting already goes as the lab's when tagged (or picked): what an interrupted cleanup left.
  const deleting = [...inventory.dbInstances, ...inventory.dbClusters].filter((d) => d.status === 'deleting');
  const goneLab = new Set(deleting.filter((d) => isLab(d.tags)).map((d) => d.id));
  const gonePicked = new Set(deleting.filter((d) => include.has(d.id)).map((d) => d.id));
  const goes = (id: string) => chosen.get(id) === true || goneLab.has(id) || gonePicked.has(id);
  for (const f of followers(inventory)) {
    if (!candidateIds.has(`${f.kind} ${f.id}`) || exclude.has(f.id) || f.users.length === 0) continue;
    if (chosen.get(f.id) || !f.users.every(goes)) continue;
    chosen.set(f.id, true);
    if (f.users.every((u) => labIds.has(u) || goneLab.has(u))) labIds.add(f.id);
  }
  const guarded = protectedDatabases(inventory);

  const cost = hourlyCosts(inventory, options.prices);
  const item = (c: Candidate): CleanupItem => ({
    kind: c.kind,
    id: c.id,
    ...named(c.name),
    labCreated: labIds.has(c.id),
    hourlyUsd: cost(c.kind, c.id),
    stage: CLEANUP_ORDER.indexOf(c.kind),
    ...(guarded.has(`${c.kind} ${c.id}`) ? { deletionProtection: true as const } : {}),
    ...(c.kind === 'dbInstance' && c.parent ? { clusterId: c.parent } : {}),
    ...(c.groupName ? { groupName: c.groupName } : {}),
    ...(c.classic ? { classic: true as const } : {}),
  });
  const order = (a: CleanupItem, b: CleanupItem) =>
    a.stage - b.stage || (a.name ?? a.id).localeCompare(b.name ?? b.id) || a.id.localeCompare(b.id);
  const seen = new Set<string>();
  const unique = all.filter((c) => !seen.has(`${c.kind} ${c.id}`) && seen.add(`${c.kind} ${c.id}`));
  const items = unique
    .filter((c) => chosen.get(c.id))
    .map(item)
    .sort(order);
  const others = unique
    .filter((c) => !chosen.get(c.id) && c.listable)
    .map(item)
    .sort(order);
  const deletingGroups = new Set(items.filter((i) => i.kind === 'securityGroup').map((i) => i.id));
  return {
    changes: keptChanges(inventory.securityGroups, deletingGroups),
    items,
    others,
    hourlyUsd: round(items.reduce((sum, i) => sum + i.hourlyUsd, 0)),
    unread: [...inventory.problems, ...(options.unread ?? [])],
  };
}

export function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/** Whether the cleanup is not known to be complete: something failed, still bills, or could not be checked. */
export function cleanupIncomplete(result: CleanupResult): boolean {
  return (
    result.failed.length > 0 ||
    result.changeFailed.length > 0 ||
    result.leftBillable.length > 0 ||
    result.unread.length > 0
  );
}

/**
 * Deletes the plan's items stage by stage (each stage in parallel), recording a failure and going on; then a
 * fresh inventory says which of the lab's billable resources (and the picked ones) are still there.
 */
export async function runCleanup(plan: CleanupPlan, ctx: CleanupContext): Promise<CleanupResult> {
  const done = await executeCleanup(plan, ctx);
  const after = await ctx.inventory();
  const picked = plan.items.filter((i) => !i.labCreated).map((i) => i.id);
  const left = planCleanup(after, { include: picked, ...(ctx.prices ? { prices: ctx.prices } : {}) });
  return { ...done, leftBillable: left.items.filter((i) => BILLABLE_KINDS.has(i.kind)), unread: left.unread };
}
