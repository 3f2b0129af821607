// EC2 instance lifecycle through the real EC2Client: stop loses the auto-assigned public IP and keeps
// an Elastic IP, start brings a new one, terminate deletes the root volume and frees the EIP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  DescribeAddressesCommand,
  DescribeInstanceStatusCommand,
  DescribeVolumesCommand,
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  ReleaseAddressCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
} from '@aws-sdk/client-ec2';
import { httpdRunning } from '../../../../src/practice/machine/httpd';
import { WAIT, ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();
const { record, describe, webServer, latestAmazonLinux, launch } = practice;

test('stop loses the auto-assigned public IP and keeps an Elastic IP; start brings a new one; terminate deletes the root volume and frees the EIP', async () => {
  const imageId = await latestAmazonLinux();
  const plain = await launch({ ImageId: imageId });
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [plain.InstanceId ?? ''] });
  const firstIp = (await describe(plain.InstanceId)).PublicIpAddress;
  assert.ok(firstIp);

  const stop = await practice.aws.ec2.send(new StopInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] }));
  assert.deepEqual(
    stop.StoppingInstances?.map((s) => [s.PreviousState?.Name, s.CurrentState?.Name, s.CurrentState?.Code]),
    [['running', 'stopping', 64]],
  );
  await waitUntilInstanceStopped({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [plain.InstanceId ?? ''] });
  const stopped = await describe(plain.InstanceId);
  assert.equal(stopped.PublicIpAddress, undefined);
  assert.equal(stopped.StateReason?.Code, 'Client.UserInitiatedShutdown');
  assert.match(stopped.StateTransitionReason ?? '', /^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
  const status = await practice.aws.ec2.send(
    new DescribeInstanceStatusCommand({ InstanceIds: [plain.InstanceId ?? ''], IncludeAllInstances: true }),
  );
  assert.equal(status.InstanceStatuses?.[0]?.InstanceStatus?.Status, 'not-applicable');
  assert.deepEqual(
    (await practice.aws.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [plain.InstanceId ?? ''] })))
      .InstanceStatuses,
    [],
  );
  await fails(
    practice.aws.ec2.send(new RebootInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] })),
    'IncorrectInstanceState',
  );

  // While stopped: the instance type can change.
  await practice.aws.ec2.send(
    new ModifyInstanceAttributeCommand({ InstanceId: plain.InstanceId, InstanceType: { Value: 't3.micro' } }),
  );
  const start = await practice.aws.ec2.send(new StartInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] }));
  assert.deepEqual(
    start.StartingInstances?.map((s) => [s.PreviousState?.Name, s.CurrentState?.Name]),
    [['stopped', 'pending']],
  );
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [plain.InstanceId ?? ''] });
  const restarted = await describe(plain.InstanceId);
  assert.ok(restarted.PublicIpAddress);
  assert.notEqual(restarted.PublicIpAddress, firstIp, 'a new auto-assigned address');
  assert.equal(restarted.InstanceType, 't3.micro');
  await fails(
    practice.aws.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: plain.InstanceId, InstanceType: { Value: 't2.small' } }),
    ),
    'IncorrectInstanceState',
  );

  // WebServer has an Elastic IP: it stays through stop and start.
  const web = await webServer();
  const eip = web.PublicIpAddress;
  await practice.aws.ec2.send(new StopInstancesCommand({ InstanceIds: [web.InstanceId ?? ''] }));
  await waitUntilInstanceStopped({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [web.InstanceId ?? ''] });
  assert.equal((await describe(web.InstanceId)).PublicIpAddress, eip);
  await practice.aws.ec2.send(new StartInstancesCommand({ InstanceIds: [web.InstanceId ?? ''] }));
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [web.InstanceId ?? ''] });
  assert.equal((await describe(web.InstanceId)).PublicIpAddress, eip);
  assert.ok(httpdRunning(record(web.InstanceId)), 'WebServer enabled httpd: it comes back after a start');

  // Terminate an instance holding an Elastic IP: the root volume goes, the address stays allocated.
  const address = await practice.aws.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  await practice.aws.ec2.send(
    new AssociateAddressCommand({ AllocationId: address.AllocationId, InstanceId: plain.InstanceId }),
  );
  const rootVolume = restarted.BlockDeviceMappings?.[0]?.Ebs?.VolumeId ?? '';
  const terminate = await practice.aws.ec2.send(
    new TerminateInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] }),
  );
  assert.equal(terminate.TerminatingInstances?.[0]?.CurrentState?.Name, 'shutting-down');
  await waitUntilInstanceTerminated({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [plain.InstanceId ?? ''] });
  await fails(practice.aws.ec2.send(new DescribeVolumesCommand({ VolumeIds: [rootVolume] })), 'InvalidVolume.NotFound');
  const kept = (
    await practice.aws.ec2.send(new DescribeAddressesCommand({ AllocationIds: [address.AllocationId ?? ''] }))
  ).Addresses?.[0];
  assert.equal(kept?.PublicIp, address.PublicIp);
  assert.equal(kept?.InstanceId, undefined);
  await fails(
    practice.aws.ec2.send(new StartInstancesCommand({ InstanceIds: [plain.InstanceId ?? ''] })),
    'IncorrectInstanceState',
  );
  await fails(
    practice.aws.ec2.send(new StopInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    'InvalidInstanceID.NotFound',
  );
  await fails(
    practice.aws.ec2.send(new StopInstancesCommand({ InstanceIds: ['i-bad'] })),
    'InvalidInstanceID.Malformed',
  );
  await practice.aws.ec2.send(new ReleaseAddressCommand({ AllocationId: address.AllocationId }));
});
