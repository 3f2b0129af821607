// What the practice account holds: one typed record per AWS resource, plain JSON (the state file).
// Records keep the facts; the handlers derive AWS's answer shapes from them (public IPs from Elastic
// IPs, a target group's load balancers from listeners...), so a later write action changes one place.
// Times are ISO 8601 strings. Tags keep AWS's order.

import type { Tags } from './tags';
import type {
  DbSubnetGroupRecord,
  DbInstanceRecord,
  DbEventRecord,
  DbClusterRecord,
  DatabaseStoreRecord,
} from './dbRecords';
export type {
  DbSubnetGroupRecord,
  DbInstanceRecord,
  DbPlacement,
  DbTransition,
  DbPendingModified,
  DbEventRecord,
  DbClusterRecord,
  DatabaseValue,
  DatabaseColumnRecord,
  DatabaseTableRecord,
  DatabaseStoreRecord,
} from './dbRecords';
export type { Tags };

// Auto Scaling's other records (launch templates, policies, activities) live in scalingRecords.ts.
export type {
  GroupInstanceRecord,
  LaunchTemplateDataRecord,
  LaunchTemplateRecord,
  LaunchTemplateVersionRecord,
  ScalingActivityRecord,
  ScalingPolicyRecord,
  StepAdjustmentRecord,
} from './scalingRecords';
import type {
  GroupInstanceRecord,
  LaunchTemplateRecord,
  ScalingActivityRecord,
  ScalingPolicyRecord,
} from './scalingRecords';

/** Tags as every AWS API lists them: `[{ Key, Value }]`. */
export function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

// CloudWatch's records (alarms, history, invocations, custom metrics) and the CPU model's live in metricRecords.ts.
export type {
  AlarmHistoryRecord,
  AlarmInvocationRecord,
  AlarmStateValue,
  BurnerRecord,
  CpuRecord,
  CustomMetricRecord,
  MetricAlarmRecord,
  MetricDimensionRecord,
} from './metricRecords';
import type {
  AlarmHistoryRecord,
  AlarmInvocationRecord,
  CpuRecord,
  CustomMetricRecord,
  MetricAlarmRecord,
} from './metricRecords';

// The Classic Load Balancer's records live in classicRecords.ts.
export type {
  ClassicHealthCheckRecord,
  ClassicInstanceRecord,
  ClassicListenerRecord,
  ClassicLoadBalancerRecord,
} from './classicRecords';
import type { ClassicLoadBalancerRecord } from './classicRecords';

// ELBv2's records (load balancers, listeners, target groups and their targets) live in loadBalancerRecords.ts.
export type {
  HealthCheckRecord,
  ListenerRecord,
  LoadBalancerRecord,
  TargetGroupRecord,
  TargetHealthStateName,
  TargetRecord,
} from './loadBalancerRecords';
import type { ListenerRecord, LoadBalancerRecord, TargetGroupRecord } from './loadBalancerRecords';

// The network's records (VPC, subnets, route tables, gateways) live in networkRecords.ts.
export type {
  InternetGatewayRecord,
  NatGatewayRecord,
  RouteRecord,
  RouteTableRecord,
  SubnetRecord,
  VpcRecord,
} from './networkRecords';
import type {
  InternetGatewayRecord,
  NatGatewayRecord,
  RouteTableRecord,
  SubnetRecord,
  VpcRecord,
} from './networkRecords';

/** One IpPermission: a protocol and port range, and its sources (or destinations, outbound). */
export interface PermissionRecord {
  /** "tcp", "udp", "icmp" or "-1" (all). */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4: { cidr: string; description?: string }[];
  ipv6: { cidr: string; description?: string }[];
  groups: { groupId: string; description?: string }[];
  prefixLists: { prefixListId: string; description?: string }[];
}

export interface SecurityGroupRecord {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  inbound: PermissionRecord[];
  outbound: PermissionRecord[];
  tags: Tags;
}

export interface KeyPairRecord {
  id: string;
  name: string;
  type: 'rsa' | 'ed25519';
  fingerprint: string;
  createTime: string;
  /** OpenSSH public key line; the practice SSH server checks logins against it. */
  publicKey: string;
  /**
   * The private key (PKCS#8 PEM for the seeded key; what CreateKeyPair handed out for created ones). AWS keeps
   * no private key; the practice account does, so a seeded key can be handed out. Absent for imported keys.
   */
  privateKeyPem?: string;
  tags: Tags;
}

