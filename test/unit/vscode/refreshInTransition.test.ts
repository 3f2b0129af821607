// isInTransition, which sets the refresh pace: false for a settled account, true while instances, load balancers,
// targets, snapshots, AMIs or databases change.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../src/aws/types';
import { isInTransition } from '../../../src/vscode/views/refreshScheduler';

describe('isInTransition', () => {
  const empty: Inventory = {
    context: { kind: 'practice', region: 'ap-northeast-1', accountId: '1', callerArn: 'arn' },
    fetchedAt: '',
    azs: [],
    vpcs: [],
    subnets: [],
    routeTables: [],
    internetGateways: [],
    natGateways: [],
    instances: [],
    volumes: [],
    snapshots: [],
    images: [],
    elasticIps: [],
    securityGroups: [],
    loadBalancers: [],
    targetGroups: [],
    classicLoadBalancers: [],
    dbInstances: [],
    dbClusters: [],
    dbSubnetGroups: [],
    dbEvents: [],
    autoScalingGroups: [],
    launchTemplates: [],
    scalingPolicies: [],
    metricAlarms: [],
    scalingActivities: [],
    problems: [],
    apiCalls: 0,
  };
  const instance = (state: Inventory['instances'][number]['state']) => ({
    id: 'i-1',
    state,
    type: 't2.micro',
    az: 'ap-northeast-1a',
    securityGroups: [],
    imageId: 'ami-1',
    tags: {},
  });
  const tg = (state: Inventory['targetGroups'][number]['targets'][number]['state']) => ({
    arn: 'tg',
    name: 'tg',
    targetType: 'instance',
    loadBalancerArns: [],
    healthCheck: {},
    targets: [{ id: 'i-1', state }],
    tags: {},
  });
  const db = (status: string) => ({
    id: 'db',
    arn: 'db',
    engine: 'mysql',
    instanceClass: 'db.t3.micro',
    status,
    multiAz: false,
    publiclyAccessible: false,
    securityGroupIds: [],
    tags: {},
  });

  it('is false for a settled account', () => {
    assert.equal(isInTransition(empty), false);
    assert.equal(
      isInTransition({ ...empty, instances: [instance('running'), instance('stopped'), instance('terminated')] }),
      false,
    );
    assert.equal(isInTransition({ ...empty, targetGroups: [tg('healthy'), tg('unhealthy'), tg('unused')] }), false);
    assert.equal(isInTransition({ ...empty, dbInstances: [db('available'), db('stopped')] }), false);
  });

  it('is true while instances, load balancers, targets, snapshots, AMIs or databases change', () => {
    for (const state of ['pending', 'stopping', 'shutting-down'] as const) {
      assert.equal(isInTransition({ ...empty, instances: [instance(state)] }), true, state);
    }
    for (const state of ['initial', 'draining'] as const) {
      assert.equal(isInTransition({ ...empty, targetGroups: [tg(state)] }), true, state);
    }
    const lb = {
      arn: 'lb',
      name: 'lb',
      dnsName: 'x',
      scheme: 'internet-facing',
      type: 'application',
      state: 'provisioning',
      zones: [],
      securityGroupIds: [],
      listeners: [],
      tags: {},
    };
    assert.equal(isInTransition({ ...empty, loadBalancers: [lb] }), true);
    assert.equal(isInTransition({ ...empty, loadBalancers: [{ ...lb, state: 'active' }] }), false);
    assert.equal(isInTransition({ ...empty, snapshots: [{ id: 's', sizeGiB: 8, state: 'pending', tags: {} }] }), true);
    assert.equal(
      isInTransition({ ...empty, images: [{ id: 'a', state: 'pending', snapshotIds: [], tags: {} }] }),
      true,
    );
    for (const status of ['creating', 'backing-up', 'modifying', 'rebooting']) {
      assert.equal(isInTransition({ ...empty, dbInstances: [db(status)] }), true, status);
    }
  });
});
