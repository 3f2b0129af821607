// The words of a console-built lab's results match the situation: neither page seen is not "only one server",
// the shared group is named once with its fix, a freed Elastic IP is named as the fix offers it.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkAll } from '../../../../src/lab/checks/checks';
import {
  LW1,
  WS2_IP,
  albAnswers,
  anywhere,
  at,
  consoleLab,
  fromMe,
  myAlb,
  openPages,
  securedConsoleLab,
  tgWeb,
  webServer,
  webServer2,
  withInstance,
  withRules,
  withTargets,
} from '../../../fixtures/labConsoleWorld';
import { codesOf, failedOf, summary } from '../../../fixtures/labScenarios';

describe('defect 7: words that match the situation', () => {
  it('1.8: neither page seen is not "only one server"; WebServer2 not registered says register it, with the fix', () => {
    const other = checkAll(
      at(consoleLab(), new Map([...openPages(), albAnswers([{ status: 200, variant: 'other' }])])),
    )[9]!;
    assert.equal(summary(other), 'failed tally.noVision');
    const inv = withTargets(consoleLab(), tgWeb.arn, [tgWeb.targets[0]!]);
    const one = failedOf(
      checkAll(at(inv, new Map([...openPages(), albAnswers([{ status: 200, variant: 'vision' }])])))[9]!,
    );
    assert.equal(one.reason.code, 'targetGroup.targetMissing');
    assert.deepEqual(codesOf(one), ['targetGroup.targetMissing', 'tally.onlyOneVariant']);
    assert.deepEqual(
      one.fixes.map((f) => `${f.code} ${f.args.instanceId}`),
      [`registerTarget ${webServer2.id}`],
    );
  });

  it('1.9: the shared group named once, with the fix that gives the ALB its own group', () => {
    let inv = securedConsoleLab();
    inv = withInstance(inv, webServer2.id, { securityGroups: [{ id: LW1, name: 'launch-wizard-1' }] });
    inv = { ...inv, loadBalancers: inv.loadBalancers.map((l) => ({ ...l, securityGroupIds: [LW1] })) };
    inv = withRules(inv, LW1, [anywhere(80), fromMe(22)]);
    const r = failedOf(checkAll(at(inv, openPages()))[10]!);
    assert.equal(r.reason.code, 'secure.sharedGroup');
    assert.equal(codesOf(r).filter((c) => c === 'secure.sharedGroup').length, 1);
    assert.deepEqual(r.fixes[0], {
      code: 'ownLoadBalancerGroup',
      args: {
        loadBalancerArn: myAlb.arn,
        name: 'my-alb',
        vpcId: 'vpc-def',
        groupName: 'alb-sg',
        webGroupId: LW1,
        webGroupName: 'launch-wizard-1',
        port: 80,
      },
    });
  });

  it('1.4: a freed Elastic IP is named as the fix offers it; 1.7 waits on 1.6 while there is no WebServer2', () => {
    let inv = withInstance(consoleLab(), webServer2.id, { elasticIp: undefined, publicIp: '13.0.0.9' });
    inv = {
      ...inv,
      elasticIps: inv.elasticIps.map((e) =>
        e.instanceId === webServer2.id ? { ...e, instanceId: undefined, associationId: undefined } : e,
      ),
    };
    const r = failedOf(checkAll(at(inv, openPages()))[5]!);
    assert.equal(r.reason.code, 'eip.notAssociated');
    assert.equal(r.reason.args.publicIp, WS2_IP);
    assert.equal(r.fixes[0]?.args.allocationId, 'eipalloc-ws2');
    const alone = { ...consoleLab(), instances: [webServer] };
    assert.equal(summary(checkAll(at(alone, openPages()))[8]!), 'waiting 1.6');
  });
});
