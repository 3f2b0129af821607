// The rest of ELB v1 through the real client: instances (InvalidInstance), listeners, the health check's forms
// and ranges, security groups, subnets, attributes, tags, an internal scheme, the API's own TCP health check,
// and a Classic Load Balancer surviving a reload of the state file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddTagsCommand,
  ApplySecurityGroupsToLoadBalancerCommand,
  AttachLoadBalancerToSubnetsCommand,
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  CreateLoadBalancerListenersCommand,
  DeleteLoadBalancerListenersCommand,
  DeregisterInstancesFromLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DetachLoadBalancerFromSubnetsCommand,
  ModifyLoadBalancerAttributesCommand,
  RegisterInstancesWithLoadBalancerCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';
import { addLabResources, groupNamed, instanceNamed, subnetIn } from '../../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;

const code = (error: { name: string; Code?: string }) => error.Code ?? error.name;
const webId = () => instanceNamed(server.world, 'WebServer').id;
const HTTP80 = { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 };

before(async () => {
  const world = createStartingWorld();
  addLabResources(world);
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
  await aws.clb.send(
    new CreateLoadBalancerCommand({ LoadBalancerName: 'clb', Listeners: [HTTP80], Subnets: [subnetIn(world, 'a')] }),
  );
});
after(async () => {
  aws.destroy();
  await server.close();
});

async function describe(name = 'clb') {
  const [lb] =
    (await aws.clb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] }))).LoadBalancerDescriptions ??
    [];
  assert.ok(lb);
  return lb;
}

test("no groups given: the VPC's default group; the API's own health check TCP:80 passes on a running httpd", async () => {
  const lb = await describe();
  assert.deepEqual(lb.SecurityGroups, [groupNamed(server.world, 'default').id]);
  // The default group admits only itself: the web servers' launch-wizard-1 admits HTTP from anywhere.
  await aws.clb.send(
    new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'clb', Instances: [{ InstanceId: webId() }] }),
  );
  const states = (await aws.clb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'clb' }))).InstanceStates;
  assert.deepEqual(states, [{ InstanceId: webId(), State: 'InService', ReasonCode: 'N/A', Description: 'N/A' }]);
});

test('instances: InvalidInstance for an unknown id, one in another VPC, and an unregistered one asked about', async () => {
  const unknown = await rejection(
    aws.clb.send(
      new RegisterInstancesWithLoadBalancerCommand({
        LoadBalancerName: 'clb',
        Instances: [{ InstanceId: 'i-0123456789abcdef0' }],
      }),
    ),
  );
  assert.equal(unknown.name, 'InvalidEndPointException');
  assert.equal(code(unknown), 'InvalidInstance');
  const web2 = instanceNamed(server.world, 'WebServer2');
  const other = structuredClone(web2);
  other.id = 'i-0fedcba9876543210';
  other.vpcId = 'vpc-0other';
  server.world.writableRegion('ap-northeast-1').instances.push(other);
  const elsewhere = await rejection(
    aws.clb.send(
      new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'clb', Instances: [{ InstanceId: other.id }] }),
    ),
  );
  assert.equal(code(elsewhere), 'InvalidInstance');
  const notRegistered = await rejection(
    aws.clb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'clb', Instances: [{ InstanceId: web2.id }] })),
  );
  assert.equal(code(notRegistered), 'InvalidInstance');
  const deregisterMissing = await rejection(
    aws.clb.send(
      new DeregisterInstancesFromLoadBalancerCommand({ LoadBalancerName: 'clb', Instances: [{ InstanceId: web2.id }] }),
    ),
  );
  assert.equal(code(deregisterMissing), 'InvalidInstance');
  // Registering twice keeps one; deregistering answers who is left.
  await aws.clb.send(
    new RegisterInstancesWithLoadBalancerCommand({
      LoadBalancerName: 'clb',
      Instances: [{ InstanceId: webId() }, { InstanceId: web2.id }],
    }),
  );
  const left = await aws.clb.send(
    new DeregisterInstancesFromLoadBalancerCommand({ LoadBalancerName: 'clb', Instances: [{ InstanceId: webId() }] }),
  );
  assert.deepEqual(left.Instances, [{ InstanceId: web2.id }]);
  const unknownLb = await rejection(aws.clb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'nope' })));
  assert.equal(code(unknownLb), 'LoadBalancerNotFound');
});

