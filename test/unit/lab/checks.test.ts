// The lab's checks over hand-built inventories: the finished lab passes every step, and each thing a student can
// get wrong fails the right step with the right reason and fix.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkAll, checkStep } from '../../../src/lab/checks/checks';
import { cidrContains, coversTcpPort } from '../../../src/lab/checks/securityRules';
import {
  EXERCISE_TAG,
  type CheckInput,
  type CheckResult,
  type Observations,
  type StepId,
} from '../../../src/lab/types';
import type { Inventory } from '../../../src/aws/types';
import {
  CLONE_IP,
  DNS,
  PAGE,
  PAGE2,
  WEB_IP,
  albSg,
  clone,
  edit,
  finishedLab,
  finishedObservations,
  observation,
  openObservations,
  targetGroup,
  webServer,
  webSg,
  withGroup,
  withInstance,
  withLoadBalancer,
  withTargets,
} from '../../fixtures/labWorld';

const input = (inventory: Inventory, observations: Observations = finishedObservations()): CheckInput => ({
  inventory,
  observations,
});

function failedWith(result: CheckResult, code: string): Extract<CheckResult, { status: 'failed' }> {
  assert.equal(result.status, 'failed', `expected ${result.step} to fail with ${code}, got ${JSON.stringify(result)}`);
  const f = result as Extract<CheckResult, { status: 'failed' }>;
  const codes = [f.reason.code, ...(f.details ?? []).map((d) => d.code)];
  assert.ok(codes.includes(code), `expected ${code} in ${codes.join(', ')}`);
  return f;
}

