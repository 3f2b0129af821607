// Step 3.1 through the real EC2Client: the launch template (version 1), a second version from SourceVersion,
// $Latest and $Default, the default moved by ModifyLaunchTemplate, filters and tags, AWS's errors; a group of
// the template's latest version launches that version; deleting the template is allowed, as on AWS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DeleteLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  ModifyLaunchTemplateCommand,
  paginateDescribeLaunchTemplates,
} from '@aws-sdk/client-ec2';
import { CreateAutoScalingGroupCommand, DeleteAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { asgPractice, fails, inService } from './asgPractice';

const practice = asgPractice();

test('step 3.1: version 1 as created, a second from SourceVersion, $Latest and $Default, the default moved', async () => {
  const { aws, templateId, imageId } = practice;
  const [template] =
    (await aws.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['WebServer-template'] })))
      .LaunchTemplates ?? [];
  assert.deepEqual(
    [template?.LaunchTemplateId, template?.DefaultVersionNumber, template?.LatestVersionNumber],
    [templateId, 1, 1],
  );
  const v2 = await aws.ec2.send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateId: templateId,
      SourceVersion: '1',
      VersionDescription: 'bigger',
      LaunchTemplateData: { InstanceType: 't3.micro' },
    }),
  );
  assert.equal(v2.LaunchTemplateVersion?.VersionNumber, 2);
  assert.equal(v2.LaunchTemplateVersion?.DefaultVersion, false);
  const data = v2.LaunchTemplateVersion?.LaunchTemplateData;
  assert.deepEqual([data?.ImageId, data?.InstanceType], [imageId, 't3.micro'], 'the source version with the change');
  const versions = async (refs: string[]) =>
    (
      (await aws.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: refs })))
        .LaunchTemplateVersions ?? []
    ).map((v) => [v.VersionNumber, v.DefaultVersion, v.LaunchTemplateData?.InstanceType]);
  assert.deepEqual(await versions(['$Latest', '$Default']), [
    [2, false, 't3.micro'],
    [1, true, 't2.micro'],
  ]);
  await aws.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: '2' }));
  assert.deepEqual(await versions(['$Default']), [[2, true, 't3.micro']]);
  const everyDefault = await aws.ec2.send(new DescribeLaunchTemplateVersionsCommand({ Versions: ['$Default'] }));
  assert.deepEqual(
    everyDefault.LaunchTemplateVersions?.map((v) => [v.LaunchTemplateName, v.VersionNumber]),
    [['WebServer-template', 2]],
    "the account-wide form: every template's default",
  );
  await fails(
    aws.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: ['7'] })),
    'InvalidLaunchTemplateId.VersionNotFound',
  );
});

test("AWS's errors: a name taken, an unknown ID or name; filters and tags; pages", async () => {
  const { aws, imageId, templateId } = practice;
  await fails(
    aws.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'WebServer-template',
        LaunchTemplateData: { ImageId: imageId },
      }),
    ),
    'InvalidLaunchTemplateName.AlreadyExistsException',
    'Launch template name already in use.',
  );
  await fails(
    aws.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ['lt-0123456789abcdef0'] })),
    'InvalidLaunchTemplateId.NotFound',
    'The specified launch template, with template ID lt-0123456789abcdef0, does not exist.',
  );
  await fails(
    aws.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['nope'] })),
    'InvalidLaunchTemplateName.NotFoundException',
    'At least one of the launch templates specified in the request does not exist.',
  );
  await aws.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'Test-template',
      LaunchTemplateData: { ImageId: imageId, InstanceType: 't2.micro' },
      TagSpecifications: [
        { ResourceType: 'launch-template', Tags: [{ Key: 'scale-out-lab:lab', Value: 'scale-out' }] },
      ],
    }),
  );
  await aws.ec2.send(new CreateTagsCommand({ Resources: [templateId], Tags: [{ Key: 'Name', Value: 'web' }] }));
  const byTag = await aws.ec2.send(
    new DescribeLaunchTemplatesCommand({ Filters: [{ Name: 'tag:scale-out-lab:lab', Values: ['scale-out'] }] }),
  );
  assert.deepEqual(
    byTag.LaunchTemplates?.map((t) => t.LaunchTemplateName),
    ['Test-template'],
  );
  const byName = await aws.ec2.send(
    new DescribeLaunchTemplatesCommand({ Filters: [{ Name: 'launch-template-name', Values: ['WebServer-*'] }] }),
  );
  assert.deepEqual(byName.LaunchTemplates?.[0]?.Tags, [{ Key: 'Name', Value: 'web' }]);
  const names: string[] = [];
  for await (const page of paginateDescribeLaunchTemplates({ client: aws.ec2, pageSize: 1 }, {}))
    names.push(...(page.LaunchTemplates ?? []).map((t) => t.LaunchTemplateName ?? ''));
  assert.deepEqual(names, ['WebServer-template', 'Test-template']);
});

test('a group of $Latest launches the latest version; the template can be deleted while the group uses it', async () => {
  const { aws, subnets, templateId } = practice;
  await aws.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'latest',
      LaunchTemplate: { LaunchTemplateId: templateId, Version: '$Latest' },
      MinSize: 1,
      MaxSize: 1,
      VPCZoneIdentifier: subnets[0],
    }),
  );
  const [member] = await inService(aws, 'latest', 1);
  assert.deepEqual([member?.InstanceType, member?.LaunchTemplate?.Version], ['t3.micro', '2']);
  const deleted = await aws.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: templateId }));
  assert.equal(deleted.LaunchTemplate?.LaunchTemplateName, 'WebServer-template');
  await aws.autoscaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'latest', ForceDelete: true }));
});
