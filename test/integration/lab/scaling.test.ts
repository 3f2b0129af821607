// Track 3's building runners against the practice account through the real SDK (client-ec2, client-auto-scaling,
// client-cloudwatch), at a speed where AWS's minutes pass in a fraction of a second, over track 1 as the runners
// leave it: 3.1 the launch template from the lab's AMI, 3.2 the group over two AZs behind the target group, 3.3 the
// alarms and policies (or target tracking). Each rerun makes nothing new; an interrupted 3.2 is finished by a rerun;
// console-made pieces (other names, a group with EC2 health checks and no target group) are adopted.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { AwsError } from '../../../src/aws/errors';
import { fetchInventory } from '../../../src/aws/inventory';
import { findRoles } from '../../../src/lab/roles';
import { planStep, runStep, runTrack } from '../../../src/lab/run/runner';
import { labImage } from '../../../src/lab/run/planScaling';
import type { StepContext, StepId, StepOutcome } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { editClonePage, startLab, type LabHarness } from '../../fixtures/labPractice';

const SPEED = 600;

let lab: LabHarness;
before(async () => {
  lab = await startLab({ speed: SPEED });
});
after(() => lab.close());
beforeEach(async () => {
  await lab.server.reset();
  await runTrack('1', lab.context(), { editClonePage: async (id) => editClonePage(lab, id) });
  lab.progress.length = 0;
});

const passed = (o: StepOutcome) => assert.equal(o.check.status, 'passed', `${o.step}: ${JSON.stringify(o.check)}`);
const records = () => lab.server.world.region(PRACTICE_REGION);
const run = (id: StepId, options: Record<string, string> = {}, ctx: StepContext = lab.context()) =>
  runStep(id, options, ctx);

function counts() {
  const r = records();
  return {
    templates: (r.launchTemplates ?? []).length,
    groups: r.autoScalingGroups.length,
    policies: (r.scalingPolicies ?? []).length,
    alarms: (r.metricAlarms ?? []).length,
  };
}

