// The SDK clients for one account: same region, credentials, endpoint, retries and timeouts for every service.
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient } from '@aws-sdk/client-rds';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { MiddlewareStack } from '@smithy/types';
import type { ResolvedAccount } from './account';
import type { AwsErrorContext } from './errors';

export interface AwsClients {
  readonly ec2: EC2Client;
  /** ELB v1, the Classic Load Balancer of seed 001. */
  readonly elb: ElasticLoadBalancingClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly rds: RDSClient;
  readonly autoScaling: AutoScalingClient;
  readonly cloudWatch: CloudWatchClient;
  readonly sts: STSClient;
  readonly account: ResolvedAccount;
  /** HTTP requests sent so far by these clients, retries included. */
  readonly apiCalls: number;
  /** Closes the pooled connections. */
  destroy(): void;
}

export interface ClientOptions {
  /** Attempts per call, first one included (SDK default 3). */
  maxAttempts?: number;
  /** Longest a request may take once connected. */
  requestTimeoutMs?: number;
  /** Longest a TCP/TLS connect may take: "no network" should fail in seconds, not minutes. */
  connectTimeoutMs?: number;
}

/**
 * Counts every HTTP request that goes out. The deserialize step runs inside the retry loop, once per attempt,
 * and after signing, so a call that never left (no credentials) is not counted.
 */
export function countRequests(stack: MiddlewareStack<object, object>, onRequest: () => void, name: string): void {
  stack.add(
    (next) => async (args) => {
      onRequest();
      return next(args);
    },
    { step: 'deserialize', name, priority: 'low', override: true },
  );
}

export function createClients(account: ResolvedAccount, options: ClientOptions = {}): AwsClients {
  // One pool for all the clients: against a single endpoint (practice, LocalStack) they share connections.
  const requestHandler = new NodeHttpHandler({
    connectionTimeout: options.connectTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30000,
    throwOnRequestTimeout: true,
    httpAgent: { keepAlive: true, maxSockets: 50 },
    httpsAgent: { keepAlive: true, maxSockets: 50 },
  });
  const config = {
    region: account.region,
    credentials: account.credentials,
    requestHandler,
    customUserAgent: 'aws-scale-out-lab',
    ...(account.endpoint ? { endpoint: account.endpoint } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  };
  let apiCalls = 0;
  const count = () => {
    apiCalls += 1;
  };
  const ec2 = new EC2Client(config);
  const elb = new ElasticLoadBalancingClient(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const rds = new RDSClient(config);
  const autoScaling = new AutoScalingClient(config);
  const cloudWatch = new CloudWatchClient(config);
  const sts = new STSClient(config);
  for (const client of [ec2, elb, elbv2, rds, autoScaling, cloudWatch, sts]) {
    countRequests(
      client.middlewareStack as unknown as MiddlewareStack<object, object>,
      count,
      'scaleOutLabCallCounter',
    );
  }
  return {
    ec2,
    elb,
    elbv2,
    rds,
    autoScaling,
    cloudWatch,
    sts,
    account,
    get apiCalls() {
      return apiCalls;
    },
    destroy() {
      for (const client of [ec2, elb, elbv2, rds, autoScaling, cloudWatch, sts]) client.destroy();
    },
  };
}

/** What toAwsProblem needs to name the account in an error. */
export function errorContext(account: ResolvedAccount, action: string): AwsErrorContext {
  const profile = account.profile ?? (account.sso ? 'default' : undefined);
  return {
    action,
    ...(profile ? { profile } : {}),
    ...(account.endpoint ? { endpoint: account.endpoint } : {}),
    ...(account.sso ? { sso: true } : {}),
  };
}
