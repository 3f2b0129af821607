// Runners adopt what the checks accept instead of making a second one: a load balancer made by hand in the console
// (my-alb, elb-sg, tg-web) is finished by 1.6 and secured by 1.9 (no second ALB billing unseen, no 504); an AMI
// name taken by an image not made from WebServer is left to it, and 1.2 takes a free name.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  RegisterImageCommand,
  waitUntilSnapshotCompleted,
  waitUntilVolumeAvailable,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { checkAll } from '../../../src/lab/checks/checks';
import { observe } from '../../../src/lab/observe';
import { runStep } from '../../../src/lab/run/runner';
import type { StepId } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { editClonePage, startLab, type LabHarness } from '../../fixtures/labPractice';

const WAIT = { minDelay: 0.02, maxDelay: 0.05, maxWaitTime: 60 };

async function passes(lab: LabHarness, ...steps: StepId[]): Promise<void> {
  for (const step of steps) {
    const o = await runStep(step, {}, lab.context());
    assert.equal(o.check.status, 'passed', `${step}: ${JSON.stringify(o.check)}`);
  }
}

/** Track 1 up to the clone with its Elastic IP and its edited page: what 1.6 starts from. */
async function upToTheClone(lab: LabHarness): Promise<void> {
  await lab.server.reset();
  await passes(lab, '1.1', '1.2', '1.3', '1.4');
  const clone = lab.server.world
    .region(PRACTICE_REGION)
    .instances.find((i) => i.tags.Name === 'WebServer2' && i.state === 'running');
  editClonePage(lab, clone?.id ?? '');
}

/** As a student makes them in the console: elb-sg (HTTP from anywhere), tg-web holding WebServer, my-alb in 1a + 1c. */
async function handMadeAlb(lab: LabHarness, withListener: boolean): Promise<void> {
  const { ec2, elbv2 } = lab.clients;
  const r = lab.server.world.region(PRACTICE_REGION);
  const ws = r.instances.find((i) => i.tags.Name === 'WebServer');
  assert.ok(ws);
  const sg = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'elb-sg', Description: 'elb-sg', VpcId: ws.vpcId }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg.GroupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  const tg = await elbv2.send(
    new CreateTargetGroupCommand({ Name: 'tg-web', Protocol: 'HTTP', Port: 80, VpcId: ws.vpcId }),
  );
  const tgArn = tg.TargetGroups?.[0]?.TargetGroupArn;
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: ws.id }] }));
  const subnets = ['a', 'c'].map((l) => r.subnets.find((s) => s.az === `${PRACTICE_REGION}${l}`)?.id ?? '');
  const lb = await elbv2.send(
    new CreateLoadBalancerCommand({ Name: 'my-alb', Subnets: subnets, SecurityGroups: [sg.GroupId ?? ''] }),
  );
  if (withListener)
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancers?.[0]?.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
}

/** 1.6 adopted it all: one ALB (my-alb, now in the clone's AZ too), one target group holding both, no alb-sg. */
async function adoptedAndSecured(lab: LabHarness): Promise<void> {
  const o = await runStep('1.6', {}, lab.context());
  assert.equal(o.check.status, 'passed', JSON.stringify(o.check));
  const r = lab.server.world.region(PRACTICE_REGION);
  assert.deepEqual(
    r.loadBalancers.map((l) => l.name),
    ['my-alb'],
  );
  assert.deepEqual(
    r.targetGroups.map((t) => [t.name, t.targets.length]),
    [['tg-web', 2]],
  );
  assert.equal(r.listeners.length, 1);
  assert.equal(r.securityGroups.filter((g) => g.name === 'alb-sg').length, 0, 'no second group for it');
  assert.equal(r.loadBalancers[0]?.zones.length, 3, 'enabled in the clone AZ as well');
  assert.deepEqual(
    o.created.filter((id) => !id.includes(':listener/')),
    [],
    'nothing made beside it',
  );

  await passes(lab, '1.7', '1.8', '1.9');
  // 1.9 admitted the ALB's own group (elb-sg): the ALB still answers, and every check sees the same.
  const elbSg = r.securityGroups.find((g) => g.name === 'elb-sg');
  const web = r.securityGroups.find((g) => g.name === 'launch-wizard-1');
  assert.ok(
    web?.inbound.some((p) => p.fromPort === 80 && p.groups.some((g) => g.groupId === elbSg?.id)),
    JSON.stringify(web?.inbound),
  );
  const inventory = await lab.context().inventory();
  const observations = await observe(inventory, lab.context().web);
  const alb = [...observations.values()].find((p) => p.host.endsWith('.elb.amazonaws.com'));
  assert.equal(alb?.status, 200, JSON.stringify(alb));
  for (const c of checkAll({ inventory, observations }, ['0', '1']).filter((c) => c.step !== '1.10'))
    assert.equal(c.status, 'passed', `${c.step}: ${JSON.stringify(c)}`);
}

