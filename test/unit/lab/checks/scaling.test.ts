// Track 3's checks over groups, templates, policies and alarms made as the lab names them and as the console makes
// them (other names), right and wrong the ways a student gets them wrong.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkStep, sectionsJudged } from '../../../../src/lab/checks/checks';
import { reasonText } from '../../../../src/present/lab/reasons';
import { failedWith, input } from '../../../fixtures/labChecks';
import {
  GROUP,
  activity,
  consoleScalingLab,
  created,
  highAlarm,
  lowAlarm,
  refilled,
  scaleIn,
  scaleOut,
  scaledIn,
  scaledOut,
  scalingLab,
  takenOut,
  withActivities,
  withAlarm,
  withGroup,
  withPolicy,
  withTemplate,
} from '../../../fixtures/labScaling';
import { edit, finishedLab, webSg } from '../../../fixtures/labWorld';
import type { CheckResult, StepId } from '../../../../src/lab/types';
import type { Inventory } from '../../../../src/aws/types';
import { bundleTranslator } from '../../../../src/present/l10n';

const en = bundleTranslator(undefined);
const check = (id: StepId, inv: Inventory) => checkStep(id, input(inv));
const words = (r: CheckResult) => (r.status === 'passed' ? '' : reasonText(r.reason, en));

describe('3.1 the launch template', () => {
  it('passes with the lab’s AMI, a type, the web group and a key pair; and with the console’s names', () => {
    const r = check('3.1', scalingLab());
    assert.equal(r.status, 'passed', JSON.stringify(r));
    assert.equal(r.status === 'passed' && r.facts?.name, 'WebServer-template');
    assert.equal(check('3.1', consoleScalingLab()).status, 'passed');
  });

  it('waits for the lab’s AMI, then asks for a template from it', () => {
    const noImage = edit(finishedLab(), { images: [], instances: finishedLab().instances.slice(0, 1) });
    assert.equal(check('3.1', noImage).status, 'waiting');
    const f = failedWith(check('3.1', finishedLab()), 'launchTemplate.missing');
    assert.match(words(f), /WebServer-template .*AMI of CPS Research Center/);
  });

  it('fails on another AMI, on Amazon’s image without user data, on a deregistered AMI', () => {
    failedWith(check('3.1', withTemplate(scalingLab(), { imageId: 'ami-someoneelse' })), 'launchTemplate.notLabImage');
    const stock = withTemplate(scalingLab(), { imageId: 'ami-al2023' });
    assert.match(words(failedWith(check('3.1', stock), 'launchTemplate.stockImage')), /no httpd/);
    assert.equal(check('3.1', withTemplate(stock, { hasUserData: true })).status, 'passed');
    failedWith(check('3.1', edit(scalingLab(), { images: [] })), 'launchTemplate.imageGone');
    const pending = edit(scalingLab(), { images: scalingLab().images.map((i) => ({ ...i, state: 'pending' })) });
    assert.match(words(failedWith(check('3.1', pending), 'launchTemplate.imageNotAvailable')), /which is pending, not/);
  });

  it('fails on no security group, or one the load balancer cannot reach on 80', () => {
    failedWith(check('3.1', withTemplate(scalingLab(), { securityGroupIds: [] })), 'launchTemplate.noSecurityGroup');
    const closed = { ...webSg, id: 'sg-closed', name: 'ssh-only', inbound: webSg.inbound.slice(1) };
    const inv = withTemplate(edit(scalingLab(), { securityGroups: [...scalingLab().securityGroups, closed] }), {
      securityGroupIds: ['sg-closed'],
    });
    const f = failedWith(check('3.1', inv), 'launchTemplate.groupClosed');
    assert.match(words(f), /ssh-only does not admit LoadBalancer on TCP 80/);
  });

  it('names the default version when the edit went into a newer one (the console’s trap); a note when all is well', () => {
    const edited = withTemplate(scalingLab(), { imageId: 'ami-someoneelse', defaultVersion: 1, latestVersion: 2 });
    const f = failedWith(check('3.1', edited), 'launchTemplate.defaultNotLatest');
    assert.equal(f.reason.code, 'launchTemplate.defaultNotLatest');
    assert.match(words(f), /Set default version › 2/);
    const fine = check('3.1', withTemplate(scalingLab(), { latestVersion: 2 }));
    assert.equal(fine.status, 'passed');
    assert.deepEqual(fine.status === 'passed' && fine.notes?.map((n) => n.code), ['note.templateNewerVersion']);
  });

  it('notes a group launching another version than the default (only the default is read), without the trap', () => {
    const latest = withGroup(withTemplate(scalingLab(), { latestVersion: 2 }), {
      launchTemplate: { id: 'lt-0lab', name: 'WebServer-template', version: '$Latest' },
    });
    const r = check('3.1', latest);
    assert.deepEqual(r.status === 'passed' && r.notes?.map((n) => n.code), ['note.groupOtherVersion']);
    assert.match(
      reasonText(r.status === 'passed' ? r.notes![0]! : r.reason, en),
      /launches version 2 of WebServer-template/,
    );
    const pinned = withGroup(scalingLab(), { launchTemplate: { id: 'lt-0lab', version: '1' } });
    const same = check('3.1', pinned);
    assert.equal(same.status, 'passed');
    assert.equal(same.status === 'passed' && same.notes, undefined);
  });

  it('warns, not fails, without a key pair', () => {
    const r = check('3.1', withTemplate(scalingLab(), { keyName: undefined as never }));
    assert.equal(r.status, 'passed');
    assert.deepEqual(r.status === 'passed' && r.notes?.map((n) => n.code), ['note.templateNoKeyPair']);
  });
});

