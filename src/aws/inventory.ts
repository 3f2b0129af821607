// One immutable snapshot of the account. STS first (who and where; if that fails the account is unusable),
// then every section in parallel; a section that fails goes into `problems` and the rest is still returned.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as AS from '@aws-sdk/client-auto-scaling';
import type * as CW from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from './clients';
import { errorContext } from './clients';
import { AwsError, toAwsProblem } from './errors';
import type { AccountContext, Inventory, InventoryProblem, InventoryScope, InventorySection } from './types';
import { CallFailure, SectionFailure, createCaller, settleAll, type Caller } from './inventory/calls';
import {
  fetchNetwork,
  fetchSecurityGroups,
  mapAz,
  mapInternetGateway,
  mapNatGateway,
  mapRouteTable,
  mapSecurityGroup,
  mapSubnets,
  mapVpc,
  fetchRouteTables,
  type RawNetwork,
} from './inventory/network';
import {
  fetchAddresses,
  fetchInstances,
  fetchRecentInstanceStatuses,
  fetchStorage,
  mapAddress,
  mapImage,
  mapInstances,
  mapSnapshot,
  mapVolume,
  type RawStorage,
} from './inventory/compute';
import {
  fetchLoadBalancing,
  mapLoadBalancers,
  mapTargetGroups,
  type RawLoadBalancing,
} from './inventory/loadBalancing';
import { fetchClassic, mapClassicLoadBalancers, type RawClassic } from './inventory/classic';
import {
  fetchDatabases,
  mapDbClusters,
  mapDbInstance,
  mapDbEvents,
  mapDbSubnetGroup,
  type RawDatabases,
} from './inventory/databases';
import {
  fetchAutoScalingGroups,
  fetchScaling,
  mapAutoScalingGroup,
  mapScalingActivities,
  mapScalingPolicy,
  type RawScaling,
} from './inventory/autoScaling';
import { fetchLaunchTemplates, mapLaunchTemplates, type RawLaunchTemplates } from './inventory/launchTemplates';
import { fetchMetricAlarms, mapMetricAlarm } from './inventory/alarms';
import { deepFreeze } from './inventory/shapes';
import { scopeInventory } from './inventory/scope';
import { createFocus, type Focus } from './inventory/focus';

/** What the SDK answered, per section; a section is absent when its calls failed. */
export interface RawInventory {
  readonly network?: RawNetwork;
  readonly instances?: readonly EC2.Instance[];
  /** Status checks of recently launched running instances (fetched with them; may be empty). */
  readonly instanceStatuses?: readonly EC2.InstanceStatus[];
  readonly storage?: RawStorage;
  readonly addresses?: readonly EC2.Address[];
  readonly securityGroups?: readonly EC2.SecurityGroup[];
  readonly loadBalancing?: RawLoadBalancing;
  /** The Classic Load Balancers (ELB v1), read in the load balancing section with the ALBs. */
  readonly classic?: RawClassic;
  readonly databases?: RawDatabases;
  readonly autoScaling?: readonly AS.AutoScalingGroup[];
  /** The rest of the Auto Scaling section, read with the groups: their policies and activities. */
  readonly scaling?: RawScaling;
  readonly launchTemplates?: RawLaunchTemplates;
  /** CloudWatch's metric alarms (part of the Auto Scaling section: they drive its policies). */
  readonly alarms?: readonly CW.MetricAlarm[];
}

/**
 * What the Auto Scaling section reads: groups (then their policies and activities), launch templates, alarms. A
 * student's read hands the groups' list to the other sections and reads further for the student's groups only.
 */
async function fetchAutoScaling(c: Caller, focus?: Focus) {
  const listed = fetchAutoScalingGroups(c);
  focus?.provideGroups(listed);
  const [groups, launchTemplates, alarms] = await settleAll<
    [{ groups: AS.AutoScalingGroup[]; scaling: RawScaling }, RawLaunchTemplates, CW.MetricAlarm[]]
  >([
    listed.then(async (found) => ({
      groups: found,
      scaling: await fetchScaling(c, found, focus ? await focus.groups : undefined),
    })),
    fetchLaunchTemplates(c, focus),
    fetchMetricAlarms(c),
  ]);
  return { ...groups, launchTemplates, alarms };
}

