// Reachability follows the routes (PRACTICE.md § VPC writes), through the real SDK and the practice web and SSH
// faces: a web server in a public subnet of the Test-VPC with a public IP answers HTTP and SSH from the student's
// computer; in a private subnet (even with a public IP), or once its table loses the IGW route, or with the IGW
// detached (a blackhole route), nothing answers (a timeout, bounded here). Inside the VPC the ALB reaches targets
// in private subnets through the security groups alone; an internet-facing ALB in private subnets is created
// (as AWS does) but never answers from outside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachInternetGatewayCommand,
  CreateRouteCommand,
  DeleteRouteCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  waitUntilLoadBalancerAvailable,
  waitUntilTargetInService,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { cidrContains } from '../../../../src/practice/core/addressing';
import { webRequest, type WebResult } from '../../../fixtures/practiceLab';
import { WAIT, ec2Practice, type Ec2Practice } from '../ec2/ec2Practice';
import {
  PRIVATE_1A,
  PRIVATE_1C,
  PUBLIC_1A,
  PUBLIC_1C,
  buildWebTier,
  launchWebServer,
  openGroup,
  sshConnect,
  sshTarget,
  type WebTier,
} from './testVpcWeb';

const practice = ec2Practice();
/** Short enough for the suite, long past the practice server's answer time. */
const TIMEOUT_MS = 700;

let tier: WebTier | undefined;
async function web(): Promise<WebTier> {
  return (tier ??= await buildWebTier(practice));
}

const page = (host: string) => webRequest(practice.server.endpoint, host, '/', { timeoutMs: TIMEOUT_MS });
const status = (result: WebResult) => (result.kind === 'answer' ? result.status : result.kind);

async function publicIpOf(id: string): Promise<string> {
  const ip = (await practice.describe(id)).PublicIpAddress;
  assert.ok(ip, `${id} has a public IPv4 address`);
  return ip;
}

async function sshOutcome(p: Ec2Practice, id: string): Promise<string> {
  const attempt = await sshConnect(await sshTarget(p, id), TIMEOUT_MS * 2);
  if (attempt.kind === 'ready') attempt.client.end();
  return attempt.kind;
}

test('a web server in a public subnet with a public IP answers HTTP and SSH from outside; its address is in its subnet', async () => {
  const t = await web();
  const id = await launchWebServer(practice, t, PUBLIC_1A, 'Test-EC2#1');
  const instance = await practice.describe(id);
  assert.ok(cidrContains('10.0.0.0/24', instance.PrivateIpAddress ?? ''), instance.PrivateIpAddress);
  const answer = await page(await publicIpOf(id));
  assert.equal(status(answer), 200);
  assert.match(answer.kind === 'answer' ? answer.body : '', /私たちのビジョン/);
  assert.equal(await sshOutcome(practice, id), 'ready');
});

test('in a private subnet, a public IP is not enough: no route to the IGW, no answer on HTTP or SSH', async () => {
  const t = await web();
  const id = await launchWebServer(practice, t, PRIVATE_1C, 'private-with-ip', { publicIp: true });
  assert.ok(cidrContains('10.0.3.0/24', (await practice.describe(id)).PrivateIpAddress ?? ''));
  assert.equal(status(await page(await publicIpOf(id))), 'timeout');
  assert.equal(await sshOutcome(practice, id), 'timeout');
  // Without any public address, SSH has nothing to arrive at either.
  const bare = await launchWebServer(practice, t, PRIVATE_1A, 'private-bare');
  assert.equal((await practice.describe(bare)).PublicIpAddress, undefined);
  assert.equal(await sshOutcome(practice, bare), 'timeout');
});

test("removing the public table's 0.0.0.0/0 route cuts the public server off; putting it back restores it", async () => {
  const t = await web();
  const id = await launchWebServer(practice, t, PUBLIC_1C, 'route-removed');
  const ip = await publicIpOf(id);
  assert.equal(status(await page(ip)), 200);
  await practice.aws.ec2.send(
    new DeleteRouteCommand({ RouteTableId: t.publicTable, DestinationCidrBlock: '0.0.0.0/0' }),
  );
  try {
    assert.equal(status(await page(ip)), 'timeout');
    assert.equal(await sshOutcome(practice, id), 'timeout');
  } finally {
    await practice.aws.ec2.send(
      new CreateRouteCommand({ RouteTableId: t.publicTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: t.igwId }),
    );
  }
  assert.equal(status(await page(ip)), 200);
  assert.equal(await sshOutcome(practice, id), 'ready');
});

