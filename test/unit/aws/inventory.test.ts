// Inventory mapping from SDK-shaped answers (the objects the @aws-sdk clients return), joins included: the EC2
// sections (subnets, route tables, gateways, instances, storage, groups), the snapshot itself, and the call helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as EC2 from '@aws-sdk/client-ec2';
import { assembleInventory } from '../../../src/aws/inventory';
import { CallFailure, SectionFailure, chunks, mapLimit, settleAll } from '../../../src/aws/inventory/calls';
import { raw } from '../../fixtures/inventoryAnswers';
import { context, stopped, vpc, webServer } from '../../fixtures/inventoryAnswersEc2';

const inv = assembleInventory({ context, raw, apiCalls: 16, fetchedAt: new Date('2025-04-03T00:00:00Z') });

test('subnets are public or private from their route tables, the main table included', () => {
  const byId = Object.fromEntries(inv.subnets.map((s) => [s.id, s]));
  assert.equal(byId['subnet-1a']?.isPublic, true, 'no explicit association: the main table routes to the igw');
  assert.equal(byId['subnet-private']?.isPublic, false, 'its own table has no 0.0.0.0/0 route');
  assert.equal(byId['subnet-blackhole']?.isPublic, false, 'a blackholed igw route does not reach the internet');
  assert.deepEqual(byId['subnet-1a'], {
    id: 'subnet-1a',
    vpcId: vpc,
    az: 'ap-northeast-1a',
    cidr: '172.31.32.0/20',
    isPublic: true,
    mapPublicIpOnLaunch: true,
    availableIpCount: 4091,
    isDefaultForAz: true,
    routeTableId: 'rtb-main',
    usesMainRouteTable: true,
    tags: {},
  });
  assert.equal(byId['subnet-private']?.routeTableId, 'rtb-private');
  assert.equal(byId['subnet-private']?.usesMainRouteTable, false);
});

test('route tables keep what each route sends to; gateways say where they are attached; deleted NATs are gone', () => {
  const main = inv.routeTables.find((t) => t.id === 'rtb-main');
  assert.deepEqual(main, {
    id: 'rtb-main',
    vpcId: vpc,
    isMain: true,
    subnetIds: [],
    routes: [
      { destination: '172.31.0.0/16', target: { kind: 'local' }, state: 'active' },
      { destination: '0.0.0.0/0', target: { kind: 'internetGateway', id: 'igw-0123abcd' }, state: 'active' },
    ],
    tags: {},
  });
  assert.deepEqual(inv.routeTables.find((t) => t.id === 'rtb-dead')?.routes[0]?.state, 'blackhole');
  assert.deepEqual(inv.routeTables.find((t) => t.id === 'rtb-private')?.subnetIds, ['subnet-private']);
  assert.deepEqual(inv.internetGateways, [
    { id: 'igw-0123abcd', vpcId: vpc, tags: {} },
    { id: 'igw-spare', name: 'spare', tags: { Name: 'spare' } },
  ]);
  assert.deepEqual(inv.natGateways, [
    {
      id: 'nat-1',
      vpcId: vpc,
      subnetId: 'subnet-1a',
      state: 'available',
      connectivity: 'public',
      publicIp: '3.112.0.9',
      tags: {},
    },
  ]);
});

