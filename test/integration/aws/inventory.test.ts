// fetchInventory with the real @aws-sdk clients over HTTP against the practice account on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { DescribeVpnGatewaysCommand } from '@aws-sdk/client-ec2';
import { resolveAccount } from '../../../src/aws/account';
import { createClients, errorContext, type AwsClients, type ClientOptions } from '../../../src/aws/clients';
import { AwsError, toAwsProblem } from '../../../src/aws/errors';
import { fetchInventory, INVENTORY_SECTIONS } from '../../../src/aws/inventory';
import {
  addScaleFixture,
  createStartingWorld,
  startPracticeServer,
  type PracticeServer,
} from '../../../src/practice/core/server';

let server: PracticeServer;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant' });
});
after(async () => {
  await server.close();
});

async function clientsFor(endpoint: string, options: ClientOptions = {}): Promise<AwsClients> {
  const account = await resolveAccount({ source: 'practice', endpointUrl: endpoint }, async () => endpoint, {});
  return createClients(account, options);
}

async function withClients<T>(
  endpoint: string,
  options: ClientOptions,
  run: (c: AwsClients) => Promise<T>,
): Promise<T> {
  const clients = await clientsFor(endpoint, options);
  try {
    return await run(clients);
  } finally {
    clients.destroy();
  }
}

test('the starting state: WebServer running in ap-northeast-1a with its EIP, default subnets public, launch-wizard-1', async () => {
  await server.reset();
  const inv = await withClients(server.endpoint, {}, (c) => fetchInventory(c));
  assert.deepEqual(inv.problems, []);
  assert.equal(inv.context.kind, 'practice');
  assert.equal(inv.context.accountId, '123456789012');
  assert.equal(inv.context.region, 'ap-northeast-1');
  assert.equal(inv.context.endpoint, server.endpoint);
  assert.match(inv.context.callerArn, /^arn:aws:iam::123456789012:/);

  const web = inv.instances.find((i) => i.name === 'WebServer');
  assert.ok(web, 'WebServer is listed');
  assert.equal(web.state, 'running');
  assert.equal(web.az, 'ap-northeast-1a');
  assert.equal(web.type, 't2.micro');
  assert.equal(web.keyName, 'ec2-key');
  assert.ok(web.elasticIp, 'WebServer has an Elastic IP');
  assert.equal(web.publicIp, web.elasticIp);
  assert.deepEqual(
    inv.elasticIps.filter((e) => e.instanceId === web.id).map((e) => e.publicIp),
    [web.elasticIp],
  );
  assert.equal(web.rootVolume?.sizeGiB, 8);
  assert.equal(web.rootVolume?.volumeType, 'gp2');
  assert.deepEqual(
    web.securityGroups.map((g) => g.name),
    ['launch-wizard-1'],
  );

  const vpc = inv.vpcs.find((v) => v.isDefault);
  assert.equal(vpc?.cidr, '172.31.0.0/16');
  const defaults = inv.subnets.filter((s) => s.isDefaultForAz).sort((a, b) => a.az.localeCompare(b.az));
  assert.deepEqual(
    defaults.map((s) => [s.az, s.cidr, s.isPublic]),
    [
      ['ap-northeast-1a', '172.31.32.0/20', true],
      ['ap-northeast-1c', '172.31.0.0/20', true],
      ['ap-northeast-1d', '172.31.16.0/20', true],
    ],
  );
  assert.deepEqual(inv.azs.map((a) => a.name).sort(), ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);

  const sg = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
  assert.ok(sg);
  const inbound = sg.inbound.map((r) => `${r.protocol} ${r.fromPort}-${r.toPort} ${JSON.stringify(r.source)}`).sort();
  assert.deepEqual(inbound, [
    'tcp 22-22 {"kind":"cidr","cidr":"0.0.0.0/0"}',
    'tcp 80-80 {"kind":"cidr","cidr":"0.0.0.0/0"}',
    'tcp 80-80 {"kind":"cidr6","cidr":"::/0"}',
  ]);
  assert.ok(inv.securityGroups.some((g) => g.name === 'default'));
  // STS + 12 EC2 + 2 ELBv2 lists + ELB v1's list + 4 RDS + 1 Auto Scaling + EC2's launch templates + CloudWatch's
  // alarms (nothing per resource with no load balancers, groups or templates).
  assert.equal(inv.apiCalls, 23);
});

