// Which resources play which part in the lab, found the way a teacher would look at a student's account: by
// Name first (the handouts' names), then by how they relate (the AMI whose snapshot came from WebServer's root
// volume, the instance launched from it, the load balancer whose target group holds both), and our tag last.
// So a step done by hand in the console is seen as well as one our runner did.
import type {
  ClassicLoadBalancer,
  Image,
  Instance,
  Inventory,
  Listener,
  LoadBalancer,
  Snapshot,
  TargetGroup,
  Vpc,
} from '../aws/types';
import {
  applicationHolds,
  classicHolds,
  findClassicLoadBalancer,
  judgeClassic,
  otherClassicLoadBalancers,
} from './classicRoles';
import { reason } from './codes';
import { LAYOUTS, labVpcLayout, namesInOrder, namesOf, type LabNames, type LayoutId } from './layout';
import { findLabVpc, subnetRouting } from './network';
import { isLabTagged, labStepOf, type Observations, type PageVariant, type Reason } from './types';
import { isSampleAppPage } from './sampleApp';
import { wordPressPage } from './wordPress';

/** The default layout's names (the CPS Research Center handouts); layout.ts has the others. */
export const NAMES = LAYOUTS.defaultVpc;

export const VISION = '私たちのビジョン';
export const VISION2 = '私たちのビジョン2';

/** Which page a body is: the clone's edited one, the original, WordPress, an app's page, or something else. */
export function pageVariant(body: string | undefined, location?: string): PageVariant {
  // Handout 004's web tier: WordPress, set up or still redirecting to its setup.
  if (wordPressPage(body, location) !== 'none') return 'wordpress';
  if (body === undefined) return 'other';
  if (body.includes(VISION2)) return 'vision2';
  if (body.includes(VISION)) return 'vision';
  // Seed 003's sample app (or any app's page): only its layout takes it for the lab's page (servesLabPage).
  if (isSampleAppPage(body)) return 'sampleApp';
  return 'other';
}

/**
 * Whether a page variant is the web server's page in a handout: the CPS page (as written or edited) and WordPress in
 * every handout; in seed 003's, its sample app too (any app's HTML page that is not the server's default page).
 */
export function servesLabPage(variant: PageVariant | undefined, layout: LayoutId | undefined): boolean {
  if (variant === 'sampleApp') return layout === 'seed003';
  return variant !== undefined && variant !== 'other';
}

export interface LabRoles {
  readonly webServer?: Instance;
  /**
   * Seed 001's WebServer, stopped and imaged, when the layout names one (LabNames.origin) and it is there: the
   * web server itself until image1server is launched from its AMI, then neither of the two servers.
   */
  readonly origin?: Instance;
  readonly clone?: Instance;
  /** Own snapshots of WebServer's root volume, best first (completed, then newest). */
  readonly snapshots: readonly Snapshot[];
  /** Own AMIs made from WebServer (their block devices map one of those snapshots), best first. */
  readonly images: readonly Image[];
  readonly loadBalancer?: LoadBalancer;
  /** The target group the load balancer's HTTP:80 listener forwards to (else the lab's by name). */
  readonly targetGroup?: TargetGroup;
  /** The load balancer's HTTP:80 listener. */
  readonly listener?: Listener;
  /**
   * Seed 001's Classic Load Balancer, when it is the one judged (it holds the web servers): then loadBalancer,
   * targetGroup and listener are unset, and the ALB, if any, is among the others.
   */
  readonly classicLoadBalancer?: ClassicLoadBalancer;
  /** Other application load balancers that look like the lab's (tagged, named, or sending to its servers). */
  readonly otherLoadBalancers: readonly LoadBalancer[];
  /** Other Classic Load Balancers that look like the lab's. */
  readonly otherClassicLoadBalancers: readonly ClassicLoadBalancer[];
  /** Other target groups that look like the lab's (tagged, named, or holding its servers). */
  readonly otherTargetGroups: readonly TargetGroup[];
}

const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
const time = (iso: string | undefined) => (iso ? Date.parse(iso) || 0 : 0);
const STATE_RANK: Record<string, number> = { running: 0, pending: 1, stopping: 2, stopped: 3, 'shutting-down': 4 };
const rank = (i: Instance) => STATE_RANK[i.state] ?? 5;

