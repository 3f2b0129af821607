// The route rule of reachability.ts over hand-built records: the subnet's table (explicit association, else the
// main one), the longest prefix holding the student's address, an IGW route that is a blackhole once the gateway
// is detached or gone, and the public address an instance needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRACTICE_STUDENT_IP } from '../../../../src/practice/core/constants';
import { emptyRegion, type InstanceRecord, type RegionState } from '../../../../src/practice/core/records';
import {
  publicAddressOf,
  reachableFromInternet,
  routeFor,
  routeTableOf,
  subnetReachesInternet,
} from '../../../../src/practice/machine/reachability';

function vpc(): RegionState {
  const records = emptyRegion();
  records.vpcs.push({
    id: 'vpc-1',
    cidr: '10.0.0.0/16',
    isDefault: false,
    state: 'available',
    dhcpOptionsId: 'dopt-1',
    tags: {},
  });
  for (const [id, cidr] of [
    ['subnet-pub', '10.0.0.0/24'],
    ['subnet-priv', '10.0.2.0/24'],
  ] as const)
    records.subnets.push({
      id,
      vpcId: 'vpc-1',
      az: 'ap-northeast-1a',
      cidr,
      defaultForAz: false,
      mapPublicIpOnLaunch: false,
      state: 'available',
      tags: {},
    });
  records.internetGateways.push({ id: 'igw-1', vpcId: 'vpc-1', tags: {} });
  records.routeTables.push(
    {
      id: 'rtb-main',
      vpcId: 'vpc-1',
      main: true,
      subnetIds: [],
      routes: [{ destination: '10.0.0.0/16', gatewayId: 'local' }],
      tags: {},
    },
    {
      id: 'rtb-pub',
      vpcId: 'vpc-1',
      main: false,
      subnetIds: ['subnet-pub'],
      routes: [
        { destination: '10.0.0.0/16', gatewayId: 'local' },
        { destination: '0.0.0.0/0', gatewayId: 'igw-1' },
      ],
      tags: {},
    },
  );
  records.securityGroups.push({
    id: 'sg-web',
    name: 'web-sg',
    description: 'web',
    vpcId: 'vpc-1',
    inbound: [
      {
        protocol: 'tcp',
        fromPort: 80,
        toPort: 80,
        ipv4: [{ cidr: '0.0.0.0/0' }],
        ipv6: [],
        groups: [],
        prefixLists: [],
      },
    ],
    outbound: [],
    tags: {},
  });
  return records;
}

const instance = (subnetId: string, autoPublicIp?: string) =>
  ({
    id: 'i-1',
    state: 'running',
    subnetId,
    vpcId: 'vpc-1',
    securityGroupIds: ['sg-web'],
    ...(autoPublicIp ? { autoPublicIp } : {}),
  }) as InstanceRecord;

test("a subnet uses its explicit table, else its VPC's main one", () => {
  const records = vpc();
  assert.equal(routeTableOf(records, 'subnet-pub')?.id, 'rtb-pub');
  assert.equal(routeTableOf(records, 'subnet-priv')?.id, 'rtb-main');
  assert.equal(routeTableOf(records, 'subnet-gone'), undefined);
});

test('the longest prefix holding the address wins, and a blackhole does not fall back to a shorter route', () => {
  const records = vpc();
  const table = records.routeTables[1];
  assert.ok(table);
  assert.equal(routeFor(table, PRACTICE_STUDENT_IP)?.destination, '0.0.0.0/0');
  assert.equal(routeFor(table, '10.0.3.4')?.gatewayId, 'local');
  assert.ok(subnetReachesInternet(records, 'subnet-pub'));
  assert.ok(!subnetReachesInternet(records, 'subnet-priv'), 'the main table has the local route only');
  // A more specific route to a gateway that is gone takes the student's packets into a blackhole.
  table.routes.push({ destination: '203.0.113.0/24', gatewayId: 'igw-gone' });
  assert.ok(!subnetReachesInternet(records, 'subnet-pub'));
  table.routes.pop();
  // Detached: the 0.0.0.0/0 route is a blackhole.
  delete records.internetGateways[0]?.vpcId;
  assert.ok(!subnetReachesInternet(records, 'subnet-pub'));
});

test('from the internet: a public address, a route to an attached IGW and a security group that admits the port', () => {
  const records = vpc();
  assert.ok(reachableFromInternet(records, instance('subnet-pub', '13.112.0.9'), 80));
  assert.ok(!reachableFromInternet(records, instance('subnet-pub', '13.112.0.9'), 22), 'web-sg admits 80 only');
  assert.ok(!reachableFromInternet(records, instance('subnet-pub'), 80), 'no public address');
  assert.ok(!reachableFromInternet(records, instance('subnet-priv', '13.112.0.9'), 80), 'no route to the IGW');
  assert.ok(!reachableFromInternet(records, { ...instance('subnet-pub', '13.112.0.9'), state: 'stopped' }, 80));
  records.addresses.push({
    allocationId: 'eipalloc-1',
    publicIp: '54.64.0.1',
    association: { id: 'eipassoc-1', instanceId: 'i-1', networkInterfaceId: 'eni-1', privateIp: '10.0.0.9' },
    tags: {},
  });
  assert.equal(publicAddressOf(records, instance('subnet-pub')), '54.64.0.1');
  assert.ok(reachableFromInternet(records, instance('subnet-pub'), 80), 'an Elastic IP is a public address');
});