describe('3.2 the Auto Scaling group', () => {
  it('passes over two AZs behind WebServers with ELB checks, both instances InService and healthy; console names too', () => {
    const r = check('3.2', scalingLab());
    assert.equal(r.status, 'passed', JSON.stringify(r));
    assert.deepEqual(r.status === 'passed' && [r.facts?.sizes, r.facts?.azs], [
      '2/2/4',
      'ap-northeast-1a, ap-northeast-1c',
    ]);
    assert.equal(check('3.2', consoleScalingLab()).status, 'passed');
  });

  it('judges the live group, not one being deleted beside it', () => {
    const g = scalingLab().autoScalingGroups[0]!;
    const old = { ...g, name: 'old-asg', status: 'Delete in progress', healthCheckType: 'EC2', instances: [] };
    const r = check('3.2', edit(scalingLab(), { autoScalingGroups: [old, g] }));
    assert.equal(r.status === 'passed' && r.facts?.name, GROUP);
  });

  it('asks for the group, naming the template and the target group', () => {
    const f = failedWith(check('3.2', edit(scalingLab(), { autoScalingGroups: [] })), 'asg.missing');
    assert.match(words(f), /WebServer-ASG .*WebServer-template.*WebServers/);
  });

  it('fails on one AZ only, no or another target group, EC2 health checks, min = max', () => {
    const oneAz = withGroup(scalingLab(), { subnetIds: ['subnet-a'], azs: ['ap-northeast-1a'] });
    assert.match(words(failedWith(check('3.2', oneAz), 'asg.oneAz')), /ap-northeast-1a only/);
    failedWith(check('3.2', withGroup(scalingLab(), { targetGroupArns: [] })), 'asg.noTargetGroup');
    // A group found by name but attached elsewhere is judged, not ignored.
    const other = withGroup(scalingLab(), { targetGroupArns: ['arn:tg/Other'] });
    failedWith(check('3.2', other), 'asg.otherTargetGroup');
    const ec2 = withGroup(scalingLab(), { healthCheckType: 'EC2' });
    assert.match(words(failedWith(check('3.2', ec2), 'asg.ec2HealthCheck')), /broken still counts as healthy/);
    const fixed = withGroup(scalingLab(), { min: 2, max: 2 });
    assert.match(words(failedWith(check('3.2', fixed), 'asg.cannotScale')), /minimum 2 and maximum 2/);
  });

  it('fails on a desired capacity under 2 (no server in the second AZ)', () => {
    const one = withGroup(scalingLab(), { min: 1, desired: 1 });
    assert.match(words(failedWith(check('3.2', one), 'asg.tooSmall')), /wants 1 instances/);
    failedWith(check('3.2', withGroup(scalingLab(), { min: 0, desired: 0, instances: [] })), 'asg.tooSmall');
  });

  it('says how many are still pending, and reuses track 1’s diagnosis for an unhealthy target', () => {
    const g = scalingLab().autoScalingGroups[0]!;
    const pending = withGroup(scalingLab(), {
      instances: [g.instances[0]!, { ...g.instances[1]!, lifecycleState: 'Pending' }],
    });
    assert.match(
      words(failedWith(check('3.2', pending), 'asg.instancesPending')),
      /1 of 2 instances InService \(1 pending\)/,
    );
    const inv = scalingLab();
    const tg = inv.targetGroups[0]!;
    const unhealthy = edit(inv, {
      targetGroups: [
        {
          ...tg,
          targets: tg.targets.map((t) =>
            t.id === 'i-0asg2' ? { ...t, state: 'unhealthy' as const, reason: 'Target.Timeout' } : t,
          ),
        },
      ],
    });
    const r = check('3.2', unhealthy);
    assert.equal(r.status, 'failed');
    assert.ok(r.status === 'failed' && r.reason.code.startsWith('diagnosis.'), JSON.stringify(r));
  });

  it('reads the Auto Scaling section with the web tier’s', () => {
    assert.ok(sectionsJudged('3.2').includes('autoScaling'));
    assert.ok(sectionsJudged('3.2').includes('loadBalancing'));
  });
});