test('ConfigureHealthCheck: the target forms and AWS ranges', async () => {
  const bad = async (
    Target: string,
    more: Partial<{ Interval: number; Timeout: number; HealthyThreshold: number }> = {},
  ) =>
    code(
      await rejection(
        aws.clb.send(
          new ConfigureHealthCheckCommand({
            LoadBalancerName: 'clb',
            HealthCheck: { Target, Interval: 30, Timeout: 5, HealthyThreshold: 10, UnhealthyThreshold: 2, ...more },
          }),
        ),
      ),
    );
  assert.equal(await bad('HTTP:80'), 'ValidationError');
  assert.equal(await bad('TCP:80/index.html'), 'ValidationError');
  assert.equal(await bad('FTP:21'), 'ValidationError');
  assert.equal(await bad('HTTP:70000/'), 'ValidationError');
  assert.equal(await bad('HTTP:80/', { Interval: 301 }), 'ValidationError');
  assert.equal(await bad('HTTP:80/', { HealthyThreshold: 11 }), 'ValidationError');
  assert.equal(await bad('HTTP:80/', { Interval: 5, Timeout: 5 }), 'ValidationError');
  const ok = await aws.clb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: 'clb',
      HealthCheck: {
        Target: 'http:80/index.html',
        Interval: 10,
        Timeout: 5,
        HealthyThreshold: 2,
        UnhealthyThreshold: 2,
      },
    }),
  );
  assert.equal(ok.HealthCheck?.Target, 'HTTP:80/index.html');
  assert.equal((await describe()).HealthCheck?.Interval, 10);
});

test('listeners: create, a duplicate port with other settings, delete', async () => {
  await aws.clb.send(
    new CreateLoadBalancerListenersCommand({
      LoadBalancerName: 'clb',
      Listeners: [{ Protocol: 'TCP', LoadBalancerPort: 8080, InstanceProtocol: 'TCP', InstancePort: 80 }],
    }),
  );
  assert.deepEqual(
    (await describe()).ListenerDescriptions?.map((l) => l.Listener?.LoadBalancerPort),
    [80, 8080],
  );
  const duplicate = await rejection(
    aws.clb.send(
      new CreateLoadBalancerListenersCommand({
        LoadBalancerName: 'clb',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 8080, InstancePort: 8080 }],
      }),
    ),
  );
  assert.equal(code(duplicate), 'DuplicateListener');
  const mixed = await rejection(
    aws.clb.send(
      new CreateLoadBalancerListenersCommand({
        LoadBalancerName: 'clb',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 81, InstanceProtocol: 'TCP', InstancePort: 80 }],
      }),
    ),
  );
  assert.equal(code(mixed), 'ValidationError');
  await aws.clb.send(new DeleteLoadBalancerListenersCommand({ LoadBalancerName: 'clb', LoadBalancerPorts: [8080] }));
  assert.deepEqual(
    (await describe()).ListenerDescriptions?.map((l) => l.Listener?.LoadBalancerPort),
    [80],
  );
});

test('security groups and subnets: apply, attach, detach, and their errors', async () => {
  const albSg = groupNamed(server.world, 'alb-sg');
  const applied = await aws.clb.send(
    new ApplySecurityGroupsToLoadBalancerCommand({ LoadBalancerName: 'clb', SecurityGroups: [albSg.id] }),
  );
  assert.deepEqual(applied.SecurityGroups, [albSg.id]);
  const badGroup = await rejection(
    aws.clb.send(
      new ApplySecurityGroupsToLoadBalancerCommand({ LoadBalancerName: 'clb', SecurityGroups: ['sg-0nope'] }),
    ),
  );
  assert.equal(code(badGroup), 'InvalidSecurityGroup');
  const attached = await aws.clb.send(
    new AttachLoadBalancerToSubnetsCommand({ LoadBalancerName: 'clb', Subnets: [subnetIn(server.world, 'c')] }),
  );
  assert.deepEqual(attached.Subnets, [subnetIn(server.world, 'a'), subnetIn(server.world, 'c')]);
  const missing = await rejection(
    aws.clb.send(new AttachLoadBalancerToSubnetsCommand({ LoadBalancerName: 'clb', Subnets: ['subnet-0nope'] })),
  );
  assert.equal(code(missing), 'SubnetNotFound');
  const detached = await aws.clb.send(
    new DetachLoadBalancerFromSubnetsCommand({ LoadBalancerName: 'clb', Subnets: [subnetIn(server.world, 'c')] }),
  );
  assert.deepEqual(detached.Subnets, [subnetIn(server.world, 'a')]);
  const all = await rejection(
    aws.clb.send(
      new DetachLoadBalancerFromSubnetsCommand({ LoadBalancerName: 'clb', Subnets: [subnetIn(server.world, 'a')] }),
    ),
  );
  assert.equal(code(all), 'InvalidConfigurationRequest');
  assert.equal(all.$metadata?.httpStatusCode, 409);
  // A subnet of another VPC.
  const vpc = await aws.ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  const subnet = await aws.ec2.send(
    new CreateSubnetCommand({ VpcId: vpc.Vpc?.VpcId, CidrBlock: '10.9.1.0/24', AvailabilityZone: 'ap-northeast-1c' }),
  );
  const otherVpc = await rejection(
    aws.clb.send(
      new AttachLoadBalancerToSubnetsCommand({ LoadBalancerName: 'clb', Subnets: [subnet.Subnet?.SubnetId ?? ''] }),
    ),
  );
  assert.equal(code(otherVpc), 'InvalidSubnet');
});

