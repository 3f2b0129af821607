// The bounded load generator against a tiny HTTP server on 127.0.0.1 (closed at the end of each test): what it
// sends, how it stops, its bounds, and that it aims only at the lab's load balancer.
import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import {
  FAILED_PAUSE_MS,
  LoadError,
  loadTargetFor,
  MAX_LOAD_CONCURRENCY,
  PRACTICE_LOAD_PER_SECOND,
  startLoad,
  type LoadTarget,
} from '../../../../src/lab/scaling/load';
import { ALB_DNS, consoleLab } from '../../../fixtures/labConsoleWorld';

interface Tiny {
  readonly endpoint: string;
  readonly hosts: string[];
  close(): Promise<void>;
}

/** A server that answers `answer` to every request and records the Host headers it saw. */
async function tinyServer(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Tiny> {
  const hosts: string[] = [];
  const server = http.createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    hosts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ok = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end('<p>私たちのビジョン</p>');

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof LoadError, String(error));
    return error.reason.code;
  }
  assert.fail('not refused');
}

describe('startLoad', () => {
  it('sends GETs with the load balancer in the Host header for the duration, and counts every answer', async () => {
    const tiny = await tinyServer(ok);
    try {
      const target = loadTargetFor(consoleLab(), { endpoint: tiny.endpoint });
      const ticks: number[] = [];
      const started = Date.now();
      const load = startLoad({
        target,
        concurrency: 4,
        durationMs: 400,
        tickMs: 100,
        onTick: (f) => ticks.push(f.sent),
      });
      const last = await load.done;
      const took = Date.now() - started;
      assert.ok(took >= 400 && took < 1500, `took ${took} ms`);
      assert.ok(last.answered > 4, `answered ${last.answered}`);
      assert.equal(last.failed, 0);
      assert.equal(last.sent, last.answered);
      assert.equal(last.statuses['200'], last.answered);
      // Requests in flight when the time was up were sent (the server saw them) and dropped unanswered.
      assert.ok(tiny.hosts.length >= last.answered && tiny.hosts.length <= last.answered + 4);
      assert.ok(tiny.hosts.every((h) => h === ALB_DNS));
      assert.equal(last.running, false);
      assert.ok(ticks.length >= 3, `ticks ${ticks.length}`);
      assert.ok(last.requestsPerSecond > 0);
    } finally {
      await tiny.close();
    }
  });

  it('stops at once on stop() and on the signal, dropping the requests in flight', async () => {
    // Answers after 5 s: only stopping ends the load before that.
    const tiny = await tinyServer((_req, res) => setTimeout(() => res.end('late'), 5000).unref());
    try {
      const target = loadTargetFor(consoleLab(), { endpoint: tiny.endpoint });
      const a = startLoad({ target, concurrency: 3, durationMs: 60_000 });
      const b = new AbortController();
      const c = startLoad({ target, concurrency: 3, durationMs: 60_000, signal: b.signal });
      await new Promise((r) => setTimeout(r, 100));
      const stopped = Date.now();
      a.stop();
      b.abort();
      const [fa, fc] = await Promise.all([a.done, c.done]);
      assert.ok(Date.now() - stopped < 300, `stopped in ${Date.now() - stopped} ms`);
      for (const f of [fa, fc]) {
        assert.equal(f.answered, 0);
        assert.equal(f.failed, 0);
        assert.equal(f.running, false);
      }
    } finally {
      await tiny.close();
    }
  });

  it('waits after a failed answer instead of asking again at once', async () => {
    const tiny = await tinyServer((_req, res) => {
      res.statusCode = 503;
      res.end('busy');
    });
    try {
      const target = loadTargetFor(consoleLab(), { endpoint: tiny.endpoint });
      const last = await startLoad({ target, concurrency: 2, durationMs: 600 }).done;
      // Each worker: one request, then a pause, per FAILED_PAUSE_MS.
      const most = 2 * (Math.floor(600 / FAILED_PAUSE_MS) + 1);
      assert.ok(last.answered >= 2 && last.answered <= most, `answered ${last.answered}, at most ${most}`);
      assert.equal(last.statuses['503'], last.answered);
    } finally {
      await tiny.close();
    }
  });

  it('paces a load through the practice endpoint at PRACTICE_LOAD_PER_SECOND unless told otherwise', async () => {
    const tiny = await tinyServer(ok);
    try {
      const target = loadTargetFor(consoleLab(), { endpoint: tiny.endpoint });
      const last = await startLoad({ target, concurrency: 5, durationMs: 500 }).done;
      const most = (PRACTICE_LOAD_PER_SECOND * 500) / 1000 + 1;
      assert.ok(last.answered >= most * 0.7 && last.answered <= most, `answered ${last.answered}, at most ${most}`);
    } finally {
      await tiny.close();
    }
  });

  it('keeps to the pace asked for', async () => {
    const tiny = await tinyServer(ok);
    try {
      const target = loadTargetFor(consoleLab(), { endpoint: tiny.endpoint });
      const last = await startLoad({ target, concurrency: 5, durationMs: 500, perSecond: 20 }).done;
      // 20 per second over half a second: the first at once, then one every 50 ms.
      assert.ok(last.answered >= 8 && last.answered <= 11, `answered ${last.answered}`);
    } finally {
      await tiny.close();
    }
  });

  it('refuses more than 20 at a time, no workers, more than 10 minutes, and more than 1000 a second', () => {
    const target = loadTargetFor(consoleLab());
    assert.equal(
      refusal(() => startLoad({ target, concurrency: MAX_LOAD_CONCURRENCY + 1, durationMs: 1000 })),
      'load.tooMany',
    );
    assert.equal(
      refusal(() => startLoad({ target, concurrency: 0, durationMs: 1000 })),
      'load.tooMany',
    );
    assert.equal(
      refusal(() => startLoad({ target, concurrency: 1.5, durationMs: 1000 })),
      'load.tooMany',
    );
    assert.equal(
      refusal(() => startLoad({ target, concurrency: 1, durationMs: 10 * 60_000 + 1 })),
      'load.tooLong',
    );
    assert.equal(
      refusal(() => startLoad({ target, concurrency: 1, durationMs: 0 })),
      'load.tooLong',
    );
  });
});

