import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Inventory, Volume } from '../../../src/aws/types';
import { estimateCost, type CostItem } from '../../../src/cost/estimate';
import { PRICED_REGIONS, priceTable } from '../../../src/cost/prices';
import { LAB_ID, LAB_TAG, STEP_TAG } from '../../../src/lab/types';
import { unpricedText } from '../../../src/present/costModel';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import { repoRoot } from '../../fixtures/repo';
import { clone, edit, finishedLab, webServer, withInstance } from '../../fixtures/labWorld';

const tokyo = () => {
  const t = priceTable('ap-northeast-1');
  assert.ok(t);
  return t;
};

const volume = (id: string, instanceId: string, createTime: string, tags: Volume['tags'] = {}): Volume => ({
  id,
  sizeGiB: 8,
  volumeType: 'gp2',
  state: 'in-use',
  az: 'ap-northeast-1a',
  attachedTo: { instanceId, device: '/dev/xvda' },
  createTime,
  tags,
});

/** Seed 000's lab: 2 × t2.micro running with Elastic IPs, 2 × 8 GB gp2, one internet-facing ALB in two AZs. */
function seed000(): Inventory {
  return edit(finishedLab(), {
    volumes: [
      volume('vol-web', webServer.id, '2026-11-23T08:00:00.000Z'),
      volume('vol-clone', clone.id, '2026-11-23T09:00:00.000Z'),
    ],
    snapshots: [],
    images: [],
  });
}

const byKind = (items: readonly CostItem[], kind: CostItem['kind']) => items.filter((i) => i.kind === kind);

test('seed 000: 47.69 USD a month without the IPv4 charge, 14.60 USD for four public addresses', () => {
  const e = estimateCost(seed000(), { prices: tokyo(), now: new Date('2026-11-23T10:00:00.000Z') });
  assert.equal(e.withoutIpv4.monthlyUsd, 47.69);
  assert.equal(e.ipv4.addresses, 4);
  assert.equal(e.ipv4.monthlyUsd, 14.6);
  assert.equal(e.ipv4.hourlyUsd, 0.02);
  assert.equal(e.monthlyUsd, 62.29);
  // The seed's parts: 2 × t2.micro 22.19, 2 × 8 GB gp2 1.92, ALB 17.74, 1 LCU 5.84.
  const monthly = (kind: CostItem['kind']) => byKind(e.items, kind).reduce((s, i) => s + i.hourlyUsd * 730, 0);
  assert.equal(Math.round(monthly('instance') * 100) / 100, 22.19);
  assert.equal(Math.round(monthly('volume') * 100) / 100, 1.92);
  assert.equal(Math.round(monthly('loadBalancer') * 100) / 100, 17.74);
  assert.equal(Math.round(monthly('lcu') * 100) / 100, 5.84);
  assert.equal(e.hourlyUsd, Math.round((2 * 0.0152 + (16 * 0.12) / 730 + 0.0243 + 0.008 + 4 * 0.005) * 1e6) / 1e6);
  assert.equal(e.priced, true);
  assert.equal(e.unpricedItems, 0);
  assert.deepEqual(e.prices, { origin: 'table', asOf: '2026-11-23' });
  // The ALB's addresses: one item for the two AZs; the Elastic IPs one each, start unknown.
  const ipv4 = byKind(e.items, 'publicIpv4');
  assert.deepEqual(ipv4.map((i) => [i.detail.source, i.detail.addresses]).sort(), [
    ['elastic', 1],
    ['elastic', 1],
    ['loadBalancer', 2],
  ]);
  for (const eip of ipv4.filter((i) => i.detail.source === 'elastic')) {
    assert.equal(eip.accruedUsd, 0);
    assert.equal(eip.accruedUnknown, true);
  }
});

test('more LCUs per load balancer raise the LCU line only', () => {
  const base = estimateCost(seed000(), { prices: tokyo() });
  const three = estimateCost(seed000(), { prices: tokyo(), lcuPerLoadBalancer: 3 });
  assert.equal(byKind(three.items, 'lcu')[0]?.monthlyUsd, 17.52);
  assert.equal(Math.round((three.withoutIpv4.monthlyUsd - base.withoutIpv4.monthlyUsd) * 100) / 100, 11.68);
});

