// The cost of a Classic Load Balancer (seed 001): its hours at the region's own CLB rate (Tokyo 0.027, N. Virginia
// 0.025), the per-GB charge noted beside it, an internet-facing one's public IPv4 addresses (one per enabled AZ), the
// free tier's load balancer hours shared with the ALB, and the lab's tag deciding labCreated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Inventory } from '../../../src/aws/types';
import { estimateCost } from '../../../src/cost/estimate';
import { priceTable } from '../../../src/cost/prices';
import { LAB_ID, LAB_TAG } from '../../../src/lab/types';
import { edit, finishedLab } from '../../fixtures/labWorld';
import { classicLoadBalancer } from '../../fixtures/classicWorld';

const NOW = new Date('2025-01-15T03:00:00.000Z');

function world(region = 'ap-northeast-1', changes: Partial<Inventory> = {}): Inventory {
  const inv = finishedLab();
  return edit(inv, {
    context: { ...inv.context, region },
    classicLoadBalancers: [classicLoadBalancer({ tags: { [LAB_TAG]: LAB_ID } })],
    ...changes,
  });
}

const clbItems = (inv: Inventory, freeTier = false) =>
  estimateCost(inv, { now: NOW, freeTier }).items.filter((i) => i.resourceId === 'seed001-elb');

test('a CLB in Tokyo bills 0.027 an hour, its two AZs two public addresses, accrued since its creation', () => {
  const [hours, ipv4] = clbItems(world());
  assert.ok(hours && ipv4);
  assert.equal(hours.kind, 'loadBalancer');
  assert.equal(hours.name, 'seed001-elb');
  assert.deepEqual(hours.detail, {
    type: 'classic',
    scheme: 'internet-facing',
    azs: 2,
    processing: 'notMetered',
    perGbUsd: 0.008,
  });
  assert.equal(hours.hourlyUsd, 0.027);
  assert.equal(hours.monthlyUsd, 19.71);
  assert.equal(hours.since, '2025-01-15T01:00:00.000Z');
  // Two hours since 01:00.
  assert.equal(hours.accruedUsd, 0.054);
  assert.equal(hours.labCreated, true);
  assert.equal(hours.unpriced, undefined);
  assert.equal(ipv4.kind, 'publicIpv4');
  assert.deepEqual(ipv4.detail, { source: 'loadBalancer', addresses: 2 });
  assert.equal(ipv4.hourlyUsd, 0.01);
});

test('in N. Virginia 0.025 an hour; an internal CLB has no public address', () => {
  const inv = world('us-east-1', {
    classicLoadBalancers: [classicLoadBalancer({ scheme: 'internal' })],
  });
  const items = clbItems(inv);
  assert.deepEqual(
    items.map((i) => [i.kind, i.hourlyUsd, i.labCreated]),
    [['loadBalancer', 0.025, false]],
  );
});

test('the meter adds the CLB to the totals; a region without prices leaves it unpriced', () => {
  const without = estimateCost(world('ap-northeast-1', { classicLoadBalancers: [] }), { now: NOW });
  const with_ = estimateCost(world(), { now: NOW });
  assert.equal(Math.round((with_.hourlyUsd - without.hourlyUsd) * 1e6) / 1e6, 0.037);
  assert.equal(with_.ipv4.addresses - without.ipv4.addresses, 2);
  const elsewhere = clbItems(world('eu-west-3'));
  assert.deepEqual(
    elsewhere.map((i) => i.unpriced),
    ['region', 'region'],
  );
});

test('the free tier’s 750 load balancer hours are shared between the ALB and the CLB', () => {
  const inv = world();
  assert.ok(inv.loadBalancers.length === 1);
  const items = estimateCost(inv, { now: NOW, freeTier: true }).items.filter((i) => i.kind === 'loadBalancer');
  // 750 h cover one load balancer all month (730 h) and 20 h of the other: the dearer one (the CLB) first.
  const [clb, alb] = [
    items.find((i) => i.resourceId === 'seed001-elb'),
    items.find((i) => i.resourceId !== 'seed001-elb'),
  ];
  assert.ok(clb && alb);
  assert.equal(clb.freeTier, true);
  assert.equal(clb.hourlyUsd, 0);
  assert.equal(alb.freeTier, true);
  assert.ok(alb.hourlyUsd > 0 && alb.hourlyUsd < 0.0243, String(alb.hourlyUsd));
});

test('the price tables carry the CLB figures with their source and date, marked unconfirmed', () => {
  for (const [region, usd] of [
    ['ap-northeast-1', 0.027],
    ['us-east-1', 0.025],
  ] as const) {
    const table = priceTable(region);
    assert.equal(table?.clbHour?.usd, usd);
    assert.equal(table?.clbHour?.unit, 'hour');
    assert.equal(table?.clbDataGb?.usd, 0.008);
    assert.equal(table?.clbDataGb?.unit, 'GB');
    assert.match(table?.clbHour?.source ?? '', /elasticloadbalancing\/pricing.*unconfirmed/);
    assert.match(table?.clbHour?.asOf ?? '', /^\d{4}-\d{2}-\d{2}$/);
  }
});
