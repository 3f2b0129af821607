// Track 1 in the practice account, for the ELB and web tests: a world with WebServer2 (a clone of
// WebServer in 1d whose page says 私たちのビジョン2) and a new `alb-sg`, the ALB built through the
// real SDK client and waiters, and web requests sent as the lab's WebProbe sends them (HTTP to the
// server's port with the Host header). EC2 changes are made on the world's records (a student's
// console edits), followed by `world.changed()` as every write action does.
import http from 'node:http';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  RegisterTargetsCommand,
  waitUntilLoadBalancerAvailable,
  waitUntilTargetInService,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { allocatePrivateIp, allocatePublicIp, macAddress } from '../../src/practice/addressing';
import { PRACTICE_REGION } from '../../src/practice/constants';
import { tcp, allTraffic } from '../../src/practice/seed';
import type { InstanceRecord, PermissionRecord, SecurityGroupRecord } from '../../src/practice/records';
import type { World } from '../../src/practice/world';
import type { PracticeClients } from './practiceClients';

export const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 60 };

export function region(world: World) {
  return world.writableRegion(PRACTICE_REGION);
}

export function instanceNamed(world: World, name: string): InstanceRecord {
  const instance = region(world).instances.find((i) => i.tags.Name === name);
  if (!instance) throw new Error(`no instance ${name}`);
  return instance;
}

export function groupNamed(world: World, name: string): SecurityGroupRecord {
  const group = region(world).securityGroups.find((g) => g.name === name);
  if (!group) throw new Error(`no security group ${name}`);
  return group;
}

export function subnetIn(world: World, letter: string): string {
  const subnet = region(world).subnets.find((s) => s.az === `${PRACTICE_REGION}${letter}`);
  if (!subnet) throw new Error(`no subnet in ${letter}`);
  return subnet.id;
}

/** Replaces a security group's inbound rules, as a student editing them in the console. */
export function setInbound(world: World, name: string, inbound: PermissionRecord[]): void {
  groupNamed(world, name).inbound = inbound;
  world.changed();
}

/** Adds `alb-sg` (HTTP from anywhere) and WebServer2 (WebServer's files, page variant 2) in 1d. */
export function addLabResources(world: World): { albGroupId: string; webServer2: InstanceRecord } {
  const records = region(world);
  const web = instanceNamed(world, 'WebServer');
  const vpcId = web.vpcId;
  const albGroup: SecurityGroupRecord = {
    id: world.newId('sg'),
    name: 'alb-sg',
    description: 'ALB security group',
    vpcId,
    inbound: [tcp(80, { ipv4: [{ cidr: '0.0.0.0/0' }] })],
    outbound: [allTraffic({ ipv4: [{ cidr: '0.0.0.0/0' }] })],
    tags: {},
  };
  records.securityGroups.push(albGroup);
  const subnet = records.subnets.find((s) => s.az === `${PRACTICE_REGION}d`);
  if (!subnet) throw new Error('no subnet in 1d');
  const files = structuredClone(web.files);
  const page = files['/var/www/html/index.html'];
  if (page) page.content = page.content.replace('私たちのビジョン', '私たちのビジョン2');
  delete files['/var/log/httpd/access_log'];
  const webServer2: InstanceRecord = {
    ...structuredClone(web),
    id: world.newId('i'),
    reservationId: world.newId('r'),
    az: subnet.az,
    subnetId: subnet.id,
    privateIp: allocatePrivateIp(world, subnet.cidr, new Set(records.instances.map((i) => i.privateIp))),
    autoPublicIp: allocatePublicIp(world, new Set(records.addresses.map((a) => a.publicIp))),
    eni: { id: world.newId('eni'), attachmentId: world.newId('eni-attach'), macAddress: macAddress(world) },
    launchTime: new Date().toISOString(),
    tags: { Name: 'WebServer2' },
    files,
  };
  records.instances.push(webServer2);
  world.changed();
  return { albGroupId: albGroup.id, webServer2 };
}

export interface Alb {
  lbArn: string;
  dnsName: string;
  tgArn: string;
  listenerArn: string;
}

/** Step 1.6 as a runner does it: target group, ALB in 1a + 1d with alb-sg, both instances, listener; waits for health. */
export async function buildAlb(
  aws: PracticeClients,
  world: World,
  options: { healthCheckPath?: string; interval?: number; healthy?: number; unhealthy?: number } = {},
): Promise<Alb> {
  const web = instanceNamed(world, 'WebServer');
  const web2 = instanceNamed(world, 'WebServer2');
  const tg = await aws.elb.send(
    new CreateTargetGroupCommand({
      Name: 'WebServers',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: web.vpcId,
      HealthCheckPath: options.healthCheckPath ?? '/index.html',
      HealthCheckIntervalSeconds: options.interval,
      HealthyThresholdCount: options.healthy,
      UnhealthyThresholdCount: options.unhealthy,
      Tags: [{ Key: 'Name', Value: 'WebServers' }],
    }),
  );
  const tgArn = tg.TargetGroups?.[0]?.TargetGroupArn ?? '';
  const lb = await aws.elb.send(
    new CreateLoadBalancerCommand({
      Name: 'LoadBalancer',
      Subnets: [subnetIn(world, 'a'), subnetIn(world, 'd')],
      SecurityGroups: [groupNamed(world, 'alb-sg').id],
      Scheme: 'internet-facing',
      Type: 'application',
      Tags: [{ Key: 'Name', Value: 'LoadBalancer' }],
    }),
  );
  const lbArn = lb.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  await aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: web.id }, { Id: web2.id }] }));
  await waitUntilLoadBalancerAvailable({ client: aws.elb, ...WAIT }, { LoadBalancerArns: [lbArn] });
  const listener = await aws.elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: lbArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
    }),
  );
  await waitUntilTargetInService({ client: aws.elb, ...WAIT }, { TargetGroupArn: tgArn });
  return {
    lbArn,
    dnsName: lb.LoadBalancers?.[0]?.DNSName ?? '',
    tgArn,
    listenerArn: listener.Listeners?.[0]?.ListenerArn ?? '',
  };
}

export type WebResult =
  | { kind: 'answer'; status: number; headers: http.IncomingHttpHeaders; body: string }
  | { kind: 'timeout' }
  | { kind: 'error'; code: string };

/** One web request to the practice server with a Host header (what WebProbe does); `timeout` when nothing answers in time. */
export function webRequest(
  endpoint: string,
  host: string,
  path = '/',
  options: { method?: string; timeoutMs?: number } = {},
): Promise<WebResult> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: host, 'User-Agent': 'practice-test/1.0' },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            kind: 'answer',
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.setTimeout(options.timeoutMs ?? 2000, () => {
      req.destroy();
      resolve({ kind: 'timeout' });
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code ?? error.message }));
    req.end();
  });
}

/** Polls until `read` gives a value `accept` takes (or fails after `ms`). */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
