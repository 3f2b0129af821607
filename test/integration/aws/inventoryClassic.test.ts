// Classic Load Balancers through the real SDK against the practice account (ELB v1): the inventory reads seed 001's
// CLB with its listener, health check, instances' health and AZs (one stopped: OutOfService with AWS's reason) and
// tags; a denied DescribeInstanceHealth is a problem naming it; the meter lists each CLB; cleanup deletes the lab's
// CLB and its lab-made group and leaves a console-made one standing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { CreateSecurityGroupCommand, StopInstancesCommand, waitUntilInstanceStopped } from '@aws-sdk/client-ec2';
import { resolveAccount } from '../../../src/aws/account';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { fetchInventory } from '../../../src/aws/inventory';
import { estimateCost } from '../../../src/cost/estimate';
import { priceTable } from '../../../src/cost/prices';
import { planCleanup, runCleanup } from '../../../src/lab/cleanup/plan';
import { LAB_ID, LAB_TAG } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../src/practice/core/server';
import { practiceClients, type PracticeClients } from '../../fixtures/practiceClients';
import { addLabResources, instanceNamed } from '../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;
let clients: AwsClients;
let web: string;
let web2: string;
let elbSg: string;
let consoleSg: string;

const a = `${PRACTICE_REGION}a`;
const d = `${PRACTICE_REGION}d`;

async function makeClb(name: string, groupId: string, tags: { Key: string; Value: string }[]) {
  await aws.clb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: name,
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      AvailabilityZones: [a, d],
      SecurityGroups: [groupId],
      Tags: tags,
    }),
  );
  await aws.clb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: name,
      HealthCheck: {
        Target: 'HTTP:80/index.html',
        Interval: 30,
        Timeout: 5,
        HealthyThreshold: 10,
        UnhealthyThreshold: 2,
      },
    }),
  );
  await aws.clb.send(
    new RegisterInstancesWithLoadBalancerCommand({
      LoadBalancerName: name,
      Instances: [{ InstanceId: web }, { InstanceId: web2 }],
    }),
  );
}

before(async () => {
  const world = createStartingWorld();
  addLabResources(world);
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
  const endpoint = server.endpoint;
  const account = await resolveAccount({ source: 'practice', endpointUrl: endpoint }, async () => endpoint, {});
  clients = createClients(account);
  web = instanceNamed(server.world, 'WebServer').id;
  web2 = instanceNamed(server.world, 'WebServer2').id;
  const vpcId = instanceNamed(server.world, 'WebServer').vpcId;
  const lab = [{ Key: LAB_TAG, Value: LAB_ID }];
  const group = async (GroupName: string, tags: { Key: string; Value: string }[]) =>
    (
      await aws.ec2.send(
        new CreateSecurityGroupCommand({
          GroupName,
          Description: GroupName,
          VpcId: vpcId,
          ...(tags.length > 0 ? { TagSpecifications: [{ ResourceType: 'security-group', Tags: tags }] } : {}),
        }),
      )
    ).GroupId ?? '';
  elbSg = await group('elb-sg', lab);
  consoleSg = await group('console-elb-sg', []);
  await makeClb('seed001-elb', elbSg, [{ Key: 'Name', Value: 'seed001-elb' }, ...lab]);
  await makeClb('console-elb', consoleSg, [{ Key: 'Name', Value: 'console-elb' }]);
  // Seed 001 stops a server before imaging it: stopped, it is OutOfService.
  await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [web2] }));
  await waitUntilInstanceStopped(
    { client: aws.ec2, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.1 },
    {
      InstanceIds: [web2],
    },
  );
});
after(async () => {
  clients.destroy();
  aws.destroy();
  await server.close();
});

test('the inventory reads each CLB with its listener, health check, instances’ health, AZs and tags', async () => {
  const inv = await fetchInventory(clients);
  assert.deepEqual(inv.problems, []);
  assert.deepEqual(inv.classicLoadBalancers.map((lb) => lb.name).sort(), ['console-elb', 'seed001-elb']);
  const lb = inv.classicLoadBalancers.find((x) => x.name === 'seed001-elb');
  assert.ok(lb);
  assert.match(lb.dnsName, /^seed001-elb-\d{10}\.ap-northeast-1\.elb\.amazonaws\.com$/);
  assert.equal(lb.scheme, 'internet-facing');
  assert.deepEqual(lb.azs, [a, d]);
  assert.deepEqual(lb.securityGroupIds, [elbSg]);
  assert.deepEqual(lb.listeners, [{ protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80 }]);
  assert.equal(lb.healthCheck.path, '/index.html');
  assert.equal(lb.healthCheck.healthyThreshold, 10);
  assert.equal(lb.tags[LAB_TAG], LAB_ID);
  const byId = new Map(lb.instances.map((i) => [i.id, i]));
  assert.deepEqual(byId.get(web), { id: web, state: 'InService', reasonCode: 'N/A', description: 'N/A', az: a });
  const stopped = byId.get(web2);
  assert.equal(stopped?.state, 'OutOfService');
  assert.equal(stopped?.reasonCode, 'Instance');
  assert.equal(stopped?.description, 'Instance is in stopped state.');
  assert.equal(stopped?.az, d);
  assert.equal(inv.classicLoadBalancers.length, 2);
});

