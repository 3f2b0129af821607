// toAwsProblem against errors shaped exactly as the SDK and Node make them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { DBInstanceNotFoundFault, RDSServiceException } from '@aws-sdk/client-rds';
import { ExpiredTokenException, STSServiceException } from '@aws-sdk/client-sts';
import { LoadBalancerNotFoundException } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CredentialsProviderError, TokenProviderError } from '@smithy/core/config';
import { createServer } from 'node:http';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsError, describeProblem, toAwsProblem } from '../../../src/aws/errors';
import { problemLine } from '../../../src/cli/words';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';

const ctx = { action: 'ec2:DescribeInstances', profile: 'lab', endpoint: 'http://127.0.0.1:4566' };
const meta = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 });

function ec2Error(name: string, status: number, message: string) {
  return new EC2ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: meta(status),
    message,
  });
}

test('no credentials anywhere', () => {
  const e = new CredentialsProviderError('Could not load credentials from any providers', false);
  assert.deepEqual(toAwsProblem(e, ctx), { kind: 'noCredentials', profile: 'lab' });
  assert.deepEqual(toAwsProblem(new Error('Could not load credentials from any providers'), { action: 'x' }), {
    kind: 'noCredentials',
  });
});

test('expired SSO session asks for aws sso login on an SSO profile', () => {
  const e = new CredentialsProviderError(
    'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
    { tryNextLink: false },
  );
  assert.deepEqual(toAwsProblem(e, { ...ctx, sso: true }), {
    kind: 'credentialsExpired',
    profile: 'lab',
    ssoLogin: 'aws sso login --profile lab',
  });
  // sso-session profiles fail in the token provider first.
  const t = new TokenProviderError(
    "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    false,
  );
  assert.deepEqual(toAwsProblem(t, { ...ctx, sso: true }), {
    kind: 'credentialsExpired',
    profile: 'lab',
    ssoLogin: 'aws sso login --profile lab',
  });
  // Not an SSO profile: still expired, but no sso command to suggest.
  assert.deepEqual(toAwsProblem(e, ctx), { kind: 'credentialsExpired', profile: 'lab' });
});

test('expired temporary credentials', () => {
  const sts = new ExpiredTokenException({
    message: 'The security token included in the request is expired',
    $metadata: meta(400),
  });
  assert.deepEqual(toAwsProblem(sts, { ...ctx, sso: true }), {
    kind: 'credentialsExpired',
    profile: 'lab',
    ssoLogin: 'aws sso login --profile lab',
  });
  assert.equal(toAwsProblem(ec2Error('RequestExpired', 400, 'Request has expired.'), ctx).kind, 'credentialsExpired');
  const generic = new STSServiceException({
    name: 'ExpiredToken',
    $fault: 'client',
    $metadata: meta(403),
    message: 'expired',
  });
  assert.equal(toAwsProblem(generic, ctx).kind, 'credentialsExpired');
});

test('rejected keys', () => {
  for (const code of ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'AuthFailure', 'UnrecognizedClientException']) {
    assert.deepEqual(toAwsProblem(ec2Error(code, 401, 'nope'), ctx), {
      kind: 'credentialsInvalid',
      profile: 'lab',
      code,
    });
  }
});

test('access denied names the IAM action from AWS message, else the call', () => {
  const msg =
    'User: arn:aws:iam::123456789012:user/student is not authorized to perform: rds:DescribeDBInstances on resource: arn:aws:rds:ap-northeast-1:123456789012:db:* because no identity-based policy allows the rds:DescribeDBInstances action';
  const rds = new RDSServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: meta(403), message: msg });
  assert.deepEqual(toAwsProblem(rds, { action: 'rds:DescribeDBClusters' }), {
    kind: 'accessDenied',
    action: 'rds:DescribeDBInstances',
    message: msg,
  });
  const ec2 = ec2Error('UnauthorizedOperation', 403, 'You are not authorized to perform this operation.');
  assert.equal((toAwsProblem(ec2, ctx) as { action: string }).action, 'ec2:DescribeInstances');
  const json = new RDSServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: meta(400),
    message: 'denied',
  });
  assert.equal(toAwsProblem(json, ctx).kind, 'accessDenied');
});

test('throttling', () => {
  for (const code of ['RequestLimitExceeded', 'Throttling', 'ThrottlingException']) {
    assert.deepEqual(toAwsProblem(ec2Error(code, 400, 'Rate exceeded'), ctx), {
      kind: 'throttled',
      action: 'ec2:DescribeInstances',
    });
  }
});

test('network failures as Node and the HTTP handler raise them', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
    code: 'ECONNREFUSED',
    syscall: 'connect',
  });
  assert.deepEqual(toAwsProblem(refused, ctx), { kind: 'network', endpoint: ctx.endpoint, code: 'ECONNREFUSED' });
  const dns = Object.assign(new Error('getaddrinfo ENOTFOUND ec2.ap-northeast-1.amazonaws.com'), {
    code: 'ENOTFOUND',
    hostname: 'ec2.ap-northeast-1.amazonaws.com',
  });
  assert.deepEqual(toAwsProblem(dns, { action: 'ec2:DescribeInstances' }), {
    kind: 'network',
    endpoint: 'ec2.ap-northeast-1.amazonaws.com',
    code: 'ENOTFOUND',
  });
  // Node 20 tries IPv4 and IPv6 and reports both in an AggregateError.
  const both = Object.assign(new AggregateError([refused, refused]), { code: undefined });
  assert.equal((toAwsProblem(both, ctx) as { code: string }).code, 'ECONNREFUSED');
  const timeout = Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' });
  assert.equal((toAwsProblem(timeout, ctx) as { code: string }).code, 'TimeoutError');
  assert.equal(toAwsProblem(new Error('socket hang up'), ctx).kind, 'network');
  assert.equal(
    (toAwsProblem(Object.assign(new Error('read'), { code: 'ECONNRESET' }), ctx) as { code: string }).code,
    'ECONNRESET',
  );
});

