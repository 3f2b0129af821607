// A Classic Load Balancer's health over time at a fast clock (speed 600: a 30 s interval lasts 50 ms): a new
// registration is OutOfService "registration is still in progress" until healthy threshold × interval have
// passed, then InService; a failure shows after unhealthy threshold × interval, not at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { tcp } from '../../../../src/practice/seed/startingState';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';
import { eventually, instanceNamed, setInbound, subnetIn } from '../../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 600, world: createStartingWorld() });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

const state = async () => {
  const answer = await aws.clb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'slow' }));
  const row = answer.InstanceStates?.[0];
  return `${row?.State} ${row?.Description}`;
};

test('registration in progress, InService after 10 × 30 s (scaled), then OutOfService 2 × 30 s after the group closes', async () => {
  await aws.clb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: 'slow',
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      Subnets: [subnetIn(server.world, 'a')],
    }),
  );
  await aws.clb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: 'slow',
      HealthCheck: {
        Target: 'HTTP:80/index.html',
        Interval: 30,
        Timeout: 5,
        HealthyThreshold: 10,
        UnhealthyThreshold: 2,
      },
    }),
  );
  const registeredAt = Date.now();
  await aws.clb.send(
    new RegisterInstancesWithLoadBalancerCommand({
      LoadBalancerName: 'slow',
      Instances: [{ InstanceId: instanceNamed(server.world, 'WebServer').id }],
    }),
  );
  assert.equal(await state(), 'OutOfService Instance registration is still in progress.');
  await eventually(state, (s) => s === 'InService N/A', 5000);
  assert.ok(Date.now() - registeredAt >= 450, 'not before 10 checks of 50 ms');
  setInbound(server.world, 'launch-wizard-1', [tcp(22, { ipv4: [{ cidr: '0.0.0.0/0' }] })]);
  const closedAt = Date.now();
  assert.equal(await state(), 'InService N/A');
  await eventually(state, (s) => s.startsWith('OutOfService Instance has failed'), 5000);
  assert.ok(Date.now() - closedAt >= 90, 'not before 2 checks of 50 ms');
});
