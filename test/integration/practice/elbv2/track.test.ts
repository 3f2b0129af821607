// Track 1 end to end through the real SDK clients only (EC2 and ELBv2, with their waiters), at
// 'instant' speed: the AMI of WebServer, WebServer2 launched from it in 1d (the clone serves the same
// page), alb-sg, the ALB; 1.9 (web security group admits only the ALB's group); 1.10 (stop WebServer2,
// the ALB keeps answering from WebServer, start it again and it turns healthy); a terminated instance
// leaves the target group by itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateImageCommand,
  CreateSecurityGroupCommand,
  DescribeInstancesCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
  type Instance,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  waitUntilTargetInService,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, type PracticeClients } from '../../../fixtures/practiceClients';
import {
  WAIT,
  buildAlb,
  groupNamed,
  instanceNamed,
  subnetIn,
  webRequest,
  type Alb,
} from '../../../fixtures/practiceLab';

let server: PracticeServer;
let aws: PracticeClients;
let alb: Alb;
let webServer2: Instance;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant', world: createStartingWorld() });
  aws = practiceClients(server.endpoint);
});
after(async () => {
  aws.destroy();
  await server.close();
});

async function describe(id: string): Promise<Instance | undefined> {
  return (await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];
}

async function health() {
  const answer = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: alb.tgArn }));
  return (answer.TargetHealthDescriptions ?? []).map((d) => [
    d.Target?.Id,
    d.TargetHealth?.State,
    d.TargetHealth?.Reason,
  ]);
}

async function servedBy(requests: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < requests; i++) {
    const answer = await webRequest(server.endpoint, alb.dnsName);
    out.push(answer.kind === 'answer' ? `${answer.status} ${String(answer.headers['x-served-by'])}` : answer.kind);
  }
  return out;
}

test('1.2-1.3: WebServer2 from the AMI of WebServer, in 1d, serves the same page', async () => {
  const web = instanceNamed(server.world, 'WebServer');
  const image = await aws.ec2.send(
    new CreateImageCommand({ InstanceId: web.id, Name: 'AMI of CPS Research Center', NoReboot: true }),
  );
  await waitUntilImageAvailable({ client: aws.ec2, ...WAIT }, { ImageIds: [image.ImageId ?? ''] });
  const run = await aws.ec2.send(
    new RunInstancesCommand({
      ImageId: image.ImageId,
      InstanceType: 't2.micro',
      MinCount: 1,
      MaxCount: 1,
      KeyName: 'ec2-key',
      SubnetId: subnetIn(server.world, 'd'),
      SecurityGroupIds: [groupNamed(server.world, 'launch-wizard-1').id],
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'WebServer2' }] }],
    }),
  );
  const id = run.Instances?.[0]?.InstanceId ?? '';
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [id] });
  webServer2 = (await describe(id)) ?? {};
  assert.equal(webServer2.Placement?.AvailabilityZone, 'ap-northeast-1d');
  const page = await webRequest(server.endpoint, webServer2.PublicIpAddress ?? '');
  assert.equal(page.kind, 'answer');
  if (page.kind !== 'answer') return;
  assert.equal(page.status, 200);
  assert.equal(page.headers['x-served-by'], id);
  assert.match(page.body, /私たちのビジョン/);
});

test('1.6: alb-sg, the ALB and both targets healthy; requests alternate', async () => {
  const vpcId = instanceNamed(server.world, 'WebServer').vpcId;
  const group = await aws.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'alb-sg', Description: 'ALB security group', VpcId: vpcId }),
  );
  await aws.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: group.GroupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  alb = await buildAlb(aws, server.world);
  assert.deepEqual(
    (await health()).map(([, state]) => state),
    ['healthy', 'healthy'],
  );
  const served = await servedBy(4);
  assert.deepEqual(
    new Set(served),
    new Set([`200 ${instanceNamed(server.world, 'WebServer').id}`, `200 ${webServer2.InstanceId}`]),
  );
});

test('1.9: HTTP only from alb-sg on the web security group: direct requests get no answer, the ALB still answers', async () => {
  const web = groupNamed(server.world, 'launch-wizard-1').id;
  await aws.ec2.send(
    new RevokeSecurityGroupIngressCommand({
      GroupId: web,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 80,
          ToPort: 80,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        },
      ],
    }),
  );
  await aws.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: web,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 80,
          ToPort: 80,
          UserIdGroupPairs: [{ GroupId: groupNamed(server.world, 'alb-sg').id }],
        },
      ],
    }),
  );
  assert.deepEqual(await webRequest(server.endpoint, webServer2.PublicIpAddress ?? '', '/', { timeoutMs: 400 }), {
    kind: 'timeout',
  });
  assert.deepEqual(
    (await health()).map(([, state]) => state),
    ['healthy', 'healthy'],
  );
  assert.ok((await servedBy(2)).every((s) => s.startsWith('200 ')));
});

test('1.10: WebServer2 stopped, the ALB answers from WebServer; started again, it turns healthy and serves', async () => {
  const id = webServer2.InstanceId ?? '';
  const web = instanceNamed(server.world, 'WebServer').id;
  await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceStopped({ client: aws.ec2, ...WAIT }, { InstanceIds: [id] });
  assert.deepEqual(await health(), [
    [web, 'healthy', undefined],
    [id, 'unused', 'Target.InvalidState'],
  ]);
  assert.deepEqual(await servedBy(3), [`200 ${web}`, `200 ${web}`, `200 ${web}`]);

  await aws.ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceRunning({ client: aws.ec2, ...WAIT }, { InstanceIds: [id] });
  await waitUntilTargetInService({ client: aws.elb, ...WAIT }, { TargetGroupArn: alb.tgArn });
  // httpd is enabled in the AMI, so it starts at boot and the page comes back through the ALB.
  assert.ok((await servedBy(4)).includes(`200 ${id}`));
});

test('a terminated instance leaves the target group (ELB deregisters it)', async () => {
  const id = webServer2.InstanceId ?? '';
  await aws.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceTerminated({ client: aws.ec2, ...WAIT }, { InstanceIds: [id] });
  assert.deepEqual(
    (await health()).map(([target]) => target),
    [instanceNamed(server.world, 'WebServer').id],
  );
  const again = await aws.elb.send(
    new RegisterTargetsCommand({
      TargetGroupArn: alb.tgArn,
      Targets: [{ Id: instanceNamed(server.world, 'WebServer').id }],
    }),
  );
  assert.ok(again.$metadata.httpStatusCode === 200);
});
