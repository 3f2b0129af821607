// Errors as the SDK sees them: unknown actions and services, missing resources, bad parameters, and
// every injected fault kind (throttle, internal, accessDenied, latency, drop, replyLost).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  AllocateAddressCommand,
  DescribeAddressesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  RunScheduledInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeSSLPoliciesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';

let server: PracticeServer;
let aws: PracticeClients;
let once: PracticeClients;

before(async () => {
  server = await startPracticeServer({ port: 0, speed: 'instant' });
  aws = practiceClients(server.endpoint);
  once = practiceClients(server.endpoint, { maxAttempts: 1 }); // no SDK retries: each fault is seen
});
after(async () => {
  aws.destroy();
  once.destroy();
  await server.close();
});

test('an action the practice account does not implement: InvalidAction, 400, in each protocol', async () => {
  const ec2 = await rejection(
    aws.ec2.send(
      new RunScheduledInstancesCommand({
        ScheduledInstanceId: 'sci-1234-1234-1234-1234-123456789012',
        LaunchSpecification: { ImageId: 'ami-12345678' },
      }),
    ),
  );
  assert.equal(ec2.name, 'InvalidAction');
  assert.equal(ec2.$metadata?.httpStatusCode, 400);
  assert.match(ec2.message, /RunScheduledInstances is not valid/);
  const elb = await rejection(aws.elb.send(new DescribeSSLPoliciesCommand({})));
  assert.equal(elb.name, 'InvalidAction');
  assert.equal(elb.$metadata?.httpStatusCode, 400);
});

test('raw requests: an unknown action or service gets AWS XML, never HTML', async () => {
  const post = (body: string, authorization?: string) =>
    fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body,
    });
  const unsigned = await post('Action=DescribeUnicorns&Version=2015-12-01');
  assert.equal(unsigned.status, 400);
  assert.match(unsigned.headers.get('content-type') ?? '', /xml/);
  const text = await unsigned.text();
  assert.match(text, /^<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code>/);
  assert.match(text, /<RequestId>[0-9a-f-]{36}<\/RequestId>/);

  const ec2 = await post('Action=DescribeUnicorns&Version=2016-11-15');
  assert.equal(ec2.status, 400);
  assert.match(await ec2.text(), /<Response><Errors><Error><Code>InvalidAction<\/Code>.*<RequestID>/s);

  const s3 = await post(
    'Action=ListBuckets',
    'AWS4-HMAC-SHA256 Credential=AKIA/20261123/ap-northeast-1/s3/aws4_request, SignedHeaders=host, Signature=0',
  );
  assert.equal(s3.status, 400);
  assert.match(await s3.text(), /<Code>InvalidAction<\/Code>/);

  const browser = await fetch(server.endpoint);
  assert.equal(browser.status, 400);
  assert.doesNotMatch(await browser.text(), /<html/i);

  // An unsigned request still reaches its service by Version (or Action).
  const sts = await post('Action=GetCallerIdentity&Version=2011-06-15');
  assert.equal(sts.status, 200);
  assert.match(await sts.text(), /<GetCallerIdentityResult>.*<Account>123456789012<\/Account>/s);
});

test("missing and malformed IDs: AWS's NotFound and Malformed codes", async () => {
  const missing = await rejection(aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
  assert.equal(missing.name, 'InvalidInstanceID.NotFound');
  assert.equal(missing.message, "The instance ID 'i-0123456789abcdef0' does not exist");
  const malformed = await rejection(aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['WebServer'] })));
  assert.equal(malformed.name, 'InvalidInstanceID.Malformed');
  assert.equal(
    (await rejection(aws.ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0123456789abcdef0'] })))).name,
    'InvalidVolume.NotFound',
  );
  assert.equal(
    (await rejection(aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['alb-sg'] })))).name,
    'InvalidGroup.NotFound',
  );
  assert.equal(
    (await rejection(aws.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['ap-northeast-1b'] })))).name,
    'InvalidParameterValue',
  );

  const lb = await rejection(aws.elb.send(new DescribeLoadBalancersCommand({ Names: ['LoadBalancer'] })));
  assert.equal(lb.name, 'LoadBalancerNotFoundException');
  assert.equal(lb.$metadata?.httpStatusCode, 400);
  const tgArn = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/WebServers/0123456789abcdef';
  assert.equal(
    (await rejection(aws.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tgArn] })))).name,
    'TargetGroupNotFoundException',
  );
  assert.equal(
    (await rejection(aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn })))).name,
    'TargetGroupNotFoundException',
  );
  assert.equal((await rejection(aws.elb.send(new DescribeListenersCommand({})))).name, 'ValidationError');

  const db = await rejection(aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'test-rds-1' })));
  assert.equal(db.name, 'DBInstanceNotFoundFault');
  assert.equal(db.$metadata?.httpStatusCode, 404);
  assert.equal(db.message, 'DBInstance test-rds-1 not found.');
  assert.equal(
    (await rejection(aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'aurora' })))).name,
    'DBClusterNotFoundFault',
  );
});

