// Track 4 from a terminal: `scale-out-lab run 4.1 / 4.3`, `check --track 4` and the handout layout (--layout,
// SCALE_OUT_LAB_LAYOUT) against the practice account in-process, through main() as the bin runs it. The state
// file carries the account from one command to the next, as it does between a student's commands.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from '../../fixtures/cliIo';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-track4-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  id: string;
  passed: boolean;
  status: string;
  reasonCode?: string;
  reason?: string;
}
interface Outcome {
  step: string;
  created: string[];
  reused: string[];
  check: Entry;
}
interface Inventory {
  vpcs: { id: string; name?: string }[];
  subnets: { id: string; vpcId: string; name?: string }[];
  instances: { id: string; name?: string; vpcId?: string; subnetId?: string; state: string }[];
}

const practice = (state: string) => ['--practice', '--speed', 'instant', '--state', state];

/** A student's own HOME per test: 0.1 and 4.3 save their key pair's .pem there and never overwrite one. */
function home(name: string): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
}

async function cli(argv: string[], env: NodeJS.ProcessEnv = { HOME: dir }) {
  const run = captureCli(env);
  const code = await main(argv, run.io);
  return { code, out: run.out(), err: run.err() };
}

async function inventory(state: string): Promise<Inventory> {
  const r = await cli(['inventory', ...practice(state), '--json']);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Inventory;
}

test('run 4.1 --yes --json builds Test-VPC; a second run creates nothing', async () => {
  const state = join(dir, 'build.json');
  const first = await cli(['run', '4.1', '--yes', '--json', ...practice(state)]);
  assert.equal(first.code, 0, first.err);
  const outcome = JSON.parse(first.out) as Outcome;
  assert.equal(outcome.step, '4.1');
  assert.equal(outcome.check.passed, true, first.out);
  const kinds = outcome.created.map((id) => id.split('-')[0]).sort();
  assert.deepEqual(
    kinds.filter((k) => k !== 'rtbassoc'),
    ['igw', 'rtb', 'rtb', 'rtb', 'subnet', 'subnet', 'subnet', 'subnet', 'vpc'],
    `created: ${outcome.created.join(' ')}`,
  );

  const inv = await inventory(state);
  const vpc = inv.vpcs.find((v) => v.name === 'Test-VPC');
  assert.ok(vpc && outcome.created.includes(vpc.id), 'the VPC created is Test-VPC');
  assert.deepEqual(
    inv.subnets
      .filter((s) => s.vpcId === vpc.id)
      .map((s) => s.name)
      .sort(),
    [
      'パブリックサブネット-1a',
      'パブリックサブネット-1c',
      'プライベートサブネット-1a',
      'プライベートサブネット-1c',
    ].sort(),
  );

  const again = await cli(['run', '4.1', '--yes', '--json', ...practice(state)]);
  assert.equal(again.code, 0, again.err);
  const second = JSON.parse(again.out) as Outcome;
  assert.deepEqual(second.created, [], 'nothing new on a rerun');
  assert.ok(second.reused.includes(vpc.id), `reused: ${second.reused.join(' ')}`);
  assert.equal((await inventory(state)).vpcs.filter((v) => v.name === 'Test-VPC').length, 1);
});

