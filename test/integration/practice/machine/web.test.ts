// The practice web on the API port, routed by Host, at 'instant' speed: checkip; WebServer on its
// Elastic IP and public DNS name; the ALB alternating between WebServer and WebServer2; security
// groups enforced (blocked = no answer); access logs with the student's IP, the ALB nodes' IPs and the
// health checker; ALB's own 503 with no target to send to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeregisterTargetsCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  waitUntilTargetInService,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { PRACTICE_REGION, PRACTICE_STUDENT_IP } from '../../../../src/practice/core/constants';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { tcp } from '../../../../src/practice/seed/startingState';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';
import {
  WAIT,
  addLabResources,
  buildAlb,
  groupNamed,
  instanceNamed,
  setInbound,
  webRequest,
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

const accessLog = (name: string) => instanceNamed(server.world, name).files['/var/log/httpd/access_log']?.content ?? '';
const webServerIp = () => server.world.region(PRACTICE_REGION).addresses[0]?.publicIp ?? '';
const openHttp = () => tcp(80, { ipv4: [{ cidr: '0.0.0.0/0' }], ipv6: [{ cidr: '::/0' }] });
const SHORT = { timeoutMs: 400 };

test("checkip.amazonaws.com answers the practice student's address", async () => {
  const answer = await webRequest(server.endpoint, 'checkip.amazonaws.com');
  assert.deepEqual(answer.kind === 'answer' && [answer.status, answer.body], [200, `${PRACTICE_STUDENT_IP}\n`]);
});

test("WebServer on its Elastic IP and its public DNS name: the page, Apache headers, a combined-log line with the student's IP", async () => {
  const before = accessLog('WebServer');
  const answer = await webRequest(server.endpoint, webServerIp());
  assert.equal(answer.kind, 'answer');
  if (answer.kind !== 'answer') return;
  assert.equal(answer.status, 200);
  assert.match(answer.body, /私たちのビジョン</);
  assert.equal(answer.headers['x-served-by'], instanceNamed(server.world, 'WebServer').id);
  assert.match(answer.headers['content-type'] ?? '', /^text\/html/);
  assert.match(String(answer.headers.server), /^Apache/);
  // The health checks due since the last request come first (logged lazily), then the request.
  const added = accessLog('WebServer')
    .slice(before.length)
    .trim()
    .split('\n')
    .filter((l) => !l.endsWith('"ELB-HealthChecker/2.0"'));
  assert.equal(added.length, 1);
  assert.match(
    added[0] ?? '',
    new RegExp(
      `^203\\.0\\.113\\.25 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000\\] "GET / HTTP/1\\.1" 200 ${Buffer.byteLength(answer.body)} "-" "practice-test/1\\.0"$`,
    ),
  );
  assert.equal(instanceNamed(server.world, 'WebServer').files['/var/log/httpd/access_log']?.owner, 'root');

  const dns =
    (await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceNamed(server.world, 'WebServer').id] })))
      .Reservations?.[0]?.Instances?.[0]?.PublicDnsName ?? '';
  assert.match(dns, /^ec2-.*\.ap-northeast-1\.compute\.amazonaws\.com$/);
  const byName = await webRequest(server.endpoint, `${dns}:80`, '/index.html');
  assert.deepEqual(byName.kind === 'answer' && [byName.status, byName.headers['x-served-by']], [
    200,
    instanceNamed(server.world, 'WebServer').id,
  ]);
  const head = await webRequest(server.endpoint, webServerIp(), '/', { method: 'HEAD' });
  assert.deepEqual(head.kind === 'answer' && [head.status, head.body, Number(head.headers['content-length']) > 0], [
    200,
    '',
    true,
  ]);
  const missing = await webRequest(server.endpoint, webServerIp(), '/nope.html');
  assert.deepEqual(missing.kind === 'answer' && [missing.status, /Not Found/.test(missing.body)], [404, true]);
});

test("the ALB alternates between WebServer and WebServer2; each logs the ALB node's IP and the health checker", async () => {
  const ids = [instanceNamed(server.world, 'WebServer').id, instanceNamed(server.world, 'WebServer2').id];
  const nodes = server.world.region(PRACTICE_REGION).loadBalancers[0]?.zones.map((z) => z.nodeIp ?? '') ?? [];
  const served: string[] = [];
  const variants = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const answer = await webRequest(server.endpoint, alb.dnsName);
    assert.equal(answer.kind, 'answer');
    if (answer.kind !== 'answer') return;
    assert.equal(answer.status, 200);
    served.push(String(answer.headers['x-served-by']));
    variants.add(/私たちのビジョン2/.test(answer.body) ? 'clone' : 'original');
  }
  assert.deepEqual(new Set(served), new Set(ids));
  for (let i = 1; i < served.length; i++) assert.notEqual(served[i], served[i - 1], 'round robin');
  assert.deepEqual(variants, new Set(['original', 'clone']));

  const log2 = accessLog('WebServer2').trim().split('\n');
  const forwarded = log2.filter((l) => l.includes('"GET / HTTP/1.1"') && l.includes('practice-test/1.0'));
  assert.equal(forwarded.length, 3);
  // Forwarded requests come from the ALB node in the target's AZ (1d), not from the student.
  for (const line of forwarded) assert.ok(line.startsWith(`${nodes[1]} `), line);
  const checks = log2.filter((l) => l.endsWith('"ELB-HealthChecker/2.0"'));
  assert.ok(checks.length >= 2, 'health checks from both nodes');
  assert.ok(checks.every((l) => / "GET \/index\.html HTTP\/1\.1" 200 /.test(l)));
  assert.deepEqual(new Set(checks.map((l) => l.split(' ')[0])), new Set(nodes));
});

