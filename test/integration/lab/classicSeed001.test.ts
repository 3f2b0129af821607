// Seed 001's story done by hand against the practice account, then finished with the extension: WebServer stopped
// and imaged (Create image), image1server and image2server launched from that AMI, a Classic Load Balancer made
// as the console makes it with its own group, the web group admitting HTTP only from the student's IP, so both
// stay OutOfService. Under seed 001's layout the checks find every part by role, 1.7 names the rule from the CLB's
// group and its run adds it, and 0.2-1.10 finish until every check of tracks 0 and 1 passes.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateImageCommand,
  CreateSecurityGroupCommand,
  DescribeSubnetsCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
} from '@aws-sdk/client-ec2';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { checkAll, checkStep } from '../../../src/lab/checks/checks';
import { observe, pagesForStep } from '../../../src/lab/observe';
import { findRoles } from '../../../src/lab/roles';
import { runStep } from '../../../src/lab/run/runner';
import type { StepContext, StepId } from '../../../src/lab/types';
import { PRACTICE_REGION, PRACTICE_STUDENT_IP } from '../../../src/practice/core/constants';
import { editClonePage, startLab, type LabHarness } from '../../fixtures/labPractice';

const WAIT = { minDelay: 0.02, maxDelay: 0.05, maxWaitTime: 60 };

describe('seed 001 by hand, finished with the extension', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('finds image1server, image2server and the CLB, fixes the group, and passes tracks 0 and 1', async () => {
    const ec2 = lab.clients.ec2;
    const elb = lab.clients.elb;
    const ctx: StepContext = { ...lab.context(), layout: 'seed001' };
    const start = await ctx.inventory();
    const ws = start.instances.find((i) => i.name === 'WebServer');
    assert.ok(ws?.vpcId);
    const webGroup = ws.securityGroups[0]?.id ?? '';

    // ① stop WebServer, ② Create image, ④ launch two servers from the AMI in two AZs.
    await ec2.send(new StopInstancesCommand({ InstanceIds: [ws.id] }));
    await waitUntilInstanceStopped({ client: ec2, ...WAIT }, { InstanceIds: [ws.id] });
    const image = await ec2.send(new CreateImageCommand({ InstanceId: ws.id, Name: 'image-server' }));
    await waitUntilImageAvailable({ client: ec2, ...WAIT }, { ImageIds: [image.ImageId ?? ''] });
    const subnets = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
    const subnetIn = (letter: string) =>
      subnets.find((s) => s.AvailabilityZone === `${PRACTICE_REGION}${letter}`)?.SubnetId ?? '';
    const ids: string[] = [];
    for (const [name, letter] of [
      ['image1server', 'a'],
      ['image2server', 'c'],
    ] as const) {
      const out = await ec2.send(
        new RunInstancesCommand({
          ImageId: image.ImageId,
          InstanceType: 't2.micro',
          MinCount: 1,
          MaxCount: 1,
          KeyName: 'ec2-key',
          SubnetId: subnetIn(letter),
          SecurityGroupIds: [webGroup],
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
        }),
      );
      ids.push(out.Instances?.[0]?.InstanceId ?? '');
    }
    await waitUntilInstanceRunning({ client: ec2, ...WAIT }, { InstanceIds: ids });
    editClonePage(lab, ids[1] ?? '');

    // The web group admits HTTP only from the student (seed 001's cause).
    const records = lab.server.world.writableRegion(PRACTICE_REGION);
    const group = records.securityGroups.find((g) => g.id === webGroup);
    assert.ok(group);
    group.inbound = group.inbound.map((p) =>
      p.fromPort === 80 ? { ...p, ipv4: [{ cidr: `${PRACTICE_STUDENT_IP}/32` }], ipv6: [] } : p,
    );
    lab.server.world.changed();

    // The console's CLB: its own group (HTTP from anywhere), HTTP 80 -> 80, the default health check, both servers.
    const clbGroup = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'elb-web-sg', Description: 'ELB', VpcId: ws.vpcId }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: clbGroup.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    await elb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'elb-web',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
        Subnets: [subnetIn('a'), subnetIn('c')],
        SecurityGroups: [clbGroup.GroupId ?? ''],
      }),
    );
    await elb.send(
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
    await elb.send(
      new RegisterInstancesWithLoadBalancerCommand({
        LoadBalancerName: 'elb-web',
        Instances: ids.map((InstanceId) => ({ InstanceId })),
      }),
    );

    const inv = await ctx.inventory();
    const roles = findRoles(inv, undefined, 'seed001');
    assert.equal(roles.webServer?.name, 'image1server');
    assert.equal(roles.clone?.name, 'image2server');
    assert.equal(roles.images[0]?.id, image.ImageId, "the AMI is WebServer's");
    assert.equal(roles.classicLoadBalancer?.name, 'elb-web');
    assert.ok(inv.classicLoadBalancers[0]?.instances.every((i) => i.state === 'OutOfService'));
    const observations = await observe(inv, ctx.web, undefined, pagesForStep('1.7', inv, 'seed001'));
    const diagnosis = checkStep('1.7', { inventory: inv, observations, layout: 'seed001' });
    assert.equal(diagnosis.status, 'failed');
    assert.equal(diagnosis.status === 'failed' && diagnosis.reason.code, 'diagnosis.securityGroup');
    assert.equal(diagnosis.status === 'failed' && diagnosis.fixes[0]?.args.sourceGroupName, 'elb-web-sg');

    for (const id of ['1.7', '0.2', '1.4', '1.8', '1.9', '1.10'] as StepId[]) {
      const o = await runStep(id, {}, ctx);
      assert.equal(o.check.status, 'passed', `${id}: ${JSON.stringify(o.check)}`);
    }
    const end = await ctx.inventory();
    const seen = await observe(end, ctx.web);
    for (const r of checkAll({ inventory: end, observations: seen, layout: 'seed001' }, ['0', '1']))
      assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
    assert.equal(end.classicLoadBalancers.length, 1, 'no second load balancer');
    assert.equal(end.loadBalancers.length, 0);
  });
});
