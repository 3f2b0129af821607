// ELBv2's records (src/practice/elbv2/): Application Load Balancers with their nodes, listeners, and target groups
// with their health check and targets. A target keeps the finding its checks meet and since when (targetHealth.ts),
// so DescribeTargetHealth is a function of the records and the clock.
import type { Tags } from './tags';

export interface LoadBalancerRecord {
  arn: string;
  name: string;
  dnsName: string;
  scheme: 'internet-facing' | 'internal';
  type: 'application' | 'network';
  state: 'provisioning' | 'active' | 'active_impaired' | 'failed';
  stateReason?: string;
  /** When a `provisioning` load balancer turns `active` (CreateLoadBalancer sets it from the clock). */
  activeAt?: string;
  vpcId: string;
  /** Enabled AZs; `nodeIp` is the load balancer node's private IP in that subnet (health checks and forwarded requests come from it). */
  zones: { az: string; subnetId: string; nodeIp?: string }[];
  securityGroupIds: string[];
  createdTime: string;
  /** ModifyLoadBalancerAttributes values that differ from AWS's defaults. */
  attributes?: Record<string, string>;
  tags: Tags;
}

export interface ListenerRecord {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  defaultActions: { type: 'forward' | 'fixed-response' | 'redirect'; targetGroupArn?: string }[];
  tags: Tags;
}

export interface HealthCheckRecord {
  protocol: string;
  port: string;
  path: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher: string;
}

export type TargetHealthStateName = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';

export interface TargetRecord {
  id: string;
  port: number;
  /** The health shown when the current check result began (`check.since`, else `registeredAt`); targetHealth.ts derives the rest. */
  health: { state: TargetHealthStateName; reason?: string; description?: string };
  registeredAt: string;
  /** What the health checks find ('ok', or a reason code) and since when; targetHealth.ts keeps it. */
  check?: { result: string; since: string; detail?: string };
  /** Set by DeregisterTargets: `draining` until then, gone after. */
  drainUntil?: string;
}

export interface TargetGroupRecord {
  arn: string;
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  targetType: 'instance' | 'ip' | 'lambda';
  healthCheck: HealthCheckRecord;
  targets: TargetRecord[];
  /** ModifyTargetGroupAttributes values that differ from AWS's defaults (e.g. deregistration_delay.timeout_seconds). */
  attributes?: Record<string, string>;
  tags: Tags;
}
