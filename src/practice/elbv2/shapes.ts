// ELBv2's answer shapes from the records: Describe* and the Create*/Modify* actions that return the
// resource both use these, so a created load balancer looks exactly as it describes later.
import type { Action, Listener, LoadBalancer, TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { loadBalancerState, loadBalancersOf } from './model';
import type { ListenerRecord, LoadBalancerRecord, RegionState, TargetGroupRecord } from '../core/records';

/** Route 53 zones of ELB DNS names, per region and type (AWS's published table, a few regions). */
const HOSTED_ZONES: Record<string, { application: string; network: string }> = {
  'ap-northeast-1': { application: 'Z14GRHDCWA56QT', network: 'Z31USIVHYNEOWT' },
  'us-east-1': { application: 'Z35SXDOTRQ7X7K', network: 'Z26RNL4JYFTOTI' },
  'us-west-2': { application: 'Z1H1FL5HABSF5', network: 'Z18D5FSROUN65G' },
  'eu-west-1': { application: 'Z32O12XQLNTSW2', network: 'Z2IFOLAFXWLO4F' },
};

/** The Route 53 zone of a load balancer's DNS name (a Classic Load Balancer's is the application one). */
export function hostedZoneOf(region: string, type: 'application' | 'network'): string | undefined {
  return (HOSTED_ZONES[region] ?? HOSTED_ZONES['us-east-1'])?.[type];
}

export function loadBalancerShape(lb: LoadBalancerRecord, region: string, now: Date): LoadBalancer {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: hostedZoneOf(region, lb.type),
    CreatedTime: new Date(lb.createdTime),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: loadBalancerState(lb, now), Reason: lb.stateReason },
    Type: lb.type,
    AvailabilityZones: lb.zones.map((z) => ({ ZoneName: z.az, SubnetId: z.subnetId, LoadBalancerAddresses: [] })),
    SecurityGroups: lb.type === 'application' ? lb.securityGroupIds : undefined,
    IpAddressType: 'ipv4',
  };
}

function actionShape(a: ListenerRecord['defaultActions'][number], order: number): Action {
  return {
    Type: a.type,
    TargetGroupArn: a.targetGroupArn,
    Order: order,
    ForwardConfig: a.targetGroupArn
      ? {
          TargetGroups: [{ TargetGroupArn: a.targetGroupArn, Weight: 1 }],
          TargetGroupStickinessConfig: { Enabled: false },
        }
      : undefined,
  };
}

export function listenerShape(l: ListenerRecord): Listener {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol as 'HTTP',
    DefaultActions: l.defaultActions.map((a, i) => actionShape(a, i + 1)),
  };
}

export function targetGroupShape(g: TargetGroupRecord, records: RegionState): TargetGroup {
  return {
    TargetGroupArn: g.arn,
    TargetGroupName: g.name,
    Protocol: g.protocol as 'HTTP',
    Port: g.port,
    VpcId: g.vpcId,
    HealthCheckProtocol: g.healthCheck.protocol as 'HTTP',
    HealthCheckPort: g.healthCheck.port,
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: g.healthCheck.intervalSeconds,
    HealthCheckTimeoutSeconds: g.healthCheck.timeoutSeconds,
    HealthyThresholdCount: g.healthCheck.healthyThreshold,
    UnhealthyThresholdCount: g.healthCheck.unhealthyThreshold,
    HealthCheckPath: g.healthCheck.path,
    Matcher: { HttpCode: g.healthCheck.matcher },
    LoadBalancerArns: loadBalancersOf(g, records).map((lb) => lb.arn),
    TargetType: g.targetType,
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
  };
}
