// Which of AWS's token buckets a request draws on, with AWS's published sizes (throttle.ts keeps the buckets).
// Sources, as AWS documents them (tables as of 2025):
// - EC2: "Request throttling for the Amazon EC2 API",
//   https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html — per account, per Region, one bucket per
//   API action, sized by its category: non-mutating (Describe*, List*, Search*, Get*) 100 tokens, refill 20/s;
//   unfiltered and unpaginated non-mutating (DescribeInstances, DescribeInstanceStatus, DescribeNetworkInterfaces,
//   DescribeSecurityGroups, DescribeSnapshots, DescribeSpotInstanceRequests, DescribeVolumes called with neither a
//   filter nor pagination) 50, 10/s; mutating 50, 5/s; resource-intensive 50, 5/s; "uncategorized" actions their
//   own (RunInstances 5, 2/s; CreateTags 100, 10/s; ...). Launching, starting, stopping and terminating also take
//   one token per instance from a resource bucket: RunInstances 1000, 2/s; StartInstances 1000, 2/s;
//   StopInstances 1000, 20/s; TerminateInstances 1000, 20/s. (Older versions of the page had mutating 200, 5/s.)
// - ELB: "Request throttling for the ELB API",
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html — ELBv2 and ELB v1
//   each have their own buckets: resource-intensive (CreateLoadBalancer, SetSubnets; v1: CreateLoadBalancer and the
//   subnet/AZ changes) 10, 0.2/s; registration (Register/DeregisterTargets; v1: Register/Deregister instances) 20,
//   4/s; non-mutating (Describe*) 40, 10/s; mutating 20, 3/s; and an account-level bucket shared by every action of
//   the API, 40, 10/s.
// - RDS: "Request throttling for the Amazon RDS API",
//   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-api-throttling.html — 300 requests in a burst and a
//   sustained 12 per second, per account and Region.
// - CloudWatch: "CloudWatch service quotas",
//   https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html — a rate per action
//   (DescribeAlarms 9/s, PutMetricAlarm 3/s, GetMetricData 500/s, ...). No burst is published: a bucket holds one
//   second's worth.
// - Auto Scaling publishes no figure: ASSUMED here, ELB's account-level bucket (40, 10/s) for every action.
// - STS is not throttled by the practice account.
// A throttled request is answered as faults.ts answers an injected throttle: EC2 RequestLimitExceeded (503), the
// query and JSON services Throttling (400).
export interface BucketSize {
  /** Tokens it holds when full (AWS's "bucket maximum capacity", the burst). */
  readonly capacity: number;
  /** Tokens added per second up to the capacity (AWS's "refill rate", the sustained rate); may be fractional. */
  readonly refillPerSecond: number;
}

/** What one request takes from one bucket. */
export interface BucketDraw {
  /** The bucket's name within a region, e.g. `ec2:DescribeInstances` or `elasticloadbalancing:account`. */
  readonly key: string;
  readonly size: BucketSize;
  /** Tokens taken (1 for a request; a resource bucket: the instances it launches, starts, stops or terminates). */
  readonly cost: number;
}

/** A service as the server names it for faults: its signing name, ELB v1 `elb`. */
export type ThrottledService = string;

const size = (capacity: number, refillPerSecond: number): BucketSize => ({ capacity, refillPerSecond });

// EC2's categories and the uncategorized actions the practice account answers.
const EC2_NON_MUTATING = size(100, 20);
const EC2_UNFILTERED = size(50, 10);
const EC2_MUTATING = size(50, 5);
const EC2_RESOURCE_INTENSIVE = size(50, 5);
const EC2_UNFILTERED_ACTIONS = new Set([
  'DescribeInstances',
  'DescribeInstanceStatus',
  'DescribeNetworkInterfaces',
  'DescribeSecurityGroups',
  'DescribeSnapshots',
  'DescribeSpotInstanceRequests',
  'DescribeVolumes',
]);
const EC2_RESOURCE_INTENSIVE_ACTIONS = new Set([
  'AcceptVpcPeeringConnection',
  'AuthorizeSecurityGroupIngress',
  'CancelSpotInstanceRequests',
  'CreateKeyPair',
  'CreateVpcPeeringConnection',
  'DeleteVpcPeeringConnection',
  'RejectVpcPeeringConnection',
  'RevokeSecurityGroupIngress',
  'RequestSpotInstances',
]);
const EC2_UNCATEGORIZED: Readonly<Record<string, BucketSize>> = {
  CreateLaunchTemplateVersion: size(100, 5),
  CreateNatGateway: size(10, 1),
  CreateSnapshot: size(100, 5),
  CreateTags: size(100, 10),
  CreateVolume: size(100, 5),
  DeleteNatGateway: size(10, 1),
  DeleteSnapshot: size(100, 5),
  DeleteTags: size(100, 10),
  DeleteVolume: size(100, 5),
  DeregisterImage: size(100, 5),
  ModifyLaunchTemplate: size(100, 5),
  RunInstances: size(5, 2),
  StartInstances: size(5, 2),
  TerminateInstances: size(100, 5),
};
/** The resource buckets: tokens per instance. */
const EC2_RESOURCE: Readonly<Record<string, BucketSize>> = {
  RunInstances: size(1000, 2),
  StartInstances: size(1000, 2),
  StopInstances: size(1000, 20),
  TerminateInstances: size(1000, 20),
};

