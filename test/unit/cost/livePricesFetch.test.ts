// fetchLivePrices through the real PricingClient against a GetProducts endpoint on 127.0.0.1: its paginator, the
// cache while it is young, and the built-in table with the problem when the network is down or access is denied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PricingClient } from '@aws-sdk/client-pricing';
import { fetchLivePrices, priceQueries, type PriceAnswers } from '../../../src/cost/livePrices';
import { tokyoAnswers } from '../../fixtures/priceList';

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
