// The Classic Load Balancer's records (ELB v1, src/practice/elb/): one per load balancer, by name, with its
// listeners, its one health check and the instances registered on it directly (there is no target group).
// Each instance keeps its health bookkeeping as ELBv2's targets do (targetHealth.ts): the finding the checks
// meet and since when, and the state it had then, so DescribeInstanceHealth is a function of the records
// and the clock.
import type { Tags } from './tags';

export interface ClassicListenerRecord {
  /** "HTTP" | "HTTPS" | "TCP" | "SSL", upper case as AWS answers it. */
  protocol: string;
  port: number;
  instanceProtocol: string;
  instancePort: number;
  sslCertificateId?: string;
}

export interface ClassicHealthCheckRecord {
  /** AWS's own form: "HTTP:80/index.html", "TCP:80". */
  target: string;
  interval: number;
  timeout: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

export interface ClassicInstanceRecord {
  id: string;
  registeredAt: string;
  /** The health in ELBv2's words (TargetHealthStateName; health.ts maps it to v1's) when the current finding began. */
  health: {
    state: 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';
    reason?: string;
    description?: string;
  };
  /** What the health checks find ('ok', or ELBv2's reason code) and since when. */
  check?: { result: string; since: string; detail?: string };
}

export interface ClassicLoadBalancerRecord {
  name: string;
  /** Not in v1's answers; names the load balancer for the derived node addresses and tags. */
  arn: string;
  dnsName: string;
  scheme: 'internet-facing' | 'internal';
  vpcId: string;
  /** Enabled AZs, each with its subnet and the node's private IP there (health checks and traffic come from it). */
  zones: { az: string; subnetId: string; nodeIp?: string }[];
  securityGroupIds: string[];
  listeners: ClassicListenerRecord[];
  healthCheck: ClassicHealthCheckRecord;
  instances: ClassicInstanceRecord[];
  createdTime: string;
  /** ModifyLoadBalancerAttributes values that differ from AWS's defaults. */
  attributes?: {
    crossZone?: boolean;
    idleTimeout?: number;
    connectionDraining?: { enabled: boolean; timeout: number };
  };
  tags: Tags;
}
