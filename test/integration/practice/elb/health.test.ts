// A Classic Load Balancer's instance health evaluated from the world, through the real v1 client at 'instant'
// speed, and its DNS name served: InService with a group that admits the load balancer's group, round robin over
// InService instances on the listener's instance port, 503 with none; OutOfService with AWS's ReasonCode and
// sentence when the instance's group does not admit the load balancer, the path is wrong, the instance is stopped
// or terminated (still registered), or its AZ is not enabled. The group in use cannot be deleted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  DisableAvailabilityZonesForLoadBalancerCommand,
  EnableAvailabilityZonesForLoadBalancerCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DeleteSecurityGroupCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { tcp } from '../../../../src/practice/seed/startingState';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';
import {
  addLabResources,
  eventually,
  groupNamed,
  instanceNamed,
  setInbound,
  webRequest,
} from '../../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;
let dnsName = '';

const NAME = 'elb-web';
const FAILED = 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.';
const webId = () => instanceNamed(server.world, 'WebServer').id;
const web2Id = () => instanceNamed(server.world, 'WebServer2').id;
const openHttp = () => tcp(80, { ipv4: [{ cidr: '0.0.0.0/0' }] });
const ssh = () => tcp(22, { ipv4: [{ cidr: '0.0.0.0/0' }] });

before(async () => {
  const world = createStartingWorld();
  addLabResources(world);
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
  // Seed 001's CLB as the console makes it: HTTP 80 -> 80, its own group, 1a and 1d, the console's health check.
  const made = await aws.clb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: NAME,
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      AvailabilityZones: [`${PRACTICE_REGION}a`, `${PRACTICE_REGION}d`],
      SecurityGroups: [groupNamed(world, 'alb-sg').id],
    }),
  );
  dnsName = made.DNSName ?? '';
  await aws.clb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: NAME,
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
      LoadBalancerName: NAME,
      Instances: [{ InstanceId: webId() }, { InstanceId: web2Id() }],
    }),
  );
});
after(async () => {
  aws.destroy();
  await server.close();
});

async function health(): Promise<Record<string, string>> {
  const answer = await aws.clb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: NAME }));
  return Object.fromEntries(
    (answer.InstanceStates ?? []).map((s) => [s.InstanceId ?? '', `${s.State} ${s.ReasonCode} ${s.Description}`]),
  );
}

async function servedBy(count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await webRequest(server.endpoint, dnsName, '/');
    out.push(
      answer.kind === 'answer' ? `${answer.status} ${String(answer.headers['x-served-by'] ?? '-')}` : answer.kind,
    );
  }
  return out;
}

test('both InService, and the DNS name answers from each in turn (round robin over InService instances)', async () => {
  assert.deepEqual(await health(), {
    [webId()]: 'InService N/A N/A',
    [web2Id()]: 'InService N/A N/A',
  });
  const served = await servedBy(4);
  assert.equal(new Set(served).size, 2, served.join(' '));
  assert.ok(served.every((s) => s.startsWith('200 ')));
  const page = await webRequest(server.endpoint, dnsName, '/');
  assert.equal(page.kind === 'answer' && /私たちのビジョン/.test(page.body), true);
  // The health checks reach the access log from the load balancer's nodes, as ELB-HealthChecker/1.0.
  const log = instanceNamed(server.world, 'WebServer').files['/var/log/httpd/access_log']?.content ?? '';
  assert.match(log, /"GET \/index\.html HTTP\/1\.1" 200 .*ELB-HealthChecker\/1\.0/);
});

test("the instances' group does not admit the load balancer: OutOfService (Instance), then 503; the LB's group admitted: InService", async () => {
  setInbound(server.world, 'launch-wizard-1', [ssh()]);
  assert.deepEqual(await health(), {
    [webId()]: `OutOfService Instance ${FAILED}`,
    [web2Id()]: `OutOfService Instance ${FAILED}`,
  });
  const answer = await webRequest(server.endpoint, dnsName, '/');
  assert.equal(answer.kind === 'answer' ? answer.status : answer.kind, 503);
  assert.equal(answer.kind === 'answer' ? answer.body : 'none', '');
  // The proper rule: HTTP from the load balancer's security group only.
  setInbound(server.world, 'launch-wizard-1', [
    ssh(),
    tcp(80, { groups: [{ groupId: groupNamed(server.world, 'alb-sg').id }] }),
  ]);
  assert.deepEqual(await health(), {
    [webId()]: 'InService N/A N/A',
    [web2Id()]: 'InService N/A N/A',
  });
  setInbound(server.world, 'launch-wizard-1', [ssh(), openHttp()]);
});

test('a wrong health-check path: OutOfService (Instance) until the path is right again', async () => {
  await aws.clb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: NAME,
      HealthCheck: {
        Target: 'HTTP:80/missing.html',
        Interval: 30,
        Timeout: 5,
        HealthyThreshold: 10,
        UnhealthyThreshold: 2,
      },
    }),
  );
  assert.equal((await health())[webId()], `OutOfService Instance ${FAILED}`);
  await aws.clb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: NAME,
      HealthCheck: {
        Target: 'HTTP:80/index.html',
        Interval: 30,
        Timeout: 5,
        HealthyThreshold: 10,
        UnhealthyThreshold: 2,
      },
    }),
  );
  assert.equal((await health())[webId()], 'InService N/A N/A');
});

test('an AZ not enabled: OutOfService (ELB) for the instance there; enabling it again brings it back', async () => {
  await aws.clb.send(
    new DisableAvailabilityZonesForLoadBalancerCommand({
      LoadBalancerName: NAME,
      AvailabilityZones: [`${PRACTICE_REGION}d`],
    }),
  );
  assert.deepEqual(await health(), {
    [webId()]: 'InService N/A N/A',
    [web2Id()]:
      'OutOfService ELB Instance is in an Availability Zone for which LoadBalancer is not configured to route traffic to.',
  });
  assert.deepEqual(new Set(await servedBy(3)), new Set([`200 ${webId()}`]));
  const enabled = await aws.clb.send(
    new EnableAvailabilityZonesForLoadBalancerCommand({
      LoadBalancerName: NAME,
      AvailabilityZones: [`${PRACTICE_REGION}d`],
    }),
  );
  assert.deepEqual(enabled.AvailabilityZones, [`${PRACTICE_REGION}a`, `${PRACTICE_REGION}d`]);
  assert.equal((await health())[web2Id()], 'InService N/A N/A');
});

test('a stopped instance: OutOfService "Instance is in stopped state.", the other one serves every request', async () => {
  await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [webId()] }));
  await eventually(health, (h) => h[webId()] === 'OutOfService Instance Instance is in stopped state.');
  assert.deepEqual(new Set(await servedBy(4)), new Set([`200 ${web2Id()}`]));
  await aws.ec2.send(new StartInstancesCommand({ InstanceIds: [webId()] }));
  await eventually(health, (h) => h[webId()] === 'InService N/A N/A');
});

test('the group a CLB uses cannot be deleted (DependencyViolation)', async () => {
  const error = await rejection(
    aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupNamed(server.world, 'alb-sg').id })),
  );
  assert.equal(error.name, 'DependencyViolation');
});

test('a terminated instance stays registered, OutOfService "Instance is in terminated state."', async () => {
  await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [web2Id()] }));
  await eventually(health, (h) => h[web2Id()] === 'OutOfService Instance Instance is in terminated state.');
  assert.deepEqual(Object.keys(await health()), [webId(), web2Id()]);
});