test('bad parameter values: an unknown filter', async () => {
  const filter = await rejection(
    aws.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })),
  );
  assert.equal(filter.name, 'InvalidParameterValue');
  assert.equal(filter.message, "The filter 'colour' is invalid");
  const rds = await rejection(
    aws.rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })),
  );
  assert.equal(rds.name, 'InvalidParameterValue');
  const asg = await rejection(
    aws.autoscaling.send(new DescribeAutoScalingGroupsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })),
  );
  assert.equal(asg.name, 'ValidationError');
});

test('throttle: RequestLimitExceeded 503 (EC2), Throttling 400 (awsQuery); the SDK retries it by default', async () => {
  server.injectFault({ action: 'DescribeInstances', kind: 'throttle' });
  const ec2 = await rejection(once.ec2.send(new DescribeInstancesCommand({})));
  assert.equal(ec2.name, 'RequestLimitExceeded');
  assert.equal(ec2.$metadata?.httpStatusCode, 503);

  server.injectFault({ action: 'elasticloadbalancing:DescribeLoadBalancers', kind: 'throttle' });
  const elb = await rejection(once.elb.send(new DescribeLoadBalancersCommand({})));
  assert.equal(elb.name, 'Throttling');
  assert.equal(elb.$metadata?.httpStatusCode, 400);

  server.injectFault({ action: 'ec2:DescribeInstances', kind: 'throttle', count: 1 });
  const retried = await aws.ec2.send(new DescribeInstancesCommand({}));
  assert.equal(retried.Reservations?.length, 1);
  assert.equal(retried.$metadata.attempts, 2, 'one throttled attempt, then the answer');
});

test('internal: InternalError 500 (EC2), InternalFailure 500 (awsQuery); a fault counts down', async () => {
  server.injectFault({ action: 'ec2:*', kind: 'internal', count: 2 });
  for (let n = 0; n < 2; n++) {
    const error = await rejection(once.ec2.send(new DescribeAvailabilityZonesCommand({})));
    assert.equal(error.name, 'InternalError');
    assert.equal(error.$metadata?.httpStatusCode, 500);
  }
  assert.equal(
    (await once.ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones?.length,
    3,
    'the third call is answered',
  );

  server.injectFault({ action: 'rds:DescribeDBInstances', kind: 'internal' });
  const rds = await rejection(once.rds.send(new DescribeDBInstancesCommand({})));
  assert.equal(rds.name, 'InternalFailure');
  assert.equal(rds.$metadata?.httpStatusCode, 500);
});

test('accessDenied: UnauthorizedOperation 403 (EC2), AccessDenied 403 (awsQuery), naming the IAM action', async () => {
  server.injectFault({ action: 'ec2:DescribeInstances', kind: 'accessDenied' });
  const ec2 = await rejection(once.ec2.send(new DescribeInstancesCommand({})));
  assert.equal(ec2.name, 'UnauthorizedOperation');
  assert.equal(ec2.$metadata?.httpStatusCode, 403);
  assert.match(
    ec2.message,
    /User: arn:aws:iam::123456789012:user\/student is not authorized to perform: ec2:DescribeInstances/,
  );

  server.injectFault({ action: 'DescribeDBInstances', kind: 'accessDenied' });
  const rds = await rejection(once.rds.send(new DescribeDBInstancesCommand({})));
  assert.equal(rds.name, 'AccessDenied');
  assert.equal(rds.$metadata?.httpStatusCode, 403);
  assert.match(rds.message, /not authorized to perform: rds:DescribeDBInstances/);
});

test('latency delays the answer; drop closes the connection without one', async () => {
  server.injectFault({ action: 'sts:GetCallerIdentity', kind: 'latency', latencyMs: 300 });
  const started = Date.now();
  const me = await once.sts.send(new GetCallerIdentityCommand({}));
  assert.equal(me.Account, '123456789012');
  assert.ok(Date.now() - started >= 290, `answered after ${Date.now() - started} ms`);

  server.injectFault({ action: '*', kind: 'drop' });
  const dropped = await rejection(once.sts.send(new GetCallerIdentityCommand({})));
  assert.equal(dropped.$metadata?.httpStatusCode, undefined, 'no HTTP answer at all');
  assert.match(
    `${dropped.name} ${dropped.message} ${(dropped as { code?: string }).code ?? ''}`,
    /socket hang up|ECONNRESET/i,
  );
  assert.equal(
    (await once.sts.send(new GetCallerIdentityCommand({}))).Account,
    '123456789012',
    'the next call is answered',
  );
});

test('replyLost: the action is applied but its answer never comes', async () => {
  const count = async () => (await aws.ec2.send(new DescribeAddressesCommand({}))).Addresses?.length ?? 0;
  const before = await count();
  server.injectFault({ action: 'AllocateAddress', kind: 'replyLost' });
  const lost = await rejection(once.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })));
  assert.equal(lost.$metadata?.httpStatusCode, undefined, 'no HTTP answer at all');
  assert.equal(await count(), before + 1, 'the address was allocated all the same');
});