test('instances: Name tag, EIP join, root volume, SG names; terminated excluded', () => {
  assert.deepEqual(
    inv.instances.map((i) => i.id),
    ['i-0web', 'i-0stopped'],
  );
  assert.deepEqual(inv.instances[0], {
    id: 'i-0web',
    name: 'WebServer',
    state: 'running',
    type: 't2.micro',
    az: 'ap-northeast-1a',
    vpcId: vpc,
    subnetId: 'subnet-1a',
    privateIp: '172.31.40.10',
    publicIp: '13.112.1.2',
    publicDnsName: 'ec2-13-112-1-2.ap-northeast-1.compute.amazonaws.com',
    elasticIp: '13.112.1.2',
    securityGroups: [{ id: 'sg-web', name: 'launch-wizard-1' }],
    keyName: 'ec2-key',
    imageId: 'ami-0al2023',
    platform: 'Linux/UNIX',
    launchTime: '2025-04-01T01:02:03.000Z',
    rootVolume: { volumeId: 'vol-root', deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp2' },
    tags: { Name: 'WebServer' },
  });
  const s = inv.instances[1];
  assert.equal(s?.name, undefined);
  assert.equal(s?.publicDnsName, undefined, "AWS's empty string means none");
  assert.equal(s?.stateReason, 'Client.UserInitiatedShutdown: User initiated shutdown');
  assert.deepEqual(s?.securityGroups, [{ id: 'sg-default', name: 'default' }]);
  assert.equal(s?.elasticIp, undefined);
});

test('an EIP is still found from the interface when DescribeAddresses was not readable', () => {
  const withEni: EC2.Instance = {
    ...webServer,
    NetworkInterfaces: [{ Association: { PublicIp: '13.112.1.2', IpOwnerId: '123456789012' } }],
  };
  const autoAssigned: EC2.Instance = {
    ...stopped,
    State: { Name: 'running' },
    NetworkInterfaces: [{ Association: { PublicIp: '3.3.3.3', IpOwnerId: 'amazon' } }],
  };
  const partial = assembleInventory({ context, raw: { instances: [withEni, autoAssigned] } });
  assert.equal(partial.instances[0]?.elasticIp, '13.112.1.2');
  assert.equal(partial.instances[1]?.elasticIp, undefined);
  // Volumes not listed: the root volume is known by id only.
  assert.deepEqual(partial.instances[0]?.rootVolume, { volumeId: 'vol-root', deviceName: '/dev/xvda' });
});

test('storage, addresses and security group rules', () => {
  assert.deepEqual(inv.volumes[0]?.attachedTo, { instanceId: 'i-0web', device: '/dev/xvda' });
  assert.equal(inv.volumes[0]?.createTime, '2025-04-01T01:02:03.000Z');
  assert.deepEqual(inv.snapshots[0], {
    id: 'snap-1',
    name: 'web-snap',
    volumeId: 'vol-root',
    sizeGiB: 8,
    state: 'pending',
    progress: '40%',
    description: 'WebServer backup',
    tags: { Name: 'web-snap' },
  });
  assert.deepEqual(inv.images[0]?.snapshotIds, ['snap-1']);
  assert.equal(inv.images[0]?.name, 'WebServer-AMI');
  assert.deepEqual(inv.elasticIps[1], { allocationId: 'eipalloc-2', publicIp: '13.112.9.9', tags: {} });
  const web = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
  assert.deepEqual(web?.inbound, [
    { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } },
    { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr6', cidr: '::/0' } },
    { protocol: 'tcp', fromPort: 22, toPort: 22, source: { kind: 'cidr', cidr: '0.0.0.0/0' }, description: 'SSH' },
    { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'group', groupId: 'sg-alb' } },
  ]);
  assert.deepEqual(web?.outbound, [{ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }]);
});

test('the snapshot is frozen, JSON-clean, and a missing section is just empty', () => {
  assert.ok(Object.isFrozen(inv) && Object.isFrozen(inv.instances[0]) && Object.isFrozen(inv.instances[0]?.tags));
  assert.throws(() => (inv.instances as unknown[]).push({}));
  assert.deepEqual(JSON.parse(JSON.stringify(inv)), inv);
  assert.equal(inv.fetchedAt, '2025-04-03T00:00:00.000Z');
  assert.equal(inv.apiCalls, 16);
  assert.equal(inv.azs.length, 2);
  assert.equal(inv.vpcs[0]?.isDefault, true);
  const empty = assembleInventory({ context, raw: {} });
  assert.deepEqual(
    [empty.subnets, empty.instances, empty.loadBalancers, empty.dbClusters, empty.problems],
    [[], [], [], [], []],
  );
});

test('settleAll reports every failed call of a section; mapLimit bounds concurrency', async () => {
  const denied = new CallFailure('rds:DescribeDBInstances', new Error('denied'));
  const throttled = new CallFailure('rds:DescribeDBClusters', new Error('slow down'));
  await assert.rejects(
    settleAll([Promise.reject(denied), Promise.resolve(1), Promise.reject(throttled)]),
    (e: unknown) => {
      assert.ok(e instanceof SectionFailure);
      assert.deepEqual(
        e.failures.map((f) => f.action),
        ['rds:DescribeDBInstances', 'rds:DescribeDBClusters'],
      );
      return true;
    },
  );
  assert.deepEqual(await settleAll<[number, string]>([Promise.resolve(1), Promise.resolve('a')]), [1, 'a']);

  let inFlight = 0;
  let peak = 0;
  const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    return n * 2;
  });
  assert.deepEqual(out, [2, 4, 6, 8, 10, 12, 14]);
  assert.equal(peak, 3);
  assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
});
