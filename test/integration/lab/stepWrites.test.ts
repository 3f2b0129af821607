// A track 3 runner's check after the run reads again only what the step wrote (3.1: the Auto Scaling section; 3.2:
// that, the instances and the target groups' targets) over the run's own last read; a step whose check does not pass on it
// is judged again on a whole fresh read, so a failure never names a cause from the older sections.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, it } from 'node:test';
import { DeleteLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import type { InventorySection } from '../../../src/aws/types';
import { runStep, runTrack } from '../../../src/lab/run/runner';
import type { StepContext } from '../../../src/lab/types';
import { AwsError } from '../../../src/aws/errors';
import { editClonePage, startLab, type LabHarness } from '../../fixtures/labPractice';

let lab: LabHarness;
before(async () => {
  lab = await startLab({ speed: 600 });
});
after(() => lab.close());
beforeEach(async () => {
  await lab.server.reset();
  await runTrack('1', lab.context(), { editClonePage: async (id) => editClonePage(lab, id) });
});

/** The lab's context, with the sections of each inventory the run asks for (through its step's readable context). */
function recording(): { ctx: StepContext; scopes: (readonly InventorySection[] | undefined)[] } {
  const base = lab.context();
  const scopes: (readonly InventorySection[] | undefined)[] = [];
  return {
    scopes,
    ctx: {
      ...base,
      inventory: (scope) => {
        scopes.push(scope?.sections);
        return base.inventory(scope);
      },
    },
  };
}

it("3.1 and 3.2 pass on their writes read again over the run's last read, not on a second whole read", async () => {
  const first = recording();
  const template = await runStep('3.1', {}, first.ctx);
  assert.equal(template.check.status, 'passed', JSON.stringify(template.check));
  assert.deepEqual(first.scopes.at(-1), ['autoScaling']);
  const second = recording();
  const group = await runStep('3.2', {}, second.ctx);
  assert.equal(group.check.status, 'passed', JSON.stringify(group.check));
  // The load balancers as the run last read them, the target group's targets read again: the run's first read had
  // none of the group's instances, and 3.2 passes only with them healthy in the target group.
  assert.deepEqual(second.scopes.at(-1), ['autoScaling', 'instances']);
});

it('a check that does not pass on the writes is judged again on a whole read (the template deleted behind our back)', async () => {
  const r = recording();
  const ctx: StepContext = {
    ...r.ctx,
    inventory: async (scope) => {
      // Right before the check's read, someone deletes the template in the console.
      if (scope?.sections?.join() === 'autoScaling')
        await lab.clients.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: 'WebServer-template' }));
      return r.ctx.inventory(scope);
    },
  };
  const outcome = await runStep('3.1', {}, ctx);
  assert.equal(outcome.check.status, 'failed', JSON.stringify(outcome.check));
  assert.deepEqual(r.scopes.at(-2), ['autoScaling']);
  // The step's own sections, all of them: what a run reads when it does not narrow the scope.
  assert.deepEqual(r.scopes.at(-1), r.scopes[0]);
  assert.ok(r.scopes.at(-1)?.includes('network'));
});

it("3.2's targets read again, denied: the run fails naming DescribeTargetHealth, and a rerun passes", async () => {
  const ctx = lab.context();
  assert.equal((await runStep('3.1', {}, ctx)).check.status, 'passed');
  // Denied right after the check's read of the sections, so the targets' own read meets it.
  const denied = () => lab.server.injectFault({ action: 'DescribeTargetHealth', kind: 'accessDenied', count: 1 });
  let calls = 0;
  const counting: StepContext = {
    ...ctx,
    inventory: async (scope) => {
      const read = await ctx.inventory(scope);
      if (scope?.sections?.join() === 'autoScaling,instances' && ++calls === 1) denied();
      return read;
    },
  };
  await assert.rejects(runStep('3.2', {}, counting), (error: unknown) => {
    assert.ok(error instanceof AwsError, String(error));
    assert.equal(error.problem.kind, 'accessDenied', JSON.stringify(error.problem));
    assert.match(JSON.stringify(error.problem), /elasticloadbalancing:DescribeTargetHealth/);
    return true;
  });
  assert.equal((await runStep('3.2', {}, ctx)).check.status, 'passed');
});
