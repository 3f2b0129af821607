// Snapshots and AMIs through the real EC2Client: snapshot -> register image -> a clone that serves the
// same page; CreateImage from a running instance carries its files; AMI name rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateImageCommand,
  CreateSnapshotCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  RegisterImageCommand,
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
  waitUntilInstanceStatusOk,
  waitUntilSnapshotCompleted,
  type CreateImageCommandInput,
} from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { httpdRunning } from '../../../../src/practice/machine/httpd';
import { CPS_RESEARCH_CENTER_PAGE } from '../../../../src/practice/seed/webServerPage';
import { WAIT, ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();
const { records, record, describe, webServer, subnetIn, launch } = practice;

test('snapshot -> register image -> a clone in 1d with the same group and key serves the same page', async () => {
  const web = await webServer();
  const rootVolume = web.BlockDeviceMappings?.find((b) => b.DeviceName === web.RootDeviceName)?.Ebs?.VolumeId;
  const snapshot = await practice.aws.ec2.send(
    new CreateSnapshotCommand({
      VolumeId: rootVolume,
      Description: 'WebServer root',
      TagSpecifications: [
        {
          ResourceType: 'snapshot',
          Tags: [
            { Key: 'State', Value: 'WebServer running' },
            { Key: 'Date', Value: '2026-11-23' },
          ],
        },
      ],
    }),
  );
  assert.equal(snapshot.State, 'pending');
  assert.equal(snapshot.VolumeSize, 8);
  await waitUntilSnapshotCompleted({ client: practice.aws.ec2, ...WAIT }, { SnapshotIds: [snapshot.SnapshotId ?? ''] });
  const completed = (
    await practice.aws.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshot.SnapshotId ?? ''] }))
  ).Snapshots?.[0];
  assert.deepEqual([completed?.State, completed?.Progress, completed?.Tags?.length], ['completed', '100%', 2]);

  const registered = await practice.aws.ec2.send(
    new RegisterImageCommand({
      Name: 'AMI of CPS Research Center',
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: { SnapshotId: snapshot.SnapshotId, VolumeType: 'gp2', DeleteOnTermination: true },
        },
      ],
      VirtualizationType: 'hvm',
      Architecture: 'x86_64',
      EnaSupport: true,
    }),
  );
  await waitUntilImageAvailable({ client: practice.aws.ec2, ...WAIT }, { ImageIds: [registered.ImageId ?? ''] });
  const mine = (await practice.aws.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images ?? [];
  assert.ok(
    mine.some(
      (i) =>
        i.ImageId === registered.ImageId &&
        i.State === 'available' &&
        i.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId === snapshot.SnapshotId,
    ),
  );
  await fails(
    practice.aws.ec2.send(
      new RegisterImageCommand({
        Name: 'AMI of CPS Research Center',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshot.SnapshotId } }],
      }),
    ),
    'InvalidAMIName.Duplicate',
  );
  await fails(
    practice.aws.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshot.SnapshotId })),
    'InvalidSnapshot.InUse',
  );

  const clone = await launch({
    ImageId: registered.ImageId,
    SubnetId: await subnetIn('d'),
    SecurityGroupIds: web.SecurityGroups?.map((g) => g.GroupId ?? ''),
    KeyName: web.KeyName,
    TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'WebServer2' }] }],
  });
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [clone.InstanceId ?? ''] });
  await waitUntilInstanceStatusOk({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [clone.InstanceId ?? ''] });
  const running = await describe(clone.InstanceId);
  assert.equal(running.Placement?.AvailabilityZone, `${PRACTICE_REGION}d`);
  assert.deepEqual(
    running.SecurityGroups?.map((g) => g.GroupName),
    ['launch-wizard-1'],
  );
  assert.equal(running.ImageId, registered.ImageId);
  assert.equal(record(clone.InstanceId).files['/var/www/html/index.html']?.content, CPS_RESEARCH_CENTER_PAGE);
  assert.ok(httpdRunning(record(clone.InstanceId)), 'httpd was enabled on WebServer, so it starts on the clone');
  assert.ok(
    !('/run/httpd/httpd.pid' in (records().images.find((i) => i.id === registered.ImageId)?.files ?? {})),
    'an AMI never carries /run',
  );

  // RegisterImage's defaults (paravirtual, no ENA) make an AMI current types refuse.
  const legacy = await practice.aws.ec2.send(
    new RegisterImageCommand({
      Name: 'legacy-defaults',
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshot.SnapshotId } }],
    }),
  );
  await waitUntilImageAvailable({ client: practice.aws.ec2, ...WAIT }, { ImageIds: [legacy.ImageId ?? ''] });
  await fails(launch({ ImageId: legacy.ImageId }), 'InvalidParameterCombination');
  const noEna = await practice.aws.ec2.send(
    new RegisterImageCommand({
      Name: 'hvm-no-ena',
      RootDeviceName: '/dev/xvda',
      VirtualizationType: 'hvm',
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshot.SnapshotId } }],
    }),
  );
  await waitUntilImageAvailable({ client: practice.aws.ec2, ...WAIT }, { ImageIds: [noEna.ImageId ?? ''] });
  await fails(launch({ ImageId: noEna.ImageId, InstanceType: 't3.micro' }), 'InvalidParameterCombination');

  // Deregistering keeps the snapshot; with every AMI gone it can be deleted.
  for (const id of [legacy.ImageId, noEna.ImageId])
    await practice.aws.ec2.send(new DeregisterImageCommand({ ImageId: id }));
  await fails(practice.aws.ec2.send(new DeregisterImageCommand({ ImageId: legacy.ImageId })), 'InvalidAMIID.NotFound');
  await fails(practice.aws.ec2.send(new DeregisterImageCommand({ ImageId: web.ImageId })), 'AuthFailure');
  await fails(
    practice.aws.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshot.SnapshotId })),
    'InvalidSnapshot.InUse',
  );
});

