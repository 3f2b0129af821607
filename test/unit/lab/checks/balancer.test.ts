// The checks of 1.6 (the load balancer) and 1.8-1.10 (both pages through it, the web servers reachable only
// through it, the availability exercise) over hand-built inventories: the right step fails with the right reason.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkStep } from '../../../../src/lab/checks/checks';
import { EXERCISE_TAG } from '../../../../src/lab/types';
import {
  DNS,
  PAGE,
  WEB_IP,
  edit,
  finishedLab,
  finishedObservations,
  observation,
  openObservations,
  targetGroup,
  webSg,
  withGroup,
  withInstance,
  withLoadBalancer,
  withTargets,
} from '../../../fixtures/labWorld';
import { failedWith, input } from '../../../fixtures/labChecks';

describe('1.6: the load balancer', () => {
  it('missing, provisioning, internal', () => {
    failedWith(checkStep('1.6', input(edit(finishedLab(), { loadBalancers: [] }))), 'alb.missing');
    failedWith(checkStep('1.6', input(withLoadBalancer(finishedLab(), { state: 'provisioning' }))), 'alb.provisioning');
    failedWith(checkStep('1.6', input(withLoadBalancer(finishedLab(), { scheme: 'internal' }))), 'alb.internal');
  });

  it('fails for an ALB enabled in one AZ only, with the enable-AZ fix for the other', () => {
    const inv = withLoadBalancer(finishedLab(), { zones: [{ az: 'ap-northeast-1a', subnetId: 'subnet-a' }] });
    const r = failedWith(checkStep('1.6', input(inv)), 'alb.azNotEnabled');
    assert.equal(r.reason.args.az, 'ap-northeast-1d');
    assert.equal(r.reason.args.instance, 'WebServer2');
    assert.deepEqual(r.fixes[0], {
      code: 'enableAz',
      args: {
        loadBalancerArn: finishedLab().loadBalancers[0]!.arn,
        name: 'LoadBalancer',
        az: 'ap-northeast-1d',
        subnetId: 'subnet-d',
      },
    });
  });

  it('no listener, or a listener forwarding elsewhere', () => {
    failedWith(checkStep('1.6', input(withLoadBalancer(finishedLab(), { listeners: [] }))), 'alb.noListener');
  });

  it('a target missing from the group, with the register fix', () => {
    const inv = withTargets(finishedLab(), [targetGroup.targets[0]!]);
    const r = failedWith(checkStep('1.6', input(inv)), 'targetGroup.targetMissing');
    assert.deepEqual(r.fixes[0], {
      code: 'registerTarget',
      args: {
        targetGroupArn: targetGroup.arn,
        targetGroup: 'WebServers',
        instanceId: 'i-0clone',
        name: 'WebServer2',
        port: 80,
      },
    });
  });

  it('targets in initial state: wait, with the time it takes', () => {
    const inv = withTargets(
      finishedLab(),
      targetGroup.targets.map((t) => ({ ...t, state: 'initial' as const, reason: 'Elb.InitialHealthChecking' })),
    );
    const r = failedWith(checkStep('1.6', input(inv)), 'target.initial');
    assert.equal(r.reason.args.seconds, 150);
  });
});

describe('1.8 - 1.10', () => {
  it('1.8 needs answers from both pages', () => {
    const obs = finishedObservations();
    obs.set(
      ...observation(DNS, '/', {
        status: 200,
        body: PAGE,
        samples: [{ status: 200, servedBy: 'i-0web', variant: 'vision' }],
      }),
    );
    const r = failedWith(checkStep('1.8', input(finishedLab(), obs)), 'tally.oneVariant');
    assert.equal(r.reason.args.variant, 'vision');
    obs.set(...observation(DNS, '/', { error: 'timeout' }));
    failedWith(checkStep('1.8', input(finishedLab(), obs)), 'tally.noAnswer');
    obs.delete(`${DNS}/`);
    failedWith(checkStep('1.8', input(finishedLab(), obs)), 'observation.missing');
  });

  it('1.9 fails while direct access is still open, naming the rule to remove', () => {
    const inv = withGroup(finishedLab(), 'sg-web', {
      inbound: [
        ...webSg.inbound,
        { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } },
      ],
    });
    const r = failedWith(checkStep('1.9', input(inv, openObservations())), 'secure.openRule');
    assert.deepEqual(r.reason.args, {
      groupId: 'sg-web',
      groupName: 'launch-wizard-1',
      protocol: 'tcp',
      fromPort: 80,
      toPort: 80,
      source: '0.0.0.0/0',
      port: 80,
    });
    assert.deepEqual(r.fixes, [
      {
        code: 'revokeIngress',
        args: {
          groupId: 'sg-web',
          groupName: 'launch-wizard-1',
          protocol: 'tcp',
          fromPort: 80,
          toPort: 80,
          source: '0.0.0.0/0',
        },
      },
    ]);
    // And what the student sees: the instances still answer directly.
    assert.ok(r.details?.some((d) => d.code === 'secure.directAnswered' && d.args.host === WEB_IP));
  });

  it('1.9 fails when the web group does not admit the ALB, and when they share a group', () => {
    const inv = withGroup(finishedLab(), 'sg-web', { inbound: [] });
    const r = failedWith(checkStep('1.9', input(inv)), 'secure.albNotAdmitted');
    assert.equal(r.fixes[0]?.code, 'authorizeIngress');
    // Seed 000: the ALB in launch-wizard-1 (and default), as the web servers.
    const shared = withLoadBalancer(finishedLab(), { securityGroupIds: ['sg-web'] });
    failedWith(checkStep('1.9', input(shared)), 'secure.sharedGroup');
  });

  it('1.9 fails when the ALB stopped answering', () => {
    const obs = finishedObservations();
    obs.set(...observation(DNS, '/', { status: 502 }));
    failedWith(checkStep('1.9', input(finishedLab(), obs)), 'secure.albNotAnswering');
  });

  it('1.10 needs the exercise record (or a restart behind the ALB) and both targets healthy', () => {
    const noRecord = withLoadBalancer(finishedLab(), { tags: { Name: 'LoadBalancer' } });
    failedWith(checkStep('1.10', input(noRecord)), 'exercise.notRun');
    // Done by hand in the console: WebServer2 stopped and started after the ALB existed.
    const byHand = withInstance(noRecord, 'i-0clone', { launchTime: '2026-11-23T09:40:00.000Z' });
    assert.equal(checkStep('1.10', input(byHand)).status, 'passed');
    failedWith(
      checkStep(
        '1.10',
        input(withLoadBalancer(finishedLab(), { tags: { [EXERCISE_TAG]: 'failed 2026-11-23T09:30:00Z' } })),
      ),
      'exercise.failed',
    );
    const stopped = withTargets(withInstance(finishedLab(), 'i-0clone', { state: 'stopped' }), [
      targetGroup.targets[0]!,
      { ...targetGroup.targets[1]!, state: 'unused', reason: 'Target.InvalidState' },
    ]);
    const r = failedWith(checkStep('1.10', input(stopped)), 'target.notHealthy');
    assert.equal(r.fixes[0]?.code, 'startInstance');
  });
});
