// Elastic Load Balancing v2 reads (awsQuery, API version 2015-12-01): load balancers, listeners,
// target groups, target health and tags. Pages use Marker/PageSize.
import {
  DescribeListeners$,
  DescribeLoadBalancers$,
  DescribeTags$,
  DescribeTargetGroups$,
  DescribeTargetHealth$,
  type Action,
  type DescribeListenersInput,
  type DescribeListenersOutput,
  type DescribeLoadBalancersInput,
  type DescribeLoadBalancersOutput,
  type DescribeTagsInput,
  type DescribeTagsOutput,
  type DescribeTargetGroupsInput,
  type DescribeTargetGroupsOutput,
  type DescribeTargetHealthInput,
  type DescribeTargetHealthOutput,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { action, type RequestContext, type ServiceDefinition } from './actions';

import { PracticeError, validationError } from './errors';
import { elbRules, paginate } from './pagination';
import { tagList, type ListenerRecord, type LoadBalancerRecord, type RegionState, type TargetGroupRecord } from './records';
import { TARGET_HEALTH_DESCRIPTIONS, targetHealth } from './targetHealth';

/** Route 53 zones of ELB DNS names, per region and type (AWS's published table, a few regions). */
const HOSTED_ZONES: Record<string, { application: string; network: string }> = {
  'ap-northeast-1': { application: 'Z14GRHDCWA56QT', network: 'Z31USIVHYNEOWT' },
  'us-east-1': { application: 'Z35SXDOTRQ7X7K', network: 'Z26RNL4JYFTOTI' },
  'us-west-2': { application: 'Z1H1FL5HABSF5', network: 'Z18D5FSROUN65G' },
  'eu-west-1': { application: 'Z32O12XQLNTSW2', network: 'Z2IFOLAFXWLO4F' },
};

const loadBalancerNotFound = (detail?: string) =>
  new PracticeError('LoadBalancerNotFound', detail ? `Load balancers '[${detail}]' not found` : 'One or more load balancers not found');
const targetGroupNotFound = (detail?: string) =>
  new PracticeError('TargetGroupNotFound', detail ? `Target groups '[${detail}]' not found` : 'One or more target groups not found');
const listenerNotFound = () => new PracticeError('ListenerNotFound', 'One or more listeners not found');

/** Picks records by key, in the records' order; any missing key is an error. */
function pick<T>(records: readonly T[], keys: readonly string[], keyOf: (r: T) => string, missing: (keys: string[]) => PracticeError): T[] {
  const wanted = new Set(keys);
  const found = records.filter((r) => wanted.has(keyOf(r)));
  if (found.length < wanted.size) {
    const present = new Set(found.map(keyOf));
    throw missing([...wanted].filter((k) => !present.has(k)));
  }
  return found;
}

/** Load balancers whose listeners forward to the target group. */
function loadBalancersOf(group: TargetGroupRecord, records: RegionState): LoadBalancerRecord[] {
  const arns = new Set(
    records.listeners.filter((l) => l.defaultActions.some((a) => a.targetGroupArn === group.arn)).map((l) => l.loadBalancerArn),
  );
  return records.loadBalancers.filter((lb) => arns.has(lb.arn));
}

const describeLoadBalancers = action<DescribeLoadBalancersInput, DescribeLoadBalancersOutput>(DescribeLoadBalancers$, (input, context) => {
  const { records } = context;
  if (input.Names?.length && input.LoadBalancerArns?.length) {
    throw validationError('Load balancer names and load balancer ARNs cannot be specified at the same time');
  }
  let selected = records.loadBalancers;
  if (input.LoadBalancerArns?.length) selected = pick(selected, input.LoadBalancerArns, (lb) => lb.arn, () => loadBalancerNotFound());
  if (input.Names?.length) selected = pick(selected, input.Names, (lb) => lb.name, (names) => loadBalancerNotFound(names.join(', ')));
  const page = paginate(selected, { token: input.Marker, size: input.PageSize }, elbRules('load-balancers'));
  const zones = HOSTED_ZONES[context.region] ?? HOSTED_ZONES['us-east-1'];
  return {
    LoadBalancers: page.items.map((lb) => ({
      LoadBalancerArn: lb.arn,
      DNSName: lb.dnsName,
      CanonicalHostedZoneId: zones?.[lb.type],
      CreatedTime: new Date(lb.createdTime),
      LoadBalancerName: lb.name,
      Scheme: lb.scheme,
      VpcId: lb.vpcId,
      State: { Code: lb.state, Reason: lb.stateReason },
      Type: lb.type,
      AvailabilityZones: lb.zones.map((z) => ({ ZoneName: z.az, SubnetId: z.subnetId, LoadBalancerAddresses: [] })),
      SecurityGroups: lb.type === 'application' ? lb.securityGroupIds : undefined,
      IpAddressType: 'ipv4',
    })),
    NextMarker: page.next,
  };
});

function describeAction(a: ListenerRecord['defaultActions'][number], order: number): Action {
  return {
    Type: a.type,
    TargetGroupArn: a.targetGroupArn,
    Order: order,
    ForwardConfig: a.targetGroupArn
      ? { TargetGroups: [{ TargetGroupArn: a.targetGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } }
      : undefined,
  };
}

const describeListeners = action<DescribeListenersInput, DescribeListenersOutput>(DescribeListeners$, (input, { records }) => {
  let selected: ListenerRecord[];
  if (input.ListenerArns?.length) {
    selected = pick(records.listeners, input.ListenerArns, (l) => l.arn, listenerNotFound);
  } else if (input.LoadBalancerArn) {
    if (!records.loadBalancers.some((lb) => lb.arn === input.LoadBalancerArn)) throw loadBalancerNotFound();
    selected = records.listeners.filter((l) => l.loadBalancerArn === input.LoadBalancerArn);
  } else {
    throw validationError('You must specify either listener ARNs or a load balancer ARN');
  }
  const page = paginate(selected, { token: input.Marker, size: input.PageSize }, elbRules('listeners'));
  return {
    Listeners: page.items.map((l) => ({
      ListenerArn: l.arn,
      LoadBalancerArn: l.loadBalancerArn,
      Port: l.port,
      Protocol: l.protocol as 'HTTP',
      DefaultActions: l.defaultActions.map((a, i) => describeAction(a, i + 1)),
    })),
    NextMarker: page.next,
  };
});

const describeTargetGroups = action<DescribeTargetGroupsInput, DescribeTargetGroupsOutput>(DescribeTargetGroups$, (input, { records }) => {
  let selected = records.targetGroups;
  if (input.LoadBalancerArn) {
    const lb = records.loadBalancers.find((l) => l.arn === input.LoadBalancerArn);
    if (!lb) throw loadBalancerNotFound();
    selected = selected.filter((g) => loadBalancersOf(g, records).includes(lb));
  }
  if (input.TargetGroupArns?.length) selected = pick(selected, input.TargetGroupArns, (g) => g.arn, () => targetGroupNotFound());
  if (input.Names?.length) selected = pick(selected, input.Names, (g) => g.name, (names) => targetGroupNotFound(names.join(', ')));
  const page = paginate(selected, { token: input.Marker, size: input.PageSize }, elbRules('target-groups'));
  return {
    TargetGroups: page.items.map((g) => ({
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
    })),
    NextMarker: page.next,
  };
});

function healthDescription(context: RequestContext, group: TargetGroupRecord): (id: string, port: number | undefined) => TargetHealthDescription {
  const { records } = context;
  const loadBalancers = loadBalancersOf(group, records);
  const instances = new Map(records.instances.map((i) => [i.id, i]));
  return (id, port) => {
    const target = group.targets.find((t) => t.id === id && (port === undefined || t.port === port));
    const instance = instances.get(id);
    const health = target
      ? targetHealth(target, group, loadBalancers, instance)
      : { state: 'unused' as const, reason: 'Target.NotRegistered', description: TARGET_HEALTH_DESCRIPTIONS['Target.NotRegistered'] };
    const targetPort = target?.port ?? port ?? group.port;
    return {
      Target: { Id: id, Port: targetPort, AvailabilityZone: instance?.az },
      HealthCheckPort: group.healthCheck.port === 'traffic-port' ? String(targetPort) : group.healthCheck.port,
      TargetHealth: { State: health.state, Reason: health.reason as 'Target.NotInUse', Description: health.description },
    };
  };
}

const describeTargetHealth = action<DescribeTargetHealthInput, DescribeTargetHealthOutput>(DescribeTargetHealth$, (input, context) => {
  if (!input.TargetGroupArn) throw validationError("1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null");
  const group = context.records.targetGroups.find((g) => g.arn === input.TargetGroupArn);
  if (!group) throw targetGroupNotFound();
  const describe = healthDescription(context, group);
  const wanted = input.Targets?.length ? input.Targets.map((t) => [t.Id ?? '', t.Port] as const) : group.targets.map((t) => [t.id, t.port] as const);
  return { TargetHealthDescriptions: wanted.map(([id, port]) => describe(id, port)) };
});

const describeTags = action<DescribeTagsInput, DescribeTagsOutput>(DescribeTags$, (input, { records }) => {
  const arns = input.ResourceArns ?? [];
  if (arns.length === 0 || arns.length > 20) {
    throw validationError(
      `1 validation error detected: Value '[${arns.join(', ')}]' at 'resourceArns' failed to satisfy constraint: Member must have length ${arns.length === 0 ? 'greater than or equal to 1' : 'less than or equal to 20'}`,
    );
  }
  return {
    TagDescriptions: arns.map((arn) => {
      const resource =
        records.loadBalancers.find((r) => r.arn === arn) ?? records.targetGroups.find((r) => r.arn === arn) ?? records.listeners.find((r) => r.arn === arn);
      if (!resource) {
        if (arn.includes(':targetgroup/')) throw targetGroupNotFound();
        if (arn.includes(':listener/')) throw listenerNotFound();
        throw loadBalancerNotFound();
      }
      return { ResourceArn: arn, Tags: tagList(resource.tags) };
    }),
  };
});

export const elbv2Service: ServiceDefinition = {
  signingName: 'elasticloadbalancing',
  dialect: 'query',
  version: '2015-12-01',
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  actions: {
    DescribeLoadBalancers: describeLoadBalancers,
    DescribeListeners: describeListeners,
    DescribeTargetGroups: describeTargetGroups,
    DescribeTargetHealth: describeTargetHealth,
    DescribeTags: describeTags,
  },
};
