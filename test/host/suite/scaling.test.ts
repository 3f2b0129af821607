// Track 3 in the editor on the practice account: a launch template and an Auto Scaling group made by the suite
// through the real SDK (as a student in the console would), "Watch Auto Scaling" opened on it through the
// extension's command, the samples arriving in the chart; a scale-out (desired 1 → 2) charted as it happens; the
// watch stopped when the panel closes. The group is then scaled in to zero and stays, empty, for the UI pass
// (scalingUi.ts): running instances of it would change what the UI pass's cost and network checks count.
import * as assert from 'node:assert/strict';
import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeInstancesCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import { practiceClients } from '../../fixtures/practiceClients';
import { activated, type ScaleOutLabApi } from './extensionApi';

/** The suite's group (the UI pass opens it again). */
export const HOST_GROUP = 'host-ASG';

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
      LaunchTemplateName: 'host-template',
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
      LaunchTemplate: { LaunchTemplateName: 'host-template', Version: '$Default' },
      MinSize: 1,
      DesiredCapacity: 1,
      MaxSize: 3,
      VPCZoneIdentifier: twoAzs.join(','),
    }),
  );
  return c;
}

const shown = (api: ScaleOutLabApi) => api.scalingShown();

export function scalingTests(): void {
  suite('scaling (track 3)', () => {
    test('Watch Auto Scaling charts a group the suite made; a scale-out arrives as samples; closing stops it', async () => {
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
      } finally {
        c.destroy();
      }
    });
  });
}