test('API calls do not grow with instances (10 -> 300)', async () => {
  const callsFor = async (instances: number) => {
    const world = createStartingWorld();
    addScaleFixture(world, { instances, loadBalancers: 2, targetGroups: 4, dbInstances: 3 });
    const scaled = await startPracticeServer({ port: 0, speed: 'instant', world });
    try {
      const inv = await withClients(scaled.endpoint, {}, (c) => fetchInventory(c));
      assert.deepEqual(inv.problems, []);
      assert.ok(inv.instances.length >= instances, `${inv.instances.length} instances listed`);
      assert.ok(inv.targetGroups.length >= 4 && inv.loadBalancers.length >= 2);
      // Every target knows its AZ (from DescribeTargetHealth or the instance).
      for (const tg of inv.targetGroups) for (const t of tg.targets) assert.ok(t.az, `${t.id} has an AZ`);
      return inv.apiCalls;
    } finally {
      await scaled.close();
    }
  };
  const small = await callsFor(10);
  const large = await callsFor(300);
  assert.equal(large, small);
  // 23 + one DescribeListeners per load balancer + one DescribeTargetHealth per target group + one DescribeTags.
  assert.equal(small, 23 + 2 + 4 + 1);
});

test('a denied RDS call lands in problems naming rds:DescribeDBInstances; the rest is returned', async () => {
  await server.reset();
  server.injectFault({ action: 'rds:DescribeDBInstances', kind: 'accessDenied', count: 1 });
  const inv = await withClients(server.endpoint, {}, (c) => fetchInventory(c));
  assert.deepEqual(
    inv.problems.map((p) => [p.section, p.action, p.error.kind]),
    [['databases', 'rds:DescribeDBInstances', 'accessDenied']],
  );
  const problem = inv.problems[0]?.error;
  assert.equal(problem?.kind === 'accessDenied' && problem.action, 'rds:DescribeDBInstances');
  assert.deepEqual(inv.dbInstances, []);
  assert.ok(inv.instances.some((i) => i.name === 'WebServer'));
  assert.ok(inv.subnets.length >= 3);
});

test('a denied STS GetCallerIdentity makes the whole inventory throw', async () => {
  await server.reset();
  server.injectFault({ action: 'sts:GetCallerIdentity', kind: 'accessDenied', count: 1 });
  await assert.rejects(
    withClients(server.endpoint, {}, (c) => fetchInventory(c)),
    (e: unknown) =>
      e instanceof AwsError && e.problem.kind === 'accessDenied' && e.problem.action === 'sts:GetCallerIdentity',
  );
});

test('throttling: retried by default (and counted), throttled with one attempt', async () => {
  await server.reset();
  server.injectFault({ action: 'ec2:DescribeInstances', kind: 'throttle', count: 1 });
  const retried = await withClients(server.endpoint, {}, (c) => fetchInventory(c));
  assert.deepEqual(retried.problems, []);
  assert.equal(retried.apiCalls, 24);

  server.injectFault({ action: 'ec2:DescribeInstances', kind: 'throttle', count: 1 });
  const once = await withClients(server.endpoint, { maxAttempts: 1 }, (c) => fetchInventory(c));
  assert.deepEqual(
    once.problems.map((p) => [p.section, p.error]),
    [['instances', { kind: 'throttled', action: 'ec2:DescribeInstances' }]],
  );
  assert.deepEqual(once.instances, []);
});

test('an internal error and a dropped connection, as the SDK reports them', async () => {
  await server.reset();
  server.injectFault({ action: 'elasticloadbalancing:DescribeLoadBalancers', kind: 'internal', count: 1 });
  server.injectFault({ action: 'autoscaling:DescribeAutoScalingGroups', kind: 'drop', count: 1 });
  const inv = await withClients(server.endpoint, { maxAttempts: 1 }, (c) => fetchInventory(c));
  const lb = inv.problems.find((p) => p.section === 'loadBalancing')?.error;
  assert.equal(lb?.kind, 'service');
  assert.equal(lb?.kind === 'service' && lb.status, 500);
  const asg = inv.problems.find((p) => p.section === 'autoScaling')?.error;
  assert.equal(asg?.kind, 'network');
  assert.equal(asg?.kind === 'network' && asg.endpoint, server.endpoint);
});

