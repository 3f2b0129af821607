// The practice account's world: the starting state of PRACTICE.md, deterministic AWS-format IDs,
// the state's JSON round trip, the clock, and the scale fixture's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { cidrContains } from '../../../../src/practice/core/addressing';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { addScaleFixture } from '../../../../src/practice/seed/largeAccount';
import { createStartingState, createStartingWorld } from '../../../../src/practice/seed/startingState';
import { CPS_RESEARCH_CENTER_PAGE } from '../../../../src/practice/seed/webServerPage';
import { World, parseWorldState, systemClock } from '../../../../src/practice/core/world';

test('the starting state is the end of hands-on 1', () => {
  const region = createStartingWorld().region(PRACTICE_REGION);
  assert.deepEqual(
    region.vpcs.map((v) => [v.cidr, v.isDefault]),
    [['172.31.0.0/16', true]],
  );
  assert.deepEqual(
    region.subnets.map((s) => [s.az, s.cidr]),
    [
      ['ap-northeast-1a', '172.31.32.0/20'],
      ['ap-northeast-1c', '172.31.0.0/20'],
      ['ap-northeast-1d', '172.31.16.0/20'],
    ],
  );
  assert.deepEqual(
    region.securityGroups.map((g) => g.name),
    ['default', 'launch-wizard-1'],
  );
  assert.deepEqual(
    region.keyPairs.map((k) => k.name),
    ['ec2-key'],
  );
  const [web] = region.instances;
  assert.equal(web?.tags.Name, 'WebServer');
  assert.equal(web?.type, 't2.micro');
  assert.equal(web?.state, 'running');
  assert.equal(web?.az, 'ap-northeast-1a');
  assert.ok(cidrContains('172.31.32.0/20', web?.privateIp ?? ''));
  assert.ok(Date.parse(web?.launchTime ?? '') < Date.now());
  const page = web?.files['/var/www/html/index.html'];
  assert.equal(page?.content, CPS_RESEARCH_CENTER_PAGE);
  assert.match(page?.content ?? '', /CPS Research Center/);
  assert.match(page?.content ?? '', /私たちのビジョン/);
  assert.deepEqual(
    region.volumes.map((v) => [v.sizeGiB, v.type, v.attachment?.instanceId, v.attachment?.device]),
    [[8, 'gp2', web?.id, '/dev/xvda']],
  );
  assert.equal(region.addresses[0]?.association?.instanceId, web?.id);
  assert.equal(region.addresses[0]?.association?.networkInterfaceId, web?.eni.id);
});

test('IDs are in AWS formats and the same on every reset', () => {
  const a = createStartingState();
  const b = createStartingState();
  const ids = (s: typeof a) => {
    const r = s.regions[PRACTICE_REGION];
    return [
      r?.vpcs[0]?.id,
      r?.subnets[0]?.id,
      r?.internetGateways[0]?.id,
      r?.routeTables[0]?.id,
      r?.securityGroups[0]?.id,
      r?.instances[0]?.id,
      r?.volumes[0]?.id,
      r?.addresses[0]?.allocationId,
      r?.addresses[0]?.association?.id,
      r?.instances[0]?.eni.id,
    ];
  };
  assert.deepEqual(ids(a), ids(b));
  const patterns = [/^vpc-/, /^subnet-/, /^igw-/, /^rtb-/, /^sg-/, /^i-/, /^vol-/, /^eipalloc-/, /^eipassoc-/, /^eni-/];
  ids(a).forEach((id, n) => {
    assert.match(id ?? '', patterns[n] ?? /x/);
    assert.match(id ?? '', /-[0-9a-f]{17}$/);
  });
  assert.equal(new Set(ids(a)).size, ids(a).length);
  assert.equal(a.regions[PRACTICE_REGION]?.addresses[0]?.publicIp, b.regions[PRACTICE_REGION]?.addresses[0]?.publicIp);
});