describe('track 3 runners (3.1-3.3)', () => {
  it('build the template, the group and its scaling, each passing its check; reruns make nothing new', async () => {
    const t = await run('3.1');
    passed(t);
    assert.equal(t.created.length, 1);
    const g = await run('3.2');
    passed(g);
    assert.deepEqual(g.created, ['WebServer-ASG']);
    const group = records().autoScalingGroups.find((x) => x.name === 'WebServer-ASG');
    assert.ok(group);
    const inv = await fetchInventory(lab.clients);
    const listed = inv.autoScalingGroups.find((x) => x.name === 'WebServer-ASG');
    assert.equal(listed?.healthCheckType, 'ELB');
    assert.equal(listed?.healthCheckGracePeriod, 300);
    assert.deepEqual([listed?.min, listed?.desired, listed?.max], [2, 2, 4]);
    // The web servers' two AZs (WebServer 1a, WebServer2 1d: the load balancer's).
    const roles = findRoles(inv);
    assert.deepEqual([...(listed?.azs ?? [])].sort(), [roles.webServer?.az, roles.clone?.az].sort());
    assert.equal(new Set(listed?.instances.map((i) => i.az)).size, 2);
    const p = await run('3.3');
    passed(p);
    assert.deepEqual(counts(), { templates: 1, groups: 1, policies: 2, alarms: 2 });
    const alarms = (await fetchInventory(lab.clients)).metricAlarms.map((a) => [a.name, a.comparison, a.threshold]);
    assert.deepEqual(alarms.sort(), [
      ['WebServer-ASG-CPU-High', 'GreaterThanThreshold', 70],
      ['WebServer-ASG-CPU-Low', 'LessThanThreshold', 30],
    ]);

    for (const id of ['3.1', '3.2', '3.3'] as const) {
      const again = await run(id);
      passed(again);
      assert.deepEqual(again.created, [], `${id} made something again`);
      assert.ok(again.reused.length > 0, `${id} reused nothing`);
    }
    assert.deepEqual(counts(), { templates: 1, groups: 1, policies: 2, alarms: 2 });
  });

  it('runs the whole track: 3.1-3.5 in order, each passing (the exercise and the self-healing included)', async () => {
    const outcomes = await runTrack('3', lab.context(), { options: { '3.4': { concurrency: '5' } } });
    assert.deepEqual(
      outcomes.map((o) => o.step),
      ['3.1', '3.2', '3.3', '3.4', '3.5'],
    );
    for (const o of outcomes) passed(o);
    assert.equal(outcomes[3]?.scaling?.desiredOut, 3);
    assert.ok(outcomes[4]?.healing?.replacementId);
  });

  it('plans 3.x with the handout defaults, and say what each waits for', async () => {
    const input = { inventory: await fetchInventory(lab.clients), observations: new Map() };
    const p1 = planStep('3.1', input);
    assert.ok(p1.ready);
    assert.equal(p1.options.find((o) => o.key === 'name')?.default, 'WebServer-template');
    const p2 = planStep('3.2', input);
    assert.equal(p2.ready, false);
    assert.equal(!p2.ready && p2.reason.code, 'run.noLaunchTemplate');
    await run('3.1');
    const next = { inventory: await fetchInventory(lab.clients), observations: new Map() };
    const ready = planStep('3.2', next);
    assert.ok(ready.ready);
    const defaults = Object.fromEntries(ready.options.map((o) => [o.key, o.default]));
    assert.deepEqual(defaults, {
      name: 'WebServer-ASG',
      min: '2',
      desired: '2',
      max: '4',
      gracePeriod: '300',
      healthCheckType: 'ELB',
    });
    const p3 = planStep('3.3', next);
    assert.equal(!p3.ready && p3.reason.code, 'run.noScalingGroup');
    await assert.rejects(run('3.2', { min: '3', desired: '2' }), /run\.badOption/);
  });

  it('finishes an interrupted 3.2 on a rerun, with one group', async () => {
    await run('3.1');
    const stop = new AbortController();
    const ctx: StepContext = {
      ...lab.context(stop.signal),
      progress: (p) => {
        if (p.code === 'progress.waitGroup') stop.abort(new Error('student cancelled'));
      },
    };
    await assert.rejects(run('3.2', {}, ctx), /student cancelled/);
    assert.equal(counts().groups, 1);
    const again = await run('3.2');
    passed(again);
    assert.deepEqual(again.created, []);
    assert.deepEqual(again.reused, ['WebServer-ASG']);
    assert.equal(counts().groups, 1);
  });

  it('adopts what a lost answer made (template, group) and rides out a throttled alarm; a denied policy is named', async () => {
    lab.server.injectFault({ action: 'CreateLaunchTemplate', kind: 'replyLost' });
    passed(await run('3.1'));
    lab.server.injectFault({ action: 'CreateAutoScalingGroup', kind: 'replyLost' });
    const g = await run('3.2');
    passed(g);
    assert.deepEqual(counts(), { templates: 1, groups: 1, policies: 0, alarms: 0 });
    lab.server.injectFault({ action: 'PutMetricAlarm', kind: 'throttle', count: 2 });
    passed(await run('3.3'));
    assert.deepEqual(counts(), { templates: 1, groups: 1, policies: 2, alarms: 2 });
    lab.server.injectFault({ action: 'PutScalingPolicy', kind: 'accessDenied' });
    await assert.rejects(run('3.3', { policy: 'targetTracking' }), (e: unknown) => {
      assert.ok(e instanceof AwsError, String(e));
      assert.equal(e.problem.kind, 'accessDenied');
      assert.match(JSON.stringify(e.problem), /autoscaling:PutScalingPolicy/);
      return true;
    });
  });

  it('adopts a console-made template and group (other names, EC2 health checks, no target group) and fixes the group', async () => {
    const inv = await fetchInventory(lab.clients);
    const roles = findRoles(inv);
    const image = labImage(roles);
    assert.ok(image && roles.clone);
    await lab.clients.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'my-web',
        LaunchTemplateData: {
          ImageId: image.id,
          InstanceType: 't2.micro',
          SecurityGroupIds: roles.clone.securityGroups.map((g) => g.id),
        },
      }),
    );
    const t = await run('3.1');
    passed(t);
    assert.deepEqual(t.created, []);
    assert.deepEqual(t.reused, ['my-web']);
    await lab.clients.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'my-asg',
        LaunchTemplate: { LaunchTemplateName: 'my-web', Version: '$Default' },
        MinSize: 2,
        MaxSize: 3,
        DesiredCapacity: 2,
        VPCZoneIdentifier: [roles.webServer?.subnetId, roles.clone.subnetId].join(','),
        HealthCheckType: 'EC2',
      }),
    );
    const g = await run('3.2');
    passed(g);
    assert.deepEqual(g.created, []);
    assert.deepEqual(g.reused, ['my-asg']);
    const codes = lab.progress.map((p) => p.code);
    assert.ok(codes.includes('progress.attachTargetGroups') && codes.includes('progress.setGroupHealthCheck'));
    assert.equal(counts().groups, 1);
    const p = await run('3.3', { policy: 'targetTracking' });
    passed(p);
    assert.deepEqual(p.created, ['my-asg-cpu70']);
    assert.equal(counts().policies, 1);
  });
});
