// Cleanup against the practice account when reads and replies fail, after tracks 0-1 on the seeded account: an unread
// section is "unknown", never "nothing left"; a rule that cannot be put back holds its lab group back; a lost reply
// to a delete is found gone by the rerun, which finishes and leaves WebServer serving as before the lab.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { cleanupIncomplete, planCleanup, runCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupContext } from '../../../src/lab/cleanup/types';
import { cleanupPlanLines, cleanupResultLines } from '../../../src/present/lab/cleanupText';
import { bundleTranslator } from '../../../src/present/l10n';
import type { StepContext } from '../../../src/lab/types';
import { assertWebServerServes, labBilling, tracks01 } from '../../fixtures/labCleanup';
import { startLab, type LabHarness } from '../../fixtures/labPractice';

const en = bundleTranslator();

describe('cleanup on the practice account: unread sections and lost replies', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await tracks01(lab);
  });
  after(() => lab.close());

  const run = (ctx: StepContext, extra: Partial<CleanupContext> = {}): CleanupContext => ({
    clients: lab.clients,
    inventory: ctx.inventory,
    signal: ctx.signal,
    progress: () => undefined,
    retrySeconds: 0.5,
    ...extra,
  });

  it('DescribeLoadBalancers failing past the retries while planning: the plan says the load balancers could not be read', async () => {
    const ctx = lab.context();
    lab.server.injectFault({ action: 'elasticloadbalancing:DescribeLoadBalancers', kind: 'throttle', count: 4 });
    const plan = planCleanup(await ctx.inventory());
    assert.deepEqual(
      plan.unread.map((u) => `${u.section} ${u.action} ${u.error.kind}`),
      ['loadBalancing elasticloadbalancing:DescribeLoadBalancers throttled'],
    );
    assert.ok(!plan.items.some((i) => i.kind === 'loadBalancer'), 'the ALB is not seen');
    const lines = cleanupPlanLines(plan, en);
    assert.ok(
      lines.some((l) =>
        l.startsWith(
          '  Could not read the load balancers and target groups (elasticloadbalancing:DescribeLoadBalancers): ',
        ),
      ),
      lines.join('\n'),
    );
    // The fault's last hit is taken by this read, which the SDK retries.
    assert.deepEqual((await ctx.inventory()).problems, []);
  });

  it('a rule that cannot be put back holds its lab group back, so a rerun still knows what to put back', async () => {
    const ctx = lab.context();
    const inv = await ctx.inventory();
    const whole = planCleanup(inv);
    const albSg = whole.items.find((i) => i.kind === 'securityGroup' && i.name === 'alb-sg');
    assert.ok(albSg);
    // Only alb-sg (as if the rest were unchecked in the editor): its changes still come with it.
    const plan = planCleanup(inv, { exclude: whole.items.filter((i) => i.id !== albSg.id).map((i) => i.id) });
    assert.deepEqual(
      plan.items.map((i) => i.id),
      [albSg.id],
    );
    assert.equal(plan.changes.filter((c) => c.action === 'authorizeIngress').length, 2);
    lab.server.injectFault({ action: 'AuthorizeSecurityGroupIngress', kind: 'accessDenied', count: 2 });
    const result = await runCleanup(plan, run(ctx));
    assert.deepEqual(
      result.changeFailed.map((f) => f.problem.kind),
      ['accessDenied', 'accessDenied'],
    );
    assert.deepEqual(result.changed, []);
    assert.deepEqual(
      result.failed.map((f) => `${f.item.id} ${f.problem.kind}`),
      [`${albSg.id} accessDenied`],
    );
    assert.ok(cleanupIncomplete(result));
    const after = await ctx.inventory();
    const wizard = after.securityGroups.find((g) => g.name === 'launch-wizard-1');
    assert.ok(
      after.securityGroups.some((g) => g.id === albSg.id),
      'alb-sg stays',
    );
    assert.ok(
      wizard?.inbound.some((r) => r.source.kind === 'group' && r.source.groupId === albSg.id),
      "launch-wizard-1's rule naming alb-sg stays: the evidence of 1.9",
    );
    assert.deepEqual(
      planCleanup(after).changes.map((c) => c.action),
      plan.changes.map((c) => c.action),
    );
  });

  it('DeleteLoadBalancer denied and the final check unable to read the load balancers: unknown, not "nothing left"', async () => {
    const ctx = lab.context();
    const plan = planCleanup(await ctx.inventory());
    assert.ok(plan.items.some((i) => i.kind === 'loadBalancer'));
    lab.server.injectFault({ action: 'DeleteLoadBalancer', kind: 'accessDenied', count: 1 });
    let reads = 0;
    const result = await runCleanup(
      plan,
      run(ctx, {
        // The run reads the account twice: the groups before deleting, then the final check (made to fail).
        inventory: async () => {
          reads += 1;
          if (reads === 2)
            lab.server.injectFault({
              action: 'elasticloadbalancing:DescribeLoadBalancers',
              kind: 'throttle',
              count: 3,
            });
          return ctx.inventory();
        },
      }),
    );
    assert.equal(reads, 2);
    assert.ok(result.failed.some((f) => f.item.kind === 'loadBalancer' && f.problem.kind === 'accessDenied'));
    assert.deepEqual(
      result.unread.map((u) => u.section),
      ['loadBalancing'],
    );
    assert.ok(cleanupIncomplete(result));
    const lines = cleanupResultLines(result, en);
    assert.ok(!lines.includes('Nothing billable of the lab is left.'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('  Could not read the load balancers and target groups')));
    assert.equal((await ctx.inventory()).loadBalancers.length, 1, 'the ALB is still there');
  });

  it('with the replies to deletes lost, the retry finds them gone (notFound = deleted), and a rerun finishes', async () => {
    const ctx = lab.context();
    // What the previous test left: the ALB (denied) and alb-sg (in use by it). Each delete is applied, its answer lost.
    const plan = planCleanup(await ctx.inventory());
    assert.deepEqual(plan.items.map((i) => i.kind).sort(), ['loadBalancer', 'securityGroup']);
    for (const action of ['DeleteLoadBalancer', 'DeleteSecurityGroup'])
      lab.server.injectFault({ action, kind: 'replyLost', count: 1 });
    const first = await runCleanup(plan, run(ctx));
    assert.deepEqual(first.failed, []);
    assert.deepEqual(first.deleted.map((i) => i.kind).sort(), ['loadBalancer', 'securityGroup']);
    const again = await runCleanup(planCleanup(await ctx.inventory()), run(ctx));
    assert.deepEqual(again.failed, []);
    assert.deepEqual(again.leftBillable, []);
    assert.deepEqual(again.unread, []);
    assert.ok(!cleanupIncomplete(again));
    const inv = await ctx.inventory();
    assert.deepEqual(planCleanup(inv).items, [], 'nothing of the lab is left');
    assert.deepEqual(labBilling(inv), { estimate: [], plan: [] });
    await assertWebServerServes(ctx);
  });
});
