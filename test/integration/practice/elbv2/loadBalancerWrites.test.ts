// ELBv2 writes through the real SDK client at 'instant' speed on step 1.6's ALB: creating again, AWS's validation
// and error codes, ModifyListener, attributes and tags, and DeleteLoadBalancer taking its listeners.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ModifyListenerCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';
import {
  addLabResources,
  buildAlb,
  groupNamed,
  instanceNamed,
  subnetIn,
  type Alb,
} from '../../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;
let alb: Alb;

before(async () => {
  const world = createStartingWorld();
  addLabResources(world);
  server = await startPracticeServer({ port: 0, speed: 'instant', world });
  aws = practiceClients(server.endpoint);
  alb = await buildAlb(aws, server.world);
});
after(async () => {
  aws.destroy();
  await server.close();
});

/** The error code AWS sent (the SDK names modeled errors `...Exception`). */
const code = (error: { name: string; Code?: string }) => error.Code ?? error.name;
const launchWizard = () => groupNamed(server.world, 'launch-wizard-1');

test('create again with the same settings returns the same resource; other settings are AWS duplicate errors', async () => {
  const vpcId = instanceNamed(server.world, 'WebServer').vpcId;
  const sameTg = await aws.elb.send(
    new CreateTargetGroupCommand({
      Name: 'WebServers',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: vpcId,
      HealthCheckPath: '/index.html',
    }),
  );
  assert.equal(sameTg.TargetGroups?.[0]?.TargetGroupArn, alb.tgArn);
  const otherTg = await rejection(
    aws.elb.send(new CreateTargetGroupCommand({ Name: 'WebServers', Protocol: 'HTTP', Port: 8080, VpcId: vpcId })),
  );
  assert.equal(code(otherTg), 'DuplicateTargetGroupName');

  const subnets = [subnetIn(server.world, 'a'), subnetIn(server.world, 'd')];
  const sameLb = await aws.elb.send(
    new CreateLoadBalancerCommand({
      Name: 'LoadBalancer',
      Subnets: subnets,
      SecurityGroups: [groupNamed(server.world, 'alb-sg').id],
    }),
  );
  assert.equal(sameLb.LoadBalancers?.[0]?.LoadBalancerArn, alb.lbArn);
  const otherLb = await rejection(
    aws.elb.send(
      new CreateLoadBalancerCommand({
        Name: 'LoadBalancer',
        Subnets: [subnetIn(server.world, 'a'), subnetIn(server.world, 'c')],
        SecurityGroups: [groupNamed(server.world, 'alb-sg').id],
      }),
    ),
  );
  assert.equal(code(otherLb), 'DuplicateLoadBalancerName');

  const sameListener = await aws.elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: alb.lbArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: alb.tgArn }],
    }),
  );
  assert.equal(sameListener.Listeners?.[0]?.ListenerArn, alb.listenerArn);
  const other = await aws.elb.send(
    new CreateTargetGroupCommand({ Name: 'Other', Protocol: 'HTTP', Port: 80, VpcId: vpcId }),
  );
  const otherArn = other.TargetGroups?.[0]?.TargetGroupArn ?? '';
  const duplicate = await rejection(
    aws.elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: alb.lbArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: otherArn }],
      }),
    ),
  );
  assert.equal(code(duplicate), 'DuplicateListener');
  assert.match(duplicate.message, /A listener already exists on this port for this load balancer/);
  await aws.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: otherArn }));
});

test('AWS validation: an ALB needs two AZs; unknown subnets and groups; a target group behind a listener cannot be deleted', async () => {
  const oneAz = await rejection(
    aws.elb.send(new CreateLoadBalancerCommand({ Name: 'OneAz', Subnets: [subnetIn(server.world, 'a')] })),
  );
  assert.equal(code(oneAz), 'ValidationError');
  assert.equal(oneAz.message, 'At least two subnets in two different Availability Zones must be specified');
  const noSubnet = await rejection(
    aws.elb.send(
      new CreateLoadBalancerCommand({
        Name: 'Nope',
        Subnets: ['subnet-0123456789abcdef0', subnetIn(server.world, 'a')],
      }),
    ),
  );
  assert.equal(code(noSubnet), 'SubnetNotFound');
  const noGroup = await rejection(
    aws.elb.send(
      new CreateLoadBalancerCommand({
        Name: 'Nope',
        Subnets: [subnetIn(server.world, 'a'), subnetIn(server.world, 'c')],
        SecurityGroups: ['sg-0123456789abcdef0'],
      }),
    ),
  );
  assert.equal(code(noGroup), 'InvalidSecurityGroup');

  const inUse = await rejection(aws.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: alb.tgArn })));
  assert.equal(code(inUse), 'ResourceInUse');
  assert.equal(inUse.$metadata?.httpStatusCode, 400);
  assert.match(inUse.message, /is currently in use by a listener or a rule/);

  const badPath = await rejection(
    aws.elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: alb.tgArn, HealthCheckPath: 'index.html' })),
  );
  assert.equal(code(badPath), 'ValidationError');
  const unknown = await rejection(
    aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: alb.tgArn, Targets: [{ Id: 'i-0123456789abcdef0' }] })),
  );
  assert.equal(code(unknown), 'InvalidTarget');
  const noLb = await rejection(
    aws.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [`${alb.lbArn.slice(0, -1)}0`] })),
  );
  assert.equal(code(noLb), 'LoadBalancerNotFound');
});