test('check --track 4 --json: 4.1-4.3 with their reason codes; 4.3 fails webTier.missing until run 4.3', async () => {
  const state = join(dir, 'check.json');
  const env = { HOME: home('check') };
  const start = await cli(['check', '--track', '4', '--json', ...practice(state)], env);
  assert.equal(start.code, 3, start.err);
  const fresh = JSON.parse(start.out) as Entry[];
  assert.deepEqual(
    fresh.slice(0, 3).map((e) => e.id),
    ['4.1', '4.2', '4.3'],
  );
  assert.ok(
    fresh.every((e) => e.id.startsWith('4.')),
    `track 4 only: ${fresh.map((e) => e.id).join(' ')}`,
  );
  assert.equal(fresh[0]?.passed, false);
  assert.equal(fresh[0]?.reasonCode, 'vpc.missing');

  assert.equal((await cli(['run', '4.1', '--yes', ...practice(state)], env)).code, 0);
  const built = await cli(['check', '--track', '4', '--json', ...practice(state)], env);
  assert.equal(built.code, 3, built.err);
  const mid = JSON.parse(built.out) as Entry[];
  assert.deepEqual(
    mid.slice(0, 3).map((e) => [e.id, e.passed]),
    [
      ['4.1', true],
      ['4.2', true],
      ['4.3', false],
    ],
    built.out,
  );
  assert.equal(mid[2]?.status, 'failed');
  assert.equal(mid[2]?.reasonCode, 'webTier.missing');
  assert.match(mid[2]?.reason ?? '', /Test-EC2#1/);

  const web = await cli(['run', '4.3', '--yes', '--json', ...practice(state)], env);
  assert.equal(web.code, 0, web.err);
  assert.equal((JSON.parse(web.out) as Outcome).check.passed, true, web.out);
  const after = await cli(['check', '--track', '4', '--json', ...practice(state)], env);
  const done = JSON.parse(after.out) as Entry[];
  // 4.4 (the private tier behind an ALB) comes after track 1's load balancer: exit 0 only when every step passes.
  assert.equal(after.code, done.every((e) => e.passed) ? 0 : 3, after.err);
  assert.deepEqual(
    done.slice(0, 3).map((e) => [e.id, e.passed, e.reasonCode]),
    [
      ['4.1', true, undefined],
      ['4.2', true, undefined],
      ['4.3', true, undefined],
    ],
    after.out,
  );
});

/** The instance named `name` and the VPC it runs in. */
async function placed(state: string, name: string) {
  const inv = await inventory(state);
  const instance = inv.instances.find((i) => i.name === name);
  return {
    instance,
    vpc: inv.vpcs.find((v) => v.id === instance?.vpcId)?.name,
    subnet: inv.subnets.find((s) => s.id === instance?.subnetId)?.name,
  };
}

test('--layout testVpc: run 0.1 launches Test-EC2#1 in Test-VPC (after 4.1)', async () => {
  const state = join(dir, 'layout-flag.json');
  const env = { HOME: home('layout-flag') };
  assert.equal((await cli(['run', '4.1', '--yes', ...practice(state)], env)).code, 0);
  const r = await cli(['run', '0.1', '--yes', '--json', '--layout', 'testVpc', ...practice(state)], env);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /Test-EC2#1/, 'the plan proposes the handout name');
  const { instance, vpc, subnet } = await placed(state, 'Test-EC2#1');
  assert.ok(instance, r.out);
  assert.equal(vpc, 'Test-VPC');
  assert.equal(subnet, 'パブリックサブネット-1a', 'AZ a, in its public subnet');
  assert.ok((JSON.parse(r.out) as Outcome).created.includes(instance.id));
});

test('SCALE_OUT_LAB_LAYOUT=testVpc does the same as --layout testVpc', async () => {
  const state = join(dir, 'layout-env.json');
  const env = { HOME: home('layout-env'), SCALE_OUT_LAB_LAYOUT: 'testVpc' };
  assert.equal((await cli(['run', '4.1', '--yes', ...practice(state)], env)).code, 0);
  const r = await cli(['run', '0.1', '--yes', '--json', ...practice(state)], env);
  assert.equal(r.code, 0, r.err);
  const { instance, vpc, subnet } = await placed(state, 'Test-EC2#1');
  assert.ok(instance, r.out);
  assert.equal(vpc, 'Test-VPC');
  assert.equal(subnet, 'パブリックサブネット-1a', 'AZ a, in its public subnet');
});

test('a bad --layout is a usage error (exit 2), in English and in Japanese', async () => {
  const state = join(dir, 'layout-bad.json');
  const en = await cli(['run', '0.1', '--yes', '--layout', 'x', ...practice(state)]);
  assert.equal(en.code, 2, en.err);
  assert.equal(
    en.err,
    'scale-out-lab: --layout must be one of defaultVpc, testVpc, seed001, seed003: x\nRun scale-out-lab --help for usage.\n',
  );
  assert.equal(en.out, '', 'nothing ran');
  const ja = await cli(['check', '--layout', 'x', ...practice(state)], { HOME: dir, LANG: 'ja_JP.UTF-8' });
  assert.equal(ja.code, 2, ja.err);
  assert.match(
    ja.err,
    /^scale-out-lab: --layout には defaultVpc, testVpc, seed001, seed003 のどれかを指定してください：x\n/,
  );
  assert.doesNotMatch(ja.err, /must be one of/);
  const env = await cli(['run', '0.1', '--yes', ...practice(state)], { HOME: dir, SCALE_OUT_LAB_LAYOUT: 'nope' });
  assert.equal(env.code, 2, env.err);
  assert.match(env.err, /--layout must be one of defaultVpc, testVpc, seed001, seed003: nope/);
});

test('run --help lists the steps up to the last one of each track (2.7, 3.5 and 4.4 included)', async () => {
  const r = await cli(['run', '--help']);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /Do one lab step \(0\.1, 0\.2, 1\.1 \.\.\. 1\.10, 2\.1 \.\.\. 2\.7, 3\.1 \.\.\. 3\.5, 4\.1 \.\.\. 4\.4\)\./,
  );
});
