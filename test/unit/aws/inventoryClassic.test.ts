// The Classic Load Balancer's mapping from ELB v1's answers: listeners, the health check's target parsed, every
// instance's state and reason with its AZ joined from EC2, tags by name; the overlay carries the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as ELB from '@aws-sdk/client-elastic-load-balancing';
import { assembleInventory } from '../../../src/aws/inventory';
import { parseHealthCheckTarget, type RawClassic } from '../../../src/aws/inventory/classic';
import { overlayInventory } from '../../../src/aws/inventory/merge';
import type { AccountContext } from '../../../src/aws/types';
import { CONSOLE_CHECK, FAILED_CHECKS, HTTP_LISTENER, inService, outOfService } from '../../fixtures/classicWorld';

const context: AccountContext = {
  kind: 'practice',
  region: 'ap-northeast-1',
  accountId: '123456789012',
  callerArn: 'arn:aws:iam::123456789012:user/student',
};

const instance = (id: string, az: string): EC2.Instance => ({
  InstanceId: id,
  InstanceType: 't2.micro',
  State: { Code: 16, Name: 'running' },
  Placement: { AvailabilityZone: az },
  ImageId: 'ami-1',
  Tags: [],
});

const clb: ELB.LoadBalancerDescription = {
  LoadBalancerName: 'LoadBalancer',
  DNSName: 'LoadBalancer-123456789012.ap-northeast-1.elb.amazonaws.com',
  Scheme: 'internet-facing',
  VPCId: 'vpc-1',
  AvailabilityZones: ['ap-northeast-1c', 'ap-northeast-1a'],
  Subnets: ['subnet-1a', 'subnet-1c'],
  SecurityGroups: ['sg-clb'],
  SourceSecurityGroup: { OwnerAlias: '123456789012', GroupName: 'LoadBalancerSG' },
  ListenerDescriptions: [
    { Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 } },
  ],
  HealthCheck: { Target: 'HTTP:80/index.html', Interval: 30, Timeout: 5, HealthyThreshold: 10, UnhealthyThreshold: 2 },
  Instances: [{ InstanceId: 'i-image1' }, { InstanceId: 'i-image2' }],
  CreatedTime: new Date('2026-11-01T00:00:00Z'),
};

const raw: RawClassic = {
  loadBalancers: [clb],
  instanceHealth: {
    LoadBalancer: [
      { InstanceId: 'i-image1', State: 'InService', ReasonCode: 'N/A', Description: 'N/A' },
      {
        InstanceId: 'i-image2',
        State: 'OutOfService',
        ReasonCode: 'Instance',
        Description: FAILED_CHECKS,
      },
    ],
  },
  tags: { LoadBalancer: [{ Key: 'Name', Value: 'LoadBalancer' }] },
};

test('a console-made CLB maps with listeners, health check, instances and their AZs', () => {
  const inv = assembleInventory({
    context,
    raw: {
      instances: [instance('i-image1', 'ap-northeast-1a'), instance('i-image2', 'ap-northeast-1c')],
      classic: raw,
    },
  });
  assert.equal(inv.classicLoadBalancers.length, 1);
  const lb = inv.classicLoadBalancers[0];
  assert.ok(lb);
  assert.equal(lb.name, 'LoadBalancer');
  assert.equal(lb.scheme, 'internet-facing');
  assert.deepEqual(lb.azs, ['ap-northeast-1a', 'ap-northeast-1c']);
  assert.deepEqual(lb.securityGroupIds, ['sg-clb']);
  assert.deepEqual(lb.sourceSecurityGroup, { ownerAlias: '123456789012', groupName: 'LoadBalancerSG' });
  assert.deepEqual(lb.listeners, [HTTP_LISTENER]);
  assert.deepEqual(lb.healthCheck, CONSOLE_CHECK);
  assert.deepEqual(lb.instances, [
    inService('i-image1', 'ap-northeast-1a'),
    outOfService('i-image2', 'ap-northeast-1c'),
  ]);
  assert.equal(lb.createdTime, '2026-11-01T00:00:00.000Z');
  assert.deepEqual(lb.tags, { Name: 'LoadBalancer' });
  assert.ok(Object.isFrozen(lb.instances));
});

test('without a health answer the registered instances are Unknown; an instance EC2 did not list has no AZ', () => {
  const inv = assembleInventory({ context, raw: { classic: { loadBalancers: [clb], instanceHealth: {}, tags: {} } } });
  assert.deepEqual(
    inv.classicLoadBalancers[0]?.instances.map((i) => [i.id, i.state, i.az]),
    [
      ['i-image1', 'Unknown', undefined],
      ['i-image2', 'Unknown', undefined],
    ],
  );
  assert.deepEqual(inv.classicLoadBalancers[0]?.tags, {});
});

test('no load balancing section, no CLBs', () => {
  assert.deepEqual(assembleInventory({ context, raw: {} }).classicLoadBalancers, []);
});

test('the health check target is parsed as AWS writes it', () => {
  assert.deepEqual(parseHealthCheckTarget('HTTP:80/index.html'), { protocol: 'HTTP', port: 80, path: '/index.html' });
  assert.deepEqual(parseHealthCheckTarget('HTTPS:443/'), { protocol: 'HTTPS', port: 443, path: '/' });
  assert.deepEqual(parseHealthCheckTarget('HTTP:8080'), { protocol: 'HTTP', port: 8080, path: '/' });
  assert.deepEqual(parseHealthCheckTarget('TCP:80'), { protocol: 'TCP', port: 80 });
  assert.deepEqual(parseHealthCheckTarget('ssl:443'), { protocol: 'SSL', port: 443 });
  assert.deepEqual(parseHealthCheckTarget('nonsense'), { protocol: '', port: 0 });
});

test('a scoped load balancing read carries its CLBs over the whole inventory', () => {
  const whole = assembleInventory({ context, raw: { classic: raw } });
  const part = assembleInventory({
    context,
    raw: { classic: { loadBalancers: [], instanceHealth: {}, tags: {} } },
    sections: ['loadBalancing'],
  });
  assert.equal(whole.classicLoadBalancers.length, 1);
  assert.deepEqual(overlayInventory(whole, part)?.classicLoadBalancers, []);
  const other = assembleInventory({ context, raw: {}, sections: ['instances'] });
  assert.equal(overlayInventory(whole, other)?.classicLoadBalancers.length, 1);
});
