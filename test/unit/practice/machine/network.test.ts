// network.ts: the instance's network from its subnet and VPC (router = subnet base + 1, resolver = VPC base + 2,
// AL2023's interface names), the EUI-64 link-local address, and the resolver's route when it lies outside the subnet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyRegion, type InstanceRecord } from '../../../../src/practice/core/records';
import {
  instanceNetwork,
  ipRouteText,
  linkLocalAddress,
  searchDomainOf,
} from '../../../../src/practice/machine/network';

function records() {
  const r = emptyRegion();
  r.vpcs.push({
    id: 'vpc-1',
    cidr: '10.1.0.0/16',
    isDefault: false,
    state: 'available',
    dhcpOptionsId: 'dopt-1',
    tags: {},
  });
  r.subnets.push({
    id: 'subnet-1',
    vpcId: 'vpc-1',
    az: 'ap-northeast-1c',
    cidr: '10.1.64.0/18',
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
    state: 'available',
    tags: {},
  });
  return r;
}

const instance = (
  type: string,
): Pick<InstanceRecord, 'subnetId' | 'vpcId' | 'privateIp' | 'type' | 'eni' | 'launchTime'> => ({
  subnetId: 'subnet-1',
  vpcId: 'vpc-1',
  privateIp: '10.1.70.5',
  type,
  eni: { id: 'eni-1', attachmentId: 'eni-attach-1', macAddress: '06:5e:3f:0a:1b:2c' },
  launchTime: '2026-12-01T00:00:00.000Z',
});

test('router, broadcast and resolver follow the subnet and the VPC; Xen families get enX0, Nitro ens5', () => {
  const net = instanceNetwork(records(), 'ap-northeast-1', instance('t2.micro'), new Date('2026-12-01T00:10:00Z'));
  assert.ok(net);
  assert.deepEqual(
    [net.device, net.prefix, net.network, net.broadcast, net.router, net.resolver, net.searchDomain, net.leaseSeconds],
    ['enX0', 18, '10.1.64.0', '10.1.127.255', '10.1.64.1', '10.1.0.2', 'ap-northeast-1.compute.internal', 3000],
  );
  assert.equal(instanceNetwork(records(), 'ap-northeast-1', instance('t3.micro'), new Date())?.device, 'ens5');
  assert.equal(instanceNetwork(emptyRegion(), 'ap-northeast-1', instance('t2.micro'), new Date()), undefined);
  assert.equal(searchDomainOf('us-east-1'), 'ec2.internal');
});

test('the resolver outside the subnet is routed via the router', () => {
  const net = instanceNetwork(records(), 'ap-northeast-1', instance('t3.micro'), new Date());
  assert.ok(net);
  assert.deepEqual(ipRouteText(net).split('\n'), [
    'default via 10.1.64.1 dev ens5 proto dhcp src 10.1.70.5 metric 512',
    '10.1.0.2 via 10.1.64.1 dev ens5 proto dhcp src 10.1.70.5 metric 512',
    '10.1.64.0/18 dev ens5 proto kernel scope link src 10.1.70.5 metric 512',
    '10.1.64.1 dev ens5 proto dhcp scope link src 10.1.70.5 metric 512',
    '',
  ]);
});

test('the link-local address is the MAC as EUI-64 with the universal bit flipped', () => {
  assert.equal(linkLocalAddress('06:5e:3f:0a:1b:2c'), 'fe80::45e:3fff:fe0a:1b2c');
  assert.equal(linkLocalAddress('0a:00:00:00:00:01'), 'fe80::800:ff:fe00:1');
});
