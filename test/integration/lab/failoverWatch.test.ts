// The failover chart's watch against a real HTTP server on 127.0.0.1 (through the same web probe the lab uses): the
// site, then WordPress's database error and a 504 while "the database" is down, then the site again; the watch stops
// once the change is over and the site answers, measures the stretch down, and leaves no listener on the signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebProbe } from '../../../src/aws/web';
import { watchSite } from '../../../src/lab/failover';

test('watchSite: answers classified, the downtime measured, stopped when the site is back', async () => {
  let down = false;
  let sent = 0;
  const server = http.createServer((req, res) => {
    sent += 1;
    if (!down) return res.writeHead(200).end('<p>はじめてのAWS</p>');
    if (sent % 2 === 0) return res.writeHead(504).end('504 Gateway Time-out');
    res.writeHead(500).end('<h1>データベース接続確立エラー</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    const web = createWebProbe({ endpoint: `http://127.0.0.1:${port}` });
    const abort = new AbortController();
    const change = (async () => {
      await new Promise((r) => setTimeout(r, 150));
      down = true;
      await new Promise((r) => setTimeout(r, 300));
      down = false;
    })();
    const watch = await watchSite(web, 'test-elb-1.ap-northeast-1.elb.amazonaws.com', '/', {
      intervalMs: 20,
      timeoutMs: 500,
      until: change,
      tailMs: 2000,
      maxRequests: 500,
      signal: abort.signal,
    });
    const kinds = new Set(watch.samples.map((s) => s.answer));
    assert.deepEqual([...kinds].sort(), ['dbError', 'gatewayTimeout', 'site']);
    assert.equal(watch.samples.at(-1)?.answer, 'site', 'it ends on the site answering again');
    assert.ok(watch.recovered);
    assert.ok(
      watch.downtimeMs >= 200 && watch.downtimeMs <= 450,
      `downtime ${watch.downtimeMs} ms for a 300 ms outage`,
    );
    assert.equal(getEventListeners(abort.signal, 'abort').length, 0, 'no listener left on the signal');
  } finally {
    server.close();
  }
});

test('watchSite: a request that hangs through the outage does not blind the watch; the downtime is the pace, not the hang', async () => {
  let down = false;
  // While "the database" is down WordPress holds each request for PHP's connect timeout (here 400 ms), then errs.
  const server = http.createServer((req, res) => {
    if (!down) return res.writeHead(200).end('<p>はじめてのAWS</p>');
    setTimeout(() => res.writeHead(500).end('<h1>データベース接続確立エラー</h1>'), 400);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    const web = createWebProbe({ endpoint: `http://127.0.0.1:${port}` });
    const change = (async () => {
      await new Promise((r) => setTimeout(r, 100));
      down = true;
      await new Promise((r) => setTimeout(r, 150));
      down = false;
    })();
    const watch = await watchSite(web, 'test-elb-1.ap-northeast-1.elb.amazonaws.com', '/', {
      intervalMs: 10,
      timeoutMs: 1000,
      until: change,
      tailMs: 2000,
      maxRequests: 500,
    });
    assert.ok(watch.recovered);
    assert.ok(
      watch.samples.some((s) => s.answer === 'dbError'),
      'the held requests are charted when they answer',
    );
    assert.ok(
      watch.downtimeMs >= 120 && watch.downtimeMs <= 220,
      `downtime ${watch.downtimeMs} ms for a 150 ms outage whose requests hang 400 ms`,
    );
    const times = watch.samples.map((s) => s.atMs);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'samples in the order they were sent',
    );
  } finally {
    server.close();
  }
});