test('accrued amounts run from each resource start', () => {
  const now = new Date('2026-11-23T10:00:00.000Z');
  const e = estimateCost(seed000(), { prices: tokyo(), now });
  const item = (kind: CostItem['kind'], id: string) => e.items.find((i) => i.kind === kind && i.resourceId === id);
  // WebServer launched at 08:00 (2 h), WebServer2 at 09:00 (1 h).
  assert.equal(item('instance', webServer.id)?.accruedUsd, 0.0304);
  assert.equal(item('instance', clone.id)?.accruedUsd, 0.0152);
  assert.equal(item('instance', webServer.id)?.since, webServer.launchTime);
  // The ALB since 09:10: 50 minutes of hours and LCU, and of its two addresses.
  const lb = e.items.find((i) => i.kind === 'loadBalancer');
  assert.ok(Math.abs((lb?.accruedUsd ?? 0) - (0.0243 * 50) / 60) < 0.0001);
  const lbIps = e.items.find((i) => i.kind === 'publicIpv4' && i.detail.source === 'loadBalancer');
  assert.equal(lbIps?.accruedUsd, Math.round(((0.01 * 50) / 60) * 1e4) / 1e4);
  const expected = 2 * 0.0152 + 0.0152 + ((8 * 0.12) / 730) * 3 + ((0.0243 + 0.008 + 0.01) * 50) / 60;
  assert.equal(e.accruedUsd, Math.round(expected * 1e4) / 1e4);
  // Before any of it started, nothing has accrued.
  assert.equal(estimateCost(seed000(), { prices: tokyo(), now: new Date('2026-11-23T07:00:00.000Z') }).accruedUsd, 0);
});

test('a stopped instance bills nothing for compute; its EBS volume and its Elastic IP still bill', () => {
  const inv = withInstance(seed000(), clone.id, { state: 'stopped', publicIp: CLONE_EIP(), elasticIp: CLONE_EIP() });
  const e = estimateCost(inv, { prices: tokyo(), now: new Date('2026-11-23T10:00:00.000Z') });
  const inst = e.items.find((i) => i.resourceId === clone.id && i.kind === 'instance');
  assert.equal(inst?.hourlyUsd, 0);
  assert.equal(inst?.accruedUsd, 0);
  assert.equal(inst?.detail.state, 'stopped');
  assert.equal(
    e.items.find((i) => i.resourceId === 'vol-clone')?.hourlyUsd,
    Math.round(((8 * 0.12) / 730) * 1e6) / 1e6,
  );
  assert.equal(e.items.find((i) => i.resourceId === 'eipalloc-clone')?.hourlyUsd, 0.005);
  assert.equal(e.ipv4.addresses, 4);
  assert.equal(e.withoutIpv4.monthlyUsd, Math.round((47.691 - 0.0152 * 730) * 100) / 100);
  // Stopping bills nothing for compute either; an auto-assigned address goes with a stop, so only running ones count.
  const stopping = estimateCost(withInstance(seed000(), clone.id, { state: 'stopping' }), { prices: tokyo() });
  assert.equal(stopping.items.find((i) => i.resourceId === clone.id && i.kind === 'instance')?.hourlyUsd, 0);
});

function CLONE_EIP() {
  return clone.elasticIp as string;
}

test('an auto-assigned public IP of a running instance bills; an idle Elastic IP bills', () => {
  const noEip = edit(seed000(), {
    instances: [{ ...webServer, elasticIp: undefined, publicIp: '13.112.0.1' }, clone],
    elasticIps: [
      {
        allocationId: 'eipalloc-clone',
        publicIp: CLONE_EIP(),
        instanceId: clone.id,
        associationId: 'eipassoc-2',
        tags: {},
      },
      { allocationId: 'eipalloc-idle', publicIp: '52.0.0.9', tags: { [LAB_TAG]: LAB_ID, [STEP_TAG]: '1.4' } },
    ],
  });
  const e = estimateCost(noEip, { prices: tokyo(), now: new Date('2026-11-23T10:00:00.000Z') });
  const auto = e.items.find((i) => i.kind === 'publicIpv4' && i.detail.source === 'auto');
  assert.equal(auto?.resourceId, webServer.id);
  assert.equal(auto?.accruedUsd, 0.01); // 2 h since launch
  const idle = e.items.find((i) => i.resourceId === 'eipalloc-idle');
  assert.equal(idle?.hourlyUsd, 0.005);
  assert.equal(idle?.detail.state, 'idle');
  assert.equal(idle?.labCreated, true);
  assert.equal(e.ipv4.addresses, 5);
});

