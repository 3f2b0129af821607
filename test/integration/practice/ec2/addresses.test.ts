// Elastic IPs through the real EC2Client: the instance takes the address and drops its own;
// reassociation, in-use release, the limit of 5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  DescribeAddressesCommand,
  DisassociateAddressCommand,
  ReleaseAddressCommand,
  waitUntilInstanceRunning,
} from '@aws-sdk/client-ec2';
import { WAIT, ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();
const { records, record, describe, latestAmazonLinux, launch } = practice;

test('Elastic IPs: the instance takes the address and drops its own; reassociation, in-use release, the limit of 5', async () => {
  const imageId = await latestAmazonLinux();
  const a = await launch({
    ImageId: imageId,
    TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'eip-a' }] }],
  });
  const b = await launch({ ImageId: imageId });
  await waitUntilInstanceRunning(
    { client: practice.aws.ec2, ...WAIT },
    { InstanceIds: [a.InstanceId ?? '', b.InstanceId ?? ''] },
  );

  const eip = await practice.aws.ec2.send(
    new AllocateAddressCommand({
      Domain: 'vpc',
      TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'Name', Value: 'eip-a' }] }],
    }),
  );
  assert.match(eip.AllocationId ?? '', /^eipalloc-[0-9a-f]{17}$/);
  assert.equal(eip.Domain, 'vpc');
  const association = await practice.aws.ec2.send(
    new AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: a.InstanceId }),
  );
  assert.match(association.AssociationId ?? '', /^eipassoc-[0-9a-f]{17}$/);
  assert.equal((await describe(a.InstanceId)).PublicIpAddress, eip.PublicIp);
  assert.equal(record(a.InstanceId).autoPublicIp, undefined, 'the auto-assigned address is released');
  const listed = (
    await practice.aws.ec2.send(new DescribeAddressesCommand({ AllocationIds: [eip.AllocationId ?? ''] }))
  ).Addresses?.[0];
  assert.deepEqual(
    [listed?.InstanceId, listed?.AssociationId, listed?.Tags?.[0]?.Value],
    [a.InstanceId, association.AssociationId, 'eip-a'],
  );

  await fails(
    practice.aws.ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: b.InstanceId })),
    'Resource.AlreadyAssociated',
  );
  await fails(
    practice.aws.ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId })),
    'InvalidIPAddress.InUse',
  );
  await fails(
    practice.aws.ec2.send(
      new AssociateAddressCommand({ AllocationId: 'eipalloc-0123456789abcdef0', InstanceId: b.InstanceId }),
    ),
    'InvalidAllocationID.NotFound',
  );
  await fails(
    practice.aws.ec2.send(new DisassociateAddressCommand({ AssociationId: 'eipassoc-0123456789abcdef0' })),
    'InvalidAssociationID.NotFound',
  );

  // Reassociation moves it (by network interface): a gets a new auto-assigned address back.
  const moved = await practice.aws.ec2.send(
    new AssociateAddressCommand({
      AllocationId: eip.AllocationId,
      NetworkInterfaceId: b.NetworkInterfaces?.[0]?.NetworkInterfaceId,
      AllowReassociation: true,
    }),
  );
  assert.equal((await describe(b.InstanceId)).PublicIpAddress, eip.PublicIp);
  const aIp = (await describe(a.InstanceId)).PublicIpAddress;
  assert.ok(aIp && aIp !== eip.PublicIp);

  await practice.aws.ec2.send(new DisassociateAddressCommand({ AssociationId: moved.AssociationId }));
  const bIp = (await describe(b.InstanceId)).PublicIpAddress;
  assert.ok(bIp && bIp !== eip.PublicIp, 'after disassociation the instance auto-assigns again');
  await practice.aws.ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId }));
  await fails(
    practice.aws.ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId })),
    'InvalidAllocationID.NotFound',
  );

  const held = records().addresses.length;
  const extra: string[] = [];
  for (let n = held; n < 5; n++)
    extra.push((await practice.aws.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId ?? '');
  await fails(practice.aws.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })), 'AddressLimitExceeded');
  for (const id of extra) await practice.aws.ec2.send(new ReleaseAddressCommand({ AllocationId: id }));
});
