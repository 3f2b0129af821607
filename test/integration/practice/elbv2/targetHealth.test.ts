// Evaluated target health through the real SDK client at 'instant' speed: step 1.6 (target group, ALB in 1a + 1d
// with alb-sg, both web servers, listener) and each way a target fails its health checks, with AWS's states and reasons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateListenerCommand,
  DeleteListenerCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  waitUntilTargetDeregistered,
  waitUntilTargetInService,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { tcp } from '../../../../src/practice/seed/startingState';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';
import {
  WAIT,
  addLabResources,
  buildAlb,
  groupNamed,
  instanceNamed,
  setInbound,
  subnetIn,
  type Alb,
} from '../../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;
let alb: Alb;

before(async () => {
  const world = createStartingWorld();
  addLabResources(world);
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
  alb = await buildAlb(aws, server.world);
});
after(async () => {
  aws.destroy();
  await server.close();
});

async function health(targetId?: string) {
  const answer = await aws.elb.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: alb.tgArn, Targets: targetId ? [{ Id: targetId }] : undefined }),
  );
  return (answer.TargetHealthDescriptions ?? []).map((d) => ({
    id: d.Target?.Id,
    az: d.Target?.AvailabilityZone,
    state: d.TargetHealth?.State,
    reason: d.TargetHealth?.Reason,
    description: d.TargetHealth?.Description,
  }));
}

/** The error code AWS sent (the SDK names modeled errors `...Exception`). */
const code = (error: { name: string; Code?: string }) => error.Code ?? error.name;
const webId = () => instanceNamed(server.world, 'WebServer').id;
const web2Id = () => instanceNamed(server.world, 'WebServer2').id;
const openHttp = () => tcp(80, { ipv4: [{ cidr: '0.0.0.0/0' }], ipv6: [{ cidr: '::/0' }] });

test('step 1.6: the ALB is active in 1a and 1d with alb-sg, the listener forwards to WebServers, both targets healthy', async () => {
  const lb = (await aws.elb.send(new DescribeLoadBalancersCommand({ Names: ['LoadBalancer'] }))).LoadBalancers?.[0];
  assert.equal(lb?.State?.Code, 'active');
  assert.match(lb?.DNSName ?? '', /^LoadBalancer-\d{10}\.ap-northeast-1\.elb\.amazonaws\.com$/);
  assert.deepEqual(
    lb?.AvailabilityZones?.map((z) => z.ZoneName),
    ['ap-northeast-1a', 'ap-northeast-1d'],
  );
  assert.deepEqual(lb?.SecurityGroups, [groupNamed(server.world, 'alb-sg').id]);
  const nodes = server.world.region('ap-northeast-1').loadBalancers[0]?.zones.map((z) => z.nodeIp ?? '');
  assert.equal(nodes?.length, 2);
  assert.match(nodes?.[0] ?? '', /^172\.31\.(3[2-9]|4[0-7])\.\d+$/, 'node in 1a subnet 172.31.32.0/20');
  assert.match(nodes?.[1] ?? '', /^172\.31\.(1[6-9]|2\d|3[01])\.\d+$/, 'node in 1d subnet 172.31.16.0/20');

  const tg = (await aws.elb.send(new DescribeTargetGroupsCommand({ Names: ['WebServers'] }))).TargetGroups?.[0];
  assert.equal(tg?.HealthCheckPath, '/index.html');
  assert.deepEqual(tg?.LoadBalancerArns, [alb.lbArn]);
  const listeners = (await aws.elb.send(new DescribeListenersCommand({ LoadBalancerArn: alb.lbArn }))).Listeners ?? [];
  assert.deepEqual(
    listeners.map((l) => [l.Port, l.Protocol, l.DefaultActions?.[0]?.TargetGroupArn]),
    [[80, 'HTTP', alb.tgArn]],
  );
  assert.deepEqual(await health(), [
    { id: webId(), az: 'ap-northeast-1a', state: 'healthy', reason: undefined, description: undefined },
    { id: web2Id(), az: 'ap-northeast-1d', state: 'healthy', reason: undefined, description: undefined },
  ]);
  const tags = await aws.elb.send(new DescribeTagsCommand({ ResourceArns: [alb.lbArn, alb.tgArn] }));
  assert.deepEqual(
    tags.TagDescriptions?.map((d) => d.Tags?.[0]?.Value),
    ['LoadBalancer', 'WebServers'],
  );
});