/** The instances, with the status checks of the recent ones (a student's own only, in a student's read). */
async function fetchInstancesSection(c: Caller, focus?: Focus) {
  const listed = fetchInstances(c);
  focus?.provideInstances(listed);
  const found = await listed;
  const ids = focus ? await focus.instanceIds : undefined;
  const recent = ids ? found.filter((i) => ids.has(i.InstanceId ?? '')) : found;
  return { instances: found, statuses: await fetchRecentInstanceStatuses(c, recent) };
}

/** What each section read, in INVENTORY_SECTIONS' order (undefined: failed or not asked for). */
type Sections = readonly [
  RawNetwork | undefined,
  Awaited<ReturnType<typeof fetchInstancesSection>> | undefined,
  RawStorage | undefined,
  EC2.Address[] | undefined,
  EC2.SecurityGroup[] | undefined,
  readonly [RawLoadBalancing, RawClassic] | undefined,
  RawDatabases | undefined,
  Awaited<ReturnType<typeof fetchAutoScaling>> | undefined,
];

/**
 * A whole read's early look: once the other sections are in and load balancing has reached its listeners, the hook
 * gets that inventory. A failed look (a load-balancing call failed before the listeners) is only a missed head start.
 */
function earlyLook(hook: (early: Inventory) => void) {
  type LoadBalancingPart = readonly [RawLoadBalancing, RawClassic];
  let reached: (part: Promise<LoadBalancingPart>) => void = () => undefined;
  const part = new Promise<LoadBalancingPart>((resolve, reject) => (reached = (p) => p.then(resolve, reject)));
  return {
    reached,
    when<O>(others: Promise<O>, assemble: (others: O, part: LoadBalancingPart) => Inventory) {
      Promise.all([others, part])
        .then(([o, p]) => hook(assemble(o, p)))
        .catch(() => undefined);
    },
  };
}

export interface FetchInventoryOptions extends InventoryScope {
  /** Aborting rejects with the abort reason (not an AwsError): a cancelled refresh is silent. */
  abortSignal?: AbortSignal;
  /** A class sharing one account: this student's view of it (inventory/scope.ts). */
  student?: string;
  /**
   * A whole read's early look (a class's: its pages start from it): called at most once, before the load balancers'
   * listeners are read, with every section but those listeners (a section that failed is missing from it, as from
   * the whole read; none at all when a load-balancing call before the listeners failed). Its ELB calls are ordered
   * for it: the listeners are the paced tail (pacing.ts).
   */
  beforeListeners?: (early: Inventory) => void;
}

/** Every section, in the order problems are listed. */
export const INVENTORY_SECTIONS: readonly InventorySection[] = [
  'network',
  'instances',
  'storage',
  'addresses',
  'securityGroups',
  'loadBalancing',
  'databases',
  'autoScaling',
];

