// The Classic Load Balancer (ELB v1, the console's "previous generation") of seed 001, as the inventory holds it.
// It has no target group: the instances are registered on the load balancer itself, and its one health check is
// written as AWS writes it, "HTTP:80/index.html".
import type { Tags } from './tags';

export interface ClassicListener {
  /** "HTTP" | "HTTPS" | "TCP" | "SSL". */
  readonly protocol: string;
  readonly port: number;
  readonly instanceProtocol: string;
  readonly instancePort: number;
}

export interface ClassicHealthCheck {
  /** AWS's own form, e.g. "HTTP:80/index.html" or "TCP:80". */
  readonly target: string;
  /** Parsed from target: "HTTP" | "HTTPS" | "TCP" | "SSL". */
  readonly protocol: string;
  readonly port: number;
  /** HTTP(S) only, with its leading slash. */
  readonly path?: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

/** DescribeInstanceHealth's row, with the instance's AZ joined from EC2 when the instance is known. */
export interface ClassicInstanceHealth {
  readonly id: string;
  /** "InService" | "OutOfService" | "Unknown". */
  readonly state: string;
  /** "ELB" | "Instance" | "N/A": who AWS says the cause is on. */
  readonly reasonCode?: string;
  /** AWS's sentence, e.g. "Instance has failed at least the UnhealthyThreshold number of health checks consecutively." */
  readonly description?: string;
  readonly az?: string;
}

export interface ClassicLoadBalancer {
  readonly name: string;
  readonly dnsName: string;
  /** "internet-facing" | "internal". */
  readonly scheme: string;
  readonly vpcId?: string;
  /** The AZs it is enabled in (in a VPC: those of its subnets). */
  readonly azs: readonly string[];
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** The group AWS puts in front of the instances, for rules that admit "the load balancer". */
  readonly sourceSecurityGroup?: { readonly ownerAlias?: string; readonly groupName?: string };
  readonly listeners: readonly ClassicListener[];
  readonly healthCheck: ClassicHealthCheck;
  /** Every registered instance with its health (one DescribeInstanceHealth per load balancer). */
  readonly instances: readonly ClassicInstanceHealth[];
  readonly createdTime?: string;
  readonly tags: Tags;
}
