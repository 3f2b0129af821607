// What the RDS tests share: a practice account for the file's tests (at the speed asked), the real SDK clients,
// seed 004's database network (Test-VPC's private subnets 10.0.2.0/24 in 1a and 10.0.3.0/24 in 1c, web-sg and
// db-sg admitting it on 3306), a status poller that records every status a DB instance passes through, and
// databaseNodes as the VPC sees them now.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
} from '@aws-sdk/client-ec2';
import { CreateDBSubnetGroupCommand, DescribeDBClustersCommand, DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import type { RegionState } from '../../../../src/practice/core/records';
import { startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import type { Speed } from '../../../../src/practice/core/world';
import { databaseNodes, type DatabaseNode } from '../../../../src/practice/rds/nodes';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';

export interface RdsPractice {
  readonly server: PracticeServer;
  readonly aws: PracticeClients;
  records(): RegionState;
  /** The database nodes as the VPC sees them now. */
  nodes(): DatabaseNode[];
  node(instanceId: string): DatabaseNode;
}

/** Starts a practice account for this file's tests (before them) and closes it after them. */
export function rdsPractice(speed: Speed = 'instant'): RdsPractice {
  let server: PracticeServer | undefined;
  let aws: PracticeClients | undefined;
  before(async () => {
    server = await startPracticeServer({ port: 0, speed });
    aws = practiceClients(server.endpoint);
  });
  after(async () => {
    aws?.destroy();
    await server?.close();
  });
  const practice: RdsPractice = {
    get server() {
      assert.ok(server, 'the practice account is started');
      return server;
    },
    get aws() {
      assert.ok(aws, 'the practice account is started');
      return aws;
    },
    records: () => practice.server.world.region(PRACTICE_REGION),
    nodes: () => databaseNodes(practice.records(), practice.server.world.clock.now()),
    node: (id) => {
      const found = practice.nodes().find((n) => n.instanceId === id);
      assert.ok(found, `${id} has a node`);
      return found;
    },
  };
  return practice;
}

/** An error as the SDK surfaces it: its name (AWS's code), HTTP status, and message when given. */
export async function fails(promise: Promise<unknown>, name: string, message?: string | RegExp, status = 400) {
  const error = await rejection(promise);
  assert.equal(error.name, name, error.message);
  assert.equal(error.$metadata?.httpStatusCode, status);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  return error;
}

export interface DbNetwork {
  vpcId: string;
  subnetA: string;
  subnetC: string;
  /** A second subnet in 1a (10.0.4.0/24), for a group in one AZ. */
  subnetA2: string;
  webSg: string;
  dbSg: string;
}

/** Seed 004's database network in a new Test-VPC (with an internet gateway, as "VPC and more" makes it). */
export async function buildDbNetwork(aws: PracticeClients): Promise<DbNetwork> {
  const vpc = await aws.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  const subnet = async (cidr: string, az: string) =>
    (await aws.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }))).Subnet
      ?.SubnetId ?? '';
  const subnetA = await subnet('10.0.2.0/24', 'ap-northeast-1a');
  const subnetC = await subnet('10.0.3.0/24', 'ap-northeast-1c');
  const subnetA2 = await subnet('10.0.4.0/24', 'ap-northeast-1a');
  const igw = await aws.ec2.send(new CreateInternetGatewayCommand({}));
  await aws.ec2.send(
    new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGateway?.InternetGatewayId, VpcId: vpcId }),
  );
  const group = async (name: string) =>
    (await aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId })))
      .GroupId ?? '';
  const webSg = await group('web-sg');
  const dbSg = await group('db-sg');
  await aws.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: dbSg,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, UserIdGroupPairs: [{ GroupId: webSg }] }],
    }),
  );
  return { vpcId, subnetA, subnetC, subnetA2, webSg, dbSg };
}

/** The lab's `db-subnetgroup` over the two private subnets. */
export async function createDbSubnetGroup(aws: PracticeClients, net: DbNetwork, name = 'db-subnetgroup') {
  const out = await aws.rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: name,
      DBSubnetGroupDescription: 'db subnet group',
      SubnetIds: [net.subnetA, net.subnetC],
    }),
  );
  return out.DBSubnetGroup;
}

export async function dbInstance(aws: PracticeClients, id: string) {
  const out = await aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
  const found = out.DBInstances?.[0];
  assert.ok(found, `${id} is described`);
  return found;
}

export async function dbCluster(aws: PracticeClients, id: string) {
  const out = await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }));
  const found = out.DBClusters?.[0];
  assert.ok(found, `${id} is described`);
  return found;
}

/** Polls DescribeDBInstances until `until` (or the instance is gone, for 'gone'): every status seen, in order. */
export async function statusesUntil(aws: PracticeClients, id: string, until: string, timeoutMs = 10_000) {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = await aws.rds.send(new DescribeDBInstancesCommand({})).catch(() => undefined);
    const status = out?.DBInstances?.find((d) => d.DBInstanceIdentifier === id)?.DBInstanceStatus ?? 'gone';
    if (seen.at(-1) !== status) seen.push(status);
    if (status === until) return seen;
    if (Date.now() > deadline) assert.fail(`${id} never reached ${until}; seen ${seen.join(' -> ')}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The lab's test-rds-1 as seed 004 creates it (the free tier, admin, wordpress, no public access). */
export const TEST_RDS_1 = {
  DBInstanceIdentifier: 'test-rds-1',
  Engine: 'mysql',
  DBInstanceClass: 'db.t3.micro',
  AllocatedStorage: 20,
  StorageType: 'gp2',
  MasterUsername: 'admin',
  MasterUserPassword: 'vg1daypassword',
  DBName: 'wordpress',
  DBSubnetGroupName: 'db-subnetgroup',
  PubliclyAccessible: false,
  BackupRetentionPeriod: 0,
};