describe('loadTargetFor', () => {
  it("aims at the lab's load balancer, directly on AWS and through the practice endpoint on 127.0.0.1", () => {
    const direct = loadTargetFor(consoleLab());
    assert.deepEqual(direct, { host: ALB_DNS, path: '/', connect: { hostname: ALB_DNS, port: 80 }, practice: false });
    const practice = loadTargetFor(consoleLab(), {
      endpoint: 'http://127.0.0.1:4566',
      url: `http://${ALB_DNS}/index.html`,
    });
    assert.deepEqual(practice, {
      host: ALB_DNS,
      path: '/index.html',
      connect: { hostname: '127.0.0.1', port: 4566 },
      practice: true,
    });
  });

  it('refuses another host, another port or scheme, a remote endpoint, a hand-made target, and no load balancer', () => {
    assert.equal(
      refusal(() => loadTargetFor(consoleLab(), { url: 'http://example.com/' })),
      'load.notTheLab',
    );
    assert.equal(
      refusal(() => loadTargetFor(consoleLab(), { url: `https://${ALB_DNS}/` })),
      'load.notTheLab',
    );
    assert.equal(
      refusal(() => loadTargetFor(consoleLab(), { url: `http://${ALB_DNS}:8080/` })),
      'load.notTheLab',
    );
    assert.equal(
      refusal(() => loadTargetFor(consoleLab(), { url: 'not a url' })),
      'load.notTheLab',
    );
    assert.equal(
      refusal(() => loadTargetFor(consoleLab(), { endpoint: 'http://203.0.113.9:4566' })),
      'load.endpointNotLocal',
    );
    const forged: LoadTarget = {
      host: ALB_DNS,
      path: '/',
      connect: { hostname: 'example.com', port: 80 },
      practice: false,
    };
    assert.equal(
      refusal(() => startLoad({ target: forged, concurrency: 1, durationMs: 1000 })),
      'load.notTheLab',
    );
    const noAlb = { ...consoleLab(), loadBalancers: [] };
    assert.equal(
      refusal(() => loadTargetFor(noAlb)),
      'alb.missing',
    );
  });
});