test('the seeded key pair is a working ed25519 key, the same after reset', () => {
  const [key] = createStartingWorld().region(PRACTICE_REGION).keyPairs;
  const [again] = createStartingWorld().region(PRACTICE_REGION).keyPairs;
  assert.equal(key?.privateKeyPem, again?.privateKeyPem);
  const privateKey = createPrivateKey(key?.privateKeyPem ?? '');
  assert.equal(privateKey.asymmetricKeyType, 'ed25519');
  const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  const blob = Buffer.from(key?.publicKey.split(' ')[1] ?? '', 'base64');
  assert.deepEqual(blob.subarray(-32), raw, 'the OpenSSH public key belongs to the private key');
});

test('the state survives a JSON round trip; junk is refused; older regions gain new collections', () => {
  const world = createStartingWorld();
  const copy = parseWorldState(JSON.stringify(world));
  assert.deepEqual(copy, world.state);
  assert.throws(() => parseWorldState('{"format":99}'), /not a practice account state/);
  const partial = JSON.stringify({ format: 1, rng: 1, regions: { 'eu-west-1': { vpcs: [] } } });
  assert.deepEqual(parseWorldState(partial).regions['eu-west-1']?.autoScalingGroups, []);
});

test('an unseeded region reads empty and is not stored until written', () => {
  const world = createStartingWorld();
  assert.deepEqual(world.region('us-east-1').instances, []);
  assert.equal(world.state.regions['us-east-1'], undefined);
  world.writableRegion('us-east-1').vpcs.push({
    id: 'vpc-1',
    cidr: '10.0.0.0/16',
    isDefault: false,
    state: 'available',
    dhcpOptionsId: 'dopt-1',
    tags: {},
  });
  assert.equal(world.region('us-east-1').vpcs.length, 1);
});

test('changes reach listeners; the clock scales AWS durations by its speed', () => {
  const world = new World(createStartingState());
  let told = 0;
  const stop = world.onChange(() => told++);
  world.changed();
  stop();
  world.changed();
  assert.equal(told, 1);
  const before = Date.now();
  assert.ok(Math.abs(systemClock('instant').after(60_000).getTime() - before) < 1000);
  assert.ok(Math.abs(systemClock(10).after(60_000).getTime() - (before + 6_000)) < 1000);
  assert.throws(() => systemClock(0), RangeError);
});

test('the scale fixture: counts, AZ spread, targets behind listeners, Multi-AZ every other DB', () => {
  const world = createStartingWorld();
  const started = performance.now();
  addScaleFixture(world, {
    instances: 1000,
    loadBalancers: 20,
    targetGroups: 40,
    dbInstances: 10,
    dbClusters: 2,
    autoScalingGroups: 3,
  });
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 500, `built in ${elapsed.toFixed(0)} ms`);
  const r = world.region(PRACTICE_REGION);
  assert.equal(r.instances.length, 1001);
  assert.equal(r.volumes.length, 1001);
  assert.equal(new Set(r.instances.map((i) => i.id)).size, 1001);
  assert.equal(r.loadBalancers.length, 20);
  assert.equal(r.targetGroups.length, 40);
  assert.ok(r.targetGroups.every((g) => g.targets.length === 3));
  assert.ok(r.targetGroups.every((g) => r.listeners.some((l) => l.defaultActions[0]?.targetGroupArn === g.arn)));
  assert.equal(r.dbInstances.length, 10 + 4, 'ten DB instances and two Aurora clusters of two');
  assert.deepEqual(
    r.dbInstances.slice(0, 4).map((d) => d.multiAz),
    [false, true, false, true],
  );
  assert.equal(r.dbClusters.length, 2);
  assert.equal(r.autoScalingGroups.length, 3);
  const small = createStartingWorld();
  addScaleFixture(small, { instances: 4, azs: 1, loadBalancers: 0, targetGroups: 1, dbInstances: 0 });
  assert.deepEqual([...new Set(small.region(PRACTICE_REGION).instances.map((i) => i.az))], ['ap-northeast-1a']);
  assert.equal(small.region(PRACTICE_REGION).listeners.length, 0, 'no load balancer: the target group stays unused');
});
