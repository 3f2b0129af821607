// Track 3's plans over a console-made lab (WebServer in 1a, WebServer2 in 1c, my-alb over both): the group's two
// subnets are the web servers' (the load balancer's AZs), the options' bounds, and why a step cannot run yet.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { findRoles } from '../../../../src/lab/roles';
import { checkScalingOptions, scalingBlocker } from '../../../../src/lab/run/planScaling';
import { groupSubnets } from '../../../../src/lab/run/scaling';
import { StepError } from '../../../../src/lab/types';
import { consoleLab } from '../../../fixtures/labConsoleWorld';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof StepError, String(e));
    return `${e.reason.code}:${e.reason.args.key}`;
  }
  return 'accepted';
};

describe('groupSubnets', () => {
  it("takes the web servers' subnets, in the load balancer's AZs, not the VPC's third default subnet", () => {
    const inv = consoleLab();
    assert.deepEqual(
      groupSubnets(inv, findRoles(inv)).map((s) => [s.id, s.az]),
      [
        ['subnet-b674d9fe', 'ap-northeast-1a'],
        ['subnet-2b55e100', 'ap-northeast-1c'],
      ],
    );
  });

  it('adds a default subnet of another load-balancer AZ when both servers share one AZ', () => {
    const inv = consoleLab();
    const roles = findRoles(inv);
    assert.ok(roles.clone && roles.webServer);
    const oneAz = { ...roles, clone: { ...roles.clone, az: roles.webServer.az, subnetId: roles.webServer.subnetId } };
    assert.deepEqual(
      groupSubnets(inv, oneAz).map((s) => s.az),
      ['ap-northeast-1a', 'ap-northeast-1c'],
    );
  });
});

describe('checkScalingOptions', () => {
  it('accepts the handout values and refuses sizes out of order, thresholds inverted, a load out of bounds', () => {
    const group = { min: '2', desired: '2', max: '4', gracePeriod: '300' };
    assert.equal(
      code(() => checkScalingOptions('3.2', group)),
      'accepted',
    );
    assert.equal(
      code(() => checkScalingOptions('3.2', { ...group, min: '3' })),
      'run.badOption:min',
    );
    assert.equal(
      code(() => checkScalingOptions('3.2', { ...group, desired: '5' })),
      'run.badOption:desired',
    );
    assert.equal(
      code(() => checkScalingOptions('3.2', { ...group, max: 'four' })),
      'run.badOption:max',
    );
    const alarms = { high: '70', low: '30', target: '70' };
    assert.equal(
      code(() => checkScalingOptions('3.3', alarms)),
      'accepted',
    );
    assert.equal(
      code(() => checkScalingOptions('3.3', { ...alarms, low: '80' })),
      'run.badOption:low',
    );
    const load = { concurrency: '10', seconds: '600', perSecond: '' };
    assert.equal(
      code(() => checkScalingOptions('3.4', load)),
      'accepted',
    );
    assert.equal(
      code(() => checkScalingOptions('3.4', { ...load, concurrency: '21' })),
      'run.badOption:concurrency',
    );
    assert.equal(
      code(() => checkScalingOptions('3.4', { ...load, seconds: '601' })),
      'run.badOption:seconds',
    );
  });
});

describe('scalingBlocker', () => {
  it('3.1 waits for an AMI, 3.2 for a template, 3.3-3.5 for a group', () => {
    const inv = consoleLab();
    const roles = findRoles(inv);
    const noImage = { ...roles, images: [] };
    assert.equal(scalingBlocker('3.1', inv, noImage)?.code, 'image.missing');
    assert.equal(scalingBlocker('3.2', inv, roles)?.code, 'run.noLaunchTemplate');
    for (const id of ['3.3', '3.4', '3.5'] as const)
      assert.equal(scalingBlocker(id, inv, roles)?.code, 'run.noScalingGroup');
  });
});