export async function fetchInventory(clients: AwsClients, options: FetchInventoryOptions = {}): Promise<Inventory> {
  const signal = options.abortSignal;
  signal?.throwIfAborted();
  const caller = createCaller(clients, signal);
  const account = clients.account;

  const context = options.context ?? (await whoAndWhere(clients, caller, signal));

  const problems: InventoryProblem[] = [];
  const chosen = options.sections;
  // Every section asked for is a whole inventory.
  const wanted =
    chosen && INVENTORY_SECTIONS.some((s) => !chosen.includes(s))
      ? INVENTORY_SECTIONS.filter((s) => chosen.includes(s))
      : undefined;
  const section = async <T>(name: InventorySection, fetch: (c: Caller) => Promise<T>): Promise<T | undefined> => {
    if (wanted && !wanted.includes(name)) return undefined;
    try {
      return await fetch(caller);
    } catch (error) {
      if (signal?.aborted) return undefined;
      const failures =
        error instanceof SectionFailure
          ? error.failures
          : [error instanceof CallFailure ? error : new CallFailure('', error)];
      const seen = new Set<string>();
      for (const f of failures) {
        if (seen.has(f.action)) continue;
        seen.add(f.action);
        problems.push({
          section: name,
          action: f.action,
          error: toAwsProblem(f.cause, errorContext(account, f.action)),
        });
      }
      return undefined;
    }
  };

  // A student's read (inventory/focus.ts): per-resource calls for their resources only.
  const focus = options.student ? createFocus(options.student) : undefined;
  if (focus && wanted && !wanted.includes('instances')) focus.provideInstances(undefined);
  if (focus && wanted && !wanted.includes('autoScaling')) focus.provideGroups(undefined);

  const early = !focus && options.beforeListeners ? earlyLook(options.beforeListeners) : undefined;
  const loadBalancing = (c: Caller) => {
    const classic = fetchClassic(c, focus);
    const reached = early && ((raw: RawLoadBalancing) => early.reached(classic.then((cl) => [raw, cl] as const)));
    return settleAll<[RawLoadBalancing, RawClassic]>([fetchLoadBalancing(c, focus, reached), classic]);
  };
  const others = [
    section('network', (c) => fetchNetwork(c, focus)),
    section('instances', (c) => fetchInstancesSection(c, focus)),
    section('storage', fetchStorage),
    section('addresses', fetchAddresses),
    section('securityGroups', fetchSecurityGroups),
  ] as const;
  const later = [
    section('databases', (c) => fetchDatabases(c, focus)),
    section('autoScaling', (c) => fetchAutoScaling(c, focus)),
  ] as const;
  const reads = [...others, section('loadBalancing', loadBalancing), ...later] as const;
  const assembleFrom = (sections: Sections, net = sections[0], lb = sections[5]) =>
    assembleInventory({
      context,
      ...(wanted ? { sections: wanted } : {}),
      raw: {
        network: net,
        instances: sections[1]?.instances,
        instanceStatuses: sections[1]?.statuses,
        storage: sections[2],
        addresses: sections[3],
        securityGroups: sections[4],
        loadBalancing: lb?.[0],
        classic: lb?.[1],
        databases: sections[6],
        autoScaling: sections[7]?.groups,
        scaling: sections[7]?.scaling,
        launchTemplates: sections[7]?.launchTemplates,
        alarms: sections[7]?.alarms,
      },
      problems,
      apiCalls: caller.calls(),
    });
  early?.when(Promise.all([...others, ...later]), (done, lb) => {
    const [n, i, st, a, g, d, as] = done;
    return assembleFrom([n, i, st, a, g, lb, d, as]);
  });
  const sections = await Promise.all(reads);
  const [network] = sections;
  signal?.throwIfAborted();

  const order = INVENTORY_SECTIONS;
  problems.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section) || a.action.localeCompare(b.action));
  const assemble = (net: RawNetwork | undefined) => assembleFrom(sections, net);
  if (!options.student) return assemble(network);
  const view = scopeInventory(assemble(network), options.student);
  // A VPC of another student's that the view uses (a server launched into it): its route tables, then the view again.
  const read = network?.routeTablesOf;
  const unread = read ? view.vpcs.map((v) => v.id).filter((id) => !read.includes(id)) : [];
  if (!network || !read || unread.length === 0) return view;
  const more = await section('network', (c) => fetchRouteTables(c, unread));
  signal?.throwIfAborted();
  if (!more) {
    problems.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
    return scopeInventory(assemble(undefined), options.student);
  }
  const completed = { ...network, routeTables: [...network.routeTables, ...more], routeTablesOf: [...read, ...unread] };
  return scopeInventory(assemble(completed), options.student);
}