describe('the finished lab', () => {
  it('passes every step of tracks 0 and 1 (web servers closed, ALB answering from both)', () => {
    const results = checkAll(input(finishedLab()));
    assert.deepEqual(
      results.map((r) => r.step),
      ['0.1', '0.2', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10'],
    );
    for (const r of results) assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
  });

  it('track filter', () => {
    assert.deepEqual(
      checkAll(input(finishedLab()), '0').map((r) => r.step),
      ['0.1', '0.2'],
    );
  });

  it('finds resources made by hand by their relations, not by our tags or names', () => {
    // Seed 001: image1server / image2server, an ELB named elb-user05, a target group tg-elb-user05.
    let inv = withInstance(finishedLab(), 'i-0clone', { name: 'image2server', tags: { Name: 'image2server' } });
    inv = withLoadBalancer(inv, { name: 'elb-user05', tags: { [EXERCISE_TAG]: 'passed' } });
    inv = withTargets(inv, targetGroup.targets, { name: 'tg-elb-user05' });
    for (const r of checkAll(input(inv))) assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
  });

  it('passes 0.1, 0.2 and 1.5 from direct answers too (before 1.9 closes direct access)', () => {
    const obs = openObservations();
    for (const step of ['0.1', '0.2', '1.5'] as StepId[])
      assert.equal(checkStep(step, input(finishedLab(), obs)).status, 'passed', step);
    assert.equal(
      checkStep('0.1', input(finishedLab(), obs)).status === 'passed' &&
        (checkStep('0.1', input(finishedLab(), obs)) as { facts?: Record<string, string> }).facts?.via,
      'direct',
    );
  });
});

describe('track 0', () => {
  it('0.1 fails without WebServer, and later steps wait on it', () => {
    const inv = edit(finishedLab(), { instances: [] });
    failedWith(checkStep('0.1', input(inv)), 'webServer.missing');
    const r = checkStep('1.1', input(inv));
    assert.equal(r.status, 'waiting');
    assert.equal(r.status === 'waiting' && r.on, '0.1');
  });

  it('0.1 fails when WebServer is stopped, with a start fix', () => {
    const r = failedWith(
      checkStep('0.1', input(withInstance(finishedLab(), 'i-0web', { state: 'stopped' }))),
      'webServer.notRunning',
    );
    assert.deepEqual(r.fixes, [{ code: 'startInstance', args: { instanceId: 'i-0web', name: 'WebServer' } }]);
  });

  it('0.1 fails when the page does not answer, or is not the CPS page', () => {
    const obs = openObservations();
    obs.set(...observation(WEB_IP, '/', { error: 'timeout' }));
    obs.set(...observation(DNS, '/', { error: 'timeout' }));
    failedWith(checkStep('0.1', input(finishedLab(), obs)), 'page.unreachable');
    obs.set(...observation(WEB_IP, '/', { status: 200, body: '<h1>It works!</h1>' }));
    failedWith(checkStep('0.1', input(finishedLab(), obs)), 'page.wrong');
    obs.set(...observation(WEB_IP, '/', { status: 403, body: 'Forbidden' }));
    failedWith(checkStep('0.1', input(finishedLab(), obs)), 'page.status');
    obs.delete(`${WEB_IP}/`);
    failedWith(checkStep('0.1', input(finishedLab(), obs)), 'observation.missing');
  });

  it('0.1 finds an unnamed WebServer by the page it serves', () => {
    let inv = withInstance(finishedLab(), 'i-0web', { name: undefined, tags: {} });
    inv = edit(inv, { instances: inv.instances.filter((i) => i.id === 'i-0web') });
    const r = checkStep('0.1', input(inv, openObservations()));
    assert.equal(r.status, 'passed');
  });

  it('0.2 fails without an Elastic IP, and offers to associate a free one', () => {
    let inv = withInstance(finishedLab(), 'i-0web', { elasticIp: undefined, publicIp: '13.0.0.1' });
    inv = edit(inv, { elasticIps: inv.elasticIps.filter((e) => e.instanceId !== 'i-0web') });
    failedWith(checkStep('0.2', input(inv)), 'eip.missing');
    inv = edit(inv, {
      elasticIps: [...inv.elasticIps, { allocationId: 'eipalloc-free', publicIp: '54.0.0.9', tags: {} }],
    });
    const r = failedWith(checkStep('0.2', input(inv)), 'eip.notAssociated');
    assert.equal(r.fixes[0]?.code, 'associateAddress');
    assert.equal(r.fixes[0]?.args.allocationId, 'eipalloc-free');
  });

  it('0.2 fails when the page does not answer on the Elastic IP', () => {
    const obs = openObservations();
    obs.set(...observation(WEB_IP, '/', { status: 500 }));
    failedWith(checkStep('0.2', input(finishedLab(), obs)), 'page.status');
  });
});

describe('1.1 - 1.5: the clone', () => {
  it('1.1 snapshot missing, pending with progress, completed', () => {
    const inv = finishedLab();
    failedWith(checkStep('1.1', input(edit(inv, { snapshots: [], images: [] }))), 'snapshot.missing');
    const pending = failedWith(
      checkStep('1.1', input(edit(inv, { snapshots: [{ ...inv.snapshots[0]!, state: 'pending', progress: '42%' }] }))),
      'snapshot.pending',
    );
    assert.equal(pending.reason.args.progress, '42%');
    // A snapshot of another volume is not WebServer's.
    failedWith(
      checkStep('1.1', input(edit(inv, { snapshots: [{ ...inv.snapshots[0]!, volumeId: 'vol-other' }] }))),
      'snapshot.missing',
    );
  });

  it('1.2 AMI missing, pending, or not made from WebServer', () => {
    const inv = finishedLab();
    failedWith(checkStep('1.2', input(edit(inv, { images: [] }))), 'image.missing');
    failedWith(
      checkStep('1.2', input(edit(inv, { images: [{ ...inv.images[0]!, state: 'pending' }] }))),
      'image.pending',
    );
    const r = failedWith(
      checkStep('1.2', input(edit(inv, { images: [{ ...inv.images[0]!, snapshotIds: ['snap-other'] }] }))),
      'image.notFromWebServer',
    );
    assert.equal(r.reason.args.webServer, 'WebServer');
  });

  it('1.3 fails for a clone in the same AZ as WebServer, even while it is pending', () => {
    const inv = withInstance(finishedLab(), 'i-0clone', {
      az: 'ap-northeast-1a',
      subnetId: 'subnet-a',
      state: 'pending',
    });
    const r = failedWith(checkStep('1.3', input(inv)), 'clone.sameAz');
    assert.equal(r.reason.args.az, 'ap-northeast-1a');
    assert.deepEqual(r.fixes, []);
  });

  it('1.3 prefers a clone in another AZ when the student launched a second one', () => {
    let inv = withInstance(finishedLab(), 'i-0clone', { az: 'ap-northeast-1a' });
    inv = edit(inv, { instances: [...inv.instances, { ...clone, id: 'i-0clone2', az: 'ap-northeast-1c' }] });
    assert.equal(checkStep('1.3', input(inv)).status, 'passed');
  });

  it('1.3 pending, status checks initializing, other security group', () => {
    failedWith(
      checkStep('1.3', input(withInstance(finishedLab(), 'i-0clone', { state: 'pending' }))),
      'clone.notRunning',
    );
    const checks = failedWith(
      checkStep(
        '1.3',
        input(withInstance(finishedLab(), 'i-0clone', { statusChecks: { system: 'ok', instance: 'initializing' } })),
      ),
      'clone.statusChecks',
    );
    assert.equal(checks.reason.args.instance, 'initializing');
    const sg = failedWith(
      checkStep(
        '1.3',
        input(withInstance(finishedLab(), 'i-0clone', { securityGroups: [{ id: 'sg-2', name: 'launch-wizard-2' }] })),
      ),
      'clone.otherSecurityGroups',
    );
    assert.equal(sg.reason.args.groups, 'launch-wizard-2');
    assert.equal(sg.reason.args.expected, 'launch-wizard-1');
  });

  it('1.3 finds an unnamed clone by its AMI', () => {
    const inv = withInstance(finishedLab(), 'i-0clone', { name: undefined, tags: {} });
    assert.equal(checkStep('1.3', input(inv)).status, 'passed');
    failedWith(checkStep('1.3', input(edit(inv, { instances: [webServer] }))), 'clone.missing');
  });

  it('1.4 clone without an Elastic IP', () => {
    let inv = withInstance(finishedLab(), 'i-0clone', { elasticIp: undefined });
    inv = edit(inv, { elasticIps: inv.elasticIps.filter((e) => e.instanceId !== 'i-0clone') });
    const r = failedWith(checkStep('1.4', input(inv)), 'clone.noElasticIp');
    assert.deepEqual(r.fixes, [{ code: 'associateAddress', args: { instanceId: 'i-0clone', name: 'WebServer2' } }]);
  });

  it("1.5: the clone's page not edited, or the original's edited instead", () => {
    const obs = openObservations();
    obs.set(...observation(CLONE_IP, '/', { status: 200, body: PAGE }));
    failedWith(checkStep('1.5', input(finishedLab(), obs)), 'clone.pageNotEdited');
    obs.set(...observation(WEB_IP, '/', { status: 200, body: PAGE2 }));
    obs.set(...observation(CLONE_IP, '/', { status: 200, body: PAGE2 }));
    failedWith(checkStep('1.5', input(finishedLab(), obs)), 'webServer.pageEdited');
  });

  it('1.5 through the load balancer on AWS, where no header says which instance answered', () => {
    const obs = finishedObservations();
    obs.set(
      ...observation(DNS, '/', {
        status: 200,
        body: PAGE,
        samples: [
          { status: 200, variant: 'vision' },
          { status: 200, variant: 'vision2' },
        ],
      }),
    );
    assert.equal(checkStep('1.5', input(finishedLab(), obs)).status, 'passed');
    obs.set(
      ...observation(DNS, '/', {
        status: 200,
        body: PAGE,
        samples: [
          { status: 200, variant: 'vision' },
          { status: 200, variant: 'vision' },
        ],
      }),
    );
    failedWith(checkStep('1.5', input(finishedLab(), obs)), 'page.unreachable');
  });
});

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

describe('security rules', () => {
  it('all-traffic rules and port ranges count; other ports do not', () => {
    assert.ok(coversTcpPort({ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }, 80));
    assert.ok(
      coversTcpPort({ protocol: 'tcp', fromPort: 0, toPort: 65535, source: { kind: 'cidr', cidr: '0.0.0.0/0' } }, 80),
    );
    assert.ok(
      !coversTcpPort({ protocol: 'tcp', fromPort: 22, toPort: 22, source: { kind: 'cidr', cidr: '0.0.0.0/0' } }, 80),
    );
    assert.ok(
      !coversTcpPort({ protocol: 'udp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } }, 80),
    );
    assert.ok(cidrContains('0.0.0.0/0', '172.31.16.0/20'));
    assert.ok(cidrContains('172.31.0.0/16', '172.31.16.0/20'));
    assert.ok(!cidrContains('172.31.32.0/20', '172.31.16.0/20'));
    assert.ok(!cidrContains('203.0.113.25/32', '172.31.16.0/20'));
  });

  it('alb-sg itself stays open to the internet at 1.9', () => {
    assert.equal(albSg.inbound.length, 2);
    assert.equal(checkStep('1.9', input(finishedLab())).status, 'passed');
  });
});