test('RDS Multi-AZ doubles the instance and the storage; Aurora members bill at their class', () => {
  const db = {
    id: 'lab-db',
    arn: 'arn:aws:rds:ap-northeast-1:123456789012:db:lab-db',
    engine: 'mysql',
    instanceClass: 'db.t3.micro',
    status: 'available',
    multiAz: false,
    storageGiB: 20,
    storageType: 'gp2',
    publiclyAccessible: false,
    securityGroupIds: [],
    createTime: '2026-11-23T09:00:00.000Z',
    tags: { [LAB_TAG]: LAB_ID, [STEP_TAG]: '4.1' },
  };
  const single = estimateCost(edit(seed000(), { dbInstances: [db] }), { prices: tokyo() });
  const multi = estimateCost(edit(seed000(), { dbInstances: [{ ...db, multiAz: true }] }), { prices: tokyo() });
  const line = (e: ReturnType<typeof estimateCost>, kind: CostItem['kind']) => e.items.find((i) => i.kind === kind);
  assert.equal(line(single, 'dbInstance')?.hourlyUsd, 0.026);
  assert.equal(line(multi, 'dbInstance')?.hourlyUsd, 0.052);
  assert.equal(line(single, 'dbStorage')?.monthlyUsd, 2.76);
  assert.equal(line(multi, 'dbStorage')?.monthlyUsd, 5.52);
  assert.equal(line(multi, 'dbInstance')?.labCreated, true);
  // A stopped DB bills its storage only.
  const stopped = estimateCost(edit(seed000(), { dbInstances: [{ ...db, status: 'stopped' }] }), { prices: tokyo() });
  assert.equal(line(stopped, 'dbInstance')?.hourlyUsd, 0);
  assert.equal(line(stopped, 'dbStorage')?.monthlyUsd, 2.76);
  // Aurora members: each at its class (us-east-1 has db.t4g.medium and db.t3.medium; Tokyo has no confirmed figure).
  const members = [
    {
      ...db,
      id: 'aurora-1',
      engine: 'aurora-mysql',
      instanceClass: 'db.t4g.medium',
      clusterId: 'lab-cluster',
      storageGiB: undefined,
    },
    {
      ...db,
      id: 'aurora-2',
      engine: 'aurora-mysql',
      instanceClass: 'db.t3.medium',
      clusterId: 'lab-cluster',
      storageGiB: undefined,
    },
  ];
  const virginia = priceTable('us-east-1');
  assert.ok(virginia);
  const aurora = estimateCost(edit(seed000(), { dbInstances: members }), { prices: virginia });
  assert.deepEqual(
    byKind(aurora.items, 'auroraInstance').map((i) => i.hourlyUsd),
    [0.073, 0.082],
  );
  const tokyoAurora = estimateCost(edit(seed000(), { dbInstances: members }), { prices: tokyo() });
  assert.deepEqual(
    byKind(tokyoAurora.items, 'auroraInstance').map((i) => i.unpriced),
    ['unconfirmed', 'unconfirmed'],
    'Tokyo’s Aurora figures are not confirmed: said so, never borrowed from another region',
  );
  // A class missing from a region whose Aurora figures are confirmed is only "no price for" it.
  const rare = estimateCost(edit(seed000(), { dbInstances: [{ ...members[0]!, instanceClass: 'db.r6g.large' }] }), {
    prices: virginia,
  });
  assert.deepEqual(
    byKind(rare.items, 'auroraInstance').map((i) => i.unpriced),
    ['auroraInstanceClass'],
  );
  assert.equal(tokyoAurora.unpricedItems, 2);
  const member = byKind(tokyoAurora.items, 'auroraInstance')[0]!;
  assert.equal(
    unpricedText(member, 'ap-northeast-1', bundleTranslator()),
    'price unconfirmed for db.t4g.medium in ap-northeast-1: no public figure found, not counted',
  );
  assert.equal(
    unpricedText(member, 'ap-northeast-1', bundleTranslator(loadBundle('ja', repoRoot))),
    'ap-northeast-1 の db.t4g.medium の料金は未確認です（公開されている価格が見つからないため、合計に含めていません）',
  );
});

