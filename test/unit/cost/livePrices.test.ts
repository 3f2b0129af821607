// Live prices from the Pricing API's PriceList documents: parseProduct's OnDemand price and unit, buildLiveTable's
// Tokyo table (and what is missing when a part is), and the queries' filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLiveTable, parseProduct, priceQueries } from '../../../src/cost/livePrices';
import { estimateCost } from '../../../src/cost/estimate';
import { finishedLab } from '../../fixtures/labWorld';
import { ec2, tokyoAnswers } from '../../fixtures/priceList';

test('parseProduct reads the OnDemand price and its unit, not the Reserved one', () => {
  const p = parseProduct(ec2('t2.micro', '0.0152000000'));
  assert.equal(p?.usd, 0.0152);
  assert.equal(p?.unit, 'Hrs');
  assert.equal(p?.attributes.instanceType, 't2.micro');
  assert.equal(p?.attributes.productFamily, 'Compute Instance');
  assert.equal(parseProduct('{"product":{},"terms":{}}'), undefined);
  assert.equal(parseProduct('not json'), undefined);
});

test('buildLiveTable: a Tokyo table from a PriceList answer, and the seed 000 figure from it', () => {
  const { table, missing } = buildLiveTable('ap-northeast-1', tokyoAnswers(), '2026-11-23');
  assert.deepEqual(missing, []);
  assert.ok(table);
  assert.equal(table.origin, 'live');
  assert.deepEqual(Object.fromEntries(Object.entries(table.instanceHour).map(([k, f]) => [k, f.usd])), {
    't2.micro': 0.0152,
    't3.micro': 0.0136,
    't3.small': 0.0272,
  });
  assert.equal(table.ebsGbMonth.gp2?.usd, 0.12);
  assert.equal(table.ebsGbMonth.gp3?.unit, 'GB-month');
  assert.equal(table.snapshotGbMonth.usd, 0.05);
  assert.equal(table.albHour.usd, 0.0243);
  assert.equal(table.lcuHour.unit, 'LCU-hour');
  assert.equal(table.publicIpv4Hour.usd, 0.005);
  assert.equal(table.natGatewayHour.usd, 0.062);
  assert.equal(table.rdsInstanceHour['db.t3.micro']?.usd, 0.026);
  assert.equal(table.rdsStorageGbMonth.gp3?.usd, 0.138);
  assert.equal(table.auroraInstanceHour['db.t3.medium']?.usd, 0.12);
  assert.match(table.albHour.source, /GetProducts/);
  assert.equal(table.albHour.asOf, '2026-11-23');
  const e = estimateCost(finishedLab(), { prices: table });
  assert.deepEqual(e.prices, { origin: 'live', asOf: '2026-11-23' });
  // Without the ALB hour the table is incomplete: say what is missing rather than price it at 0.
  const partial = buildLiveTable('ap-northeast-1', { ...tokyoAnswers(), elb: [] }, '2026-11-23');
  assert.equal(partial.table, undefined);
  assert.deepEqual(partial.missing, ['albHour', 'lcuHour']);
});

test('the queries filter as the brief says: Linux, shared tenancy, no pre-installed software, used capacity', () => {
  const q = priceQueries('ap-northeast-1').instances;
  assert.equal(q.ServiceCode, 'AmazonEC2');
  const f = Object.fromEntries(q.Filters.map((x) => [x.Field, `${x.Type}:${x.Value}`]));
  assert.equal(f.operatingSystem, 'TERM_MATCH:Linux');
  assert.equal(f.tenancy, 'TERM_MATCH:Shared');
  assert.equal(f.preInstalledSw, 'TERM_MATCH:NA');
  assert.equal(f.capacitystatus, 'TERM_MATCH:Used');
  assert.equal(f.regionCode, 'TERM_MATCH:ap-northeast-1');
  assert.match(f.instanceType ?? '', /^ANY_OF:.*t2\.micro/);
});
