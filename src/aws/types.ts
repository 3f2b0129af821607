// The inventory: one immutable snapshot of an account, as the lab needs to see it.
// Built by aws/inventory.ts from the SDK's answers; read by lab checks, cost estimates and views.
// Plain data only (JSON-serialisable), so the CLI can print it and tests can compare it.
import type { AwsProblem } from './errors';

import type { Tags } from './tags';
export type { Tags };

/** Where the inventory came from. */
export interface AccountContext {
  readonly kind: 'practice' | 'aws';
  /** The shared-config profile used (AWS only). */
  readonly profile?: string;
  readonly region: string;
  /** Set when every service is reached through one URL (practice account, moto, LocalStack). */
  readonly endpoint?: string;
  /** STS GetCallerIdentity. */
  readonly accountId: string;
  readonly callerArn: string;
}

export interface AvailabilityZone {
  readonly name: string;
  readonly zoneId: string;
  readonly state: string;
}

export interface Vpc {
  readonly id: string;
  readonly name?: string;
  readonly cidr: string;
  readonly isDefault: boolean;
  readonly state: string;
  readonly tags: Tags;
}

export interface Subnet {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly az: string;
  readonly cidr: string;
  /** True when its route table (its own, or the VPC's main one) sends 0.0.0.0/0 to an internet gateway. */
  readonly isPublic: boolean;
  readonly mapPublicIpOnLaunch: boolean;
  readonly availableIpCount: number;
  readonly isDefaultForAz: boolean;
  /** The route table it uses: its explicit association, else its VPC's main table (absent if none was listed). */
  readonly routeTableId?: string;
  /** True when that table is the VPC's main one by default (no explicit association). */
  readonly usesMainRouteTable: boolean;
  readonly tags: Tags;
}

/** One route of a route table, with what it sends to (the lesson of track 4 is the target, not the name). */
export interface Route {
  /** 10.0.0.0/16, 0.0.0.0/0, ::/0, or a prefix list. */
  readonly destination: string;
  readonly target:
    | { readonly kind: 'local' }
    | { readonly kind: 'internetGateway'; readonly id: string }
    | { readonly kind: 'natGateway'; readonly id: string }
    | { readonly kind: 'other'; readonly id: string };
  /** 'blackhole' when the target is gone (a detached or deleted gateway). */
  readonly state: 'active' | 'blackhole';
}

export interface RouteTable {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  /** The VPC's main table: subnets without an explicit association use it. */
  readonly isMain: boolean;
  /** Subnets explicitly associated with it. */
  readonly subnetIds: readonly string[];
  readonly routes: readonly Route[];
  readonly tags: Tags;
}

export interface InternetGateway {
  readonly id: string;
  readonly name?: string;
  /** The VPC it is attached to (absent when detached). */
  readonly vpcId?: string;
  readonly tags: Tags;
}

export interface NatGateway {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly subnetId: string;
  /** pending | available | deleting | deleted | failed. */
  readonly state: string;
  readonly connectivity: 'public' | 'private';
  readonly publicIp?: string;
  readonly tags: Tags;
}

export type InstanceState = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface RootVolume {
  readonly volumeId: string;
  readonly deviceName: string;
  /** From the volume itself (undefined when the volume was not listed). */
  readonly sizeGiB?: number;
  readonly volumeType?: string;
  /** ISO 8601. Survives stop/start, while launchTime moves: an instance restarted since launch has launchTime > attachTime. */
  readonly attachTime?: string;
}

/** EC2 status checks ("ok", "initializing", "impaired", "insufficient-data", "not-applicable"). */
export interface StatusChecks {
  readonly system: string;
  readonly instance: string;
}

export interface Instance {
  readonly id: string;
  readonly name?: string;
  readonly state: InstanceState;
  /** AWS's StateReason message, e.g. "Client.UserInitiatedShutdown: User initiated shutdown". */
  readonly stateReason?: string;
  readonly type: string;
  readonly az: string;
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly privateIp?: string;
  readonly publicIp?: string;
  readonly publicDnsName?: string;
  /** The Elastic IP associated with it, when there is one (then publicIp is the same address). */
  readonly elasticIp?: string;
  readonly securityGroups: readonly { readonly id: string; readonly name: string }[];
  readonly keyName?: string;
  readonly imageId: string;
  /** e.g. "Linux/UNIX" (PlatformDetails). */
  readonly platform?: string;
  /** ISO 8601. */
  readonly launchTime?: string;
  readonly rootVolume?: RootVolume;
  /**
   * Status checks, read only for instances running and launched in the last 15 minutes (older ones have long
   * passed them or failed for reasons the lab does not teach); absent otherwise or when unreadable.
   */
  readonly statusChecks?: StatusChecks;
  readonly tags: Tags;
}

