// Where to connect on AWS: address, user from the AMI family, the .pem by key name; instances not running or
// without a public address are typed refusals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResolvedAccount } from '../../../src/aws/account';
import type { Instance } from '../../../src/aws/types';
import { SshError } from '../../../src/ssh/errors';
import { resolveSshTarget, usernameForImage } from '../../../src/ssh/target';

const aws: ResolvedAccount = {
  kind: 'aws',
  region: 'ap-northeast-1',
  credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
};
const instance = (over: Partial<Instance> = {}): Instance => ({
  id: 'i-0abc',
  state: 'running',
  type: 't3.micro',
  az: 'ap-northeast-1a',
  securityGroups: [],
  imageId: 'ami-1',
  keyName: 'ec2-key',
  publicIp: '203.0.113.10',
  publicDnsName: 'ec2-203-0-113-10.ap-northeast-1.compute.amazonaws.com',
  platform: 'Linux/UNIX',
  tags: {},
  ...over,
});

describe('resolveSshTarget on AWS', () => {
  it('Elastic IP first, then public IP, then DNS; port 22; ~/.ssh/<KeyName>.pem unless given', async () => {
    const images = [
      {
        id: 'ami-1',
        name: 'al2023-ami-2023.6.20250107.0-kernel-6.1-x86_64',
        state: 'available',
        snapshotIds: [],
        tags: {},
      },
    ];
    assert.deepEqual(
      await resolveSshTarget(aws, instance({ elasticIp: '198.51.100.7' }), { images, home: '/home/s' }),
      {
        account: 'aws',
        instanceId: 'i-0abc',
        host: '198.51.100.7',
        port: 22,
        username: 'ec2-user',
        keyPath: '/home/s/.ssh/ec2-key.pem',
        keyName: 'ec2-key',
      },
    );
    assert.equal((await resolveSshTarget(aws, instance(), { home: '/h' })).host, '203.0.113.10');
    assert.equal(
      (await resolveSshTarget(aws, instance({ publicIp: undefined }), { home: '/h' })).host,
      'ec2-203-0-113-10.ap-northeast-1.compute.amazonaws.com',
    );
    assert.equal((await resolveSshTarget(aws, instance(), { keyPath: '/k.pem' })).keyPath, '/k.pem');
  });

  it('user from the AMI family; unknown (the lab own AMI) asks, unless the caller says', async () => {
    assert.equal(usernameForImage('ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250115'), 'ubuntu');
    assert.equal(usernameForImage('amzn2-ami-kernel-5.10-hvm-2.0.20250108.0-x86_64-gp2'), 'ec2-user');
    assert.equal(usernameForImage('Amazon Linux 2023 AMI 2023.6.20250107.0 x86_64 HVM kernel-6.1'), 'ec2-user');
    assert.equal(usernameForImage('WebServerAMI'), undefined);
    const lab = [{ id: 'ami-1', name: 'WebServerAMI', state: 'available', snapshotIds: [], tags: {} }];
    assert.equal((await resolveSshTarget(aws, instance(), { images: lab })).username, undefined);
    assert.equal((await resolveSshTarget(aws, instance(), { images: lab, username: 'ec2-user' })).username, 'ec2-user');
  });

  it('not running, or no public address: typed refusals', async () => {
    await assert.rejects(
      resolveSshTarget(aws, instance({ state: 'stopped' })),
      (e: unknown) => e instanceof SshError && e.problem.kind === 'notRunning' && e.problem.state === 'stopped',
    );
    await assert.rejects(
      resolveSshTarget(aws, instance({ publicIp: undefined, publicDnsName: undefined })),
      (e: unknown) => e instanceof SshError && e.problem.kind === 'noAddress' && e.problem.instanceId === 'i-0abc',
    );
  });
});