test('ModifyListener, attributes and tags', async () => {
  const moved = await aws.elb.send(new ModifyListenerCommand({ ListenerArn: alb.listenerArn, Port: 8080 }));
  assert.equal(moved.Listeners?.[0]?.Port, 8080);
  await aws.elb.send(new ModifyListenerCommand({ ListenerArn: alb.listenerArn, Port: 80 }));

  const lbAttributes = await aws.elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: alb.lbArn }));
  assert.equal(lbAttributes.Attributes?.find((a) => a.Key === 'idle_timeout.timeout_seconds')?.Value, '60');
  const modified = await aws.elb.send(
    new ModifyTargetGroupAttributesCommand({
      TargetGroupArn: alb.tgArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
    }),
  );
  assert.equal(modified.Attributes?.find((a) => a.Key === 'deregistration_delay.timeout_seconds')?.Value, '30');
  const tgAttributes = await aws.elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: alb.tgArn }));
  assert.equal(tgAttributes.Attributes?.find((a) => a.Key === 'deregistration_delay.timeout_seconds')?.Value, '30');
  const bad = await rejection(
    aws.elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: alb.tgArn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '9999' }],
      }),
    ),
  );
  assert.equal(code(bad), 'InvalidConfigurationRequest');

  await aws.elb.send(
    new AddTagsCommand({
      ResourceArns: [alb.lbArn, alb.listenerArn],
      Tags: [{ Key: 'scale-out-lab:lab', Value: '1.6' }],
    }),
  );
  await aws.elb.send(new RemoveTagsCommand({ ResourceArns: [alb.lbArn], TagKeys: ['Name'] }));
  const tags = await aws.elb.send(new DescribeTagsCommand({ ResourceArns: [alb.lbArn, alb.listenerArn] }));
  assert.deepEqual(
    tags.TagDescriptions?.map((d) => d.Tags),
    [[{ Key: 'scale-out-lab:lab', Value: '1.6' }], [{ Key: 'scale-out-lab:lab', Value: '1.6' }]],
  );
  const dup = await rejection(
    aws.elb.send(
      new AddTagsCommand({
        ResourceArns: [alb.lbArn],
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'a', Value: '2' },
        ],
      }),
    ),
  );
  assert.equal(code(dup), 'DuplicateTagKeys');
});

test('DeleteLoadBalancer takes its listeners; then the target group can go', async () => {
  const extra = await aws.elb.send(
    new CreateLoadBalancerCommand({
      Name: 'Temporary',
      Subnets: [subnetIn(server.world, 'a'), subnetIn(server.world, 'c')],
      SecurityGroups: [groupNamed(server.world, 'alb-sg').id],
    }),
  );
  const arn = extra.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  const tg = await aws.elb.send(
    new CreateTargetGroupCommand({ Name: 'Temporary', Protocol: 'HTTP', Port: 80, VpcId: launchWizard().vpcId }),
  );
  const tgArn = tg.TargetGroups?.[0]?.TargetGroupArn ?? '';
  await aws.elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: arn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
    }),
  );
  // A target group serves one load balancer.
  const shared = await rejection(
    aws.elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: alb.lbArn,
        Protocol: 'HTTP',
        Port: 81,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    ),
  );
  assert.equal(code(shared), 'TargetGroupAssociationLimit');
  assert.equal(
    code(await rejection(aws.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgArn })))),
    'ResourceInUse',
  );
  await aws.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
  assert.equal(
    code(await rejection(aws.elb.send(new DescribeListenersCommand({ LoadBalancerArn: arn })))),
    'LoadBalancerNotFound',
  );
  await aws.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgArn }));
  assert.equal(
    code(await rejection(aws.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tgArn] })))),
    'TargetGroupNotFound',
  );
});