/** A file on an instance's disk (served over HTTP and SFTP by later parts). httpd.ts says which files make a web server. */
export interface FileRecord {
  /** UTF-8 text, or base64 when `encoding` says so (fileContent.ts). */
  content: string;
  /** 'base64': `content` holds bytes that are not UTF-8 text. */
  encoding?: 'base64';
  owner: string;
  /** Octal permission bits, e.g. 0o644. */
  mode: number;
  /** Last change through SSH (ISO 8601); absent: the instance's launch time. */
  modifiedAt?: string;
}

/** A directory made or changed explicitly (mkdir, chmod); others are derived from the files' paths (instanceFiles.ts). */
export interface DirectoryRecord {
  owner: string;
  mode: number;
}

export type InstanceStateName = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface InstanceRecord {
  id: string;
  reservationId: string;
  imageId: string;
  type: string;
  state: InstanceStateName;
  /** AWS's StateReason, e.g. { code: "Client.UserInitiatedShutdown", message: "Client.UserInitiatedShutdown: User initiated shutdown" }. */
  stateReason?: { code: string; message: string };
  /** AWS's StateTransitionReason, e.g. "User initiated (2026-11-23 10:00:00 GMT)". */
  stateTransitionReason?: string;
  az: string;
  subnetId: string;
  vpcId: string;
  privateIp: string;
  /** Auto-assigned public IPv4 (lost on stop); an associated Elastic IP takes precedence. */
  autoPublicIp?: string;
  keyName?: string;
  securityGroupIds: string[];
  launchTime: string;
  architecture: 'x86_64' | 'arm64';
  platformDetails: string;
  rootDeviceName: string;
  blockDevices: { device: string; volumeId: string; attachTime: string; deleteOnTermination: boolean }[];
  /** Primary network interface. */
  eni: { id: string; attachmentId: string; macAddress: string };
  clientToken?: string;
  tags: Tags;
  /** The instance's file system: absolute path -> file. */
  files: Record<string, FileRecord>;
  /** Directories made or changed explicitly: absolute path -> owner and mode. */
  directories?: Record<string, DirectoryRecord>;
  /** The practice SSH server's host key for this instance (made on first use; a new instance gets its own). */
  sshHostKey?: { privateKey: string; publicKey: string; fingerprint: string };
  /** When the current transient state (pending, stopping, shutting-down) ends, and in which state (ec2Transitions.ts). */
  transition?: { to: InstanceStateName; at: string };
  /** When the status checks of the current boot turn `ok` (`initializing` until then). */
  statusOkAt?: string;
  /** The primary interface gets an auto-assigned public IPv4 at each start (absent: the subnet's MapPublicIpOnLaunch). */
  autoAssignPublicIp?: boolean;
  /** User data as launched (base64). */
  userData?: string;
  /** Digest of the RunInstances parameters under `clientToken` (IdempotentParameterMismatch). */
  clientRequestDigest?: string;
  /** AWS's AmiLaunchIndex: the instance's position in its reservation. */
  launchIndex?: number;
}

export interface VolumeRecord {
  id: string;
  sizeGiB: number;
  type: string;
  iops?: number;
  throughput?: number;
  state: 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted' | 'error';
  az: string;
  snapshotId?: string;
  encrypted: boolean;
  createTime: string;
  /** When a `creating` volume turns `available`. */
  availableAt?: string;
  attachment?: { instanceId: string; device: string; attachTime: string; deleteOnTermination: boolean };
  tags: Tags;
}

export interface SnapshotRecord {
  id: string;
  volumeId: string;
  sizeGiB: number;
  state: 'pending' | 'completed' | 'error';
  /** 0..100 */
  progress: number;
  description: string;
  startTime: string;
  encrypted: boolean;
  tags: Tags;
  /** When a `pending` snapshot completes (progress grows linearly from startTime until then). */
  completeAt?: string;
  /** The files of the instance the volume was the root of, as they were when the snapshot started. */
  files?: Record<string, FileRecord>;
}

export interface ImageRecord {
  id: string;
  name: string;
  description?: string;
  state: 'pending' | 'available' | 'failed' | 'deregistered';
  /** Account ID, or Amazon's for public catalog images. */
  ownerId: string;
  ownerAlias?: string;
  public: boolean;
  creationDate: string;
  architecture: 'x86_64' | 'arm64';
  platformDetails: string;
  rootDeviceName: string;
  blockDevices: {
    device: string;
    snapshotId: string;
    sizeGiB: number;
    volumeType: string;
    deleteOnTermination: boolean;
  }[];
  /** Files an instance launched from it starts with. */
  files?: Record<string, FileRecord>;
  /** CreateImage's instance (AWS answers it as SourceInstanceId); absent for images made otherwise. */
  sourceInstanceId?: string;
  tags: Tags;
  /** When a `pending` image turns `available`. */
  availableAt?: string;
  /** RegisterImage/CreateImage's ENA flag (absent: true, as Amazon's images). */
  enaSupport?: boolean;
  /** Absent: hvm. RegisterImage's default is paravirtual, which current instance types refuse. */
  virtualizationType?: 'hvm' | 'paravirtual';
}