test('the web security group restricted to the ALB security group: targets stay healthy', async () => {
  setInbound(server.world, 'launch-wizard-1', [
    tcp(80, { groups: [{ groupId: groupNamed(server.world, 'alb-sg').id }] }),
    tcp(22, { ipv4: [{ cidr: '0.0.0.0/0' }] }),
  ]);
  assert.deepEqual(
    (await health()).map((h) => h.state),
    ['healthy', 'healthy'],
  );
  // The subnets' CIDRs admit the nodes just as well.
  setInbound(server.world, 'launch-wizard-1', [tcp(80, { ipv4: [{ cidr: '172.31.0.0/16' }] })]);
  assert.deepEqual(
    (await health()).map((h) => h.state),
    ['healthy', 'healthy'],
  );
  setInbound(server.world, 'launch-wizard-1', [openHttp()]);
});

test('a web security group that does not admit the ALB: unhealthy, Target.Timeout; admitting it again heals', async () => {
  setInbound(server.world, 'launch-wizard-1', [tcp(22, { ipv4: [{ cidr: '0.0.0.0/0' }] })]);
  assert.deepEqual(await health(), [
    {
      id: webId(),
      az: 'ap-northeast-1a',
      state: 'unhealthy',
      reason: 'Target.Timeout',
      description: 'Request timed out',
    },
    {
      id: web2Id(),
      az: 'ap-northeast-1d',
      state: 'unhealthy',
      reason: 'Target.Timeout',
      description: 'Request timed out',
    },
  ]);
  // Only one AZ's subnet admitted: the other node's checks time out.
  setInbound(server.world, 'launch-wizard-1', [tcp(80, { ipv4: [{ cidr: '172.31.32.0/20' }] })]);
  assert.deepEqual(
    (await health()).map((h) => h.reason),
    ['Target.Timeout', 'Target.Timeout'],
  );
  setInbound(server.world, 'launch-wizard-1', [openHttp()]);
  await waitUntilTargetInService({ client: aws.elb, ...WAIT }, { TargetGroupArn: alb.tgArn });
});

test('a health-check path the web server does not have: unhealthy, Target.ResponseCodeMismatch with the code', async () => {
  const modified = await aws.elb.send(
    new ModifyTargetGroupCommand({ TargetGroupArn: alb.tgArn, HealthCheckPath: '/health.html' }),
  );
  assert.equal(modified.TargetGroups?.[0]?.HealthCheckPath, '/health.html');
  assert.deepEqual(
    (await health()).map((h) => [h.state, h.reason, h.description]),
    [
      ['unhealthy', 'Target.ResponseCodeMismatch', 'Health checks failed with these codes: [404]'],
      ['unhealthy', 'Target.ResponseCodeMismatch', 'Health checks failed with these codes: [404]'],
    ],
  );
  // A matcher that accepts 404 makes it pass; `/` serves index.html.
  await aws.elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: alb.tgArn, Matcher: { HttpCode: '200,404' } }));
  assert.deepEqual(
    (await health()).map((h) => h.state),
    ['healthy', 'healthy'],
  );
  await aws.elb.send(
    new ModifyTargetGroupCommand({ TargetGroupArn: alb.tgArn, HealthCheckPath: '/', Matcher: { HttpCode: '200' } }),
  );
  assert.deepEqual(
    (await health()).map((h) => h.state),
    ['healthy', 'healthy'],
  );
  await aws.elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: alb.tgArn, HealthCheckPath: '/index.html' }));
});

test('httpd not running on WebServer2: unhealthy, Target.FailedHealthChecks', async () => {
  const files = instanceNamed(server.world, 'WebServer2').files;
  const saved = { ...files };
  delete files['/etc/systemd/system/multi-user.target.wants/httpd.service'];
  delete files['/run/httpd/httpd.pid'];
  server.world.changed();
  assert.deepEqual(
    (await health(web2Id())).map((h) => [h.state, h.reason]),
    [['unhealthy', 'Target.FailedHealthChecks']],
  );
  Object.assign(files, saved);
  server.world.changed();
  assert.deepEqual(
    (await health(web2Id())).map((h) => h.state),
    ['healthy'],
  );
});

test('a stopped instance: unused, Target.InvalidState; running again: healthy', async () => {
  const web2 = instanceNamed(server.world, 'WebServer2');
  web2.state = 'stopped';
  server.world.changed();
  assert.deepEqual(await health(web2.id), [
    {
      id: web2.id,
      az: 'ap-northeast-1d',
      state: 'unused',
      reason: 'Target.InvalidState',
      description: 'Target is in the stopped state',
    },
  ]);
  const again = await rejection(
    aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: alb.tgArn, Targets: [{ Id: web2.id, Port: 8080 }] })),
  );
  assert.equal(code(again), 'InvalidTarget');
  assert.match(again.message, /not in a running state and cannot be registered/);
  web2.state = 'running';
  server.world.changed();
  await waitUntilTargetInService(
    { client: aws.elb, ...WAIT },
    { TargetGroupArn: alb.tgArn, Targets: [{ Id: web2.id }] },
  );
});