describe('3.3 scaling on CPU', () => {
  it('passes with two alarms driving simple policies (handout names and console names) or one target-tracking policy', () => {
    const r = check('3.3', scalingLab());
    assert.equal(r.status, 'passed', JSON.stringify(r));
    assert.equal(r.status === 'passed' && r.facts?.kind, 'alarms');
    assert.equal(check('3.3', consoleScalingLab()).status, 'passed');
    const tracking = edit(scalingLab(), {
      metricAlarms: [],
      scalingPolicies: [
        {
          ...scaleOut,
          name: `${GROUP}-cpu70`,
          type: 'TargetTrackingScaling',
          scalingAdjustment: undefined as never,
          targetValue: 70,
          predefinedMetric: 'ASGAverageCPUUtilization',
          alarmNames: [],
        },
      ],
    });
    const t = check('3.3', tracking);
    assert.equal(t.status === 'passed' && t.facts?.kind, 'targetTracking');
  });

  it('asks for policies when there are none', () => {
    const none = edit(scalingLab(), { scalingPolicies: [], metricAlarms: [] });
    assert.match(words(failedWith(check('3.3', none), 'scaling.none')), /> 70 % and < 30 %/);
  });

  it('fails on an alarm attached to no policy (actions empty) or with its actions disabled', () => {
    const detached = withAlarm(scalingLab(), highAlarm.name, { alarmActions: [] });
    const f = failedWith(check('3.3', detached), 'scaling.alarmNoAction');
    failedWith(check('3.3', detached), 'scaling.policyNoAlarm');
    failedWith(check('3.3', detached), 'scaling.noScaleOut');
    assert.match(words(f), /WebServer-ASG-CPU-High watches/);
    failedWith(
      check('3.3', withAlarm(scalingLab(), lowAlarm.name, { actionsEnabled: false })),
      'scaling.alarmActionsDisabled',
    );
  });

  it('fails on an alarm on one instance’s CPU or another group (it stays Insufficient data)', () => {
    const wrong = withAlarm(scalingLab(), highAlarm.name, {
      dimensions: [{ name: 'InstanceId', value: 'i-0asg1' }],
      state: 'INSUFFICIENT_DATA',
    });
    const f = failedWith(check('3.3', wrong), 'scaling.alarmWrongMetric');
    assert.match(
      words(f),
      /watches AWS\/EC2 CPUUtilization \(InstanceId = i-0asg1\), not AWS\/EC2 CPUUtilization \(AutoScalingGroupName = WebServer-ASG\)/,
    );
  });

  it('fails when only one direction works, or the thresholds are the wrong way round', () => {
    const outOnly = edit(scalingLab(), { scalingPolicies: [scaleOut], metricAlarms: [highAlarm] });
    failedWith(check('3.3', outOnly), 'scaling.noScaleIn');
    const inverted = edit(scalingLab(), {
      metricAlarms: [
        { ...highAlarm, alarmActions: [scaleIn.arn] },
        { ...lowAlarm, alarmActions: [scaleOut.arn] },
      ],
    });
    failedWith(check('3.3', inverted), 'scaling.inverted');
    const crossed = withAlarm(withAlarm(scalingLab(), highAlarm.name, { threshold: 30 }), lowAlarm.name, {
      threshold: 70,
    });
    failedWith(check('3.3', crossed), 'scaling.thresholdsCross');
  });

  it('fails on a disabled policy, or a target-tracking policy on another metric', () => {
    failedWith(check('3.3', withPolicy(scalingLab(), scaleIn.name, { enabled: false })), 'scaling.policyDisabled');
    const requests = edit(scalingLab(), {
      metricAlarms: [],
      scalingPolicies: [
        { ...scaleOut, type: 'TargetTrackingScaling', predefinedMetric: 'ALBRequestCountPerTarget', alarmNames: [] },
      ],
    });
    failedWith(check('3.3', requests), 'scaling.trackingOtherMetric');
  });
});

