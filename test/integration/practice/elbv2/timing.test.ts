// ELBv2 over time at speed 100 (AWS's minutes become about a second): the ALB is `provisioning`
// before `active`; targets are `initial` while the first checks run (healthy threshold × interval),
// a change of condition takes the unhealthy or healthy threshold × interval to show, a deregistered
// target drains for the deregistration delay; and the health is a pure function of the saved records
// and the clock (a reloaded state answers the same). The SDK waiters poll with minDelay 1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
  waitUntilLoadBalancerAvailable,
  waitUntilTargetDeregistered,
  waitUntilTargetInService,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { tcp } from '../../../../src/practice/seed/startingState';
import { HealthEvaluator } from '../../../../src/practice/elbv2/targetHealth';
import { parseWorldState } from '../../../../src/practice/core/world';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';
import {
  WAIT,
  addLabResources,
  eventually,
  groupNamed,
  instanceNamed,
  setInbound,
  subnetIn,
} from '../../../fixtures/practiceLab';

const SPEED = 100;
let server: PracticeServer;
let aws: PracticeClients;
let tgArn = '';
let lbArn = '';

before(async () => {
  const world = createStartingWorld();
  addLabResources(world);
  server = await startPracticeServer({ port: 0, speed: SPEED, world });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

const states = async () =>
  ((await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }))).TargetHealthDescriptions ?? []).map(
    (d) => [d.TargetHealth?.State, d.TargetHealth?.Reason],
  );

test('provisioning, then active; targets initial while the ALB provisions and the first checks run, then healthy', async () => {
  const started = Date.now();
  const web = instanceNamed(server.world, 'WebServer');
  const web2 = instanceNamed(server.world, 'WebServer2');
  const lb = await aws.elb.send(
    new CreateLoadBalancerCommand({
      Name: 'LoadBalancer',
      Subnets: [subnetIn(server.world, 'a'), subnetIn(server.world, 'd')],
      SecurityGroups: [groupNamed(server.world, 'alb-sg').id],
    }),
  );
  lbArn = lb.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  assert.equal(lb.LoadBalancers?.[0]?.State?.Code, 'provisioning');
  const tg = await aws.elb.send(
    new CreateTargetGroupCommand({
      Name: 'WebServers',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: web.vpcId,
      HealthCheckPath: '/index.html',
      UnhealthyThresholdCount: 5,
    }),
  );
  tgArn = tg.TargetGroups?.[0]?.TargetGroupArn ?? '';
  await aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: web.id }, { Id: web2.id }] }));
  assert.deepEqual(await states(), [
    ['unused', 'Target.NotInUse'],
    ['unused', 'Target.NotInUse'],
  ]);
  await aws.elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: lbArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
    }),
  );
  assert.deepEqual(await states(), [
    ['initial', 'Elb.RegistrationInProgress'],
    ['initial', 'Elb.RegistrationInProgress'],
  ]);

  await waitUntilLoadBalancerAvailable({ client: aws.elb, ...WAIT }, { LoadBalancerArns: [lbArn] });
  const active = Date.now();
  // 150 s of provisioning at speed 100.
  assert.ok(active - started >= 1400, `active after ${active - started} ms`);
  const described = await aws.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] }));
  assert.equal(described.LoadBalancers?.[0]?.State?.Code, 'active');
  // The phases after activation, from the records (the waiter notices `active` up to a poll late):
  // registration during the first interval, initial checks, healthy after five checks 30 s apart.
  const records = server.world.region(PRACTICE_REGION);
  const activeAt = Date.parse(records.loadBalancers.find((l) => l.arn === lbArn)?.activeAt ?? '');
  const group = records.targetGroups.find((g) => g.arn === tgArn);
  assert.ok(group);
  const at = (ms: number) =>
    group.targets.map(
      (t) => new HealthEvaluator(records, new Date(activeAt + ms), SPEED).health(group, t).reason ?? 'healthy',
    );
  assert.deepEqual(at(100), ['Elb.RegistrationInProgress', 'Elb.RegistrationInProgress']);
  assert.deepEqual(at(600), ['Elb.InitialHealthChecking', 'Elb.InitialHealthChecking']);
  assert.deepEqual(at(1500), ['healthy', 'healthy']);

  await waitUntilTargetInService({ client: aws.elb, ...WAIT }, { TargetGroupArn: tgArn });
  assert.ok(Date.now() - activeAt >= 1450, `healthy ${Date.now() - activeAt} ms after the ALB turned active`);
  assert.deepEqual(await states(), [
    ['healthy', undefined],
    ['healthy', undefined],
  ]);
});

