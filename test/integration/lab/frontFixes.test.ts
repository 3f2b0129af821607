// The load balancer's front door against the practice account, through the real SDK clients: a new group with no
// inbound rule (the console's default) and the web servers' own group shared with the ALB (seed 000). The checks
// name the cause, and their one-click fixes (fixes.ts) heal the account so the checks pass.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { SetSecurityGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { checkStep } from '../../../src/lab/checks/checks';
import { observe } from '../../../src/lab/observe';
import { applyFix, runStep } from '../../../src/lab/run/runner';
import type { CheckInput, CheckResult, StepOutcome } from '../../../src/lab/types';
import { editClonePage, startLab, type LabHarness } from '../../fixtures/labPractice';

function assertPassed(o: StepOutcome | CheckResult): void {
  const r = 'check' in o ? o.check : o;
  assert.equal(r.status, 'passed', JSON.stringify(r));
}

describe("the load balancer's own security group, on the practice account", () => {
  let lab: LabHarness;
  let lbArn = '';
  let albSgId = '';
  const fresh = async (): Promise<CheckInput> => {
    const inventory = await lab.context().inventory();
    return { inventory, observations: await observe(inventory, lab.context().web) };
  };

  before(async () => {
    lab = await startLab();
    const ctx = lab.context();
    for (const id of ['1.1', '1.2', '1.3', '1.4'] as const) assertPassed(await runStep(id, {}, ctx));
    editClonePage(lab, (await ctx.inventory()).instances.find((i) => i.name === 'WebServer2')?.id ?? '');
    assertPassed(await runStep('1.6', {}, ctx));
    const inv = await ctx.inventory();
    lbArn = inv.loadBalancers[0]?.arn ?? '';
    albSgId = inv.loadBalancers[0]?.securityGroupIds[0] ?? '';
  });
  after(() => lab.close());

  it('a new group without inbound rules: 1.6 and 1.8 name it; the fix opens HTTP 80 on it and the ALB answers', async () => {
    const inv = await lab.context().inventory();
    const vpcId = inv.loadBalancers[0]?.vpcId;
    const created = await lab.clients.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'elb-sg', Description: 'elb-sg', VpcId: vpcId }),
    );
    await lab.clients.elbv2.send(
      new SetSecurityGroupsCommand({ LoadBalancerArn: lbArn, SecurityGroups: [created.GroupId ?? ''] }),
    );
    const broken = await fresh();
    const six = checkStep('1.6', broken);
    assert.equal(six.status === 'failed' && six.reason.code, 'alb.groupClosed', JSON.stringify(six));
    const eight = checkStep('1.8', broken);
    assert.equal(eight.status === 'failed' && eight.reason.code, 'alb.groupClosed', JSON.stringify(eight));
    if (six.status !== 'failed') return;
    assert.deepEqual(six.fixes, [
      {
        code: 'authorizeIngress',
        args: { groupId: created.GroupId, groupName: 'elb-sg', protocol: 'tcp', port: 80, cidr: '0.0.0.0/0' },
      },
    ]);
    // The web servers admit HTTP from anywhere (track 0), so the targets stayed healthy all along.
    await applyFix(six.fixes[0]!, lab.context());
    const healed = await fresh();
    assertPassed(checkStep('1.6', healed));
    assertPassed(checkStep('1.8', healed));
  });

  it("the ALB in the web servers' group: 1.9 names it once; the fix gives it alb-sg of its own and it keeps answering", async () => {
    const inv = await lab.context().inventory();
    const web = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
    assert.ok(web);
    await lab.clients.elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn: lbArn, SecurityGroups: [web.id] }));
    const shared = await fresh();
    const nine = checkStep('1.9', shared);
    assert.equal(nine.status === 'failed' && nine.reason.code, 'secure.sharedGroup', JSON.stringify(nine));
    if (nine.status !== 'failed') return;
    assert.equal((nine.details ?? [nine.reason]).filter((d) => d.code === 'secure.sharedGroup').length, 1);
    const own = nine.fixes.find((f) => f.code === 'ownLoadBalancerGroup');
    assert.ok(own, JSON.stringify(nine.fixes));
    await applyFix(own, lab.context());
    const after = await fresh();
    const lb = after.inventory.loadBalancers[0];
    // The runner's alb-sg of 1.6 (HTTP from anywhere) is found by name and reused.
    assert.deepEqual(lb?.securityGroupIds, [albSgId]);
    const webNow = after.inventory.securityGroups.find((g) => g.id === web.id);
    assert.ok(
      webNow?.inbound.some((r) => r.fromPort === 80 && r.source.kind === 'group' && r.source.groupId === albSgId),
      JSON.stringify(webNow?.inbound),
    );
    assertPassed(checkStep('1.8', after));
    // What is left of 1.9: the open rules of the web group, no longer the shared group.
    const left = checkStep('1.9', after);
    assert.equal(left.status === 'failed' && left.reason.code, 'secure.openRule', JSON.stringify(left));
  });
});