describe('3.4 the load exercise', () => {
  it('passes once an alarm scaled the group out and, later, in (AWS’s causes)', () => {
    const r = check('3.4', withActivities(scalingLab(), ...created, scaledOut, scaledIn));
    assert.equal(r.status, 'passed', JSON.stringify(r));
    assert.deepEqual(r.status === 'passed' && [r.facts?.scaledOut, r.facts?.scaledIn], ['2 → 3', '3 → 2']);
    const asg1 = [scaledIn, scaledOut].map((a) => ({
      ...a,
      groupName: 'asg-1',
      cause: a.cause
        .replace(/monitor alarm \S+/, 'monitor alarm cpu-alarm')
        .replace(/policy \S+/, 'policy Simple scaling'),
    }));
    assert.equal(check('3.4', edit(consoleScalingLab(), { scalingActivities: asg1 })).status, 'passed');
  });

  it('before any load: the alarm has not reached ALARM, with the CPU it last saw', () => {
    const f = failedWith(check('3.4', scalingLab()), 'exercise.noLoad');
    assert.match(words(f), /average CPU was 12.5 %, under 70 %/);
    const noData = withAlarm(scalingLab(), highAlarm.name, { state: 'INSUFFICIENT_DATA', stateReason: '' });
    failedWith(check('3.4', noData), 'exercise.noData');
  });

  it('under load: at its maximum, or waiting for its cooldown', () => {
    const inAlarm = withAlarm(scalingLab(), highAlarm.name, { state: 'ALARM' });
    failedWith(check('3.4', withGroup(inAlarm, { min: 2, desired: 2, max: 2 })), 'exercise.atMax');
    const cooling = withActivities(
      edit(inAlarm, { fetchedAt: '2026-11-23T09:48:00.000Z' }),
      activity(
        '2026-11-23T09:46:00.000Z',
        'Terminating EC2 instance: i-0asg9',
        `At 2026-11-23T09:45:58Z a monitor alarm ${GROUP}-CPU-Low in state ALARM triggered policy ${GROUP}-scale-in changing the desired capacity from 3 to 2.`,
      ),
    );
    assert.match(words(failedWith(check('3.4', cooling), 'exercise.cooldown')), /about 240 seconds/);
  });

  it('scaled out (by an activity, or now: desired above min with the high alarm in ALARM), not yet back in', () => {
    const out = withActivities(scalingLab(), ...created, scaledOut);
    assert.match(words(failedWith(check('3.4', out), 'exercise.notScaledIn')), /from 2 to 3/);
    const now = withGroup(withAlarm(scalingLab(), highAlarm.name, { state: 'ALARM' }), { desired: 3 });
    failedWith(check('3.4', now), 'exercise.notScaledIn');
  });

  it('a user’s own SetDesiredCapacity is not a scale-out by an alarm', () => {
    const manual = activity(
      '2026-11-23T09:46:00.000Z',
      'Launching a new EC2 instance: i-0asg3',
      'At 2026-11-23T09:45:58Z a user request explicitly set group desired capacity changing the desired capacity from 2 to 3.',
    );
    failedWith(check('3.4', withActivities(scalingLab(), ...created, manual)), 'exercise.noLoad');
  });
});