test('CreateImage from a running instance: snapshots of its volumes, an AMI that carries its files; name rules', async () => {
  const web = await webServer();
  const page = record(web.InstanceId).files['/var/www/html/index.html'];
  assert.ok(page);
  const created = await practice.aws.ec2.send(
    new CreateImageCommand({
      InstanceId: web.InstanceId,
      Name: 'WebServer image 2026-11-23',
      Description: 'CPS Research Center',
      NoReboot: true,
      TagSpecifications: [
        { ResourceType: 'image', Tags: [{ Key: 'Name', Value: 'WebServerAMI' }] },
        { ResourceType: 'snapshot', Tags: [{ Key: 'Name', Value: 'WebServerAMI-root' }] },
      ],
    }),
  );
  await waitUntilImageAvailable({ client: practice.aws.ec2, ...WAIT }, { ImageIds: [created.ImageId ?? ''] });
  const image = (await practice.aws.ec2.send(new DescribeImagesCommand({ ImageIds: [created.ImageId ?? ''] })))
    .Images?.[0];
  assert.deepEqual(
    [image?.State, image?.Name, image?.Tags?.[0]?.Value, image?.OwnerId],
    ['available', 'WebServer image 2026-11-23', 'WebServerAMI', '123456789012'],
  );
  assert.equal(image?.SourceInstanceId, web.InstanceId, 'AWS says which instance an image was made from');
  const snapshotId = image?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId ?? '';
  const snapshot = (await practice.aws.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] })))
    .Snapshots?.[0];
  assert.equal(snapshot?.Description, `Created by CreateImage(${web.InstanceId}) for ${created.ImageId}`);
  assert.equal(snapshot?.Tags?.[0]?.Value, 'WebServerAMI-root');

  // Editing WebServer afterwards does not change the AMI: it is a copy.
  page.content = page.content.replace('私たちのビジョン', '私たちのビジョン (edited)');
  practice.server.world.changed();
  const clone = await launch({ ImageId: created.ImageId, Placement: { AvailabilityZone: `${PRACTICE_REGION}c` } });
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [clone.InstanceId ?? ''] });
  assert.equal(record(clone.InstanceId).files['/var/www/html/index.html']?.content, CPS_RESEARCH_CENTER_PAGE);
  page.content = CPS_RESEARCH_CENTER_PAGE;

  await fails(
    practice.aws.ec2.send(new CreateImageCommand({ InstanceId: web.InstanceId, Name: 'WebServer image 2026-11-23' })),
    'InvalidAMIName.Duplicate',
  );
  await fails(
    practice.aws.ec2.send(new CreateImageCommand({ InstanceId: web.InstanceId, Name: 'ウェブサーバー' })),
    'InvalidAMIName.Malformed',
  );
  await fails(
    practice.aws.ec2.send(new CreateImageCommand({ InstanceId: 'i-0123456789abcdef0', Name: 'nope' })),
    'InvalidInstanceID.NotFound',
  );
  await fails(
    practice.aws.ec2.send(new CreateImageCommand({ InstanceId: web.InstanceId } as CreateImageCommandInput)),
    'MissingParameter',
  );
});
