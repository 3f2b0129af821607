// The five SDK clients, configured as a student's extension configures them for the practice account:
// only `endpoint`, a region and the static practice credentials.
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient } from '@aws-sdk/client-rds';
import { STSClient } from '@aws-sdk/client-sts';
import { PRACTICE_CREDENTIALS, PRACTICE_REGION } from '../../src/practice/constants';

export interface PracticeClients {
  ec2: EC2Client;
  elb: ElasticLoadBalancingV2Client;
  rds: RDSClient;
  autoscaling: AutoScalingClient;
  sts: STSClient;
  destroy(): void;
}

export function practiceClients(
  endpoint: string,
  options: { region?: string; maxAttempts?: number } = {},
): PracticeClients {
  const config = {
    endpoint,
    region: options.region ?? PRACTICE_REGION,
    credentials: PRACTICE_CREDENTIALS,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  };
  const clients = {
    ec2: new EC2Client(config),
    elb: new ElasticLoadBalancingV2Client(config),
    rds: new RDSClient(config),
    autoscaling: new AutoScalingClient(config),
    sts: new STSClient(config),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number }; Code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}