/** The address a student types to see an instance's page: its Elastic IP, else its public IP, else its DNS name. */
export function instanceHost(instance: Instance): string | undefined {
  return instance.elasticIp ?? instance.publicIp ?? instance.publicDnsName;
}

/** Instances that can still play a part (terminated ones are not in the inventory; shutting-down ones are going). */
const living = (inv: Inventory) => inv.instances.filter((i) => i.state !== 'shutting-down' && i.state !== 'terminated');

type NameKey = keyof Omit<LabNames, 'network' | 'database' | 'scaling' | 'balancer' | 'origin'>;

/** The first non-empty list, trying each layout's name in order. */
function byNames<T extends { readonly name?: string }>(
  list: readonly T[],
  names: readonly LabNames[],
  key: NameKey,
): T[] {
  for (const n of names) {
    const found = list.filter((x) => sameName(x.name, n[key]));
    if (found.length > 0) return found;
  }
  return [];
}

const anyName = (names: readonly LabNames[], key: NameKey, name: string | undefined) =>
  names.some((n) => sameName(name, n[key]));

function findWebServer(
  inv: Inventory,
  obs: Observations | undefined,
  names: readonly LabNames[],
): Instance | undefined {
  const oldestFirst = (list: Instance[]) =>
    list.sort((a, b) => rank(a) - rank(b) || time(a.launchTime) - time(b.launchTime))[0];
  const instances = living(inv);
  const named = byNames(instances, names, 'webServer');
  if (named.length > 0) return oldestFirst(named);
  const tagged = instances.filter((i) => labStepOf(i.tags) === '0.1');
  if (tagged.length > 0) return oldestFirst(tagged);
  if (!obs) return undefined;
  // No name: the instance serving the original page (the oldest, so never its clone).
  const serving = instances.filter((i) => {
    const host = instanceHost(i);
    const seen = host ? obs.get(`${host}/`) : undefined;
    return seen?.status === 200 && pageVariant(seen.body) === 'vision';
  });
  return oldestFirst(serving);
}

function bestSnapshots(list: Snapshot[]): Snapshot[] {
  const order: Record<string, number> = { completed: 0, pending: 1 };
  return list.sort((a, b) => (order[a.state] ?? 2) - (order[b.state] ?? 2) || time(b.startTime) - time(a.startTime));
}

function bestImages(list: Image[]): Image[] {
  const order: Record<string, number> = { available: 0, pending: 1 };
  return list.sort(
    (a, b) => (order[a.state] ?? 2) - (order[b.state] ?? 2) || time(b.creationDate) - time(a.creationDate),
  );
}

function findClone(
  inv: Inventory,
  webServer: Instance | undefined,
  images: readonly Image[],
  names: readonly LabNames[],
): Instance | undefined {
  const others = living(inv).filter((i) => i.id !== webServer?.id);
  const best = (list: Instance[]) =>
    list.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        Number(a.az === webServer?.az) - Number(b.az === webServer?.az) ||
        time(b.launchTime) - time(a.launchTime),
    )[0];
  const named = byNames(others, names, 'clone');
  if (named.length > 0) return best(named);
  const imageIds = new Set(images.map((img) => img.id));
  const launched = others.filter((i) => imageIds.has(i.imageId));
  if (launched.length > 0) return best(launched);
  return best(others.filter((i) => labStepOf(i.tags) === '1.3'));
}

/** Target groups a load balancer sends to: through its listeners, or as the group lists it. */
export function targetGroupsOf(inv: Inventory, lb: LoadBalancer): TargetGroup[] {
  const forwarded = new Set(lb.listeners.flatMap((l) => l.forwardTo));
  return inv.targetGroups.filter((tg) => forwarded.has(tg.arn) || tg.loadBalancerArns.includes(lb.arn));
}

export function httpListener(lb: LoadBalancer): Listener | undefined {
  return lb.listeners.find((l) => l.port === 80 && l.protocol === 'HTTP') ?? lb.listeners.find((l) => l.port === 80);
}