const isNonMutating = (action: string) => /^(Describe|List|Search|Get)/.test(action);
/** AWS: "when requested without specifying either pagination or a filter". */
const filteredOrPaged = (params: URLSearchParams) =>
  [...params.keys()].some((k) => k.startsWith('Filter.') || k === 'MaxResults' || k === 'NextToken');

function ec2Draws(action: string, params: URLSearchParams): BucketDraw[] {
  const unfiltered = EC2_UNFILTERED_ACTIONS.has(action) && !filteredOrPaged(params);
  const request = unfiltered
    ? { key: `ec2:${action}:unfiltered`, size: EC2_UNFILTERED, cost: 1 }
    : {
        key: `ec2:${action}`,
        size:
          EC2_UNCATEGORIZED[action] ??
          (EC2_RESOURCE_INTENSIVE_ACTIONS.has(action)
            ? EC2_RESOURCE_INTENSIVE
            : isNonMutating(action)
              ? EC2_NON_MUTATING
              : EC2_MUTATING),
        cost: 1,
      };
  const resource = EC2_RESOURCE[action];
  if (!resource) return [request];
  const instances =
    action === 'RunInstances'
      ? Math.max(1, Number(params.get('MaxCount') ?? params.get('MinCount') ?? 1) || 1)
      : Math.max(1, [...params.keys()].filter((k) => /^InstanceId\.\d+$/.test(k)).length);
  return [request, { key: `ec2:${action}:resource`, size: resource, cost: instances }];
}

// ELB: the same categories and sizes for both versions, each version its own buckets.
const ELB_ACCOUNT = size(40, 10);
const ELB_CATEGORIES = {
  resourceIntensive: size(10, 0.2),
  registration: size(20, 4),
  nonMutating: size(40, 10),
  mutating: size(20, 3),
} as const;
const ELB_RESOURCE_INTENSIVE = new Set([
  'CreateLoadBalancer',
  'SetSubnets',
  'AttachLoadBalancerToSubnets',
  'DetachLoadBalancerFromSubnets',
  'EnableAvailabilityZonesForLoadBalancer',
  'DisableAvailabilityZonesForLoadBalancer',
]);
const ELB_REGISTRATION = new Set([
  'RegisterTargets',
  'DeregisterTargets',
  'RegisterInstancesWithLoadBalancer',
  'DeregisterInstancesFromLoadBalancer',
]);

function elbDraws(api: string, action: string): BucketDraw[] {
  const category: keyof typeof ELB_CATEGORIES = ELB_RESOURCE_INTENSIVE.has(action)
    ? 'resourceIntensive'
    : ELB_REGISTRATION.has(action)
      ? 'registration'
      : action.startsWith('Describe')
        ? 'nonMutating'
        : 'mutating';
  return [
    { key: `${api}:${category}`, size: ELB_CATEGORIES[category], cost: 1 },
    { key: `${api}:account`, size: ELB_ACCOUNT, cost: 1 },
  ];
}

const RDS_ACCOUNT = size(300, 12);
/** Not published by AWS: assumed, as ELB's account-level bucket. */
const AUTOSCALING_ACCOUNT_ASSUMED = size(40, 10);
/** Requests per second by action; anything else CloudWatch answers is held to the lowest published rate. */
const CLOUDWATCH_RATES: Readonly<Record<string, number>> = {
  DeleteAlarms: 3,
  DescribeAlarmHistory: 20,
  DescribeAlarms: 9,
  DescribeAlarmsForMetric: 9,
  DisableAlarmActions: 3,
  EnableAlarmActions: 3,
  GetMetricData: 500,
  GetMetricStatistics: 400,
  ListMetrics: 25,
  ListTagsForResource: 10,
  PutMetricAlarm: 3,
  PutMetricData: 500,
  SetAlarmState: 3,
  TagResource: 20,
  UntagResource: 20,
};

/** The buckets a request of `service`'s `action` draws on (none: not throttled). */
export function drawsFor(service: ThrottledService, action: string, params: URLSearchParams): BucketDraw[] {
  switch (service) {
    case 'ec2':
      return ec2Draws(action, params);
    case 'elasticloadbalancing':
    case 'elb':
      return elbDraws(service, action);
    case 'rds':
      return [{ key: 'rds:account', size: RDS_ACCOUNT, cost: 1 }];
    case 'autoscaling':
      return [{ key: 'autoscaling:account', size: AUTOSCALING_ACCOUNT_ASSUMED, cost: 1 }];
    case 'monitoring': {
      const rate = CLOUDWATCH_RATES[action] ?? 1;
      return [{ key: `monitoring:${action}`, size: size(rate, rate), cost: 1 }];
    }
    default:
      return [];
  }
}
