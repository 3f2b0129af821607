// Track 4's web tier in seed 004's Test-VPC, built through the real EC2Client: web-sg (22 and 80 from anywhere),
// auto-assigned public IPv4 on the public subnets, web servers launched with the handout's user data; and the
// student's side of the wire: an SSH client that connects as the practice route says, with a short timeout.
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  ModifySubnetAttributeCommand,
  waitUntilInstanceRunning,
} from '@aws-sdk/client-ec2';
import { Client } from 'ssh2';
import type { PracticeSshTarget } from '../../../../src/practice/machine/sshd';
import { HANDOUT_USER_DATA, WAIT, base64, type Ec2Practice } from '../ec2/ec2Practice';
import { buildTestVpc, named, type TestVpc } from '../ec2/testVpc';

export const PUBLIC_1A = 'パブリックサブネット-1a';
export const PUBLIC_1C = 'パブリックサブネット-1c';
export const PRIVATE_1A = 'プライベートサブネット-1a';
export const PRIVATE_1C = 'プライベートサブネット-1c';

export interface WebTier extends TestVpc {
  webSg: string;
}

/** A security group in the VPC admitting these TCP ports from 0.0.0.0/0 (or from a group). */
export async function openGroup(
  practice: Ec2Practice,
  vpcId: string,
  name: string,
  ports: number[],
  fromGroup?: string,
): Promise<string> {
  const group = await practice.aws.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }),
  );
  const groupId = group.GroupId ?? '';
  await practice.aws.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: ports.map((port) => ({
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        ...(fromGroup ? { UserIdGroupPairs: [{ GroupId: fromGroup }] } : { IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
      })),
    }),
  );
  return groupId;
}

/** Seed 004 §1-2's network: the Test-VPC, public IPv4 on launch in the public subnets, and web-sg. */
export async function buildWebTier(practice: Ec2Practice): Promise<WebTier> {
  const vpc = await buildTestVpc(practice);
  for (const name of [PUBLIC_1A, PUBLIC_1C]) {
    await practice.aws.ec2.send(
      new ModifySubnetAttributeCommand({ SubnetId: vpc.subnets[name], MapPublicIpOnLaunch: { Value: true } }),
    );
  }
  return { ...vpc, webSg: await openGroup(practice, vpc.vpcId, 'web-sg', [22, 80]) };
}

/** A running web server (httpd, the handout's page) in the named subnet, key pair ec2-key. */
export async function launchWebServer(
  practice: Ec2Practice,
  tier: WebTier,
  subnet: string,
  name: string,
  options: { publicIp?: boolean; groupId?: string } = {},
): Promise<string> {
  const instance = await practice.launch({
    ImageId: await practice.latestAmazonLinux(),
    KeyName: 'ec2-key',
    UserData: base64(HANDOUT_USER_DATA),
    TagSpecifications: named('instance', name),
    NetworkInterfaces: [
      {
        DeviceIndex: 0,
        SubnetId: tier.subnets[subnet],
        Groups: [options.groupId ?? tier.webSg],
        ...(options.publicIp === undefined ? {} : { AssociatePublicIpAddress: options.publicIp }),
      },
    ],
  });
  const id = instance.InstanceId ?? '';
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [id] });
  return id;
}

/** Where the practice route says to connect for the instance (its stand-in for the public address on port 22). */
export async function sshTarget(practice: Ec2Practice, instanceId: string): Promise<PracticeSshTarget> {
  const response = await fetch(`${practice.server.endpoint}/__practice/ssh/${instanceId}`);
  assert.equal(response.status, 200);
  return (await response.json()) as PracticeSshTarget;
}

export type SshAttempt = { kind: 'ready'; client: Client } | { kind: 'timeout' } | { kind: 'error'; message: string };

/** Connects as the route says; `timeout` when no SSH banner comes within `timeoutMs` (what a dropped SYN gives). */
export function sshConnect(target: PracticeSshTarget, timeoutMs = 1500): Promise<SshAttempt> {
  return new Promise((resolve) => {
    const client = new Client();
    client.on('ready', () => resolve({ kind: 'ready', client }));
    client.on('error', (error: Error & { level?: string }) => {
      client.end();
      resolve(error.level === 'client-timeout' ? { kind: 'timeout' } : { kind: 'error', message: error.message });
    });
    client.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      privateKey: target.privateKey,
      hostVerifier: () => true,
      readyTimeout: timeoutMs,
    });
  });
}

/** A command over SSH exec: its standard output and exit status. */
export function sshExec(client: Client, command: string): Promise<{ stdout: string; stderr: string; code?: number }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, stream) => {
      if (error) return reject(error);
      let stdout = '';
      let stderr = '';
      let code: number | undefined;
      stream.on('data', (d: Buffer) => (stdout += d.toString()));
      stream.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      stream.on('exit', (c: number) => (code = c));
      stream.on('close', () => resolve({ stdout, stderr, ...(code === undefined ? {} : { code }) }));
    });
  });
}
