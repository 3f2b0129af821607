// What the EC2 write tests share: a practice account at instant speed for the file's tests (started
// before them, closed after), the real SDK clients, AWS's errors as the SDK surfaces them, and the
// seeded WebServer, its subnets and the latest Amazon Linux AMI as a student finds them.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  RunInstancesCommand,
  type Instance,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import type { InstanceRecord, RegionState } from '../../../../src/practice/core/records';
import { startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';

/** The SDK waiters' settings for an instant-speed account. */
export const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 30 };

/** An error as the SDK surfaces it: its name and HTTP status. */
export async function fails(promise: Promise<unknown>, name: string, status = 400): Promise<Error> {
  const error = await rejection(promise);
  assert.equal(error.name, name, error.message);
  assert.equal(error.$metadata?.httpStatusCode, status);
  return error;
}

export const base64 = (text: string) => Buffer.from(text).toString('base64');

/** The handout's user data: httpd, enabled, serving the research center's page. */
export const HANDOUT_USER_DATA = `#!/bin/bash
dnf install -y httpd
systemctl enable --now httpd
cat > /var/www/html/index.html <<'EOF'
<h1>CPS Research Center</h1>
<h2>私たちのビジョン</h2>
EOF
`;

export interface Ec2Practice {
  readonly server: PracticeServer;
  readonly aws: PracticeClients;
  /** The practice region's records as the server holds them. */
  records(): RegionState;
  /** One instance's record (it must exist). */
  record(id: string | undefined): InstanceRecord;
  /** One instance as DescribeInstances answers. */
  describe(id: string | undefined): Promise<Instance>;
  /** The seeded WebServer. */
  webServer(): Promise<Instance>;
  /** The subnet of WebServer's VPC in the AZ with this letter. */
  subnetIn(letter: string): Promise<string>;
  /** The newest Amazon Linux 2023 x86_64 AMI, found as a student finds it. */
  latestAmazonLinux(): Promise<string>;
  /** RunInstances of one t2.micro unless the input says otherwise. */
  launch(input: Partial<RunInstancesCommandInput>): Promise<Instance>;
}

/** Starts a practice account for this file's tests (before them) and closes it after them. */
export function ec2Practice(): Ec2Practice {
  let server: PracticeServer | undefined;
  let aws: PracticeClients | undefined;
  before(async () => {
    server = await startPracticeServer({ port: 0, speed: 'instant' });
    aws = practiceClients(server.endpoint);
  });
  after(async () => {
    aws?.destroy();
    await server?.close();
  });
  return ec2PracticeOn(
    () => {
      assert.ok(server, 'the practice account is started');
      return server;
    },
    () => {
      assert.ok(aws, 'the practice account is started');
      return aws;
    },
  );
}

/** The same over an account someone else started and closes (a benchmark, a fixture). */
export function ec2PracticeOn(server: () => PracticeServer, aws: () => PracticeClients): Ec2Practice {
  const practice: Ec2Practice = {
    get server() {
      return server();
    },
    get aws() {
      return aws();
    },
    records: () => practice.server.world.region(PRACTICE_REGION),
    record: (id) => {
      const found = practice.records().instances.find((i) => i.id === id);
      assert.ok(found, `instance ${id} is in the world`);
      return found;
    },
    describe: async (id) => {
      const out = await practice.aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id ?? ''] }));
      const instance = out.Reservations?.[0]?.Instances?.[0];
      assert.ok(instance);
      return instance;
    },
    webServer: async () => {
      const out = await practice.aws.ec2.send(
        new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] }),
      );
      const instance = out.Reservations?.[0]?.Instances?.[0];
      assert.ok(instance);
      return instance;
    },
    subnetIn: async (letter) => {
      const web = await practice.webServer();
      const subnet = practice
        .records()
        .subnets.find((s) => s.az === `${PRACTICE_REGION}${letter}` && s.vpcId === web.VpcId);
      assert.ok(subnet);
      return subnet.id;
    },
    latestAmazonLinux: async () => {
      const out = await practice.aws.ec2.send(
        new DescribeImagesCommand({
          Owners: ['amazon'],
          Filters: [
            { Name: 'name', Values: ['al2023-ami-2023*-x86_64'] },
            { Name: 'state', Values: ['available'] },
          ],
        }),
      );
      const latest = [...(out.Images ?? [])].sort((a, b) =>
        (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''),
      )[0];
      assert.ok(latest?.ImageId);
      return latest.ImageId;
    },
    launch: async (input) => {
      const out = await practice.aws.ec2.send(
        new RunInstancesCommand({
          MinCount: 1,
          MaxCount: 1,
          InstanceType: 't2.micro',
          ...input,
        } as RunInstancesCommandInput),
      );
      const instance = out.Instances?.[0];
      assert.ok(instance?.InstanceId);
      return instance;
    },
  };
  return practice;
}
