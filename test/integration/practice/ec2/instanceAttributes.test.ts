// ModifyInstanceAttribute through the real EC2Client: an instance's security groups, one attribute at
// a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeInstanceAttributeCommand,
  ModifyInstanceAttributeCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceTerminated,
} from '@aws-sdk/client-ec2';
import { WAIT, ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();
const { describe, latestAmazonLinux, launch } = practice;

test("ModifyInstanceAttribute changes an instance's security groups, one attribute at a time", async () => {
  const imageId = await latestAmazonLinux();
  const instance = await launch({ ImageId: imageId });
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [instance.InstanceId ?? ''] });
  const extra = await practice.aws.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'modify-sg', Description: 'for ModifyInstanceAttribute' }),
  );
  await practice.aws.ec2.send(
    new ModifyInstanceAttributeCommand({ InstanceId: instance.InstanceId, Groups: [extra.GroupId ?? ''] }),
  );
  assert.deepEqual(
    (await describe(instance.InstanceId)).SecurityGroups?.map((g) => g.GroupName),
    ['modify-sg'],
  );
  const groups = await practice.aws.ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: instance.InstanceId, Attribute: 'groupSet' }),
  );
  assert.deepEqual(
    groups.Groups?.map((g) => g.GroupId),
    [extra.GroupId],
  );
  await fails(
    practice.aws.ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: instance.InstanceId,
        Groups: [extra.GroupId ?? ''],
        InstanceType: { Value: 't3.micro' },
      }),
    ),
    'InvalidParameterCombination',
  );
  await fails(
    practice.aws.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: instance.InstanceId, Groups: ['sg-0123456789abcdef0'] }),
    ),
    'InvalidGroup.NotFound',
  );
  await fails(practice.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: extra.GroupId })), 'DependencyViolation');
  await practice.aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId ?? ''] }));
  await waitUntilInstanceTerminated(
    { client: practice.aws.ec2, ...WAIT },
    { InstanceIds: [instance.InstanceId ?? ''] },
  );
  await practice.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: extra.GroupId })); // a terminated instance holds nothing
});
