// Inventory mapping from SDK-shaped answers, beyond EC2: load balancers with their listeners, target groups and
// targets' AZs; RDS Multi-AZ, Aurora members, subnet groups and events; Auto Scaling groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleInventory } from '../../../src/aws/inventory';
import { raw } from '../../fixtures/inventoryAnswers';
import { context } from '../../fixtures/inventoryAnswersEc2';

const inv = assembleInventory({ context, raw, apiCalls: 16, fetchedAt: new Date('2025-04-03T00:00:00Z') });

test('load balancers, listeners, target groups and targets with their AZ', () => {
  const lb = inv.loadBalancers[0];
  assert.equal(lb?.state, 'active');
  assert.deepEqual(lb?.zones, [
    { az: 'ap-northeast-1a', subnetId: 'subnet-1a' },
    { az: 'ap-northeast-1c', subnetId: 'subnet-private' },
  ]);
  assert.deepEqual(
    lb?.listeners.map((l) => [l.port, l.protocol, l.forwardTo, l.defaultActionTypes]),
    [
      [80, 'HTTP', ['arn:tg/web-tg'], ['forward']],
      [443, 'HTTPS', [], ['fixed-response']],
    ],
  );
  const tg = inv.targetGroups[0];
  assert.deepEqual(tg?.healthCheck, {
    protocol: 'HTTP',
    port: 'traffic-port',
    path: '/',
    intervalSeconds: 30,
    timeoutSeconds: 5,
    healthyThreshold: 5,
    unhealthyThreshold: 2,
    matcher: '200',
  });
  assert.deepEqual(tg?.tags, { lab: 'scale-out' });
  assert.deepEqual(tg?.targets, [
    { id: 'i-0web', port: 80, az: 'ap-northeast-1a', state: 'healthy' },
    {
      id: 'i-0stopped',
      port: 80,
      az: 'ap-northeast-1c',
      state: 'unused',
      reason: 'Target.InvalidState',
      description: 'Target is in the stopped state',
    },
    {
      id: '10.0.0.5',
      port: 80,
      az: 'all',
      state: 'unhealthy',
      reason: 'Target.Timeout',
      description: 'Request timed out',
    },
  ]);
});

test('RDS Multi-AZ, Aurora members with their AZs (writer first), Auto Scaling', () => {
  const db = inv.dbInstances[0];
  assert.equal(db?.multiAz, true);
  assert.equal(db?.secondaryAz, 'ap-northeast-1c');
  assert.deepEqual(db?.endpoint, { address: 'lab-mysql.abc.ap-northeast-1.rds.amazonaws.com', port: 3306 });
  assert.deepEqual(db?.securityGroupIds, ['sg-db']);
  assert.equal(inv.dbInstances[1]?.clusterId, 'lab-aurora');
  assert.deepEqual(inv.dbClusters[0]?.members, [
    { instanceId: 'aurora-1', isWriter: true, az: 'ap-northeast-1c' },
    { instanceId: 'aurora-2', isWriter: false, az: 'ap-northeast-1a' },
  ]);
  assert.deepEqual(
    [inv.dbClusters[0]?.subnetGroupName, inv.dbClusters[0]?.securityGroupIds, inv.dbClusters[0]?.databaseName],
    ['db-subnetgroup', ['sg-db'], 'wordpress'],
  );
  assert.equal(inv.dbClusters[0]?.deletionProtection, true);
  // Events of databases only, oldest first.
  assert.deepEqual(
    inv.dbEvents.map((e) => [e.sourceId, e.message, e.date]),
    [
      ['lab-mysql', 'Multi-AZ instance failover started.', '2026-11-23T10:00:00.000Z'],
      ['lab-mysql', 'Multi-AZ instance failover completed.', '2026-11-23T10:00:40.000Z'],
    ],
  );
  assert.deepEqual(inv.dbSubnetGroups, [
    {
      name: 'db-subnetgroup',
      vpcId: 'vpc-0a1b2c3d',
      subnetIds: ['subnet-c', 'subnet-a'],
      azs: ['ap-northeast-1a', 'ap-northeast-1c'],
      status: 'Complete',
    },
  ]);
  const asg = inv.autoScalingGroups[0];
  assert.deepEqual(asg?.subnetIds, ['subnet-1a', 'subnet-private']);
  assert.deepEqual(asg?.launchTemplate, { id: 'lt-1', name: 'web', version: '$Latest' });
  assert.deepEqual(asg?.tags, { lab: 'scale-out' });
  assert.equal(asg?.instances[0]?.lifecycleState, 'InService');
});