test('a blocked security group shows after the unhealthy threshold; fixing it after the healthy threshold', async () => {
  const blockedAt = Date.now();
  setInbound(server.world, 'launch-wizard-1', [tcp(22, { ipv4: [{ cidr: '0.0.0.0/0' }] })]);
  // Five failed checks 30 s apart (1.5 s here) before ELB calls it unhealthy.
  assert.deepEqual(
    (await states()).map(([state]) => state),
    ['healthy', 'healthy'],
  );
  await eventually(
    states,
    (s) => s.every(([state, reason]) => state === 'unhealthy' && reason === 'Target.Timeout'),
    5000,
  );
  assert.ok(Date.now() - blockedAt >= 1450, `unhealthy after ${Date.now() - blockedAt} ms`);

  const fixedAt = Date.now();
  setInbound(server.world, 'launch-wizard-1', [
    tcp(80, { groups: [{ groupId: groupNamed(server.world, 'alb-sg').id }] }),
  ]);
  assert.deepEqual(
    (await states()).map(([state]) => state),
    ['unhealthy', 'unhealthy'],
  );
  await waitUntilTargetInService({ client: aws.elb, ...WAIT }, { TargetGroupArn: tgArn });
  assert.ok(Date.now() - fixedAt >= 1400, `healthy again after ${Date.now() - fixedAt} ms`);
});

test('the health is a pure function of the saved records and the clock: a reloaded state answers the same', () => {
  const copy = parseWorldState(JSON.stringify(server.world.state));
  const now = server.world.clock.now();
  const live = new HealthEvaluator(server.world.region(PRACTICE_REGION), now, SPEED);
  const reloaded = new HealthEvaluator(
    copy.regions[PRACTICE_REGION] ?? server.world.region(PRACTICE_REGION),
    now,
    SPEED,
  );
  const group = server.world.region(PRACTICE_REGION).targetGroups.find((g) => g.arn === tgArn);
  const copiedGroup = copy.regions[PRACTICE_REGION]?.targetGroups.find((g) => g.arn === tgArn);
  assert.ok(group && copiedGroup);
  assert.deepEqual(
    copiedGroup.targets.map((t) => reloaded.health(copiedGroup, t)),
    group.targets.map((t) => live.health(group, t)),
  );
  // And later in time, the same evaluation from the same records.
  const later = new Date(now.getTime() + 60_000);
  assert.deepEqual(
    copiedGroup.targets.map((t) =>
      new HealthEvaluator(copy.regions[PRACTICE_REGION] ?? server.world.region(PRACTICE_REGION), later, SPEED).health(
        copiedGroup,
        t,
      ),
    ),
    group.targets.map((t) => new HealthEvaluator(server.world.region(PRACTICE_REGION), later, SPEED).health(group, t)),
  );
});

test('a deregistered target drains for the deregistration delay, then is gone', async () => {
  await aws.elb.send(
    new ModifyTargetGroupAttributesCommand({
      TargetGroupArn: tgArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '60' }],
    }),
  );
  const web2 = instanceNamed(server.world, 'WebServer2').id;
  const at = Date.now();
  await aws.elb.send(new DeregisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: web2 }] }));
  const draining = await aws.elb.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: tgArn, Targets: [{ Id: web2 }] }),
  );
  assert.deepEqual(
    draining.TargetHealthDescriptions?.map((d) => [
      d.TargetHealth?.State,
      d.TargetHealth?.Reason,
      d.TargetHealth?.Description,
    ]),
    [['draining', 'Target.DeregistrationInProgress', 'Target deregistration is in progress']],
  );
  await waitUntilTargetDeregistered({ client: aws.elb, ...WAIT }, { TargetGroupArn: tgArn, Targets: [{ Id: web2 }] });
  assert.ok(Date.now() - at >= 550, `gone after ${Date.now() - at} ms`);
  assert.deepEqual((await states()).length, 1);
});
