// What the account costs now: an hourly rate per billable resource, what it has accrued since it started, and the
// month at AWS's calculator's 730 hours. Pure: the inventory and a price table in, numbers and codes out.
//
// Assumptions (as AWS bills, simplified where the inventory cannot tell):
// - EC2 compute bills only while running (stopped/stopping/pending bill nothing); EBS volumes bill in every state.
// - Snapshots are priced at their full volume size (AWS bills the changed blocks only, usually less).
// - An ALB bills its hours plus `lcuPerLoadBalancer` LCUs every hour (default 1, as seed 000 assumes); a Classic
//   Load Balancer its own hourly rate, its per-GB charge noted only (classic.ts).
// - Every public IPv4 address bills: Elastic IPs (associated or idle), auto-assigned public IPs of running instances,
//   one address per enabled AZ of an internet-facing load balancer, and a NAT gateway's (network.ts).
// - A NAT gateway bills its hours while pending or available; its per-GB processing is noted, not metered.
// - A CloudWatch alarm bills 0.10 USD an alarm-month (standard resolution) whatever its state (alarms.ts).
// - RDS Multi-AZ doubles the instance and the storage; a stopped DB bills its storage only.
// - Aurora members bill at their class; Aurora storage and I/O depend on use and are not estimated. A region whose
//   Aurora figures are not confirmed from a public source (Tokyo) says "unconfirmed" rather than borrow another's.
// - Accrued = hourly × hours since the resource started (launchTime of a running instance, createTime of a volume,
//   startTime of a snapshot, createdTime of a load balancer, createTime of a DB). An Elastic IP's allocation time is
//   not in the API: its accrued amount is 0 and the item says `accruedUnknown` (the UI counts from first sight).
import type { Inventory } from '../aws/types';
import { isLabTagged } from '../lab/types';
import { applyFreeTier, FREE_TIER_DB_CLASSES, FREE_TIER_INSTANCE_TYPES, HOURS_PER_MONTH, type Draft } from './freeTier';
import { draftAlarms } from './alarms';
import { draftClassicLoadBalancers } from './classic';
import { draftNatGateways, natGatewaysByPublicIp, type Pricer } from './network';
import { priceTable, type PriceFigure, type PriceTable } from './prices';

// The item types live in items.ts (freeTier.ts and network.ts build items too): re-exported for the callers.
export type { CostItem, CostKind, UnpricedReason } from './items';
import type { CostItem } from './items';

export interface CostEstimate {
  region: string;
  /** ISO 8601, the moment the rates and accrued amounts are for. */
  at: string;
  hourlyUsd: number;
  monthlyUsd: number;
  accruedUsd: number;
  /** Included in the totals, also stated apart (seed 000 predates the 2024 charge). */
  ipv4: { addresses: number; hourlyUsd: number; monthlyUsd: number };
  withoutIpv4: { hourlyUsd: number; monthlyUsd: number };
  items: CostItem[];
  prices: { origin: 'table' | 'live'; asOf: string };
  /** False when the region has no prices: every item is unpriced and the totals are 0. */
  priced: boolean;
  /** Items without a price (their cost is not in the totals). */
  unpricedItems: number;
}

export interface EstimateOptions {
  /** Default: the built-in table of the inventory's region. */
  prices?: PriceTable;
  now?: Date;
  /** Apply the 12-month free tier (accounts created before 2025-07-15). */
  freeTier?: boolean;
  /** LCUs each ALB uses every hour (default 1). */
  lcuPerLoadBalancer?: number;
}

export { FREE_TIER, HOURS_PER_MONTH } from './freeTier';

