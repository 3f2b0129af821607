// The load balancer's and the web servers' security groups as the console leaves them: the ALB's own new group
// with no inbound rule, an ALB in a private subnet, seed 001's web group open only to the student's IP.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../../src/aws/types';
import { checkAll } from '../../../../src/lab/checks/checks';
import { reasonText } from '../../../../src/present/lab/reasons';
import { type StepId } from '../../../../src/lab/types';
import {
  ALB_DNS,
  ELB_SG,
  LW1,
  LW2,
  STUDENT_IP,
  albAnswers,
  at,
  closedPages,
  consoleLab,
  fromMe,
  openPages,
  securedConsoleLab,
  tgWeb,
  withRules,
  withTargets,
} from '../../../fixtures/labConsoleWorld';
import { codesOf, en, expectSteps, failedOf, step } from '../../../fixtures/labScenarios';

describe("defect 2: the ALB's own group admits no HTTP (the console's default for a new group)", () => {
  const closedFront = (inv: Inventory) => withRules(inv, ELB_SG, []);
  const silent = () => closedPages([{ error: 'timeout' }]);

  it('before 1.9: 1.6, 1.7 and 1.8 name the closed group with the fix on elb-sg', () => {
    const results = expectSteps(
      at(closedFront(consoleLab()), new Map([...openPages(), albAnswers([{ error: 'timeout' }])])),
      {
        '0.1': 'passed',
        '0.2': 'passed',
        '1.1': 'passed',
        '1.2': 'passed',
        '1.3': 'passed',
        '1.4': 'passed',
        '1.5': 'passed',
        '1.6': 'failed alb.groupClosed',
        '1.7': 'failed alb.groupClosed',
        '1.8': 'failed alb.groupClosed',
        '1.9': 'failed secure.albNotAdmitted',
        '1.10': 'failed exercise.notRun',
      },
    );
    const open = {
      code: 'authorizeIngress',
      args: { groupId: ELB_SG, groupName: 'elb-sg', protocol: 'tcp', port: 80, cidr: '0.0.0.0/0' },
    };
    for (const id of ['1.6', '1.7', '1.8'] as StepId[]) assert.deepEqual(failedOf(step(results, id)).fixes, [open], id);
    assert.ok(codesOf(step(results, '1.9')).includes('alb.groupClosed'));
  });

  it('after 1.9: 1.9 names the closed group, and 0.1/0.2/1.5 never advise opening HTTP on the instances', () => {
    const results = expectSteps(at(closedFront(securedConsoleLab()), silent()), {
      '0.1': 'failed page.unreachable',
      '0.2': 'failed page.unreachable',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'passed',
      '1.4': 'passed',
      '1.5': 'failed page.unreachable',
      '1.6': 'failed alb.groupClosed',
      '1.7': 'failed alb.groupClosed',
      '1.8': 'failed alb.groupClosed',
      '1.9': 'failed alb.groupClosed',
      '1.10': 'failed exercise.notRun',
    });
    for (const id of ['0.1', '0.2', '1.5'] as StepId[]) {
      const r = failedOf(step(results, id));
      assert.equal(r.reason.args.via, ALB_DNS, id);
      assert.doesNotMatch(reasonText(r.reason, en), /admits HTTP 80 from you/, id);
    }
    assert.ok(!codesOf(step(results, '1.9')).includes('secure.albNotAnswering'));
  });

  it('an internet-facing ALB in a private subnet is named, with the public subnet of that AZ', () => {
    let inv = consoleLab();
    inv = {
      ...inv,
      subnets: [
        ...inv.subnets.map((s) => (s.id === 'subnet-2b55e100' ? { ...s, isPublic: false, name: 'private-1c' } : s)),
        { ...inv.subnets[1]!, id: 'subnet-pub1c', name: 'public-1c', cidr: '172.31.48.0/20', isDefaultForAz: false },
      ],
    };
    const r = failedOf(checkAll(at(inv, openPages()))[7]!);
    assert.equal(r.reason.code, 'alb.privateSubnet');
    assert.equal(r.reason.args.publicSubnet, 'public-1c');
  });
});

describe("seed 001's misconfiguration: the web group admits HTTP only from the student's IP", () => {
  it('targets time out; 1.7 names the rule to add from elb-sg; 1.8 names the unhealthy targets; 1.9 the /32 rule', () => {
    let inv = withRules(consoleLab(), LW1, [fromMe(80), fromMe(22)]);
    inv = withRules(inv, LW2, [fromMe(80), fromMe(22)]);
    inv = withTargets(
      inv,
      tgWeb.arn,
      tgWeb.targets.map((t) => ({ ...t, state: 'unhealthy' as const, reason: 'Target.Timeout' })),
    );
    // The ALB routes to every target when none is healthy: they time out, it answers 504.
    const obs = new Map([...openPages(), albAnswers([{ status: 504 }, { status: 504 }])]);
    const results = expectSteps(at(inv, obs), {
      '0.1': 'passed',
      '0.2': 'passed',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'passed',
      '1.4': 'passed',
      '1.5': 'passed',
      '1.6': 'failed target.notHealthy',
      '1.7': 'failed diagnosis.securityGroup',
      '1.8': 'failed target.notHealthy',
      '1.9': 'failed secure.albNotAdmitted',
      '1.10': 'failed target.notHealthy',
    });
    assert.deepEqual(
      failedOf(step(results, '1.7')).fixes.map((f) => `${f.args.groupName} ${f.args.port} ${f.args.sourceGroupName}`),
      ['launch-wizard-1 80 elb-sg', 'launch-wizard-2 80 elb-sg'],
    );
    const open = failedOf(step(results, '1.9')).details!.find((d) => d.code === 'secure.openRule')!;
    assert.equal(open.args.source, `${STUDENT_IP}/32`);
    assert.doesNotMatch(reasonText(open, en), /anyone/);
    assert.match(reasonText(open, en), /lets 203\.0\.113\.25\/32 reach TCP 80/);
  });
});