/** Who the credentials are and which account they reach: if this fails the account is unusable. */
async function whoAndWhere(clients: AwsClients, caller: Caller, signal?: AbortSignal): Promise<AccountContext> {
  const account = clients.account;
  let identity;
  try {
    identity = await clients.sts.send(caller.counted(new GetCallerIdentityCommand({})), caller.options);
  } catch (error) {
    signal?.throwIfAborted();
    throw new AwsError(toAwsProblem(error, errorContext(account, 'sts:GetCallerIdentity')), { cause: error });
  }
  return {
    kind: account.kind,
    ...(account.profile ? { profile: account.profile } : {}),
    region: account.region,
    ...(account.endpoint ? { endpoint: account.endpoint } : {}),
    accountId: identity.Account ?? '',
    callerArn: identity.Arn ?? '',
  };
}

/** Maps and joins the SDK's answers into the snapshot: a pure function, so the mapping is unit-tested. */
export function assembleInventory(input: {
  context: AccountContext;
  raw: RawInventory;
  problems?: readonly InventoryProblem[];
  apiCalls?: number;
  fetchedAt?: Date;
  /** The sections read, when not all of them. */
  sections?: readonly InventorySection[];
}): Inventory {
  const { raw } = input;
  const instances = mapInstances(raw.instances ?? [], {
    addresses: raw.addresses ?? [],
    volumes: raw.storage?.volumes ?? [],
    securityGroups: raw.securityGroups ?? [],
    statuses: raw.instanceStatuses ?? [],
  });
  const azByInstance = new Map(instances.map((i) => [i.id, i.az]));
  return deepFreeze({
    context: input.context,
    fetchedAt: (input.fetchedAt ?? new Date()).toISOString(),
    azs: (raw.network?.azs ?? []).map(mapAz),
    vpcs: (raw.network?.vpcs ?? []).map(mapVpc),
    subnets: mapSubnets(raw.network?.subnets ?? [], raw.network?.routeTables ?? []),
    routeTables: (raw.network?.routeTables ?? []).map(mapRouteTable),
    internetGateways: (raw.network?.internetGateways ?? []).map(mapInternetGateway),
    natGateways: (raw.network?.natGateways ?? []).filter((n) => n.State !== 'deleted').map(mapNatGateway),
    instances,
    volumes: (raw.storage?.volumes ?? []).map(mapVolume),
    snapshots: (raw.storage?.snapshots ?? []).map(mapSnapshot),
    images: (raw.storage?.images ?? []).map(mapImage),
    elasticIps: (raw.addresses ?? []).map(mapAddress),
    securityGroups: (raw.securityGroups ?? []).map(mapSecurityGroup),
    loadBalancers: raw.loadBalancing ? mapLoadBalancers(raw.loadBalancing) : [],
    targetGroups: raw.loadBalancing ? mapTargetGroups(raw.loadBalancing, (id) => azByInstance.get(id)) : [],
    classicLoadBalancers: raw.classic ? mapClassicLoadBalancers(raw.classic, (id) => azByInstance.get(id)) : [],
    dbInstances: (raw.databases?.instances ?? []).map(mapDbInstance),
    dbClusters: mapDbClusters(raw.databases?.clusters ?? [], raw.databases?.instances ?? []),
    dbSubnetGroups: (raw.databases?.subnetGroups ?? []).map(mapDbSubnetGroup),
    dbEvents: mapDbEvents(raw.databases?.events ?? []),
    autoScalingGroups: (raw.autoScaling ?? []).map(mapAutoScalingGroup),
    launchTemplates: raw.launchTemplates ? mapLaunchTemplates(raw.launchTemplates, groupIdOf(raw)) : [],
    scalingPolicies: (raw.scaling?.policies ?? []).map(mapScalingPolicy),
    metricAlarms: (raw.alarms ?? []).map(mapMetricAlarm),
    scalingActivities: mapScalingActivities(raw.scaling?.activities ?? []),
    problems: [...(input.problems ?? [])],
    apiCalls: input.apiCalls ?? 0,
    ...(input.sections ? { sections: [...input.sections] } : {}),
  });
}

/** A security group's id from its name, when the name is one group's only (default-VPC templates may name them). */
function groupIdOf(raw: RawInventory): (name: string) => string | undefined {
  return (name) => {
    const found = (raw.securityGroups ?? []).filter((g) => g.GroupName === name);
    return found.length === 1 ? found[0]?.GroupId : undefined;
  };
}
