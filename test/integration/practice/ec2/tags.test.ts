// EC2 tags on any resource through the real EC2Client: create, delete (by key, by key and value),
// describe; AWS's errors for bad IDs and aws: keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTagsCommand, DeleteTagsCommand, DescribeTagsCommand } from '@aws-sdk/client-ec2';
import { ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();
const { records, describe, webServer } = practice;

test('tags on any resource: create, delete (by key, by key and value), describe; AWS errors for bad IDs and aws: keys', async () => {
  const web = await webServer();
  const sg = web.SecurityGroups?.[0]?.GroupId ?? '';
  const eip = records().addresses.find((a) => a.association?.instanceId === web.InstanceId)?.allocationId ?? '';
  await practice.aws.ec2.send(
    new CreateTagsCommand({
      Resources: [web.InstanceId ?? '', sg, eip],
      Tags: [
        { Key: 'scale-out-lab:lab', Value: '0.1' },
        { Key: 'Owner', Value: '学生' },
      ],
    }),
  );
  const tagged = await practice.aws.ec2.send(
    new DescribeTagsCommand({
      Filters: [
        { Name: 'key', Values: ['scale-out-lab:lab'] },
        { Name: 'resource-id', Values: [web.InstanceId ?? '', sg, eip] },
      ],
    }),
  );
  assert.deepEqual(tagged.Tags?.map((t) => t.ResourceType).sort(), ['elastic-ip', 'instance', 'security-group']);
  assert.equal((await describe(web.InstanceId)).Tags?.find((t) => t.Key === 'Owner')?.Value, '学生');

  await practice.aws.ec2.send(
    new DeleteTagsCommand({ Resources: [web.InstanceId ?? ''], Tags: [{ Key: 'Owner', Value: 'someone else' }] }),
  );
  assert.ok(
    (await describe(web.InstanceId)).Tags?.some((t) => t.Key === 'Owner'),
    'a different value deletes nothing',
  );
  await practice.aws.ec2.send(
    new DeleteTagsCommand({
      Resources: [web.InstanceId ?? '', sg, eip],
      Tags: [{ Key: 'Owner' }, { Key: 'scale-out-lab:lab' }],
    }),
  );
  assert.deepEqual((await describe(web.InstanceId)).Tags, [{ Key: 'Name', Value: 'WebServer' }]);

  await fails(
    practice.aws.ec2.send(
      new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] }),
    ),
    'InvalidInstanceID.NotFound',
  );
  await fails(
    practice.aws.ec2.send(new CreateTagsCommand({ Resources: ['nonsense-1'], Tags: [{ Key: 'a', Value: 'b' }] })),
    'InvalidID',
  );
  await fails(
    practice.aws.ec2.send(
      new CreateTagsCommand({ Resources: [web.InstanceId ?? ''], Tags: [{ Key: 'aws:reserved', Value: 'b' }] }),
    ),
    'InvalidParameterValue',
  );
  await fails(
    practice.aws.ec2.send(new CreateTagsCommand({ Resources: [web.InstanceId ?? ''], Tags: [] })),
    'MissingParameter',
  );
});