test('a slow answer past the request timeout maps to network', async () => {
  await server.reset();
  server.injectFault({ action: 'sts:GetCallerIdentity', kind: 'latency', latencyMs: 1500, count: 1 });
  await assert.rejects(
    withClients(server.endpoint, { maxAttempts: 1, requestTimeoutMs: 300 }, (c) => fetchInventory(c)),
    (e: unknown) => e instanceof AwsError && e.problem.kind === 'network',
  );
});

test('a closed port maps to network, quickly', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const started = Date.now();
  await assert.rejects(
    withClients(endpoint, {}, (c) => fetchInventory(c)),
    (e: unknown) =>
      e instanceof AwsError &&
      e.problem.kind === 'network' &&
      e.problem.code === 'ECONNREFUSED' &&
      e.problem.endpoint === endpoint,
  );
  assert.ok(Date.now() - started < 5000, 'refused connections fail in seconds');
});

test('an action the practice account does not implement maps to unsupported', async () => {
  await withClients(server.endpoint, {}, async (c) => {
    const error = await c.ec2.send(new DescribeVpnGatewaysCommand({})).then(
      () => assert.fail('DescribeVpnGateways is not implemented by the practice account'),
      (e: unknown) => e,
    );
    assert.deepEqual(toAwsProblem(error, errorContext(c.account, 'ec2:DescribeVpnGateways')), {
      kind: 'unsupported',
      action: 'ec2:DescribeVpnGateways',
      code: 'InvalidAction',
    });
  });
});

test('an aborted inventory rejects with the abort, not an AwsError', async () => {
  await server.reset();
  server.injectFault({ action: 'ec2:DescribeSubnets', kind: 'latency', latencyMs: 2000, count: 1 });
  const controller = new AbortController();
  const pending = withClients(server.endpoint, {}, (c) => fetchInventory(c, { abortSignal: controller.signal }));
  setTimeout(() => controller.abort(), 100);
  const started = Date.now();
  await assert.rejects(pending, (e: unknown) => !(e instanceof AwsError) && (e as Error).name === 'AbortError');
  assert.ok(Date.now() - started < 1500, 'the abort does not wait for the slow call');
});

test('clients count every request they send', async () => {
  await server.reset();
  await withClients(server.endpoint, {}, async (c) => {
    assert.equal(c.apiCalls, 0);
    const inv = await fetchInventory(c);
    assert.equal(c.apiCalls, inv.apiCalls);
    await fetchInventory(c);
    assert.equal(c.apiCalls, inv.apiCalls * 2);
  });
});

test('a scoped read asks only for its sections, names them, and skips STS once the account is known', async () => {
  await server.reset();
  await withClients(server.endpoint, {}, async (c) => {
    const whole = await fetchInventory(c);
    assert.equal(whole.sections, undefined);
    const network = await fetchInventory(c, { sections: ['network'] });
    assert.deepEqual(network.sections, ['network']);
    // STS, then the AZs, VPCs, subnets, route tables, internet and NAT gateways.
    assert.equal(network.apiCalls, 1 + 6);
    assert.ok(network.vpcs.length >= 1);
    assert.deepEqual(network.instances, []);
    const known = await fetchInventory(c, { sections: ['network'], context: whole.context });
    assert.equal(known.apiCalls, 6);
    assert.deepEqual(known.context, whole.context);
    // Every section asked for is a whole inventory.
    const all = await fetchInventory(c, { sections: [...INVENTORY_SECTIONS].reverse() });
    assert.equal(all.sections, undefined);
    assert.equal(all.apiCalls, whole.apiCalls);
  });
});

test('a scoped read still fails its own sections: a denied call there is its problem, one outside is not asked', async () => {
  await server.reset();
  server.injectFault({ action: 'rds:DescribeDBInstances', kind: 'accessDenied', count: 1 });
  server.injectFault({ action: 'ec2:DescribeRouteTables', kind: 'accessDenied', count: 1 });
  const inv = await withClients(server.endpoint, {}, (c) => fetchInventory(c, { sections: ['network', 'instances'] }));
  assert.deepEqual(
    inv.problems.map((p) => [p.section, p.action]),
    [['network', 'ec2:DescribeRouteTables']],
  );
  assert.ok(inv.instances.some((i) => i.name === 'WebServer'));
});