export function estimateCost(inventory: Inventory, options: EstimateOptions = {}): CostEstimate {
  const region = inventory.context.region;
  const prices = options.prices ?? priceTable(region);
  const now = options.now ?? new Date();
  const lcu = options.lcuPerLoadBalancer ?? 1;
  const drafts: Draft[] = [];

  const rate = (figure: PriceFigure | undefined, quantity: number, missing: CostItem['unpriced']) => {
    if (!prices) return { hourly: 0, unpriced: 'region' as const };
    if (!figure) return { hourly: 0, unpriced: missing };
    const perHour =
      figure.unit === 'GB-month' || figure.unit === 'alarm-month' ? figure.usd / HOURS_PER_MONTH : figure.usd;
    return { hourly: perHour * quantity, unpriced: undefined };
  };
  const add = (
    base: Draft['item'],
    r: { hourly: number; unpriced: CostItem['unpriced'] },
    pool?: Draft['pool'],
    units?: number,
  ) => {
    drafts.push({
      item: { ...base, ...(r.unpriced ? { unpriced: r.unpriced } : {}) },
      hourly: r.hourly,
      ...(pool && !r.unpriced ? { pool, units: units ?? 1 } : {}),
    });
  };
  const lab = (tags: Readonly<Record<string, string>>) => isLabTagged(tags);
  const named = (name: string | undefined) => (name ? { name } : {});

  // A lab group's instances are the lab's whether or not the group propagates its tags to them.
  const labGroups = new Set(inventory.autoScalingGroups.filter((g) => lab(g.tags)).map((g) => g.name));
  const ofLab = (i: Inventory['instances'][number]) =>
    lab(i.tags) || labGroups.has(i.tags['aws:autoscaling:groupName'] ?? '');
  const labInstances = new Set(inventory.instances.filter(ofLab).map((i) => i.id));
  const labImageSnapshots = new Set(inventory.images.filter((i) => lab(i.tags)).flatMap((i) => i.snapshotIds));

  for (const i of inventory.instances) {
    if (i.state === 'terminated' || i.state === 'shutting-down') continue;
    const running = i.state === 'running';
    const r = rate(prices?.instanceHour[i.type], running ? 1 : 0, 'instanceType');
    add(
      {
        kind: 'instance',
        resourceId: i.id,
        ...named(i.name),
        detail: { type: i.type, state: i.state, az: i.az },
        ...(running && i.launchTime ? { since: i.launchTime } : {}),
        labCreated: labInstances.has(i.id),
      },
      r,
      running && FREE_TIER_INSTANCE_TYPES.has(i.type) ? 'microInstanceHours' : undefined,
    );
    // An auto-assigned public IP exists only while running; an Elastic IP is counted with the addresses below.
    if (running && i.publicIp && i.publicIp !== i.elasticIp) {
      add(
        {
          kind: 'publicIpv4',
          resourceId: i.id,
          ...named(i.name),
          detail: { source: 'auto', address: i.publicIp, addresses: 1, instanceId: i.id },
          ...(i.launchTime ? { since: i.launchTime } : {}),
          labCreated: labInstances.has(i.id),
        },
        rate(prices?.publicIpv4Hour, 1, undefined),
        'ec2PublicIpv4Hours',
      );
    }
  }

  for (const v of inventory.volumes) {
    if (v.state === 'deleted' || v.state === 'deleting') continue;
    add(
      {
        kind: 'volume',
        resourceId: v.id,
        ...named(v.name),
        detail: {
          type: v.volumeType,
          sizeGiB: v.sizeGiB,
          state: v.state,
          ...(v.attachedTo ? { instanceId: v.attachedTo.instanceId } : {}),
        },
        ...(v.createTime ? { since: v.createTime } : {}),
        labCreated: lab(v.tags) || (v.attachedTo !== undefined && labInstances.has(v.attachedTo.instanceId)),
      },
      rate(prices?.ebsGbMonth[v.volumeType], v.sizeGiB, 'volumeType'),
      'ebsGbMonths',
      v.sizeGiB,
    );
  }

  for (const s of inventory.snapshots) {
    if (s.state === 'error') continue;
    add(
      {
        kind: 'snapshot',
        resourceId: s.id,
        ...named(s.name),
        detail: { sizeGiB: s.sizeGiB, state: s.state, ...(s.volumeId ? { volumeId: s.volumeId } : {}) },
        ...(s.startTime ? { since: s.startTime } : {}),
        labCreated: lab(s.tags) || labImageSnapshots.has(s.id),
      },
      rate(prices?.snapshotGbMonth, s.sizeGiB, undefined),
    );
  }

  for (const lb of inventory.loadBalancers) {
    if (lb.state === 'failed') continue;
    const isAlb = lb.type === 'application';
    const base = {
      resourceId: lb.arn,
      name: lb.name,
      ...(lb.createdTime ? { since: lb.createdTime } : {}),
      labCreated: lab(lb.tags),
    };
    add(
      {
        ...base,
        kind: 'loadBalancer',
        detail: { type: lb.type, scheme: lb.scheme, state: lb.state, azs: lb.zones.length },
      },
      rate(isAlb ? prices?.albHour : undefined, 1, 'loadBalancerType'),
      isAlb ? 'albHours' : undefined,
    );
    if (isAlb && lcu > 0)
      add({ ...base, kind: 'lcu', detail: { lcu } }, rate(prices?.lcuHour, lcu, undefined), 'lcuHours', lcu);
    if (lb.scheme === 'internet-facing' && lb.zones.length > 0) {
      add(
        { ...base, kind: 'publicIpv4', detail: { source: 'loadBalancer', addresses: lb.zones.length } },
        rate(prices?.publicIpv4Hour, lb.zones.length, undefined),
      );
    }
  }

  // An Elastic IP a NAT gateway holds is in use (on the NAT's interface), not idle; the EC2 allowance does not cover it.
  const natIps = natGatewaysByPublicIp(inventory);
  const holder = (e: Inventory['elasticIps'][number]): Record<string, string> => {
    const nat = natIps.get(e.publicIp);
    if (nat) return { natGatewayId: nat };
    if (e.instanceId) return { instanceId: e.instanceId };
    return e.networkInterfaceId ? { networkInterfaceId: e.networkInterfaceId } : { state: 'idle' };
  };
  for (const e of inventory.elasticIps) {
    add(
      {
        kind: 'publicIpv4',
        resourceId: e.allocationId,
        ...named(e.tags.Name),
        detail: {
          source: 'elastic',
          address: e.publicIp,
          addresses: 1,
          ...holder(e),
        },
        labCreated: lab(e.tags),
        accruedUnknown: true,
      },
      rate(prices?.publicIpv4Hour, 1, undefined),
      // The EC2 allowance covers addresses in use on an instance, not idle ones.
      (e.instanceId || e.networkInterfaceId) && !natIps.has(e.publicIp) ? 'ec2PublicIpv4Hours' : undefined,
    );
  }

  for (const db of inventory.dbInstances) {
    if (db.status === 'deleting') continue;
    const stopped = db.status === 'stopped' || db.status === 'stopping';
    const aurora = db.clusterId !== undefined || db.engine.startsWith('aurora');
    const base = {
      resourceId: db.id,
      name: db.id,
      ...(db.createTime ? { since: db.createTime } : {}),
      labCreated: lab(db.tags),
    };
    if (aurora) {
      add(
        {
          ...base,
          kind: 'auroraInstance',
          detail: {
            class: db.instanceClass,
            engine: db.engine,
            status: db.status,
            ...(db.clusterId ? { clusterId: db.clusterId } : {}),
          },
        },
        rate(
          prices?.auroraInstanceHour[db.instanceClass],
          stopped ? 0 : 1,
          prices?.unconfirmed?.auroraInstanceHour ? 'unconfirmed' : 'auroraInstanceClass',
        ),
      );
      continue;
    }
    const copies = db.multiAz ? 2 : 1;
    const micro = !db.multiAz && FREE_TIER_DB_CLASSES.has(db.instanceClass);
    add(
      {
        ...base,
        kind: 'dbInstance',
        detail: { class: db.instanceClass, engine: db.engine, status: db.status, multiAz: db.multiAz ? 1 : 0 },
      },
      rate(prices?.rdsInstanceHour[db.instanceClass], stopped ? 0 : copies, 'dbInstanceClass'),
      micro && !stopped ? 'rdsMicroHours' : undefined,
    );
    if (db.storageGiB !== undefined) {
      const type = db.storageType ?? 'gp2';
      add(
        { ...base, kind: 'dbStorage', detail: { type, sizeGiB: db.storageGiB, multiAz: db.multiAz ? 1 : 0 } },
        rate(prices?.rdsStorageGbMonth[type], db.storageGiB * copies, 'dbStorageType'),
        micro ? 'rdsStorageGbMonths' : undefined,
        db.storageGiB,
      );
    }
  }
  const pricer: Pricer = { rate, add, lab };
  draftNatGateways(inventory, prices, pricer);
  draftClassicLoadBalancers(inventory, prices, pricer);
  draftAlarms(inventory, prices, pricer);

  const covered = options.freeTier ? applyFreeTier(drafts) : new Map<Draft, number>();
  const items = drafts.map((d) => finish(d, covered.get(d) ?? 0, now));

  const sum = (list: readonly CostItem[], f: (i: CostItem) => number) => list.reduce((s, i) => s + f(i), 0);
  // Totals from the unrounded rates, rounded once (the seed's 47.69 is the rounded sum, not a sum of rounded parts).
  const raw = new Map(drafts.map((d, n) => [items[n] as CostItem, d.hourly * (1 - (covered.get(d) ?? 0))]));
  const hourly = (list: readonly CostItem[]) => sum(list, (i) => raw.get(i) ?? 0);
  const ipv4Items = items.filter((i) => i.kind === 'publicIpv4');
  const otherItems = items.filter((i) => i.kind !== 'publicIpv4');
  const accrued = sum(items, (i) => accruedOf(raw.get(i) ?? 0, i.since, now));
  return {
    region,
    at: now.toISOString(),
    hourlyUsd: roundHourly(hourly(items)),
    monthlyUsd: cents(hourly(items) * HOURS_PER_MONTH),
    accruedUsd: roundAccrued(accrued),
    ipv4: {
      addresses: sum(
        ipv4Items.filter((i) => !i.unpriced),
        (i) => Number(i.detail.addresses ?? 1),
      ),
      hourlyUsd: roundHourly(hourly(ipv4Items)),
      monthlyUsd: cents(hourly(ipv4Items) * HOURS_PER_MONTH),
    },
    withoutIpv4: {
      hourlyUsd: roundHourly(hourly(otherItems)),
      monthlyUsd: cents(hourly(otherItems) * HOURS_PER_MONTH),
    },
    items,
    prices: prices ? { origin: prices.origin, asOf: prices.asOf } : { origin: 'table', asOf: '' },
    priced: prices !== undefined,
    unpricedItems: items.filter((i) => i.unpriced).length,
  };
}

function finish(d: Draft, freeFraction: number, now: Date): CostItem {
  const hourly = d.hourly * (1 - freeFraction);
  return {
    ...d.item,
    hourlyUsd: roundHourly(hourly),
    monthlyUsd: cents(hourly * HOURS_PER_MONTH),
    accruedUsd: roundAccrued(accruedOf(hourly, d.item.since, now)),
    freeTier: freeFraction > 0,
  };
}

function accruedOf(hourly: number, since: string | undefined, now: Date): number {
  if (!since || hourly === 0) return 0;
  const start = Date.parse(since);
  if (Number.isNaN(start)) return 0;
  return (hourly * Math.max(0, now.getTime() - start)) / 3_600_000;
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round((value + Number.EPSILON) * f) / f;
};
const cents = (v: number) => round(v, 2);
/** Hourly rates keep 6 decimals (a GB of gp2 is 0.000164 USD an hour). */
const roundHourly = (v: number) => round(v, 6);
/** Accrued keeps 4 decimals so a few minutes show. */
const roundAccrued = (v: number) => round(v, 4);