test('free tier: one micro instance all month, 30 GB of EBS, one ALB with its LCUs, EC2 addresses', () => {
  const now = new Date('2026-11-23T10:00:00.000Z');
  const off = estimateCost(seed000(), { prices: tokyo(), now });
  const on = estimateCost(seed000(), { prices: tokyo(), now, freeTier: true });
  const instances = byKind(on.items, 'instance');
  // 750 h cover one instance all month and 20 h of the second: both share the allowance, the first in full.
  assert.deepEqual(
    instances.map((i) => i.freeTier),
    [true, true],
  );
  const paid = instances.reduce((s, i) => s + i.hourlyUsd * 730, 0);
  assert.equal(Math.round(paid * 100) / 100, Math.round((2 * 730 - 750) * 0.0152 * 100) / 100);
  // 16 GB of gp2 fit in the 30 GB; the ALB's hours and its one LCU fit in theirs.
  for (const kind of ['volume', 'loadBalancer', 'lcu'] as const)
    for (const i of byKind(on.items, kind)) assert.equal(i.hourlyUsd, 0);
  // The Elastic IPs on instances share 750 h; the ALB's addresses are not EC2's and still bill.
  const lbIps = on.items.find((i) => i.kind === 'publicIpv4' && i.detail.source === 'loadBalancer');
  assert.equal(lbIps?.freeTier, false);
  assert.equal(lbIps?.hourlyUsd, 0.01);
  assert.ok(on.monthlyUsd < off.monthlyUsd);
  assert.equal(on.withoutIpv4.monthlyUsd, 10.79 /* (1460 - 750) h × 0.0152 */);
  assert.ok(on.accruedUsd < off.accruedUsd);
  // Off: nothing is marked.
  assert.ok(off.items.every((i) => !i.freeTier));
});

test('free tier: the biggest volumes consume the 30 GB first', () => {
  const inv = edit(seed000(), {
    volumes: [
      { ...volume('vol-small', webServer.id, '2026-11-23T08:00:00.000Z'), sizeGiB: 8 },
      { ...volume('vol-big', clone.id, '2026-11-23T08:00:00.000Z'), sizeGiB: 25, volumeType: 'gp3' },
    ],
  });
  const e = estimateCost(inv, { prices: tokyo(), freeTier: true });
  assert.equal(e.items.find((i) => i.resourceId === 'vol-big')?.hourlyUsd, 0);
  // 5 GB left for the 8 GB volume: 3 GB paid.
  assert.equal(e.items.find((i) => i.resourceId === 'vol-small')?.monthlyUsd, 0.36);
});

test('a region without a table: every item unpriced, totals 0, nothing invented', () => {
  const inv = edit(seed000(), { context: { ...seed000().context, region: 'sa-east-1' } });
  assert.ok(!PRICED_REGIONS.includes('sa-east-1'));
  const e = estimateCost(inv);
  assert.equal(e.priced, false);
  assert.equal(e.monthlyUsd, 0);
  assert.ok(e.items.length > 0);
  assert.ok(e.items.every((i) => i.unpriced === 'region'));
  // An instance type the table lacks is unpriced alone.
  const big = estimateCost(withInstance(seed000(), clone.id, { type: 'm7i.large' }), { prices: tokyo() });
  assert.equal(big.items.find((i) => i.resourceId === clone.id && i.kind === 'instance')?.unpriced, 'instanceType');
  assert.equal(big.unpricedItems, 1);
  // The default table is the inventory's region's.
  assert.equal(estimateCost(seed000()).withoutIpv4.monthlyUsd, 47.69);
});

test('lab-created: the lab tag, volumes of lab instances, snapshots of lab AMIs; terminated instances are left out', () => {
  const inv = edit(seed000(), {
    images: [
      {
        id: 'ami-0lab',
        state: 'available',
        snapshotIds: ['snap-0lab'],
        tags: { [LAB_TAG]: LAB_ID, [STEP_TAG]: '1.2' },
      },
    ],
    snapshots: [{ id: 'snap-0lab', sizeGiB: 8, state: 'completed', startTime: '2026-11-23T08:30:00.000Z', tags: {} }],
    instances: [
      webServer,
      clone,
      { ...webServer, id: 'i-0gone', state: 'terminated', elasticIp: undefined, publicIp: undefined },
    ],
  });
  const e = estimateCost(inv, { prices: tokyo(), now: new Date('2026-11-23T10:30:00.000Z') });
  const lab = (id: string) => e.items.find((i) => i.resourceId === id)?.labCreated;
  assert.equal(lab(webServer.id), false);
  assert.equal(lab(clone.id), true);
  assert.equal(lab('vol-clone'), true);
  assert.equal(lab('vol-web'), false);
  assert.equal(lab('snap-0lab'), true);
  assert.equal(e.items.find((i) => i.resourceId === 'snap-0lab')?.monthlyUsd, 0.4);
  assert.equal(
    e.items.find((i) => i.resourceId === 'snap-0lab')?.accruedUsd,
    Math.round(((8 * 0.05) / 730) * 2 * 1e4) / 1e4,
  );
  assert.equal(
    e.items.some((i) => i.resourceId === 'i-0gone'),
    false,
  );
});