export interface Volume {
  readonly id: string;
  readonly name?: string;
  readonly sizeGiB: number;
  readonly volumeType: string;
  readonly state: string;
  readonly az: string;
  readonly snapshotId?: string;
  readonly attachedTo?: { readonly instanceId: string; readonly device: string };
  readonly createTime?: string;
  readonly tags: Tags;
}

export interface Snapshot {
  readonly id: string;
  readonly name?: string;
  readonly volumeId?: string;
  readonly sizeGiB: number;
  readonly state: string;
  /** "0%".."100%" as AWS reports it. */
  readonly progress?: string;
  readonly description?: string;
  readonly startTime?: string;
  readonly tags: Tags;
}

export interface Image {
  readonly id: string;
  readonly name?: string;
  readonly state: string;
  readonly description?: string;
  readonly creationDate?: string;
  readonly rootDeviceName?: string;
  /** The EBS snapshots behind its block device mappings. */
  readonly snapshotIds: readonly string[];
  /** The instance it was made from, when made with CreateImage ("Create image" in the console). */
  readonly sourceInstanceId?: string;
  readonly tags: Tags;
}

export interface ElasticIp {
  readonly allocationId: string;
  readonly publicIp: string;
  readonly instanceId?: string;
  readonly associationId?: string;
  readonly networkInterfaceId?: string;
  readonly privateIp?: string;
  readonly tags: Tags;
}

/** One source of one inbound or outbound rule; AWS's IpPermissions flattened one row per source. */
export interface SecurityGroupRule {
  /** "tcp", "udp", "icmp" or "-1" (all). */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly source:
    | { readonly kind: 'cidr'; readonly cidr: string }
    | { readonly kind: 'cidr6'; readonly cidr: string }
    | { readonly kind: 'group'; readonly groupId: string }
    | { readonly kind: 'prefixList'; readonly prefixListId: string };
  readonly description?: string;
}

export interface SecurityGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly vpcId?: string;
  readonly inbound: readonly SecurityGroupRule[];
  readonly outbound: readonly SecurityGroupRule[];
  readonly tags: Tags;
}

export interface Listener {
  readonly arn: string;
  readonly protocol: string;
  readonly port: number;
  /** Target groups the default actions forward to. */
  readonly forwardTo: readonly string[];
  readonly defaultActionTypes: readonly string[];
}

export interface LoadBalancer {
  readonly arn: string;
  readonly name: string;
  readonly dnsName: string;
  /** "internet-facing" | "internal". */
  readonly scheme: string;
  /** "application" | "network" | "gateway". */
  readonly type: string;
  /** "provisioning" | "active" | "active_impaired" | "failed". */
  readonly state: string;
  readonly stateReason?: string;
  readonly vpcId?: string;
  readonly zones: readonly { readonly az: string; readonly subnetId: string }[];
  readonly securityGroupIds: readonly string[];
  readonly createdTime?: string;
  readonly listeners: readonly Listener[];
  readonly tags: Tags;
}

export type TargetHealthState =
  'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable' | 'unhealthy.draining';

export interface Target {
  readonly id: string;
  readonly port?: number;
  readonly az?: string;
  readonly state: TargetHealthState;
  /** AWS's reason code, e.g. "Target.Timeout". */
  readonly reason?: string;
  readonly description?: string;
}

export interface HealthCheck {
  readonly protocol?: string;
  readonly port?: string;
  readonly path?: string;
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly healthyThreshold?: number;
  readonly unhealthyThreshold?: number;
  /** HTTP codes that count as healthy, e.g. "200". */
  readonly matcher?: string;
}

export interface TargetGroup {
  readonly arn: string;
  readonly name: string;
  readonly protocol?: string;
  readonly port?: number;
  readonly vpcId?: string;
  readonly targetType: string;
  readonly loadBalancerArns: readonly string[];
  readonly healthCheck: HealthCheck;
  readonly targets: readonly Target[];
  readonly tags: Tags;
}

export type { DbInstance, DbEvent, DbSubnetGroup, DbClusterMember, DbCluster } from './databaseTypes';
import type { DbInstance, DbEvent, DbSubnetGroup, DbCluster } from './databaseTypes';
export type {
  LaunchTemplate,
  StepAdjustment,
  ScalingPolicy,
  AlarmState,
  MetricAlarm,
  ScalingActivity,
} from './autoScalingTypes';
import type { LaunchTemplate, ScalingPolicy, MetricAlarm, ScalingActivity } from './autoScalingTypes';
export type { ClassicListener, ClassicHealthCheck, ClassicInstanceHealth, ClassicLoadBalancer } from './classicTypes';
import type { ClassicLoadBalancer } from './classicTypes';

