// `practice serve --class N`: a class of N students in the one practice account, throttled as AWS throttles
// (always), said in the banner (English and Japanese); `--throttle aws` for any account; wrong values are usage
// errors (exit 2).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { main } from '../../../src/cli/main';
import { practiceClients } from '../../fixtures/practiceClients';
import { captureCli } from '../../fixtures/cliIo';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-class-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor<T>(get: () => T | undefined): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = get();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

/** `practice serve ARGS` in this process; its endpoint, what it wrote, and a stop that waits for its exit code. */
async function serve(args: string[], env: Record<string, string> = {}) {
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const run = captureCli({ HOME: join(dir, 'home'), ...env }, { untilStopped: stopped });
  const exit = main(['practice', 'serve', '--port', '0', '--speed', 'instant', ...args], run.io);
  const endpoint = await waitFor(() => run.out().match(/(http:\/\/127\.0\.0\.1:\d+)/)?.[1]);
  await waitFor(() => (run.out().includes('Ctrl+C') ? true : undefined));
  return { endpoint, out: run.out, stop: async () => (stop(), await exit) };
}

test('practice serve --class 12: twelve students in the account, throttled as AWS throttles', async () => {
  const served = await serve(['--class', '12', '--state', join(dir, 'class.json')]);
  try {
    assert.match(served.out(), /\nA class of 12 students \(user01-user12\), 4 of them done through track 1\.\n/);
    assert.match(served.out(), /\nThrottled as AWS throttles: above its API rate limits, AWS's errors\.\n/);
    const aws = practiceClients(served.endpoint, { maxAttempts: 1 });
    try {
      const out = await aws.ec2.send(
        new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['webserver#1-*'] }] }),
      );
      const names = out.Reservations?.flatMap((r) => r.Instances ?? []).map(
        (i) => i.Tags?.find((t) => t.Key === 'Name')?.Value,
      );
      assert.deepEqual(
        names?.sort(),
        Array.from({ length: 12 }, (_, n) => `webserver#1-user${String(n + 1).padStart(2, '0')}`),
      );
      // Unfiltered DescribeInstances: AWS's smaller bucket (50).
      const settled = await Promise.allSettled(
        Array.from({ length: 150 }, () => aws.ec2.send(new DescribeInstancesCommand({}))),
      );
      assert.ok(settled.some((s) => s.status === 'rejected' && (s.reason as Error).name === 'RequestLimitExceeded'));
    } finally {
      aws.destroy();
    }
  } finally {
    assert.equal(await served.stop(), 0);
  }
});

test("the banner in Japanese, a class's own default state file; --throttle aws alone throttles any account", async () => {
  const home = join(dir, 'home-ja');
  const ja = await serve(['--class', '3'], { LANG: 'ja_JP.UTF-8', HOME: home });
  try {
    assert.match(ja.out(), /\n3 人のクラス（user01〜user03）。うち 1 人はトラック 1 まで完了しています。\n/);
    assert.match(ja.out(), /\nAWS と同じスロットリングがかかります：/);
  } finally {
    assert.equal(await ja.stop(), 0);
  }
  assert.ok(existsSync(join(home, '.scale-out-lab', 'practice-class.json')), 'the class kept in its own file');
  assert.ok(
    !existsSync(join(home, '.scale-out-lab', 'practice-state.json')),
    "the student's practice account untouched",
  );
  const plain = await serve(['--throttle', 'aws', '--state', join(dir, 'plain.json')]);
  try {
    assert.doesNotMatch(plain.out(), /A class of/);
    assert.match(plain.out(), /Throttled as AWS throttles/);
  } finally {
    assert.equal(await plain.stop(), 0);
  }
});

test('wrong --class and --throttle values are usage errors', async () => {
  for (const [args, message] of [
    [['--class', '0'], '--class must be 1-60 students: 0'],
    [['--class', '61'], '--class must be 1-60 students: 61'],
    [['--class', 'x'], '--class must be 1-60 students: x'],
    [['--throttle', 'maybe'], '--throttle must be aws or off: maybe'],
    [['--class', '4', '--throttle', 'off'], 'A class is always throttled as AWS throttles: leave out --throttle off.'],
  ] as const) {
    const run = captureCli({ HOME: join(dir, 'home-usage') }, { untilStopped: new Promise(() => undefined) });
    assert.equal(
      await main(['practice', 'serve', '--port', '0', '--state', join(dir, 'usage.json'), ...args], run.io),
      2,
    );
    assert.ok(run.err().startsWith(`scale-out-lab: ${message}\n`), run.err());
  }
});
