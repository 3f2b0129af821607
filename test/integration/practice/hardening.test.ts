// The practice account against a web page and a runaway request: browser-origin requests and
// DNS-rebinding Host names are refused (403) before they run an action or read a private key; web
// requests for instance addresses keep working; RunInstances honours the vCPU quota and the subnet's
// free addresses with MinCount..MaxCount semantics, all or nothing; a bad %-escape in the SSH route is a 400.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { DescribeInstancesCommand, RunInstancesCommand, type _InstanceType } from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { STANDARD_VCPU_LIMIT } from '../../../src/practice/ec2/launchLimits';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { practiceClients, rejection, type PracticeClients } from '../../fixtures/practiceClients';
import { instanceNamed, region } from '../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant', world: createStartingWorld() });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

interface Answer {
  status: number;
  body: string;
}

/** A raw HTTP request to the practice server with the headers a browser (or an attacker's page) sends. */
function request(
  path: string,
  headers: Record<string, string>,
  options: { method?: string; body?: string } = {},
): Promise<Answer> {
  const url = new URL(server.endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const hostHere = () => `127.0.0.1:${server.port}`;
const webServerState = () => instanceNamed(server.world, 'WebServer').state;

async function instanceCount(): Promise<number> {
  const out = await aws.ec2.send(new DescribeInstancesCommand({}));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).length;
}

test('a cross-site form POST (any Origin) is refused with 403 and runs nothing', async () => {
  const id = instanceNamed(server.world, 'WebServer').id;
  const form = `Action=StopInstances&Version=2016-11-15&InstanceId.1=${id}`;
  for (const origin of ['https://evil.example', 'null', `http://${hostHere()}`]) {
    const answer = await request(
      '/',
      { Host: hostHere(), Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      { method: 'POST', body: form },
    );
    assert.equal(answer.status, 403, `Origin ${origin}`);
  }
  const fetchMetadata = await request(
    '/',
    { Host: hostHere(), 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
    { method: 'POST', body: form },
  );
  assert.equal(fetchMetadata.status, 403);
  assert.equal(webServerState(), 'running', 'WebServer was not stopped');
});

test('a DNS-rebinding Host cannot read /__practice/ssh/<id> (no private key) nor call the API', async () => {
  const id = instanceNamed(server.world, 'WebServer').id;
  for (const host of [`attacker.example:${server.port}`, 'attacker.example', `127.0.0.1.nip.io:${server.port}`]) {
    const answer = await request(`/__practice/ssh/${id}`, { Host: host });
    assert.equal(answer.status, 403, host);
    assert.doesNotMatch(answer.body, /PRIVATE KEY/);
  }
  const api = await request('/?Action=DescribeKeyPairs&Version=2016-11-15&IncludePublicKey=true', {
    Host: 'attacker.example',
  });
  assert.equal(api.status, 403);
  const page = await request(`/__practice/ssh/${id}`, {
    Host: hostHere(),
    'Sec-Fetch-Site': 'cross-site',
  });
  assert.equal(page.status, 403);
  assert.doesNotMatch(page.body, /PRIVATE KEY/);
});

test('loopback Host names (127.0.0.1, localhost, [::1], any port) reach the routes and the API', async () => {
  const id = instanceNamed(server.world, 'WebServer').id;
  for (const host of [hostHere(), '127.0.0.1', `localhost:${server.port}`, 'LOCALHOST', `[::1]:${server.port}`]) {
    const answer = await request(`/__practice/ssh/${id}`, { Host: host });
    assert.equal(answer.status, 200, host);
    assert.match(answer.body, /PRIVATE KEY/);
  }
  // Same-origin fetch metadata (no Origin) is not a browser attack.
  const sameSite = await request(`/__practice/ssh/${id}`, { Host: hostHere(), 'Sec-Fetch-Site': 'none' });
  assert.equal(sameSite.status, 200);
  assert.ok((await instanceCount()) >= 1, 'the SDK still works');
});

test('web requests for an instance address keep working, with or without an Origin', async () => {
  const eip = region(server.world).addresses[0]?.publicIp ?? '';
  const plain = await request('/', { Host: eip });
  assert.equal(plain.status, 200);
  assert.match(plain.body, /私たちのビジョン/);
  const fromPage = await request('/', { Host: eip, Origin: 'https://example.com' });
  assert.equal(fromPage.status, 200);
  assert.match(fromPage.body, /私たちのビジョン/);
});

test('a bad %-escape in the SSH route answers 400, not 500', async () => {
  for (const path of ['/__practice/ssh/%E0%A4%A', '/__practice/ssh/%zz', '/__practice/ssh/i-%']) {
    const answer = await request(path, { Host: hostHere() });
    assert.equal(answer.status, 400, path);
    assert.match(JSON.parse(answer.body).error as string, /percent-encoding/);
  }
});

const amazonLinux = () => instanceNamed(server.world, 'WebServer').imageId;

test('RunInstances over the vCPU quota is refused whole (VcpuLimitExceeded); MinCount..MaxCount launches what fits', async () => {
  const before = await instanceCount();
  const huge = await rejection(
    aws.ec2.send(
      new RunInstancesCommand({ ImageId: amazonLinux(), InstanceType: 't2.micro', MinCount: 1e8, MaxCount: 1e8 }),
    ),
  );
  assert.equal(huge.name, 'VcpuLimitExceeded');
  assert.equal(huge.$metadata?.httpStatusCode, 400);
  assert.equal(await instanceCount(), before, 'nothing launched');

  // MinCount 1, MaxCount 100 million: as many as the quota allows (WebServer holds one vCPU of it).
  const launched = await aws.ec2.send(
    new RunInstancesCommand({ ImageId: amazonLinux(), InstanceType: 't2.micro', MinCount: 1, MaxCount: 1e8 }),
  );
  assert.equal(launched.Instances?.length, STANDARD_VCPU_LIMIT - 1);
  assert.equal(await instanceCount(), before + STANDARD_VCPU_LIMIT - 1);

  // The quota is full: even one more (a 2-vCPU t3.micro or a t2.micro) is refused, nothing added.
  for (const type of ['t2.micro', 't3.micro'] as _InstanceType[]) {
    const full = await rejection(
      aws.ec2.send(new RunInstancesCommand({ ImageId: amazonLinux(), InstanceType: type, MinCount: 1, MaxCount: 1 })),
    );
    assert.equal(full.name, 'VcpuLimitExceeded', type);
  }
  assert.equal(await instanceCount(), before + STANDARD_VCPU_LIMIT - 1);

  // Terminated instances do not count: terminating frees the quota again.
  for (const i of region(server.world).instances)
    if (i.id !== instanceNamed(server.world, 'WebServer').id) i.state = 'terminated';
  server.world.changed();
  const again = await aws.ec2.send(
    new RunInstancesCommand({ ImageId: amazonLinux(), InstanceType: 't3.micro', MinCount: 2, MaxCount: 2 }),
  );
  assert.equal(again.Instances?.length, 2);
});

test('RunInstances into a small subnet launches at most its free addresses, and none below MinCount', async () => {
  for (const i of region(server.world).instances) if (i.tags.Name !== 'WebServer') i.state = 'terminated';
  const records = region(server.world);
  const vpc = records.vpcs[0];
  assert.ok(vpc);
  // A /28 holds 16 addresses, 11 usable (AWS keeps the first four and the last).
  records.subnets.push({
    id: 'subnet-0a11c0ffee000001f',
    vpcId: vpc.id,
    az: `${PRACTICE_REGION}a`,
    cidr: '172.31.48.0/28',
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
    state: 'available',
    tags: {},
  });
  server.world.changed();
  const run = (min: number, max: number) =>
    aws.ec2.send(
      new RunInstancesCommand({
        ImageId: amazonLinux(),
        InstanceType: 't2.micro',
        SubnetId: 'subnet-0a11c0ffee000001f',
        MinCount: min,
        MaxCount: max,
      }),
    );
  const before = await instanceCount();
  const tooMany = await rejection(run(12, 20));
  assert.equal(tooMany.name, 'InsufficientFreeAddressesInSubnet');
  assert.equal(await instanceCount(), before, 'nothing launched');
  const fits = await run(1, 20);
  assert.equal(fits.Instances?.length, 11);
  const none = await rejection(run(1, 1));
  assert.equal(none.name, 'InsufficientFreeAddressesInSubnet');
  assert.equal(await instanceCount(), before + 11);
});
