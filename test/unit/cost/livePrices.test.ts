import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PricingClient } from '@aws-sdk/client-pricing';
import {
  buildLiveTable,
  fetchLivePrices,
  parseProduct,
  priceQueries,
  type PriceAnswers,
} from '../../../src/cost/livePrices';
import { estimateCost } from '../../../src/cost/estimate';
import { finishedLab } from '../../fixtures/labWorld';

// PriceList documents as GetProducts returns them (FormatVersion aws_v1), Tokyo: one JSON string per product,
// OnDemand and Reserved terms, every attribute as a string.
let sku = 0;
function product(
  family: string,
  attributes: Record<string, string>,
  unit: string,
  usd: string,
  extraDimensions: Record<string, string> = {},
): string {
  sku += 1;
  const id = `SKU${String(sku).padStart(4, '0')}ABCDEFGH`;
  const dimension = (rate: string, price: string, begin = '0') => ({
    [`${id}.JRTCKXETXF.${rate}`]: {
      unit,
      endRange: 'Inf',
      description: `$${price} per ${unit}`,
      appliesTo: [],
      rateCode: `${id}.JRTCKXETXF.${rate}`,
      beginRange: begin,
      pricePerUnit: { USD: price },
    },
  });
  return JSON.stringify({
    product: {
      productFamily: family,
      attributes: {
        regionCode: 'ap-northeast-1',
        location: 'Asia Pacific (Tokyo)',
        locationType: 'AWS Region',
        ...attributes,
      },
      sku: id,
    },
    serviceCode: attributes.servicecode ?? 'AmazonEC2',
    terms: {
      OnDemand: {
        [`${id}.JRTCKXETXF`]: {
          priceDimensions: Object.assign(
            dimension('6YS6EN2CT7', usd),
            ...Object.entries(extraDimensions).map(([rate, price]) => dimension(rate, price, '750')),
          ),
          sku: id,
          effectiveDate: '2026-11-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
      Reserved: {
        [`${id}.4NA7Y494T4`]: {
          priceDimensions: {
            [`${id}.4NA7Y494T4.6YS6EN2CT7`]: {
              unit: 'Hrs',
              pricePerUnit: { USD: '0.0000000000' },
              beginRange: '0',
              endRange: 'Inf',
            },
          },
          termAttributes: { LeaseContractLength: '1yr', OfferingClass: 'standard', PurchaseOption: 'All Upfront' },
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

const ec2 = (type: string, usd: string, more: Record<string, string> = {}) =>
  product(
    'Compute Instance',
    {
      servicecode: 'AmazonEC2',
      instanceType: type,
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
      usagetype: `APN1-BoxUsage:${type}`,
      operation: 'RunInstances',
      vcpu: '1',
      memory: '1 GiB',
      ...more,
    },
    'Hrs',
    usd,
  );

function tokyoAnswers(): PriceAnswers {
  return {
    instances: [
      ec2('t2.micro', '0.0152000000'),
      ec2('t3.micro', '0.0136000000'),
      ec2('t3.small', '0.0272000000'),
      // A dedicated-host variant of the same type: not the on-demand instance price.
      ec2('t3.micro', '0.0000000000', { usagetype: 'APN1-HostBoxUsage:t3.micro' }),
    ],
    ebs: [
      product(
        'Storage',
        { volumeApiName: 'gp2', volumeType: 'General Purpose', usagetype: 'APN1-EBS:VolumeUsage.gp2' },
        'GB-Mo',
        '0.1200000000',
      ),
      product(
        'Storage',
        { volumeApiName: 'gp3', volumeType: 'General Purpose', usagetype: 'APN1-EBS:VolumeUsage.gp3' },
        'GB-Mo',
        '0.0960000000',
      ),
    ],
    snapshots: [
      product(
        'Storage Snapshot',
        { usagetype: 'APN1-EBS:SnapshotUsage', storageMedia: 'Amazon S3' },
        'GB-Mo',
        '0.0500000000',
      ),
      product(
        'Storage Snapshot',
        { usagetype: 'APN1-EBS:SnapshotArchiveStorage', storageMedia: 'Amazon S3' },
        'GB-Mo',
        '0.0125000000',
      ),
    ],
    elb: [
      product(
        'Load Balancer-Application',
        { servicecode: 'AWSELB', usagetype: 'APN1-LoadBalancerUsage', operation: 'LoadBalancing:Application' },
        'Hrs',
        '0.0243000000',
      ),
      product(
        'Load Balancer-Application',
        { servicecode: 'AWSELB', usagetype: 'APN1-LCUUsage', operation: 'LoadBalancing:Application' },
        'LCU-Hrs',
        '0.0080000000',
      ),
      product(
        'Load Balancer-Application',
        { servicecode: 'AWSELB', usagetype: 'APN1-Outposts-LoadBalancerUsage', locationType: 'AWS Outposts' },
        'Hrs',
        '0.0000000000',
      ),
    ],
    // The in-use address with the EC2 free tier's first 750 hours at 0 on some listings: the paid tier is the price.
    publicIpv4: [
      product(
        'VPC Public IPv4 Address',
        { servicecode: 'AmazonVPC', usagetype: 'APN1-PublicIPv4:InUseAddress', group: 'VPCPublicIPv4Address' },
        'Hrs',
        '0.0000000000',
        { '8EEUB22XNJ': '0.0050000000' },
      ),
    ],
    natGateway: [
      product('NAT Gateway', { usagetype: 'APN1-NatGateway-Hours', operation: 'NatGateway' }, 'Hrs', '0.0620000000'),
      product('NAT Gateway', { usagetype: 'APN1-NatGateway-Bytes', operation: 'NatGateway' }, 'GB', '0.0620000000'),
    ],
    rdsInstances: [
      product(
        'Database Instance',
        {
          servicecode: 'AmazonRDS',
          instanceType: 'db.t3.micro',
          databaseEngine: 'MySQL',
          deploymentOption: 'Single-AZ',
          usagetype: 'APN1-InstanceUsage:db.t3.micro',
        },
        'Hrs',
        '0.0260000000',
      ),
    ],
    rdsStorage: [
      product(
        'Database Storage',
        {
          servicecode: 'AmazonRDS',
          volumeType: 'General Purpose',
          usagetype: 'APN1-RDS:GP2-Storage',
          databaseEngine: 'MySQL',
        },
        'GB-Mo',
        '0.1380000000',
      ),
      product(
        'Database Storage',
        {
          servicecode: 'AmazonRDS',
          volumeType: 'General Purpose-GP3',
          usagetype: 'APN1-RDS:GP3-Storage',
          databaseEngine: 'MySQL',
        },
        'GB-Mo',
        '0.1380000000',
      ),
    ],
    aurora: [
      product(
        'Database Instance',
        {
          servicecode: 'AmazonRDS',
          instanceType: 'db.t3.medium',
          databaseEngine: 'Aurora MySQL',
          usagetype: 'APN1-InstanceUsage:db.t3.medium',
        },
        'Hrs',
        '0.1200000000',
      ),
      product(
        'Database Instance',
        {
          servicecode: 'AmazonRDS',
          instanceType: 'db.t3.medium',
          databaseEngine: 'Aurora MySQL',
          usagetype: 'APN1-InstanceUsageIOOptimized:db.t3.medium',
        },
        'Hrs',
        '0.1560000000',
      ),
    ],
  };
}

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

/** A GetProducts endpoint on 127.0.0.1 answering the Tokyo documents two per page (the SDK's paginator follows NextToken). */
async function pricingEndpoint(answers: PriceAnswers) {
  const queries = priceQueries('ap-northeast-1');
  let requests = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests += 1;
      const input = JSON.parse(body) as { ServiceCode: string; Filters: unknown[]; NextToken?: string };
      const key = (Object.keys(queries) as (keyof PriceAnswers)[]).find(
        (k) =>
          queries[k].ServiceCode === input.ServiceCode &&
          JSON.stringify(queries[k].Filters) === JSON.stringify(input.Filters),
      );
      const all = key ? answers[key] : [];
      const start = Number(input.NextToken ?? 0);
      const next = start + 2 < all.length ? String(start + 2) : undefined;
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${requests}` });
      res.end(
        JSON.stringify({
          FormatVersion: 'aws_v1',
          PriceList: all.slice(start, start + 2),
          ...(next ? { NextToken: next } : {}),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests: () => requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

test('fetchLivePrices: through the SDK and its paginator, then from the cache while it is young', async () => {
  const endpoint = await pricingEndpoint(tokyoAnswers());
  const cacheFile = join(mkdtempSync(join(tmpdir(), 'cost-')), 'prices', 'live-prices.json');
  const client = new PricingClient({ region: 'us-east-1', endpoint: endpoint.url, credentials, maxAttempts: 1 });
  try {
    const now = new Date('2026-11-23T10:00:00.000Z');
    const first = await fetchLivePrices(client, 'ap-northeast-1', { cacheFile, now });
    assert.equal(first.kind, 'live');
    assert.ok(first.kind === 'live' && !first.fromCache);
    assert.equal(first.table?.instanceHour['t2.micro']?.usd, 0.0152);
    assert.equal(first.table?.natGatewayHour.usd, 0.062);
    const asked = endpoint.requests();
    assert.ok(asked > 9, `paged answers: ${asked} requests`);
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      version: number;
      regions: Record<string, { fetchedAt: string }>;
    };
    assert.equal(cached.regions['ap-northeast-1']?.fetchedAt, now.toISOString());
    // Within maxAgeHours: no request.
    const again = await fetchLivePrices(client, 'ap-northeast-1', {
      cacheFile,
      now: new Date('2026-11-23T20:00:00.000Z'),
      maxAgeHours: 24,
    });
    assert.ok(again.kind === 'live' && again.fromCache);
    assert.equal(endpoint.requests(), asked);
    // Older: asked again.
    const later = await fetchLivePrices(client, 'ap-northeast-1', {
      cacheFile,
      now: new Date('2026-11-25T10:00:00.000Z'),
      maxAgeHours: 24,
    });
    assert.ok(later.kind === 'live' && !later.fromCache);
    assert.ok(endpoint.requests() > asked);
  } finally {
    client.destroy();
    await endpoint.close();
  }
});

test('fetchLivePrices: no network or access denied gives the built-in table and the problem, never a throw', async () => {
  const down = new PricingClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials, maxAttempts: 1 });
  try {
    const out = await fetchLivePrices(down, 'ap-northeast-1');
    assert.equal(out.kind, 'fallback');
    assert.ok(out.kind === 'fallback' && out.problem.kind === 'network');
    assert.equal(out.table?.origin, 'table');
    assert.equal(out.table?.instanceHour['t2.micro']?.usd, 0.0152);
  } finally {
    down.destroy();
  }
  const denied = createServer((_req, res) => {
    res.writeHead(400, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': 'req-denied',
      'x-amzn-errortype': 'AccessDeniedException',
    });
    res.end(
      JSON.stringify({
        __type: 'AccessDeniedException',
        message: 'User: arn:aws:iam::123456789012:user/student is not authorized to perform: pricing:GetProducts',
      }),
    );
  });
  await new Promise<void>((resolve) => denied.listen(0, '127.0.0.1', resolve));
  const client = new PricingClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(denied.address() as AddressInfo).port}`,
    credentials,
    maxAttempts: 1,
  });
  try {
    const out = await fetchLivePrices(client, 'sa-east-1');
    assert.ok(out.kind === 'fallback' && out.problem.kind === 'accessDenied');
    assert.equal(out.table, undefined); // no built-in table for São Paulo
  } finally {
    client.destroy();
    await new Promise<void>((r) => denied.close(() => r()));
  }
  // A cache file that is not ours is ignored, not trusted.
  const cacheFile = join(mkdtempSync(join(tmpdir(), 'cost-')), 'live.json');
  writeFileSync(cacheFile, '{"regions":{"ap-northeast-1":{"fetchedAt":"2999-01-01T00:00:00Z"}}}');
  const ignored = await fetchLivePrices(
    new PricingClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials, maxAttempts: 1 }),
    'ap-northeast-1',
    { cacheFile },
  );
  assert.equal(ignored.kind, 'fallback');
});