function findLoadBalancer(
  inv: Inventory,
  instanceIds: readonly string[],
  names: readonly LabNames[],
): LoadBalancer | undefined {
  // Several may hold both servers (one made by hand, one by our runner): the active one, then the oldest.
  const albs = inv.loadBalancers
    .filter((lb) => lb.type === 'application')
    .sort(
      (a, b) =>
        Number(a.state !== 'active') - Number(b.state !== 'active') || time(a.createdTime) - time(b.createdTime),
    );
  const holds = (lb: LoadBalancer) => {
    const targets = new Set(targetGroupsOf(inv, lb).flatMap((tg) => tg.targets.map((t) => t.id)));
    return instanceIds.filter((id) => targets.has(id)).length;
  };
  const all = instanceIds.length;
  return (
    (all > 0 ? albs.find((lb) => holds(lb) === all) : undefined) ??
    byNames(albs, names, 'loadBalancer')[0] ??
    albs.find((lb) => isLabTagged(lb.tags)) ??
    albs.find((lb) => holds(lb) > 0) ??
    (albs.length === 1 ? albs[0] : undefined)
  );
}

function findTargetGroup(
  inv: Inventory,
  lb: LoadBalancer | undefined,
  instanceIds: readonly string[],
  names: readonly LabNames[],
): TargetGroup | undefined {
  const holding = (tg: TargetGroup) => tg.targets.filter((t) => instanceIds.includes(t.id)).length;
  const byHolding = (list: TargetGroup[]) => list.sort((a, b) => holding(b) - holding(a))[0];
  if (lb) {
    const listener = httpListener(lb);
    const forwarded = inv.targetGroups.filter((tg) => listener?.forwardTo.includes(tg.arn));
    if (forwarded.length > 0) return byHolding(forwarded);
    const attached = targetGroupsOf(inv, lb);
    if (attached.length > 0) return byHolding(attached);
  }
  return byNames(inv.targetGroups, names, 'targetGroup')[0] ?? inv.targetGroups.find((tg) => isLabTagged(tg.tags));
}

/**
 * Whether a snapshot is of WebServer's root volume: by its volume, or by the description AWS gives the snapshots
 * of "Create image" ("Created by CreateImage(i-…) for ami-…"), whose volume a copied or shared AMI may not show.
 */
function ofWebServer(snapshot: Snapshot, webServer: Instance): boolean {
  if (webServer.rootVolume && snapshot.volumeId === webServer.rootVolume.volumeId) return true;
  return snapshot.description?.startsWith(`Created by CreateImage(${webServer.id})`) ?? false;
}

const holdsAny = (tg: TargetGroup, ids: readonly string[]) => tg.targets.some((t) => ids.includes(t.id));

/** Lab-like load balancers and target groups besides the ones the checks judge (they bill, cleanup may miss them). */
function others(
  inv: Inventory,
  instanceIds: readonly string[],
  lb: LoadBalancer | undefined,
  tg: TargetGroup | undefined,
  names: readonly LabNames[],
): Pick<LabRoles, 'otherLoadBalancers' | 'otherTargetGroups'> {
  const labLikeTg = (t: TargetGroup) =>
    isLabTagged(t.tags) || anyName(names, 'targetGroup', t.name) || holdsAny(t, instanceIds);
  const otherTargetGroups = inv.targetGroups.filter((t) => t.arn !== tg?.arn && labLikeTg(t));
  const otherLoadBalancers = inv.loadBalancers.filter(
    (l) =>
      l.type === 'application' &&
      l.arn !== lb?.arn &&
      (isLabTagged(l.tags) ||
        anyName(names, 'loadBalancer', l.name) ||
        targetGroupsOf(inv, l).some((t) => holdsAny(t, instanceIds))),
  );
  return { otherLoadBalancers, otherTargetGroups };
}

/**
 * The lab's resources in this inventory (observations only help find an unnamed WebServer), by the names of the
 * handout the student follows first, then the other handouts'.
 */