describe('3.5 self-healing', () => {
  it('passes once an instance taken out of service was replaced and the group is back at desired', () => {
    const r = check('3.5', withActivities(scalingLab(), ...created, takenOut, refilled));
    assert.equal(r.status, 'passed', JSON.stringify(r));
    assert.deepEqual(r.status === 'passed' && [r.facts?.replaced, r.facts?.replacement], ['i-0asg0', 'i-0asg2']);
  });

  it('asks to terminate one when nothing was replaced (the creation’s launches and a scale-in do not count)', () => {
    assert.match(words(failedWith(check('3.5', scalingLab()), 'healing.none')), /Terminate one of its instances/);
    failedWith(check('3.5', withActivities(scalingLab(), ...created, scaledOut, scaledIn, refilled)), 'healing.none');
  });

  it('says the replacement is under way until the group is back at desired', () => {
    const g = scalingLab().autoScalingGroups[0]!;
    const replacing = withGroup(withActivities(scalingLab(), ...created, takenOut, refilled), {
      instances: [g.instances[0]!, { ...g.instances[1]!, lifecycleState: 'Pending' }],
    });
    assert.match(words(failedWith(check('3.5', replacing), 'healing.inProgress')), /1 of 2 instances/);
    failedWith(check('3.5', withActivities(scalingLab(), ...created, takenOut)), 'healing.inProgress');
  });
});

describe('track 3 when the account cannot be read', () => {
  it('a denied DescribeAlarms leaves 3.1-3.5 unknown, not failed: no alarm is known missing', () => {
    const denied = edit(scalingLab(), {
      metricAlarms: [],
      autoScalingGroups: [],
      launchTemplates: [],
      problems: [
        {
          section: 'autoScaling',
          action: 'cloudwatch:DescribeAlarms',
          error: { kind: 'accessDenied', action: 'cloudwatch:DescribeAlarms' },
        },
      ],
    });
    for (const id of ['3.1', '3.2', '3.3', '3.4', '3.5'] as const)
      assert.equal(check(id, denied).status, 'unknown', id);
  });
});

describe('track 3 without a group', () => {
  it('3.3, 3.4 and 3.5 wait for 3.2', () => {
    const none = edit(scalingLab(), { autoScalingGroups: [] });
    for (const id of ['3.3', '3.4', '3.5'] as const) {
      const r = check(id, none);
      assert.equal(r.status, 'waiting', id);
      assert.equal(r.status === 'waiting' && r.on, '3.2');
    }
  });
});
