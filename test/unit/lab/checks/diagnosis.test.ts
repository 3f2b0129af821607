// 1.7's health-check diagnosis over hand-built inventories: each cause of an unhealthy target (security group,
// health-check path, stopped instance, AZ not enabled, ...) named with its fix.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkStep } from '../../../../src/lab/checks/checks';
import type { Inventory } from '../../../../src/aws/types';
import {
  CLONE_IP,
  WEB_IP,
  edit,
  finishedLab,
  observation,
  openObservations,
  targetGroup,
  withGroup,
  withInstance,
  withLoadBalancer,
  withTargets,
} from '../../../fixtures/labWorld';
import { failedWith, input } from '../../../fixtures/labChecks';

describe('1.7: health-check diagnosis', () => {
  const unhealthy = (inv: Inventory, reasonCode = 'Target.Timeout') =>
    withTargets(
      inv,
      targetGroup.targets.map((t) => ({ ...t, state: 'unhealthy' as const, reason: reasonCode })),
    );

  it('passes when every target is healthy', () => {
    assert.equal(checkStep('1.7', input(finishedLab())).status, 'passed');
  });

  it('names the rule to add when the web security group does not admit the ALB (seed 001)', () => {
    // The student's group admits HTTP only from their own IP.
    let inv = withGroup(finishedLab(), 'sg-web', {
      inbound: [{ protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '203.0.113.25/32' } }],
    });
    inv = unhealthy(inv);
    const r = failedWith(checkStep('1.7', input(inv, openObservations())), 'diagnosis.securityGroup');
    assert.deepEqual(r.reason.args, {
      id: 'i-0web',
      instance: 'WebServer',
      port: 80,
      groupId: 'sg-web',
      groupName: 'launch-wizard-1',
      sourceGroupId: 'sg-alb',
      sourceGroupName: 'alb-sg',
    });
    // Both instances share the group: one fix.
    assert.deepEqual(r.fixes, [
      {
        code: 'authorizeIngress',
        args: {
          groupId: 'sg-web',
          groupName: 'launch-wizard-1',
          protocol: 'tcp',
          port: 80,
          sourceGroupId: 'sg-alb',
          sourceGroupName: 'alb-sg',
        },
      },
    ]);
    assert.equal(r.details?.length, 2);
    // 1.6 fails too and carries the same fix.
    const six = failedWith(checkStep('1.6', input(inv, openObservations())), 'target.notHealthy');
    assert.equal(six.fixes[0]?.code, 'authorizeIngress');
  });

  it("accepts the ALB's subnets admitted by CIDR instead of its group", () => {
    let inv = withGroup(finishedLab(), 'sg-web', {
      inbound: [{ protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '172.31.0.0/16' } }],
    });
    inv = unhealthy(inv, 'Target.ResponseCodeMismatch');
    const r = failedWith(checkStep('1.7', input(inv)), 'diagnosis.healthCheckPath');
    assert.ok(!(r.details ?? []).some((d) => d.code === 'diagnosis.securityGroup'));
  });

  it('wrong health-check path: the path answers 404 on the instance, fix sets /index.html', () => {
    let inv = withTargets(
      finishedLab(),
      targetGroup.targets.map((t) => ({ ...t, state: 'unhealthy' as const, reason: 'Target.ResponseCodeMismatch' })),
      {
        healthCheck: { ...targetGroup.healthCheck, path: '/health.html' },
      },
    );
    inv = edit(inv, {});
    const obs = openObservations();
    obs.set(...observation(WEB_IP, '/health.html', { status: 404 }));
    obs.set(...observation(CLONE_IP, '/health.html', { status: 404 }));
    const r = failedWith(checkStep('1.7', input(inv, obs)), 'diagnosis.healthCheckPath');
    assert.equal(r.reason.args.path, '/health.html');
    assert.equal(r.reason.args.status, 404);
    assert.deepEqual(r.fixes, [
      {
        code: 'setHealthCheckPath',
        args: { targetGroupArn: targetGroup.arn, targetGroup: 'WebServers', path: '/index.html' },
      },
    ]);
  });

  it('wrong health-check path seen from the reason code alone when the instance cannot be reached directly', () => {
    const inv = withTargets(
      finishedLab(),
      targetGroup.targets.map((t) => ({ ...t, state: 'unhealthy' as const, reason: 'Target.ResponseCodeMismatch' })),
      {
        healthCheck: { ...targetGroup.healthCheck, path: '/health.html' },
      },
    );
    failedWith(checkStep('1.7', input(inv)), 'diagnosis.healthCheckPath');
  });

  it('a stopped instance: unused, start fix', () => {
    let inv = withInstance(finishedLab(), 'i-0clone', { state: 'stopped' });
    inv = withTargets(inv, [
      targetGroup.targets[0]!,
      { ...targetGroup.targets[1]!, state: 'unused', reason: 'Target.InvalidState' },
    ]);
    const r = failedWith(checkStep('1.7', input(inv)), 'diagnosis.instanceStopped');
    assert.deepEqual(r.fixes, [{ code: 'startInstance', args: { instanceId: 'i-0clone', name: 'WebServer2' } }]);
  });

  it('AZ not enabled on the ALB', () => {
    let inv = withLoadBalancer(finishedLab(), {
      zones: [
        { az: 'ap-northeast-1a', subnetId: 'subnet-a' },
        { az: 'ap-northeast-1c', subnetId: 'subnet-c' },
      ],
    });
    inv = withTargets(inv, [
      targetGroup.targets[0]!,
      { ...targetGroup.targets[1]!, state: 'unused', reason: 'Target.NotInUse' },
    ]);
    const r = failedWith(checkStep('1.7', input(inv)), 'diagnosis.azNotEnabled');
    assert.equal(r.fixes[0]?.code, 'enableAz');
    assert.equal(r.fixes[0]?.args.subnetId, 'subnet-d');
  });

  it('initial: wait; no targets; a terminated target', () => {
    failedWith(
      checkStep(
        '1.7',
        input(
          withTargets(
            finishedLab(),
            targetGroup.targets.map((t) => ({ ...t, state: 'initial' as const })),
          ),
        ),
      ),
      'diagnosis.initial',
    );
    failedWith(checkStep('1.7', input(withTargets(finishedLab(), []))), 'targets.none');
    const gone = failedWith(
      checkStep(
        '1.7',
        input(
          withTargets(finishedLab(), [
            ...targetGroup.targets,
            { id: 'i-0gone', port: 80, state: 'unused', reason: 'Target.InvalidState' },
          ]),
        ),
      ),
      'diagnosis.instanceGone',
    );
    assert.equal(gone.fixes[0]?.code, 'deregisterTarget');
  });

  it('unhealthy with no cause in the account: says so', () => {
    failedWith(checkStep('1.7', input(unhealthy(finishedLab()), openObservations())), 'diagnosis.unknown');
  });
});