test('an AZ the ALB does not enable: unused, Target.NotInUse with the AZ description; SetSubnets back heals', async () => {
  const answer = await aws.elb.send(
    new SetSubnetsCommand({
      LoadBalancerArn: alb.lbArn,
      Subnets: [subnetIn(server.world, 'a'), subnetIn(server.world, 'c')],
    }),
  );
  assert.deepEqual(
    answer.AvailabilityZones?.map((z) => z.ZoneName),
    ['ap-northeast-1a', 'ap-northeast-1c'],
  );
  assert.deepEqual(await health(), [
    { id: webId(), az: 'ap-northeast-1a', state: 'healthy', reason: undefined, description: undefined },
    {
      id: web2Id(),
      az: 'ap-northeast-1d',
      state: 'unused',
      reason: 'Target.NotInUse',
      description: 'Target is in an Availability Zone that is not enabled for the load balancer',
    },
  ]);
  const oneAz = await rejection(
    aws.elb.send(new SetSubnetsCommand({ LoadBalancerArn: alb.lbArn, Subnets: [subnetIn(server.world, 'a')] })),
  );
  assert.equal(code(oneAz), 'ValidationError');
  await aws.elb.send(
    new SetSubnetsCommand({
      LoadBalancerArn: alb.lbArn,
      Subnets: [subnetIn(server.world, 'a'), subnetIn(server.world, 'd')],
    }),
  );
  await waitUntilTargetInService({ client: aws.elb, ...WAIT }, { TargetGroupArn: alb.tgArn });
});

test('the ALB security group changed to one whose nodes the web servers do not admit: Target.Timeout', async () => {
  setInbound(server.world, 'launch-wizard-1', [
    tcp(80, { groups: [{ groupId: groupNamed(server.world, 'alb-sg').id }] }),
  ]);
  const defaultGroup = groupNamed(server.world, 'default').id;
  const answer = await aws.elb.send(
    new SetSecurityGroupsCommand({ LoadBalancerArn: alb.lbArn, SecurityGroups: [defaultGroup] }),
  );
  assert.deepEqual(answer.SecurityGroupIds, [defaultGroup]);
  assert.deepEqual(
    (await health()).map((h) => h.reason),
    ['Target.Timeout', 'Target.Timeout'],
  );
  await aws.elb.send(
    new SetSecurityGroupsCommand({
      LoadBalancerArn: alb.lbArn,
      SecurityGroups: [groupNamed(server.world, 'alb-sg').id],
    }),
  );
  assert.deepEqual(
    (await health()).map((h) => h.state),
    ['healthy', 'healthy'],
  );
  setInbound(server.world, 'launch-wizard-1', [openHttp()]);
});

test('no listener: unused, Target.NotInUse; deregistered: gone (instant), re-registered: healthy', async () => {
  await aws.elb.send(new DeleteListenerCommand({ ListenerArn: alb.listenerArn }));
  assert.deepEqual(
    (await health()).map((h) => [h.state, h.reason]),
    [
      ['unused', 'Target.NotInUse'],
      ['unused', 'Target.NotInUse'],
    ],
  );
  const listener = await aws.elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: alb.lbArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: alb.tgArn }],
    }),
  );
  alb.listenerArn = listener.Listeners?.[0]?.ListenerArn ?? '';
  await waitUntilTargetInService({ client: aws.elb, ...WAIT }, { TargetGroupArn: alb.tgArn });

  await aws.elb.send(new DeregisterTargetsCommand({ TargetGroupArn: alb.tgArn, Targets: [{ Id: web2Id() }] }));
  await waitUntilTargetDeregistered(
    { client: aws.elb, ...WAIT },
    { TargetGroupArn: alb.tgArn, Targets: [{ Id: web2Id() }] },
  );
  assert.deepEqual(
    (await health(web2Id())).map((h) => [h.state, h.reason]),
    [['unused', 'Target.NotRegistered']],
  );
  assert.deepEqual(
    (await health()).map((h) => h.id),
    [webId()],
  );
  await aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: alb.tgArn, Targets: [{ Id: web2Id() }] }));
  await waitUntilTargetInService({ client: aws.elb, ...WAIT }, { TargetGroupArn: alb.tgArn });
});
