// DescribeInstanceTypes through the real EC2Client: the free-tier filter gives t2.micro in Tokyo and
// N. Virginia, t3.micro where T2 is not offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeInstanceTypesCommand } from '@aws-sdk/client-ec2';
import { practiceClients } from '../../../fixtures/practiceClients';
import { ec2Practice, fails } from './ec2Practice';

const practice = ec2Practice();

test('instance types: the free-tier filter gives t2.micro in Tokyo and N. Virginia, t3.micro where T2 is not offered', async () => {
  const freeTier = async (region: string) => {
    const client = practiceClients(practice.server.endpoint, { region });
    try {
      const out = await client.ec2.send(
        new DescribeInstanceTypesCommand({ Filters: [{ Name: 'free-tier-eligible', Values: ['true'] }] }),
      );
      return out.InstanceTypes?.map((t) => [
        t.InstanceType,
        t.FreeTierEligible,
        t.VCpuInfo?.DefaultVCpus,
        t.MemoryInfo?.SizeInMiB,
      ]);
    } finally {
      client.destroy();
    }
  };
  assert.deepEqual(await freeTier('ap-northeast-1'), [['t2.micro', true, 1, 1024]]);
  assert.deepEqual(await freeTier('us-east-1'), [['t2.micro', true, 1, 1024]]);
  assert.deepEqual(await freeTier('eu-north-1'), [['t3.micro', true, 2, 1024]]);
  const t3 = await practice.aws.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.micro'] }));
  assert.deepEqual(
    t3.InstanceTypes?.map((t) => [t.FreeTierEligible, t.ProcessorInfo?.SupportedArchitectures]),
    [[false, ['x86_64']]],
  );
  await fails(
    practice.aws.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t9.giant' as 't3.micro'] })),
    'InvalidInstanceType',
  );
});