test('API calls: one DescribeInstanceHealth per CLB and one DescribeTags for both', async () => {
  const inv = await fetchInventory(clients, { sections: ['loadBalancing'] });
  // STS + the two ELBv2 lists + ELB v1's list + 2 DescribeInstanceHealth + 1 DescribeTags.
  assert.equal(inv.apiCalls, 1 + 2 + 1 + 2 + 1);
});

test('a denied DescribeInstanceHealth is a problem naming it; the rest of the account is returned', async () => {
  // Faults name ELB v1 `elb` (its signing name is ELBv2's too); AWS names the action elasticloadbalancing:…
  server.injectFault({ action: 'elb:DescribeInstanceHealth', kind: 'accessDenied', count: 1 });
  const inv = await fetchInventory(clients);
  assert.deepEqual(
    inv.problems.map((p) => [p.section, p.action, p.error.kind]),
    [['loadBalancing', 'elasticloadbalancing:DescribeInstanceHealth', 'accessDenied']],
  );
  assert.ok(inv.instances.some((i) => i.name === 'WebServer'));
});

test('the meter lists each CLB at Tokyo’s rate with its public addresses', async () => {
  const inv = await fetchInventory(clients);
  const estimate = estimateCost(inv, { prices: priceTable(PRACTICE_REGION) });
  const clbs = estimate.items.filter((i) => i.kind === 'loadBalancer' && i.detail.type === 'classic');
  assert.deepEqual(clbs.map((i) => [i.resourceId, i.hourlyUsd]).sort(), [
    ['console-elb', 0.027],
    ['seed001-elb', 0.027],
  ]);
  const ipv4 = estimate.items.filter((i) => i.kind === 'publicIpv4' && i.resourceId === 'seed001-elb');
  assert.deepEqual(
    ipv4.map((i) => i.detail.addresses),
    [2],
  );
});

test('cleanup deletes the lab’s CLB and its group, and leaves the console-made CLB standing', async () => {
  const inv = await fetchInventory(clients);
  const plan = planCleanup(inv, { prices: priceTable(PRACTICE_REGION) });
  const planned = plan.items.filter((i) => i.kind === 'loadBalancer').map((i) => i.id);
  assert.deepEqual(planned, ['seed001-elb']);
  assert.ok(plan.others.some((i) => i.id === 'console-elb'));
  const groupsPlanned = plan.items.filter((i) => i.kind === 'securityGroup').map((i) => i.id);
  assert.ok(groupsPlanned.includes(elbSg) && !groupsPlanned.includes(consoleSg), JSON.stringify(groupsPlanned));
  const stage = (id: string) => plan.items.find((i) => i.id === id)?.stage ?? -1;
  assert.ok(stage('seed001-elb') < stage(elbSg));
  const result = await runCleanup(plan, {
    clients,
    inventory: () => fetchInventory(clients),
    signal: new AbortController().signal,
    progress: () => undefined,
    prices: priceTable(PRACTICE_REGION),
    retrySeconds: 0.5,
  });
  assert.ok(result.deleted.some((i) => i.id === 'seed001-elb'));
  const left =
    (await aws.clb.send(new DescribeLoadBalancersCommand({}))).LoadBalancerDescriptions?.map(
      (lb) => lb.LoadBalancerName,
    ) ?? [];
  assert.deepEqual(left, ['console-elb']);
  assert.ok(!result.leftBillable.some((i) => i.id === 'seed001-elb'));
  assert.deepEqual(result.failed, []);
  assert.ok(result.deleted.some((i) => i.id === elbSg));
  const after = await fetchInventory(clients);
  assert.ok(!after.securityGroups.some((g) => g.id === elbSg));
  assert.ok(after.securityGroups.some((g) => g.id === consoleSg));
});
