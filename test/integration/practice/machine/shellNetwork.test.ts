// The network as the instance's shell shows it, over a real SSH session (ssh2 client, the practice route): on a
// web server in the Test-VPC's public subnet 1a, `ip a` has the private address with the subnet's /24, `ip r`
// the default route via the subnet's router (10.0.0.1) and the DHCP routes, /etc/resolv.conf the VPC's resolver
// (10.0.0.2) and the region's search domain, `hostname -I` the address; in the default VPC (WebServer,
// 172.31.32.0/20) the resolver 172.31.0.2 lies outside the subnet and is routed via the router.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from 'ssh2';
import { ec2Practice } from '../ec2/ec2Practice';
import { PUBLIC_1A, buildWebTier, launchWebServer, sshConnect, sshExec, sshTarget } from './testVpcWeb';

const practice = ec2Practice();

async function session(instanceId: string): Promise<Client> {
  const attempt = await sshConnect(await sshTarget(practice, instanceId), 5000);
  assert.equal(attempt.kind, 'ready');
  return (attempt as { client: Client }).client;
}

/** Runs the commands in one session; closes it after. */
async function outputs(instanceId: string, commands: string[]): Promise<Record<string, string>> {
  const client = await session(instanceId);
  try {
    const out: Record<string, string> = {};
    for (const command of commands) {
      const result = await sshExec(client, command);
      assert.equal(result.code, 0, `${command}: ${result.stderr}`);
      out[command] = result.stdout;
    }
    return out;
  } finally {
    client.end();
  }
}

test('ip a, ip r, /etc/resolv.conf and hostname -I on a Test-VPC web server agree with its subnet and VPC', async () => {
  const tier = await buildWebTier(practice);
  const id = await launchWebServer(practice, tier, PUBLIC_1A, 'Test-EC2#1');
  const instance = await practice.describe(id);
  const ip = instance.PrivateIpAddress ?? '';
  const mac = instance.NetworkInterfaces?.[0]?.MacAddress ?? '';
  assert.match(ip, /^10\.0\.0\.\d+$/);
  const out = await outputs(id, ['ip a', 'ip addr', 'ip r', 'ip route', 'cat /etc/resolv.conf', 'hostname -I']);

  assert.equal(out['ip a'], out['ip addr']);
  const addr = out['ip a'] ?? '';
  assert.match(addr, /^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 /);
  assert.match(addr, /\n {4}inet 127\.0\.0\.1\/8 scope host lo\n/);
  // t2.micro is a Xen instance: AL2023 names its interface enX0.
  assert.match(addr, /\n2: enX0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 /);
  assert.ok(addr.includes(`\n    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n`), addr);
  assert.ok(addr.includes(`\n    inet ${ip}/24 metric 512 brd 10.0.0.255 scope global dynamic enX0\n`), addr);

  assert.equal(out['ip r'], out['ip route']);
  assert.deepEqual((out['ip r'] ?? '').split('\n'), [
    `default via 10.0.0.1 dev enX0 proto dhcp src ${ip} metric 512`,
    `10.0.0.0/24 dev enX0 proto kernel scope link src ${ip} metric 512`,
    `10.0.0.1 dev enX0 proto dhcp scope link src ${ip} metric 512`,
    `10.0.0.2 dev enX0 proto dhcp scope link src ${ip} metric 512`,
    '',
  ]);

  const resolv = (out['cat /etc/resolv.conf'] ?? '').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(resolv, ['nameserver 10.0.0.2', 'search ap-northeast-1.compute.internal']);
  assert.equal(out['hostname -I'], `${ip} \n`);
});

test("WebServer in the default VPC: the resolver 172.31.0.2 is routed via the subnet's router", async () => {
  const web = await practice.webServer();
  const ip = web.PrivateIpAddress ?? '';
  const out = await outputs(web.InstanceId ?? '', ['ip -4 a', 'ip r', 'cat /etc/resolv.conf', 'hostname']);
  assert.ok((out['ip -4 a'] ?? '').includes(`inet ${ip}/20 metric 512 brd 172.31.47.255 scope global dynamic enX0`));
  assert.ok(!(out['ip -4 a'] ?? '').includes('inet6'));
  assert.deepEqual((out['ip r'] ?? '').split('\n'), [
    `default via 172.31.32.1 dev enX0 proto dhcp src ${ip} metric 512`,
    `172.31.0.2 via 172.31.32.1 dev enX0 proto dhcp src ${ip} metric 512`,
    `172.31.32.0/20 dev enX0 proto kernel scope link src ${ip} metric 512`,
    `172.31.32.1 dev enX0 proto dhcp scope link src ${ip} metric 512`,
    '',
  ]);
  assert.match(
    out['cat /etc/resolv.conf'] ?? '',
    /\nnameserver 172\.31\.0\.2\nsearch ap-northeast-1\.compute\.internal\n$/,
  );
  assert.equal(out.hostname, `ip-${ip.replace(/\./g, '-')}.ap-northeast-1.compute.internal\n`);
});

test('ip refuses what it does not know with iproute2 words and status 255', async () => {
  const web = await practice.webServer();
  const client = await session(web.InstanceId ?? '');
  try {
    const unknown = await sshExec(client, 'ip foo');
    assert.equal(unknown.code, 255);
    assert.equal(unknown.stderr, 'Object "foo" is unknown, try "ip help".\n');
    const missing = await sshExec(client, 'ip addr show dev eth9');
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'Device "eth9" does not exist.\n');
  } finally {
    client.end();
  }
});
