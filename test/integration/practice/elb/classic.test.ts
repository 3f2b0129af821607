// The Classic Load Balancer (ELB v1) through the real @aws-sdk/client-elastic-load-balancing at 'instant' speed:
// seed 001's load balancer made as the console makes it (listener HTTP 80 -> 80, its own group, the default
// subnets of 1a and 1d, ConfigureHealthCheck HTTP:80/index.html), both web servers registered and InService;
// Describe by name and in pages, the v1 and v2 clients against one server, and AWS's errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  DescribeLoadBalancersCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  CreateLoadBalancerCommand as CreateAlbCommand,
  DescribeLoadBalancersCommand as DescribeAlbsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';
import { addLabResources, groupNamed, instanceNamed, subnetIn } from '../../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;

before(async () => {
  const world = createStartingWorld();
  addLabResources(world);
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

const code = (error: { name: string; Code?: string }) => error.Code ?? error.name;
const a = `${PRACTICE_REGION}a`;
const d = `${PRACTICE_REGION}d`;

async function health(name: string) {
  const answer = await aws.clb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: name }));
  return answer.InstanceStates ?? [];
}

test('CreateLoadBalancer with AvailabilityZones: the default subnets, the DNS name, the API default health check', async () => {
  const made = await aws.clb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: 'elb-web',
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      AvailabilityZones: [a, d],
      SecurityGroups: [groupNamed(server.world, 'alb-sg').id],
      Tags: [{ Key: 'Name', Value: 'elb-web' }],
    }),
  );
  assert.match(made.DNSName ?? '', /^elb-web-\d{10}\.ap-northeast-1\.elb\.amazonaws\.com$/);
  const [lb] =
    (await aws.clb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['elb-web'] })))
      .LoadBalancerDescriptions ?? [];
  assert.equal(lb?.DNSName, made.DNSName);
  assert.equal(lb?.Scheme, 'internet-facing');
  assert.deepEqual(lb?.AvailabilityZones, [a, d]);
  assert.deepEqual(lb?.Subnets, [subnetIn(server.world, 'a'), subnetIn(server.world, 'd')]);
  assert.equal(lb?.VPCId, instanceNamed(server.world, 'WebServer').vpcId);
  assert.deepEqual(lb?.SecurityGroups, [groupNamed(server.world, 'alb-sg').id]);
  assert.deepEqual(lb?.SourceSecurityGroup, { OwnerAlias: '123456789012', GroupName: 'alb-sg' });
  assert.deepEqual(lb?.ListenerDescriptions, [
    {
      Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
      PolicyNames: [],
    },
  ]);
  assert.deepEqual(lb?.HealthCheck, {
    Target: 'TCP:80',
    Interval: 30,
    Timeout: 5,
    UnhealthyThreshold: 2,
    HealthyThreshold: 10,
  });
  assert.ok(lb?.CreatedTime instanceof Date);
  assert.equal(lb?.CanonicalHostedZoneNameID, 'Z14GRHDCWA56QT');
  // The same request again answers the same name; a different one is a duplicate.
  const again = await aws.clb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: 'elb-web',
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      AvailabilityZones: [a, d],
      SecurityGroups: [groupNamed(server.world, 'alb-sg').id],
    }),
  );
  assert.equal(again.DNSName, made.DNSName);
  const duplicate = await rejection(
    aws.clb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'elb-web',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 8080, InstancePort: 80 }],
        AvailabilityZones: [a],
      }),
    ),
  );
  assert.equal(duplicate.name, 'DuplicateAccessPointNameException');
  assert.equal(code(duplicate), 'DuplicateLoadBalancerName');
});

test('ConfigureHealthCheck as the console does, then both web servers go InService', async () => {
  const configured = await aws.clb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: 'elb-web',
      HealthCheck: {
        Target: 'HTTP:80/index.html',
        Interval: 30,
        Timeout: 5,
        HealthyThreshold: 10,
        UnhealthyThreshold: 2,
      },
    }),
  );
  assert.equal(configured.HealthCheck?.Target, 'HTTP:80/index.html');
  const web = instanceNamed(server.world, 'WebServer').id;
  const web2 = instanceNamed(server.world, 'WebServer2').id;
  const registered = await aws.clb.send(
    new RegisterInstancesWithLoadBalancerCommand({
      LoadBalancerName: 'elb-web',
      Instances: [{ InstanceId: web }, { InstanceId: web2 }],
    }),
  );
  assert.deepEqual(registered.Instances, [{ InstanceId: web }, { InstanceId: web2 }]);
  assert.deepEqual(await health('elb-web'), [
    { InstanceId: web, State: 'InService', ReasonCode: 'N/A', Description: 'N/A' },
    { InstanceId: web2, State: 'InService', ReasonCode: 'N/A', Description: 'N/A' },
  ]);
});

test('the v1 and v2 clients against one server: each sees its own load balancers', async () => {
  await aws.elb.send(
    new CreateAlbCommand({
      Name: 'alb-web',
      Subnets: [subnetIn(server.world, 'a'), subnetIn(server.world, 'd')],
      SecurityGroups: [groupNamed(server.world, 'alb-sg').id],
    }),
  );
  const v2 = (await aws.elb.send(new DescribeAlbsCommand({}))).LoadBalancers ?? [];
  const v1 = (await aws.clb.send(new DescribeLoadBalancersCommand({}))).LoadBalancerDescriptions ?? [];
  assert.deepEqual(
    v2.map((lb) => lb.LoadBalancerName),
    ['alb-web'],
  );
  assert.deepEqual(
    v1.map((lb) => lb.LoadBalancerName),
    ['elb-web'],
  );
});

test('DescribeLoadBalancers: an unknown name is LoadBalancerNotFound; pages of PageSize with NextMarker', async () => {
  const missing = await rejection(aws.clb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['nope'] })));
  assert.equal(missing.name, 'AccessPointNotFoundException');
  assert.equal(code(missing), 'LoadBalancerNotFound');
  assert.equal(missing.message, "There is no ACTIVE Load Balancer named 'nope'");
  for (const name of ['elb-b', 'elb-c'])
    await aws.clb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: name,
        Listeners: [{ Protocol: 'TCP', LoadBalancerPort: 80, InstancePort: 80 }],
        Subnets: [subnetIn(server.world, 'c')],
      }),
    );
  const names: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const page = await aws.clb.send(new DescribeLoadBalancersCommand({ PageSize: 2, Marker: marker }));
    names.push(...(page.LoadBalancerDescriptions ?? []).map((lb) => lb.LoadBalancerName ?? ''));
    marker = page.NextMarker;
    pages++;
  } while (marker);
  assert.deepEqual(names, ['elb-web', 'elb-b', 'elb-c']);
  assert.equal(pages, 2);
  // Deleting is idempotent, as on AWS.
  await aws.clb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: 'elb-c' }));
  await aws.clb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: 'elb-c' }));
  const left = (await aws.clb.send(new DescribeLoadBalancersCommand({}))).LoadBalancerDescriptions ?? [];
  assert.deepEqual(
    left.map((lb) => lb.LoadBalancerName),
    ['elb-web', 'elb-b'],
  );
});
