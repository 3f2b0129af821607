// The Classic Load Balancer's answer shapes from the records (DescribeLoadBalancers, the health check,
// DescribeLoadBalancerAttributes), so what Create* wrote describes the same way later.
import type {
  HealthCheck,
  ListenerDescription,
  LoadBalancerAttributes,
  LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { hostedZoneOf } from '../elbv2/shapes';
import type { ClassicLoadBalancerRecord, RegionState } from '../core/records';

export function healthCheckShape(lb: ClassicLoadBalancerRecord): HealthCheck {
  const check = lb.healthCheck;
  return {
    Target: check.target,
    Interval: check.interval,
    Timeout: check.timeout,
    UnhealthyThreshold: check.unhealthyThreshold,
    HealthyThreshold: check.healthyThreshold,
  };
}

export function listenerShapes(lb: ClassicLoadBalancerRecord): ListenerDescription[] {
  return lb.listeners.map((l) => ({
    Listener: {
      Protocol: l.protocol,
      LoadBalancerPort: l.port,
      InstanceProtocol: l.instanceProtocol,
      InstancePort: l.instancePort,
      ...(l.sslCertificateId ? { SSLCertificateId: l.sslCertificateId } : {}),
    },
    PolicyNames: [],
  }));
}

export function loadBalancerDescription(
  lb: ClassicLoadBalancerRecord,
  region: string,
  records: RegionState,
): LoadBalancerDescription {
  // In a VPC the source group instances' rules name is the load balancer's first group, owned by the account.
  const first = records.securityGroups.find((g) => g.id === lb.securityGroupIds[0]);
  return {
    LoadBalancerName: lb.name,
    DNSName: lb.dnsName,
    CanonicalHostedZoneName: lb.dnsName,
    CanonicalHostedZoneNameID: hostedZoneOf(region, 'application'),
    ListenerDescriptions: listenerShapes(lb),
    Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [], OtherPolicies: [] },
    BackendServerDescriptions: [],
    AvailabilityZones: lb.zones.map((z) => z.az),
    Subnets: lb.zones.map((z) => z.subnetId),
    VPCId: lb.vpcId,
    Instances: lb.instances.map((i) => ({ InstanceId: i.id })),
    HealthCheck: healthCheckShape(lb),
    SourceSecurityGroup: first ? { OwnerAlias: PRACTICE_ACCOUNT_ID, GroupName: first.name } : undefined,
    SecurityGroups: lb.securityGroupIds,
    CreatedTime: new Date(lb.createdTime),
    Scheme: lb.scheme,
  };
}

/** AWS's defaults for a load balancer made through the API (the console turns cross-zone on itself). */
export function attributesShape(lb: ClassicLoadBalancerRecord): LoadBalancerAttributes {
  const a = lb.attributes ?? {};
  return {
    CrossZoneLoadBalancing: { Enabled: a.crossZone ?? false },
    AccessLog: { Enabled: false },
    ConnectionDraining: a.connectionDraining
      ? { Enabled: a.connectionDraining.enabled, Timeout: a.connectionDraining.timeout }
      : { Enabled: false, Timeout: 300 },
    ConnectionSettings: { IdleTimeout: a.idleTimeout ?? 60 },
    AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'defensive' }],
  };
}
