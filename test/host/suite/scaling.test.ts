// Track 3 in the editor on the practice account: a launch template and an Auto Scaling group made by the suite
// through the real SDK (as a student in the console would), "Watch Auto Scaling" opened on it through the
// extension's command, the samples arriving in the chart; a scale-out (desired 1 → 2) charted as it happens; the
// watch stopped when the panel closes. The group is then scaled in to zero and deleted with its template: the UI
// pass (scalingUi.ts) builds track 3 from the palette as a student does, and its cost and network checks count
// instances (nothing of this group may be left for them).
import * as assert from 'node:assert/strict';
import {
  CreateAutoScalingGroupCommand,
  DeleteAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  UpdateAutoScalingGroupCommand,
  waitUntilGroupNotExists,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  DeleteLaunchTemplateCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import { practiceClients } from '../../fixtures/practiceClients';
import { activated, type ScaleOutLabApi } from './extensionApi';

/** The suite's group and template, deleted at the test's end. */
export const HOST_GROUP = 'host-ASG';
const HOST_TEMPLATE = 'host-template';

async function eventually(ok: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A template from WebServer's image and groups, and a group of 1 (max 3) over the default subnets of 1a and 1c. */
async function makeGroup(endpoint: string): Promise<ReturnType<typeof practiceClients>> {
  const c = practiceClients(endpoint);
  const web = await c.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] }),
  );
  const server = web.Reservations?.[0]?.Instances?.[0];
  assert.ok(server?.ImageId, 'no WebServer on the practice account');
  const subnets = await c.ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
  );
  const twoAzs = (subnets.Subnets ?? [])
    .filter((s) => s.AvailabilityZone === 'ap-northeast-1a' || s.AvailabilityZone === 'ap-northeast-1c')
    .map((s) => s.SubnetId ?? '');
  await c.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: HOST_TEMPLATE,
      LaunchTemplateData: {
        ImageId: server.ImageId,
        InstanceType: 't2.micro',
        SecurityGroupIds: (server.SecurityGroups ?? []).map((g) => g.GroupId ?? ''),
      },
    }),
  );
  await c.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: HOST_GROUP,
      LaunchTemplate: { LaunchTemplateName: HOST_TEMPLATE, Version: '$Default' },
      MinSize: 1,
      DesiredCapacity: 1,
      MaxSize: 3,
      VPCZoneIdentifier: twoAzs.join(','),
    }),
  );
  return c;
}

const shown = (api: ScaleOutLabApi) => api.scalingShown();

/** The group deleted (ForceDelete: whatever it still runs goes with it) until it is gone, then its template. */
async function deleteGroup(c: ReturnType<typeof practiceClients>): Promise<void> {
  await c.autoscaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: HOST_GROUP, ForceDelete: true }));
  await waitUntilGroupNotExists(
    { client: c.autoscaling, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
    { AutoScalingGroupNames: [HOST_GROUP] },
  );
  await c.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: HOST_TEMPLATE }));
  const left = await c.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [HOST_GROUP] }));
  assert.deepEqual(left.AutoScalingGroups ?? [], [], `${HOST_GROUP} is still there after its deletion`);
  const templates = await c.ec2.send(new DescribeLaunchTemplatesCommand({}));
  assert.ok(
    !(templates.LaunchTemplates ?? []).some((t) => t.LaunchTemplateName === HOST_TEMPLATE),
    `${HOST_TEMPLATE} is still there after its deletion`,
  );
}

export function scalingTests(): void {
  suite('scaling (track 3)', () => {
    test('Watch Auto Scaling charts a group the suite made; a scale-out arrives as samples; closing stops it; the group and its template are deleted', async () => {
      const api = await activated();
      await api.whenInventoryLoaded();
      const endpoint = await api.accountEndpoint();
      assert.ok(endpoint, 'the practice account has no endpoint');
      const c = await makeGroup(endpoint);
      try {
        const watching = vscode.commands.executeCommand('scaleOutLab.watchScaling', HOST_GROUP);
        await eventually(() => (shown(api)?.inService ?? 0) === 1, 'the group’s first instance in service, charted');
        const first = shown(api);
        assert.equal(first?.groupName, HOST_GROUP);
        assert.equal(first?.visible, true, 'the chart’s panel is shown');
        await c.autoscaling.send(
          new SetDesiredCapacityCommand({ AutoScalingGroupName: HOST_GROUP, DesiredCapacity: 2 }),
        );
        await eventually(() => shown(api)?.desired === 2, 'desired 2 charted');
        await eventually(
          () => shown(api)?.inService === 2 && shown(api)?.instances === 2,
          `the second instance in service, charted (${JSON.stringify(shown(api))})`,
        );
        const later = shown(api);
        assert.ok((later?.samples ?? 0) > (first?.samples ?? 0), JSON.stringify({ first, later }));
        assert.equal(later?.live, true);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await watching;
        assert.equal(shown(api)?.live, false, 'the watch stopped with its panel');
        await c.autoscaling.send(
          new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: HOST_GROUP, MinSize: 0, DesiredCapacity: 0 }),
        );
        const deadline = Date.now() + 30_000;
        for (;;) {
          const g = await c.autoscaling.send(
            new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [HOST_GROUP] }),
          );
          if ((g.AutoScalingGroups?.[0]?.Instances ?? []).length === 0) break;
          assert.ok(Date.now() < deadline, `${HOST_GROUP} still has instances after its scale-in to 0`);
          await new Promise((r) => setTimeout(r, 200));
        }
        await deleteGroup(c);
      } finally {
        c.destroy();
      }
    });
  });
}
