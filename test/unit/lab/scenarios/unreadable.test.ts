// A console-built lab with a section of the account that could not be read (throttled, denied, failing): the
// steps that need it cannot be judged, nothing is called missing, the rest is judged as usual.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkAll } from '../../../../src/lab/checks/checks';
import { reasonText } from '../../../../src/present/lab/reasons';
import { type StepId } from '../../../../src/lab/types';
import {
  at,
  closedPages,
  consoleLab,
  openPages,
  securedConsoleLab,
  withProblem,
} from '../../../fixtures/labConsoleWorld';
import { en, expectSteps, step, summary } from '../../../fixtures/labScenarios';

describe('defect 12: a section that could not be read is not "missing"', () => {
  const throttled = { kind: 'throttled' as const, action: 'ec2:DescribeSnapshots' };

  it('storage throttled past the retries: 1.1-1.3 cannot be judged, the rest is', () => {
    const inv = withProblem(
      consoleLab(),
      { section: 'storage', action: 'ec2:DescribeSnapshots', error: throttled },
      {
        volumes: [],
        snapshots: [],
        images: [],
      },
    );
    const results = expectSteps(at(inv, openPages()), {
      '0.1': 'passed',
      '0.2': 'passed',
      '1.1': 'unknown storage',
      '1.2': 'unknown storage',
      '1.3': 'unknown storage',
      '1.4': 'passed',
      '1.5': 'passed',
      '1.6': 'passed',
      '1.7': 'passed',
      '1.8': 'passed',
      '1.9': 'failed secure.albNotAdmitted',
      '1.10': 'failed exercise.notRun',
    });
    const r = step(results, '1.1');
    assert.ok(r.status === 'unknown');
    assert.deepEqual(
      r.problems.map((p) => p.error),
      [throttled],
    );
    assert.match(reasonText(r.reason, en), /volumes, snapshots and AMIs could not be read.*throttled/);
  });

  it('Elastic IPs denied: 0.2 and 1.4 cannot be judged; security groups failing: 1.3, 1.6, 1.7, 1.9', () => {
    const denied = { kind: 'accessDenied' as const, action: 'ec2:DescribeAddresses' };
    let inv = withProblem(
      consoleLab(),
      { section: 'addresses', action: 'ec2:DescribeAddresses', error: denied },
      { elasticIps: [] },
    );
    inv = withProblem(
      inv,
      {
        section: 'securityGroups',
        action: 'ec2:DescribeSecurityGroups',
        error: { kind: 'throttled', action: 'ec2:DescribeSecurityGroups' },
      },
      { securityGroups: [] },
    );
    expectSteps(at(inv, openPages()), {
      '0.1': 'passed',
      '0.2': 'unknown addresses',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'unknown securityGroups',
      '1.4': 'unknown addresses',
      '1.5': 'passed',
      '1.6': 'unknown securityGroups',
      '1.7': 'unknown securityGroups',
      '1.8': 'passed',
      '1.9': 'unknown securityGroups',
      '1.10': 'failed exercise.notRun',
    });
  });

  it('load balancers unreadable after 1.9: the pages cannot be judged (no "open HTTP" advice); a page seen still passes', () => {
    const lbThrottled = {
      section: 'loadBalancing' as const,
      action: 'elasticloadbalancing:DescribeLoadBalancers',
      error: { kind: 'throttled' as const, action: 'elasticloadbalancing:DescribeLoadBalancers' },
    };
    const after19 = withProblem(securedConsoleLab(), lbThrottled, { loadBalancers: [], targetGroups: [] });
    const results = checkAll(at(after19, closedPages()));
    for (const id of ['0.1', '0.2', '1.5'] as StepId[])
      assert.equal(summary(step(results, id)), 'unknown loadBalancing', id);
    const before19 = withProblem(consoleLab(), lbThrottled, { loadBalancers: [], targetGroups: [] });
    assert.equal(summary(checkAll(at(before19, openPages()))[0]!), 'passed');
  });

  it('instances unreadable: nothing is judged missing', () => {
    const inv = withProblem(
      consoleLab(),
      { section: 'instances', action: 'ec2:DescribeInstances', error: { kind: 'network', code: 'ECONNRESET' } },
      { instances: [] },
    );
    // Track 4 reads the network only: it is judged (see test/unit/lab/checks/network.test.ts).
    for (const r of checkAll(at(inv, openPages())).filter((x) => x.step !== '1.8' && !x.step.startsWith('4.')))
      assert.equal(summary(r), 'unknown instances', r.step);
  });
});