test('an HTTP answer that is not from AWS (proxy, captive portal, wrong URL) reads as network', () => {
  // What the SDK throws for a bare 404 with no body and no request ID.
  const e = new STSServiceException({
    name: 'NotFound',
    $fault: 'client',
    $metadata: { httpStatusCode: 404, attempts: 1, totalRetryDelay: 0 },
    message: 'Unknown',
  });
  assert.deepEqual(toAwsProblem(e, ctx), { kind: 'network', endpoint: ctx.endpoint, code: 'HTTP 404', status: 404 });
  // The same status from AWS itself (request ID, real message) stays what AWS said.
  const db = new DBInstanceNotFoundFault({ message: 'DBInstance db1 not found.', $metadata: meta(404) });
  assert.equal(toAwsProblem(db, ctx).kind, 'notFound');
});

test('not found, in EC2 and in modeled faults', () => {
  assert.deepEqual(
    toAwsProblem(
      ec2Error('InvalidInstanceID.NotFound', 400, "The instance ID 'i-0abc1234567890def' does not exist"),
      ctx,
    ),
    {
      kind: 'notFound',
      resource: 'i-0abc1234567890def',
      code: 'InvalidInstanceID.NotFound',
      message: "The instance ID 'i-0abc1234567890def' does not exist",
    },
  );
  const db = new DBInstanceNotFoundFault({ message: 'DBInstance db1 not found.', $metadata: meta(404) });
  assert.equal(toAwsProblem(db, ctx).kind, 'notFound');
  const lb = new LoadBalancerNotFoundException({ message: 'Load balancers not found', $metadata: meta(400) });
  assert.equal(toAwsProblem(lb, ctx).kind, 'notFound');
});

test('an action the endpoint does not implement', () => {
  for (const code of ['InvalidAction', 'UnknownOperationException', 'NotImplemented']) {
    assert.deepEqual(toAwsProblem(ec2Error(code, 400, 'no such action'), ctx), {
      kind: 'unsupported',
      action: 'ec2:DescribeInstances',
      code,
    });
  }
});

test('anything else keeps code, status and message', () => {
  assert.deepEqual(toAwsProblem(ec2Error('InternalError', 500, 'An internal error has occurred'), ctx), {
    kind: 'service',
    action: 'ec2:DescribeInstances',
    code: 'InternalError',
    status: 500,
    message: 'An internal error has occurred',
  });
  const p = toAwsProblem(new TypeError('x is undefined'), ctx);
  assert.equal(p.kind, 'service');
  assert.equal((p as { code: string }).code, 'TypeError');
});

test('an AwsError passes its facts through; describeProblem writes one line', () => {
  const e = new AwsError({ kind: 'profileNotFound', profile: 'nope' });
  assert.deepEqual(toAwsProblem(e, ctx), { kind: 'profileNotFound', profile: 'nope' });
  assert.equal(
    describeProblem({ kind: 'credentialsExpired', profile: 'lab', ssoLogin: 'aws sso login --profile lab' }),
    'Credentials expired for profile lab; run: aws sso login --profile lab',
  );
});

/** What the real SDK throws when an endpoint answers `status` with this body (a proxy, a web server). */
async function sdkErrorFrom(status: number, body: string): Promise<unknown> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/html' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const sts = new STSClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
  try {
    await sts.send(new GetCallerIdentityCommand({}));
    return undefined;
  } catch (error) {
    return error;
  } finally {
    sts.destroy();
    server.close();
  }
}

test('an HTML 500 the SDK cannot parse ("Deserialization error … $response") is "the endpoint answered HTTP 500"', async () => {
  const error = await sdkErrorFrom(
    500,
    '<html><head><meta charset="utf-8"></head><body>Internal Server Error</body></html>',
  );
  assert.match(String((error as Error).message), /Deserialization error/, 'the SDK error this maps');
  const problem = toAwsProblem(error, ctx);
  assert.deepEqual(problem, { kind: 'network', endpoint: ctx.endpoint, code: 'HTTP 500', status: 500 });
  assert.equal(describeProblem(problem), 'The endpoint http://127.0.0.1:4566 answered HTTP 500');
  const en = problemLine(problem, bundleTranslator());
  assert.match(en, /^The endpoint http:\/\/127\.0\.0\.1:4566 answered HTTP 500, not as AWS answers\./);
  const ja = problemLine(problem, bundleTranslator(loadBundle('ja')));
  assert.match(ja, /^エンドポイント http:\/\/127\.0\.0\.1:4566 が HTTP 500 を返しました/);
});

test('an HTML page answered with 200 is not an account: "did not answer like AWS"', async () => {
  const error = await sdkErrorFrom(200, '<!DOCTYPE html><html><body><br>Welcome</body></html>');
  const problem = toAwsProblem(error, ctx);
  assert.deepEqual(problem, { kind: 'network', endpoint: ctx.endpoint, code: 'NotAws', status: 200 });
  assert.equal(describeProblem(problem), 'The endpoint http://127.0.0.1:4566 did not answer like AWS');
  assert.match(problemLine(problem, bundleTranslator(loadBundle('ja'))), /AWS のようには応答しませんでした/);
});