test("1.9: the web security group admits only the ALB's group: direct access gets no answer, the ALB still answers", async () => {
  setInbound(server.world, 'launch-wizard-1', [
    tcp(80, { groups: [{ groupId: groupNamed(server.world, 'alb-sg').id }] }),
    tcp(22, { ipv4: [{ cidr: '0.0.0.0/0' }] }),
  ]);
  const started = Date.now();
  assert.deepEqual(await webRequest(server.endpoint, webServerIp(), '/', SHORT), { kind: 'timeout' });
  assert.ok(Date.now() - started >= 350);
  const through = await webRequest(server.endpoint, alb.dnsName);
  assert.deepEqual(through.kind === 'answer' && through.status, 200);
  setInbound(server.world, 'launch-wizard-1', [openHttp()]);
  assert.equal((await webRequest(server.endpoint, webServerIp())).kind, 'answer');
});

test("no answer either when the ALB's group does not admit the student, or on a port with no listener", async () => {
  assert.deepEqual(await webRequest(server.endpoint, `${alb.dnsName}:8080`, '/', SHORT), { kind: 'timeout' });
  setInbound(server.world, 'alb-sg', [tcp(443, { ipv4: [{ cidr: '0.0.0.0/0' }] })]);
  assert.deepEqual(await webRequest(server.endpoint, alb.dnsName, '/', SHORT), { kind: 'timeout' });
  setInbound(server.world, 'alb-sg', [tcp(80, { ipv4: [{ cidr: `${PRACTICE_STUDENT_IP}/32` }] })]);
  assert.equal((await webRequest(server.endpoint, alb.dnsName)).kind, 'answer');
  setInbound(server.world, 'alb-sg', [tcp(80, { ipv4: [{ cidr: '0.0.0.0/0' }] })]);
});

test('a stopped instance does not answer; the ALB sends everything to the other one', async () => {
  const web2 = instanceNamed(server.world, 'WebServer2');
  web2.state = 'stopped';
  server.world.changed();
  const served = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const answer = await webRequest(server.endpoint, alb.dnsName);
    if (answer.kind === 'answer') served.add(String(answer.headers['x-served-by']));
  }
  assert.deepEqual(served, new Set([instanceNamed(server.world, 'WebServer').id]));
  assert.deepEqual(await webRequest(server.endpoint, web2.autoPublicIp ?? '', '/', SHORT), { kind: 'timeout' });
  web2.state = 'running';
  server.world.changed();
  await waitUntilTargetInService({ client: aws.elb, ...WAIT }, { TargetGroupArn: alb.tgArn });
});

test('httpd stopped: the direct connection is refused; with every target unhealthy the ALB fails open', async () => {
  const files = instanceNamed(server.world, 'WebServer').files;
  const saved = { ...files };
  delete files['/etc/systemd/system/multi-user.target.wants/httpd.service'];
  delete files['/run/httpd/httpd.pid'];
  server.world.changed();
  const refused = await webRequest(server.endpoint, webServerIp(), '/', SHORT);
  assert.equal(refused.kind, 'error');
  Object.assign(files, saved);
  server.world.changed();

  // A health-check path nobody has: both unhealthy, and ALB still forwards (fail open).
  setInbound(server.world, 'launch-wizard-1', [openHttp()]);
  await aws.elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: alb.tgArn, HealthCheckPath: '/health.html' }));
  const answer = await webRequest(server.endpoint, alb.dnsName);
  assert.deepEqual(answer.kind === 'answer' && answer.status, 200);
  await aws.elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: alb.tgArn, HealthCheckPath: '/index.html' }));
});

test('no registered target: the ALB answers its own 503', async () => {
  const ids = [instanceNamed(server.world, 'WebServer').id, instanceNamed(server.world, 'WebServer2').id];
  await aws.elb.send(new DeregisterTargetsCommand({ TargetGroupArn: alb.tgArn, Targets: ids.map((Id) => ({ Id })) }));
  const answer = await webRequest(server.endpoint, alb.dnsName.toLowerCase());
  assert.equal(answer.kind, 'answer');
  if (answer.kind !== 'answer') return;
  assert.equal(answer.status, 503);
  assert.equal(answer.headers.server, 'awselb/2.0');
  assert.equal(answer.headers['x-served-by'], undefined);
  assert.match(answer.body, /<title>503 Service Temporarily Unavailable<\/title>/);
  await aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: alb.tgArn, Targets: ids.map((Id) => ({ Id })) }));
});

test('an address or AWS host name nothing is on gets no answer (a stale public IP, a deleted load balancer)', async () => {
  assert.deepEqual(await webRequest(server.endpoint, '198.51.100.7', '/', SHORT), { kind: 'timeout' });
  assert.deepEqual(await webRequest(server.endpoint, 'Gone-1234567890.ap-northeast-1.elb.amazonaws.com', '/', SHORT), {
    kind: 'timeout',
  });
});

test('a loopback Host is the AWS API; any other Host is refused (a DNS-rebinding page must not reach it)', async () => {
  const api = await webRequest(server.endpoint, 'localhost', '/?Action=DescribeRegions&Version=2016-11-15');
  assert.equal(api.kind, 'answer');
  assert.match(api.kind === 'answer' ? api.body : '', /DescribeRegionsResponse/);
  const other = await webRequest(server.endpoint, 'example.com', '/?Action=DescribeRegions&Version=2016-11-15');
  assert.equal(other.kind === 'answer' ? other.status : other.kind, 403);
  assert.doesNotMatch(other.kind === 'answer' ? other.body : '', /DescribeRegionsResponse/);
});