test('attributes: the API defaults, then cross-zone on', async () => {
  const before = await aws.clb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: 'clb' }));
  assert.equal(before.LoadBalancerAttributes?.CrossZoneLoadBalancing?.Enabled, false);
  assert.equal(before.LoadBalancerAttributes?.ConnectionSettings?.IdleTimeout, 60);
  await aws.clb.send(
    new ModifyLoadBalancerAttributesCommand({
      LoadBalancerName: 'clb',
      LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: true } },
    }),
  );
  const after = await aws.clb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: 'clb' }));
  assert.equal(after.LoadBalancerAttributes?.CrossZoneLoadBalancing?.Enabled, true);
});

test('tags by name: add, describe, remove; an unknown name is LoadBalancerNotFound', async () => {
  await aws.clb.send(
    new AddTagsCommand({
      LoadBalancerNames: ['clb'],
      Tags: [
        { Key: 'Name', Value: 'clb' },
        { Key: 'lab', Value: '1' },
      ],
    }),
  );
  await aws.clb.send(new RemoveTagsCommand({ LoadBalancerNames: ['clb'], Tags: [{ Key: 'lab' }] }));
  const tags = await aws.clb.send(new DescribeTagsCommand({ LoadBalancerNames: ['clb'] }));
  assert.deepEqual(tags.TagDescriptions, [{ LoadBalancerName: 'clb', Tags: [{ Key: 'Name', Value: 'clb' }] }]);
  const missing = await rejection(aws.clb.send(new DescribeTagsCommand({ LoadBalancerNames: ['nope'] })));
  assert.equal(code(missing), 'LoadBalancerNotFound');
  const duplicate = await rejection(
    aws.clb.send(
      new AddTagsCommand({
        LoadBalancerNames: ['clb'],
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'a', Value: '2' },
        ],
      }),
    ),
  );
  assert.equal(code(duplicate), 'DuplicateTagKeys');
});

test('an internal scheme: internal- in front of the DNS name; bad names and listeners are ValidationError', async () => {
  const made = await aws.clb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: 'clb-internal',
      Listeners: [HTTP80],
      Subnets: [subnetIn(server.world, 'a')],
      Scheme: 'internal',
    }),
  );
  assert.match(made.DNSName ?? '', /^internal-clb-internal-\d{10}\.ap-northeast-1\.elb\.amazonaws\.com$/);
  for (const name of ['-bad', 'a'.repeat(33), 'under_score'])
    assert.equal(
      code(
        await rejection(
          aws.clb.send(
            new CreateLoadBalancerCommand({
              LoadBalancerName: name,
              Listeners: [HTTP80],
              Subnets: [subnetIn(server.world, 'a')],
            }),
          ),
        ),
      ),
      'ValidationError',
    );
  const noZones = await rejection(
    aws.clb.send(new CreateLoadBalancerCommand({ LoadBalancerName: 'x', Listeners: [HTTP80] })),
  );
  assert.equal(code(noZones), 'ValidationError');
  const badZone = await rejection(
    aws.clb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'x',
        Listeners: [HTTP80],
        AvailabilityZones: ['ap-northeast-1a', 'ap-northeast-9z'],
      }),
    ),
  );
  assert.equal(code(badZone), 'ValidationError');
});

test('a Classic Load Balancer and its registrations survive a reload of the state file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'clb-state-'));
  try {
    const file = join(dir, 'state.json');
    const world = createStartingWorld();
    const first = await startPracticeServer({ port: 0, speed: 'instant', stateFile: file, world });
    const one = practiceClients(first.endpoint);
    const web = instanceNamed(first.world, 'WebServer').id;
    const made = await one.clb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'kept',
        Listeners: [HTTP80],
        AvailabilityZones: ['ap-northeast-1a'],
      }),
    );
    await one.clb.send(
      new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'kept', Instances: [{ InstanceId: web }] }),
    );
    one.destroy();
    await first.close();
    const second = await startPracticeServer({ port: 0, speed: 'instant', stateFile: file });
    const two = practiceClients(second.endpoint);
    try {
      const [lb] = (await two.clb.send(new DescribeLoadBalancersCommand({}))).LoadBalancerDescriptions ?? [];
      assert.equal(lb?.DNSName, made.DNSName);
      assert.deepEqual(lb?.Instances, [{ InstanceId: web }]);
      const states = (await two.clb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'kept' })))
        .InstanceStates;
      assert.equal(states?.[0]?.State, 'InService');
    } finally {
      two.destroy();
      await second.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