describe('1.6 after a load balancer made by hand', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('my-alb with its listener to tg-web (WebServer only): 1.6 registers WebServer2 and enables its AZ', async () => {
    await upToTheClone(lab);
    await handMadeAlb(lab, true);
    await adoptedAndSecured(lab);
  });

  it('my-alb with no listener yet, tg-web holding WebServer: 1.6 adds the listener to tg-web', async () => {
    await upToTheClone(lab);
    await handMadeAlb(lab, false);
    await adoptedAndSecured(lab);
    const listener = lab.server.world.region(PRACTICE_REGION).listeners[0];
    assert.equal(listener?.defaultActions[0]?.targetGroupArn?.includes(':targetgroup/tg-web/'), true);
  });
});

describe('1.2 when the AMI name is taken by an image not made from WebServer', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await lab.server.reset();
  });
  after(() => lab.close());

  it('registers "AMI of CPS Research Center 2" from the snapshot, says why, and 1.3 launches from it', async () => {
    const { ec2 } = lab.clients;
    const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${PRACTICE_REGION}a`, Size: 8 }));
    await waitUntilVolumeAvailable({ client: ec2, ...WAIT }, { VolumeIds: [volume.VolumeId ?? ''] });
    const snap = await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId }));
    await waitUntilSnapshotCompleted({ client: ec2, ...WAIT }, { SnapshotIds: [snap.SnapshotId ?? ''] });
    const foreign = await ec2.send(
      new RegisterImageCommand({
        Name: 'AMI of CPS Research Center',
        RootDeviceName: '/dev/xvda',
        Architecture: 'x86_64',
        VirtualizationType: 'hvm',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snap.SnapshotId } }],
      }),
    );

    await passes(lab, '1.1');
    const from = lab.progress.length;
    const o = await runStep('1.2', {}, lab.context());
    assert.equal(o.check.status, 'passed', JSON.stringify(o.check));
    assert.equal(o.created.length, 1);
    assert.ok(!o.reused.includes(foreign.ImageId ?? ''), 'the foreign AMI is not "reused"');
    const images = lab.server.world.region(PRACTICE_REGION).images;
    const ours = images.find((i) => i.id === o.created[0]);
    assert.equal(ours?.name, 'AMI of CPS Research Center 2');
    assert.deepEqual(lab.progress.slice(from).find((p) => p.code === 'progress.imageNameTaken')?.args, {
      name: 'AMI of CPS Research Center',
      free: 'AMI of CPS Research Center 2',
    });
    // Again: ours is found (no third AMI); the clone is launched from ours.
    const again = await runStep('1.2', {}, lab.context());
    assert.deepEqual([again.created, again.reused], [[], [ours?.id]]);
    await passes(lab, '1.3');
    const clone = lab.server.world.region(PRACTICE_REGION).instances.find((i) => i.tags.Name === 'WebServer2');
    assert.equal(clone?.imageId, ours?.id);
    assert.equal(lab.server.world.region(PRACTICE_REGION).images.length, 2);
  });
});