export function findRoles(inv: Inventory, obs?: Observations, layout?: LayoutId): LabRoles {
  const names = namesInOrder(layout, inv.student);
  // A handout in the lab's own VPC (004) judges the web servers there only: WebServer of the default VPC, left from
  // the other handout, is not its web tier.
  const labVpcId = namesOf(layout, inv.student).network === 'labVpc' ? (findLabVpc(inv)?.id ?? '') : undefined;
  const scope: Inventory =
    labVpcId === undefined ? inv : { ...inv, instances: inv.instances.filter((i) => i.vpcId === labVpcId) };
  const webServer = findWebServer(scope, obs, names);
  // Seed 001 launches both servers from the AMI: the AMI and its snapshots are WebServer's, the origin.
  const originName = names[0]?.origin;
  const named = originName ? living(scope).find((i) => sameName(i.name, originName)) : undefined;
  const origin = named ?? webServer;
  const snapshots = origin ? bestSnapshots(inv.snapshots.filter((s) => ofWebServer(s, origin))) : [];
  const snapshotIds = new Set(snapshots.map((s) => s.id));
  // Made from WebServer: one of its snapshots behind the AMI, or CreateImage's record of the instance.
  const images = bestImages(
    inv.images.filter(
      (img) =>
        img.snapshotIds.some((id) => snapshotIds.has(id)) ||
        (origin !== undefined && img.sourceInstanceId === origin.id),
    ),
  );
  const clone = findClone(scope, webServer, images, names);
  const instanceIds = [webServer?.id, clone?.id].filter((id): id is string => id !== undefined);
  const alb = findLoadBalancer(inv, instanceIds, names);
  const clb = findClassicLoadBalancer(inv, instanceIds, names);
  const classic =
    clb &&
    judgeClassic(
      applicationHolds(inv, alb, (lb) => targetGroupsOf(inv, lb), instanceIds),
      classicHolds(clb, instanceIds),
      alb !== undefined,
      names[0]?.balancer ?? 'application',
    )
      ? clb
      : undefined;
  const loadBalancer = classic ? undefined : alb;
  const targetGroup = classic ? undefined : findTargetGroup(inv, loadBalancer, instanceIds, names);
  const listener = loadBalancer ? httpListener(loadBalancer) : undefined;
  return {
    ...(webServer ? { webServer } : {}),
    ...(named ? { origin: named } : {}),
    ...(clone ? { clone } : {}),
    snapshots,
    images,
    ...(loadBalancer ? { loadBalancer } : {}),
    ...(targetGroup ? { targetGroup } : {}),
    ...(listener ? { listener } : {}),
    ...(classic ? { classicLoadBalancer: classic } : {}),
    ...others(inv, instanceIds, loadBalancer, targetGroup, names),
    otherClassicLoadBalancers: otherClassicLoadBalancers(inv, classic, instanceIds, names),
  };
}

/**
 * Whether an instance comes from an AMI of WebServer: launched from one of them, or (the AMI deregistered since)
 * its root volume was made from one of WebServer's snapshots.
 */
export function fromLabImage(inv: Inventory, roles: LabRoles, instance: Instance): boolean {
  if (roles.images.some((img) => img.id === instance.imageId)) return true;
  const rootSnapshot = inv.volumes.find((v) => v.id === instance.rootVolume?.volumeId)?.snapshotId;
  const labSnapshots = new Set([...roles.snapshots.map((s) => s.id), ...roles.images.flatMap((i) => i.snapshotIds)]);
  return rootSnapshot !== undefined && labSnapshots.has(rootSnapshot);
}

/** The AMI to launch WebServer2 from, as a reason's argument: its name, else its ID, else none yet. */
export function labImageName(roles: LabRoles): string | undefined {
  const image = roles.images[0];
  return image ? image.name || image.id : undefined;
}

/**
 * Why there is no clone yet, naming the AMI to launch it from (by its ID when it has no name). With no AMI yet the
 * argument is left out and the sentence says "WebServer's AMI": an empty name once read "from the AMI  in".
 */
export function cloneMissing(roles: LabRoles): Reason {
  return reason('clone.missing', { image: labImageName(roles) });
}

/**
 * 4.3's web server: an instance in the lab's VPC named as a handout names it (Test-EC2#1 first), made by our 0.1 or
 * 4.3, else the oldest one in a public subnet there. Never an instance of another VPC (WebServer in the default
 * VPC is track 0's).
 */
export function findWebTier(inv: Inventory, vpc: Vpc, layout?: LayoutId): Instance | undefined {
  const inside = living(inv)
    .filter((i) => i.vpcId === vpc.id)
    .sort((a, b) => rank(a) - rank(b) || time(a.launchTime) - time(b.launchTime));
  const named = byNames(inside, namesInOrder(labVpcLayout(layout), inv.student), 'webServer')[0];
  if (named) return named;
  const ours = inside.find((i) => ['0.1', '4.3'].includes(labStepOf(i.tags) ?? ''));
  if (ours) return ours;
  return inside.find((i) => {
    const subnet = inv.subnets.find((s) => s.id === i.subnetId);
    return subnet !== undefined && subnetRouting(inv, subnet).tier === 'public';
  });
}