export interface AutoScalingGroup {
  readonly name: string;
  readonly arn: string;
  readonly min: number;
  readonly max: number;
  readonly desired: number;
  readonly azs: readonly string[];
  readonly subnetIds: readonly string[];
  readonly targetGroupArns: readonly string[];
  readonly launchTemplate?: { readonly id?: string; readonly name?: string; readonly version?: string };
  /** "EC2" | "ELB" (ELB: an instance the target group finds unhealthy is replaced). */
  readonly healthCheckType?: string;
  readonly healthCheckGracePeriod?: number;
  readonly defaultCooldown?: number;
  /** "Delete in progress" while a deleted group's instances terminate; absent otherwise. */
  readonly status?: string;
  readonly instances: readonly {
    readonly id: string;
    readonly az: string;
    readonly lifecycleState: string;
    readonly healthStatus: string;
    /** The launch template version it was launched from. */
    readonly launchTemplateVersion?: string;
  }[];
  readonly tags: Tags;
}

/** A part of the inventory that could not be read; the rest is still shown. */
export interface InventoryProblem {
  /** The section it leaves empty. */
  readonly section: InventorySection;
  /** e.g. "rds:DescribeDBInstances". */
  readonly action: string;
  readonly error: AwsProblem;
}

export type InventorySection =
  'network' | 'instances' | 'storage' | 'addresses' | 'securityGroups' | 'loadBalancing' | 'databases' | 'autoScaling';

/** What a runner reads again and again during one step: only its sections, the account already known. */
export interface InventoryScope {
  /** Only these sections (what the step decides from); the others are left empty and named unread. */
  readonly sections?: readonly InventorySection[];
  /**
   * Who and where, from this run's first read: STS is not asked again. Credentials that expire meanwhile still
   * fail the sections' own calls, with the same error.
   */
  readonly context?: AccountContext;
}

export interface Inventory {
  readonly context: AccountContext;
  /** ISO 8601, when the snapshot was taken. */
  readonly fetchedAt: string;
  readonly azs: readonly AvailabilityZone[];
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  readonly internetGateways: readonly InternetGateway[];
  /** Not deleted ones only (AWS lists deleted NAT gateways for about an hour). */
  readonly natGateways: readonly NatGateway[];
  readonly instances: readonly Instance[];
  readonly volumes: readonly Volume[];
  /** The account's own snapshots (OwnerIds: self). */
  readonly snapshots: readonly Snapshot[];
  /** The account's own AMIs (Owners: self). */
  readonly images: readonly Image[];
  readonly elasticIps: readonly ElasticIp[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly loadBalancers: readonly LoadBalancer[];
  readonly targetGroups: readonly TargetGroup[];
  /** Classic Load Balancers (ELB v1), in the loadBalancing section with the ALBs. */
  readonly classicLoadBalancers: readonly ClassicLoadBalancer[];
  readonly dbInstances: readonly DbInstance[];
  readonly dbClusters: readonly DbCluster[];
  readonly dbSubnetGroups: readonly DbSubnetGroup[];
  /** The last 14 days' events of DB instances and clusters, oldest first. */
  readonly dbEvents: readonly DbEvent[];
  readonly autoScalingGroups: readonly AutoScalingGroup[];
  /** EC2 launch templates, with their default version's data. */
  readonly launchTemplates: readonly LaunchTemplate[];
  readonly scalingPolicies: readonly ScalingPolicy[];
  /** CloudWatch metric alarms (DescribeAlarms). */
  readonly metricAlarms: readonly MetricAlarm[];
  /** The groups' last scaling activities, newest first (AWS's order). */
  readonly scalingActivities: readonly ScalingActivity[];
  readonly problems: readonly InventoryProblem[];
  /** API calls this snapshot took (for the benchmark and the log). */
  readonly apiCalls: number;
  /**
   * The sections this snapshot read, when not all of them (a runner reads only what its step decides from): the
   * others are empty because they were not read, not because nothing is there.
   */
  readonly sections?: readonly InventorySection[];
  /** A class sharing one account: the student whose view this is (inventory/scope.ts); `others`: what it left out. */
  readonly student?: string;
  readonly others?: { readonly count: number; readonly students: readonly string[] };
}
