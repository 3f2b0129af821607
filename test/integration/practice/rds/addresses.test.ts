// A database's address is taken: EC2 launches into its subnet never get it, and count it among the used ones
// (a /28 holds 11 addresses; with test-rds-1 in it, 10 instances fit and the 11th is refused as AWS refuses it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateSubnetCommand, CreateVpcCommand, DescribeImagesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand } from '@aws-sdk/client-rds';
import { fails, rdsPractice, TEST_RDS_1 } from './rdsPractice';

const practice = rdsPractice();

test("EC2 launches into a database's subnet leave its address alone", async () => {
  const { aws } = practice;
  const vpcId = (await aws.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId ?? '';
  const subnet = async (cidr: string, az: string) =>
    (await aws.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }))).Subnet
      ?.SubnetId ?? '';
  const small = await subnet('10.0.2.0/28', 'ap-northeast-1a');
  const other = await subnet('10.0.3.0/28', 'ap-northeast-1c');
  await aws.rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: 'db-subnetgroup',
      DBSubnetGroupDescription: 'db',
      SubnetIds: [small, other],
    }),
  );
  await aws.rds.send(new CreateDBInstanceCommand({ ...TEST_RDS_1, AvailabilityZone: 'ap-northeast-1a' }));
  const dbIp = practice.node('test-rds-1').privateIp;
  assert.match(dbIp, /^10\.0\.2\./);

  const images = await aws.ec2.send(
    new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023*-x86_64'] }] }),
  );
  const imageId = images.Images?.[0]?.ImageId ?? '';
  const launch = (count: number) =>
    aws.ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: 't2.micro',
        MinCount: count,
        MaxCount: count,
        SubnetId: small,
      }),
    );
  await fails(launch(11), 'InsufficientFreeAddressesInSubnet');
  const ten = await launch(10);
  const ips = (ten.Instances ?? []).map((i) => i.PrivateIpAddress ?? '');
  assert.equal(new Set(ips).size, 10);
  assert.ok(!ips.includes(dbIp), `no instance got the database's ${dbIp}`);
});