test('a detached internet gateway leaves a blackhole route: the server started again gets a public IP and no answer', async () => {
  const t = await web();
  const ids = practice
    .records()
    .instances.filter((i) => i.vpcId === t.vpcId && i.state !== 'terminated')
    .map((i) => i.id);
  // AWS will not detach the gateway under mapped public addresses: stop the VPC's instances first.
  await practice.aws.ec2.send(new StopInstancesCommand({ InstanceIds: ids }));
  await waitUntilInstanceStopped({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: ids });
  await practice.aws.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: t.igwId, VpcId: t.vpcId }));
  const [first] = ids;
  assert.ok(first);
  try {
    await practice.aws.ec2.send(new StartInstancesCommand({ InstanceIds: [first] }));
    await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [first] });
    const tables = await practice.aws.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [t.publicTable] }));
    const route = tables.RouteTables?.[0]?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
    assert.equal(route?.State, 'blackhole');
    assert.equal(status(await page(await publicIpOf(first))), 'timeout');
    assert.equal(await sshOutcome(practice, first), 'timeout');
  } finally {
    await practice.aws.ec2.send(new StopInstancesCommand({ InstanceIds: [first] }));
    await waitUntilInstanceStopped({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [first] });
    await practice.aws.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: t.igwId, VpcId: t.vpcId }));
    await practice.aws.ec2.send(new StartInstancesCommand({ InstanceIds: ids }));
    await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: ids });
  }
  assert.equal(status(await page(await publicIpOf(first))), 200);
});

/** An internet-facing ALB over two subnets of the Test-VPC forwarding HTTP 80 to one target. */
async function alb(t: WebTier, name: string, subnets: string[], elbSg: string, targetId: string) {
  const tg = await practice.aws.elb.send(
    new CreateTargetGroupCommand({ Name: `${name}-tg`, Protocol: 'HTTP', Port: 80, VpcId: t.vpcId }),
  );
  const tgArn = tg.TargetGroups?.[0]?.TargetGroupArn ?? '';
  const lb = await practice.aws.elb.send(
    new CreateLoadBalancerCommand({
      Name: name,
      Subnets: subnets.map((s) => t.subnets[s] ?? ''),
      SecurityGroups: [elbSg],
      Scheme: 'internet-facing',
      Type: 'application',
    }),
  );
  const lbArn = lb.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  await practice.aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: targetId }] }));
  await waitUntilLoadBalancerAvailable({ client: practice.aws.elb, ...WAIT }, { LoadBalancerArns: [lbArn] });
  await practice.aws.elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: lbArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
    }),
  );
  await waitUntilTargetInService({ client: practice.aws.elb, ...WAIT }, { TargetGroupArn: tgArn });
  const health = await practice.aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
  return { dnsName: lb.LoadBalancers?.[0]?.DNSName ?? '', health: health.TargetHealthDescriptions ?? [] };
}

test('an ALB in the public subnets forwards to a web server in a private subnet with no public IP (healthy)', async () => {
  const t = await web();
  const elbSg = await openGroup(practice, t.vpcId, 'elb-sg', [80]);
  const privateSg = await openGroup(practice, t.vpcId, 'private-web-sg', [80], elbSg);
  const id = await launchWebServer(practice, t, PRIVATE_1A, 'private-web', { groupId: privateSg });
  assert.equal((await practice.describe(id)).PublicIpAddress, undefined);
  const lb = await alb(t, 'Test-ELB', [PUBLIC_1A, PUBLIC_1C], elbSg, id);
  assert.deepEqual(
    lb.health.map((h) => [h.Target?.Id, h.TargetHealth?.State]),
    [[id, 'healthy']],
  );
  for (let n = 0; n < 4; n++) {
    const answer = await page(lb.dnsName);
    assert.equal(status(answer), 200, `request ${n} through the ALB`);
    assert.equal(answer.kind === 'answer' ? answer.headers['x-served-by'] : undefined, id);
  }
});

test('an internet-facing ALB in the private subnets is created and checks its target, but never answers from outside', async () => {
  const t = await web();
  const elbSg = await openGroup(practice, t.vpcId, 'elb-private-sg', [80]);
  const id = await launchWebServer(practice, t, PRIVATE_1C, 'behind-private-alb');
  const lb = await alb(t, 'Private-ELB', [PRIVATE_1A, PRIVATE_1C], elbSg, id);
  assert.equal(lb.health[0]?.TargetHealth?.State, 'healthy');
  for (let n = 0; n < 2; n++) assert.equal(status(await page(lb.dnsName)), 'timeout', `request ${n}`);
});

test('an ALB over one public and one private subnet: only the requests that land on the public node are answered', async () => {
  const t = await web();
  const elbSg = await openGroup(practice, t.vpcId, 'elb-mixed-sg', [80]);
  const id = await launchWebServer(practice, t, PUBLIC_1A, 'behind-mixed-alb');
  const lb = await alb(t, 'Mixed-ELB', [PUBLIC_1A, PRIVATE_1C], elbSg, id);
  const outcomes = [];
  for (let n = 0; n < 4; n++) outcomes.push(status(await page(lb.dnsName)));
  assert.deepEqual([...outcomes].sort(), [200, 200, 'timeout', 'timeout'].sort());
});
