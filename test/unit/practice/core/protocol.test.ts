// The practice account's wire layer: form parameters read through the SDK's request schemas (EC2's
// flattened lists and awsQuery's `member` lists), output written with the schemas' element names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeInstances$, DescribeSecurityGroups$ } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancers$, DescribeTags$ } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstances$ } from '@aws-sdk/client-rds';
import { PracticeError } from '../../../../src/practice/core/errors';
import {
  ec2ErrorResponse,
  ec2Response,
  escapeXml,
  queryErrorResponse,
  queryResponse,
  readInput,
  writeOutput,
  type OperationSchema,
} from '../../../../src/practice/core/protocol';

const params = (query: string) => new URLSearchParams(query);

test('EC2 input: flattened Filter.N.Value.M lists, ID lists and numbers, in numeric order', () => {
  const input = readInput(
    'ec2',
    DescribeInstances$ as OperationSchema,
    params(
      'Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag%3AName&Filter.1.Value.2=b&Filter.1.Value.1=a' +
        '&Filter.10.Name=vpc-id&Filter.10.Value.1=vpc-1&Filter.2.Name=instance-state-name&Filter.2.Value.1=running' +
        '&InstanceId.1=i-1&InstanceId.2=i-2&MaxResults=5&NextToken=abc',
    ),
  );
  assert.deepEqual(input, {
    Filters: [
      { Name: 'tag:Name', Values: ['a', 'b'] },
      { Name: 'instance-state-name', Values: ['running'] },
      { Name: 'vpc-id', Values: ['vpc-1'] },
    ],
    InstanceIds: ['i-1', 'i-2'],
    MaxResults: 5,
    NextToken: 'abc',
  });
});

test('EC2 input: an unknown parameter and a non-numeric number are refused as AWS refuses them', () => {
  assert.throws(
    () => readInput('ec2', DescribeInstances$ as OperationSchema, params('Action=DescribeInstances&Colour=blue')),
    (e: unknown) =>
      e instanceof PracticeError &&
      e.code === 'UnknownParameter' &&
      e.message === 'The parameter Colour is not recognized',
  );
  assert.throws(
    () => readInput('ec2', DescribeInstances$ as OperationSchema, params('MaxResults=lots')),
    (e: unknown) => e instanceof PracticeError && e.code === 'InvalidParameterValue',
  );
  const groups = readInput(
    'ec2',
    DescribeSecurityGroups$ as OperationSchema,
    params('GroupName.1=default&DryRun=false'),
  );
  assert.deepEqual(groups, { GroupNames: ['default'], DryRun: false });
});

test('awsQuery input: Names.member.N, nested Filters.Filter.N.Values.Value.M, and empty lists', () => {
  assert.deepEqual(
    readInput(
      'query',
      DescribeLoadBalancers$ as OperationSchema,
      params('Names.member.1=a&Names.member.2=b&PageSize=2&Marker=m'),
    ),
    { Names: ['a', 'b'], PageSize: 2, Marker: 'm' },
  );
  assert.deepEqual(
    readInput(
      'query',
      DescribeDBInstances$ as OperationSchema,
      params('Filters.Filter.1.Name=engine&Filters.Filter.1.Values.Value.1=mysql'),
    ),
    { Filters: [{ Name: 'engine', Values: ['mysql'] }] },
  );
  assert.deepEqual(readInput('query', DescribeTags$ as OperationSchema, params('ResourceArns=')), { ResourceArns: [] });
});

test("EC2 output: the schema's element names (reservationSet, instancesSet, item), ISO timestamps, escaping", () => {
  const xml = writeOutput(DescribeInstances$ as OperationSchema, {
    Reservations: [
      {
        ReservationId: 'r-1',
        Instances: [
          {
            InstanceId: 'i-1',
            LaunchTime: new Date('2026-11-23T01:02:03.000Z'),
            State: { Code: 16, Name: 'running' },
            Tags: [{ Key: 'Name', Value: 'R&D <web>' }],
          },
        ],
      },
    ],
    NextToken: undefined,
  });
  assert.equal(
    xml,
    '<reservationSet><item><reservationId>r-1</reservationId><instancesSet><item><instanceId>i-1</instanceId>' +
      '<launchTime>2026-11-23T01:02:03.000Z</launchTime><instanceState><code>16</code><name>running</name></instanceState>' +
      '<tagSet><item><key>Name</key><value>R&amp;D &lt;web&gt;</value></item></tagSet></item></instancesSet></item></reservationSet>',
  );
});

test('awsQuery output: member lists; members the model lacks are not written', () => {
  const xml = writeOutput(DescribeLoadBalancers$ as OperationSchema, {
    LoadBalancers: [
      { LoadBalancerName: 'LoadBalancer', AvailabilityZones: [{ ZoneName: 'ap-northeast-1a' }], Bogus: 1 },
    ],
    NextMarker: 'n',
  });
  assert.equal(
    xml,
    '<LoadBalancers><member><LoadBalancerName>LoadBalancer</LoadBalancerName><AvailabilityZones><member>' +
      '<ZoneName>ap-northeast-1a</ZoneName></member></AvailabilityZones></member></LoadBalancers><NextMarker>n</NextMarker>',
  );
});

test('envelopes and error shapes of both dialects', () => {
  assert.match(
    ec2Response('DescribeVpcs', 'http://ec2.amazonaws.com/doc/2016-11-15/', '<vpcSet/>', 'req'),
    /<DescribeVpcsResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/"><requestId>req<\/requestId><vpcSet\/><\/DescribeVpcsResponse>$/,
  );
  assert.equal(
    queryResponse('GetCallerIdentity', 'ns', '<Account>1</Account>', 'req'),
    '<GetCallerIdentityResponse xmlns="ns"><GetCallerIdentityResult><Account>1</Account></GetCallerIdentityResult>' +
      '<ResponseMetadata><RequestId>req</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
  );
  assert.match(
    ec2ErrorResponse('InvalidAction', 'a & b', 'req'),
    /<Response><Errors><Error><Code>InvalidAction<\/Code><Message>a &amp; b<\/Message><\/Error><\/Errors><RequestID>req<\/RequestID><\/Response>$/,
  );
  assert.equal(
    queryErrorResponse('InternalFailure', 'oops', 'req', 500),
    '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>oops</Message></Error><RequestId>req</RequestId></ErrorResponse>',
  );
  assert.equal(escapeXml(`"it's"`), '&quot;it&apos;s&quot;');
});