export interface AddressRecord {
  allocationId: string;
  publicIp: string;
  association?: { id: string; instanceId: string; networkInterfaceId: string; privateIp: string };
  tags: Tags;
}

export interface AutoScalingGroupRecord {
  name: string;
  arn: string;
  launchTemplate?: { id: string; name: string; version: string };
  min: number;
  max: number;
  desired: number;
  subnetIds: string[];
  targetGroupArns: string[];
  healthCheckType: 'EC2' | 'ELB';
  healthCheckGracePeriod: number;
  instances: GroupInstanceRecord[];
  createdTime: string;
  tags: { key: string; value: string; propagateAtLaunch: boolean }[];
  /** VPCZoneIdentifier absent: the AZs asked for (the default subnets there). */
  availabilityZones?: string[];
  /** Seconds (absent: 300, AWS's default). */
  defaultCooldown?: number;
  /** 'Delete in progress' once DeleteAutoScalingGroup has begun (it goes once its instances are gone). */
  status?: string;
  /** When the last scaling activity that changed the desired capacity ended (cooldowns count from it). */
  lastScalingAt?: string;
  /** Why the desired capacity last changed (AWS's words), the first half of the next activity's cause. */
  desiredCause?: string;
  /** After a failed launch, when the group tries again. */
  retryLaunchAt?: string;
  /** Failed launches in a row (the retry backs off). */
  launchFailures?: number;
}

/** Everything in one region of the practice account. */
export interface RegionState {
  vpcs: VpcRecord[];
  subnets: SubnetRecord[];
  routeTables: RouteTableRecord[];
  internetGateways: InternetGatewayRecord[];
  natGateways: NatGatewayRecord[];
  securityGroups: SecurityGroupRecord[];
  keyPairs: KeyPairRecord[];
  instances: InstanceRecord[];
  volumes: VolumeRecord[];
  snapshots: SnapshotRecord[];
  images: ImageRecord[];
  addresses: AddressRecord[];
  loadBalancers: LoadBalancerRecord[];
  listeners: ListenerRecord[];
  targetGroups: TargetGroupRecord[];
  /** Classic Load Balancers (ELB v1); absent in state files of older builds. */
  classicLoadBalancers?: ClassicLoadBalancerRecord[];
  dbSubnetGroups: DbSubnetGroupRecord[];
  dbInstances: DbInstanceRecord[];
  dbClusters: DbClusterRecord[];
  /** RDS events (DescribeEvents); absent in state files of older builds. */
  dbEvents?: DbEventRecord[];
  autoScalingGroups: AutoScalingGroupRecord[];
  /** EC2 launch templates (absent in state files of older builds). */
  launchTemplates?: LaunchTemplateRecord[];
  scalingPolicies?: ScalingPolicyRecord[];
  scalingActivities?: ScalingActivityRecord[];
  /** CloudWatch alarms (absent in state files of older builds). */
  metricAlarms?: MetricAlarmRecord[];
  /** Alarm actions due, drained by the services they name (Auto Scaling policies). */
  alarmInvocations?: AlarmInvocationRecord[];
  alarmHistory?: AlarmHistoryRecord[];
  customMetrics?: CustomMetricRecord[];
  /** The simulated CPU (requests served, burners, when instances ran). */
  cpu?: CpuRecord;
  /** What the practice databases hold (src/practice/rds/mysql/), by store id; absent until a DB is first used. */
  databaseStores?: Record<string, DatabaseStoreRecord>;
}

export function emptyRegion(): RegionState {
  return {
    vpcs: [],
    subnets: [],
    routeTables: [],
    internetGateways: [],
    natGateways: [],
    securityGroups: [],
    keyPairs: [],
    instances: [],
    volumes: [],
    snapshots: [],
    images: [],
    addresses: [],
    loadBalancers: [],
    listeners: [],
    targetGroups: [],
    dbSubnetGroups: [],
    dbInstances: [],
    dbClusters: [],
    autoScalingGroups: [],
  };
}
