// A lab done by hand in the console (seed 000 in 1c, the AMI from the instance, my-alb/elb-sg/tg-web), every
// step's result asserted, before and after 1.9 and 1.10; and a hand-made load balancer beside one our runner made.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkAll } from '../../../../src/lab/checks/checks';
import { findRoles } from '../../../../src/lab/roles';
import { reasonText } from '../../../../src/present/lab/reasons';
import { LAB_ID, LAB_TAG, STEP_TAG } from '../../../../src/lab/types';
import {
  ALB_CREATED,
  at,
  closedPages,
  consoleLab,
  myAlb,
  openPages,
  securedConsoleLab,
  tgWeb,
  webServer,
  webServer2,
  withInstance,
} from '../../../fixtures/labConsoleWorld';
import { codesOf, en, expectSteps, step, summary } from '../../../fixtures/labScenarios';

describe('a console-built lab (seed 000 in 1c, AMI from the instance, my-alb/elb-sg/tg-web)', () => {
  it('before 1.9: every step up to 1.8 passes; 1.9 names the rules to add and to remove; 1.10 not run yet', () => {
    const results = expectSteps(at(consoleLab(), openPages()), {
      '0.1': 'passed',
      '0.2': 'passed',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'passed',
      '1.4': 'passed',
      '1.5': 'passed',
      '1.6': 'passed',
      '1.7': 'passed',
      '1.8': 'passed',
      '1.9': 'failed secure.albNotAdmitted',
      '1.10': 'failed exercise.notRun',
    });
    // First admit elb-sg in both web groups (so the ALB keeps its way in), then remove HTTP from anywhere.
    assert.deepEqual(
      codesOf(step(results, '1.9')).filter((c) => c.startsWith('secure.')),
      [
        'secure.albNotAdmitted',
        'secure.albNotAdmitted',
        'secure.openRule',
        'secure.openRule',
        'secure.directAnswered',
        'secure.directAnswered',
      ],
    );
    // launch-wizard-2 is judged by what it admits, and its own key pair is worth a note, not a failure.
    const clone = step(results, '1.3');
    assert.equal(clone.status === 'passed' && clone.notes?.[0]?.code, 'note.otherKeyPair');
    assert.equal(clone.status === 'passed' && clone.notes?.[0]?.args.keyName, 'webserver2-key');
  });

  it('finished by hand: 1.9 closed both groups to elb-sg, 1.10 stopped and started WebServer2: all pass', () => {
    // Stop and start after the ALB existed: AWS moves LaunchTime, the root volume keeps its attach time.
    const inv = withInstance(securedConsoleLab(), webServer2.id, { launchTime: '2026-11-24T04:00:00.000Z' });
    const results = expectSteps(at(inv, closedPages()), {
      '0.1': 'passed',
      '0.2': 'passed',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'passed',
      '1.4': 'passed',
      '1.5': 'passed',
      '1.6': 'passed',
      '1.7': 'passed',
      '1.8': 'passed',
      '1.9': 'passed',
      '1.10': 'passed',
    });
    // Pages judged through the ALB once direct access is closed.
    assert.equal(
      step(results, '0.1').status === 'passed' &&
        (step(results, '0.1') as { facts?: Record<string, string> }).facts?.via,
      'loadBalancer',
    );
  });

  it('1.10 by hand is not taken from a restart before the load balancer existed, nor from a fresh launch', () => {
    const early = withInstance(securedConsoleLab(), webServer2.id, { launchTime: '2026-11-24T02:30:00.000Z' });
    assert.equal(summary(checkAll(at(early, closedPages()))[11]!), 'failed exercise.notRun');
    // Relaunched after the ALB (its volume attached then too): not a stop and start.
    const fresh = withInstance(securedConsoleLab(), webServer2.id, {
      launchTime: '2026-11-24T04:00:00.000Z',
      rootVolume: { ...webServer2.rootVolume!, attachTime: '2026-11-24T04:00:00.000Z' },
    });
    assert.equal(summary(checkAll(at(fresh, closedPages()))[11]!), 'failed exercise.notRun');
    // The attach time not listed: the root volume's creation says how old the instance is.
    const noAttach = withInstance(securedConsoleLab(), webServer.id, {
      launchTime: '2026-11-24T04:00:00.000Z',
      rootVolume: { volumeId: 'vol-0ws', deviceName: '/dev/xvda' },
    });
    assert.equal(summary(checkAll(at(noAttach, closedPages()))[11]!), 'passed');
    assert.ok(Date.parse(ALB_CREATED) < Date.parse('2026-11-24T04:00:00.000Z'));
  });
});

describe('defect 4: a hand-made ALB and one our runner made', () => {
  it('1.6 judges the hand-made one and notes the other, saying cleanup removes it', () => {
    const tagged = { [LAB_TAG]: LAB_ID, [STEP_TAG]: '1.6' };
    const inv = consoleLab();
    const runnerAlb = {
      ...myAlb,
      arn: 'arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/app/LoadBalancer/1',
      name: 'LoadBalancer',
      dnsName: 'LoadBalancer-1.ap-northeast-1.elb.amazonaws.com',
      createdTime: '2026-11-24T04:00:00.000Z',
      listeners: [{ ...myAlb.listeners[0]!, arn: 'arn:listener/lb/80', forwardTo: ['arn:tg/WebServers'] }],
      tags: { ...tagged, Name: 'LoadBalancer' },
    };
    const runnerTg = {
      ...tgWeb,
      arn: 'arn:tg/WebServers',
      name: 'WebServers',
      loadBalancerArns: [runnerAlb.arn],
      tags: tagged,
    };
    const both = { ...inv, loadBalancers: [runnerAlb, myAlb], targetGroups: [runnerTg, tgWeb] };
    const roles = findRoles(both);
    assert.equal(roles.loadBalancer?.name, 'my-alb');
    assert.deepEqual(
      roles.otherLoadBalancers.map((l) => l.name),
      ['LoadBalancer'],
    );
    assert.deepEqual(
      roles.otherTargetGroups.map((t) => t.name),
      ['WebServers'],
    );
    const r = checkAll(at(both, openPages()))[7]!;
    assert.equal(r.status, 'passed');
    assert.deepEqual(r.status === 'passed' && r.notes?.map((n) => `${n.code} ${n.args.name}`), [
      'note.otherLoadBalancer LoadBalancer',
      'note.otherTargetGroup WebServers',
    ]);
    const note = r.status === 'passed' ? r.notes?.[0] : undefined;
    assert.ok(note);
    assert.match(reasonText(note, en), /cleanup removes it/);
  });
});
