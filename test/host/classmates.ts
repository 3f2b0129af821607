// What the class passes make in the window's practice account, as a class makes it through the real EC2 client:
// servers in the seeded WebServer's subnet (from its AMI unless told), web groups, tagged as the lab's runners tag
// them or with a Name only as the console does; and all of it removed after, so the passes after see the account
// as before.
import {
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  ModifyInstanceAttributeCommand,
  ReleaseAddressCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import { STUDENT_TAG } from '../../src/aws/student';
import { LAB_ID, LAB_TAG } from '../../src/lab/types';
import type { PracticeClients } from '../fixtures/practiceClients';

export interface Made {
  instances: string[];
  groups: string[];
  allocations: string[];
  vpcId?: string;
}

export const nothingMade = (): Made => ({ instances: [], groups: [], allocations: [] });

/** The tags our runners give what they make for a student. */
export const runnerTags = (student: string): Tag[] => [
  { Key: LAB_TAG, Value: LAB_ID },
  { Key: STUDENT_TAG, Value: student },
];

/** The seeded WebServer's image, subnet and VPC, and how to make servers and groups beside it (kept in `made`). */
export async function classmates(c: PracticeClients, made: Made) {
  const web = await c.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] }),
  );
  const seeded = web.Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.State?.Name !== 'terminated');
  if (!seeded?.ImageId || !seeded.SubnetId || !seeded.VpcId) throw new Error('no WebServer on the practice account');
  const { ImageId: image, SubnetId: subnetId, VpcId: vpcId } = seeded;
  made.vpcId = vpcId;
  return {
    group: async (name: string, tags: Tag[], description = `web servers of ${name}`): Promise<string> => {
      const out = await c.ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: name,
          Description: description,
          VpcId: vpcId,
          TagSpecifications: [{ ResourceType: 'security-group', Tags: tags }],
        }),
      );
      if (!out.GroupId) throw new Error(`CreateSecurityGroup gave no group for ${name}`);
      made.groups.push(out.GroupId);
      return out.GroupId;
    },
    launch: async (
      name: string,
      options: { groupIds?: string[]; tags?: Tag[]; imageId?: string | undefined } = {},
    ): Promise<string> => {
      const groupIds = options.groupIds ?? [];
      const out = await c.ec2.send(
        new RunInstancesCommand({
          ImageId: options.imageId ?? image,
          InstanceType: 't2.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnetId,
          ...(groupIds.length > 0 ? { SecurityGroupIds: groupIds } : {}),
          TagSpecifications: [
            { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }, ...(options.tags ?? [])] },
          ],
        }),
      );
      const id = out.Instances?.[0]?.InstanceId;
      if (!id) throw new Error(`RunInstances gave no instance for ${name}`);
      made.instances.push(id);
      return id;
    },
  };
}

/** The servers terminated, the addresses released, then the groups deleted (in use, a group answers DependencyViolation). */
export async function removeMade(c: PracticeClients | undefined, made: Made): Promise<void> {
  if (!c) return;
  // The servers moved to their VPC's default group first: a group stays in use while its server shuts down (~30 s).
  const inVpc = await c.ec2
    .send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }))
    .catch(() => undefined);
  const fallback = inVpc?.SecurityGroups?.find((g) => g.VpcId === made.vpcId)?.GroupId;
  for (const id of fallback ? made.instances : [])
    await c.ec2
      .send(new ModifyInstanceAttributeCommand({ InstanceId: id, Groups: [fallback!] }))
      .catch(() => undefined);
  if (made.instances.length > 0)
    await c.ec2.send(new TerminateInstancesCommand({ InstanceIds: made.instances })).catch(() => undefined);
  for (const id of made.allocations)
    await c.ec2.send(new ReleaseAddressCommand({ AllocationId: id })).catch(() => undefined);
  for (const id of made.groups) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const gone = await c.ec2
        .send(new DeleteSecurityGroupCommand({ GroupId: id }))
        .then(() => true)
        .catch((e: Error) => !/DependencyViolation/.test(e.name));
      if (gone) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
