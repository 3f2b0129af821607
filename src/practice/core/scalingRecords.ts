// Auto Scaling's records besides the group itself (records.ts): EC2 launch templates and their versions,
// scaling policies, and scaling activities. Plain JSON, all optional in RegionState (older state files load).
import type { Tags } from './tags';

/** What a launch template version launches (the subset of LaunchTemplateData the practice account uses). */
export interface LaunchTemplateDataRecord {
  imageId?: string;
  instanceType?: string;
  keyName?: string;
  securityGroupIds?: string[];
  /** Security group names (default VPC), as LaunchTemplateData.SecurityGroups. */
  securityGroups?: string[];
  networkInterfaces?: {
    deviceIndex: number;
    subnetId?: string;
    groups?: string[];
    associatePublicIpAddress?: boolean;
    deleteOnTermination?: boolean;
  }[];
  /** Base64, as given. */
  userData?: string;
  tagSpecifications?: { resourceType: string; tags: Tags }[];
}

export interface LaunchTemplateVersionRecord {
  number: number;
  description?: string;
  createTime: string;
  data: LaunchTemplateDataRecord;
}

export interface LaunchTemplateRecord {
  id: string;
  name: string;
  createTime: string;
  defaultVersion: number;
  latestVersion: number;
  versions: LaunchTemplateVersionRecord[];
  tags: Tags;
}

export interface StepAdjustmentRecord {
  lower?: number;
  upper?: number;
  adjustment: number;
}

export interface ScalingPolicyRecord {
  name: string;
  arn: string;
  groupName: string;
  type: 'SimpleScaling' | 'StepScaling' | 'TargetTrackingScaling';
  adjustmentType?: 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity';
  scalingAdjustment?: number;
  minAdjustmentMagnitude?: number;
  /** Simple scaling's own cooldown (seconds); absent: the group's DefaultCooldown. */
  cooldown?: number;
  metricAggregationType?: string;
  estimatedInstanceWarmup?: number;
  stepAdjustments?: StepAdjustmentRecord[];
  targetTracking?: { predefinedMetric: string; targetValue: number; disableScaleIn: boolean };
  /** The alarms that invoke it (target tracking: the two it made). */
  alarms?: { name: string; arn: string }[];
  enabled: boolean;
}

export interface ScalingActivityRecord {
  id: string;
  groupName: string;
  description: string;
  cause: string;
  /** AWS's StatusCode: InProgress, Successful, Failed, WaitingForELBConnectionDraining... */
  statusCode: string;
  statusMessage?: string;
  startTime: string;
  endTime?: string;
  progress: number;
  /** AWS's Details JSON: {"Subnet ID":"subnet-…","Availability Zone":"ap-northeast-1a"}. */
  details: string;
}

/** One member of a group (AutoScalingGroupRecord.instances). */
export interface GroupInstanceRecord {
  id: string;
  az: string;
  type: string;
  /** Pending, InService, Terminating (the practice account's subset of AWS's lifecycle states). */
  lifecycleState: string;
  healthStatus: 'Healthy' | 'Unhealthy';
  launchTemplateVersion?: string;
  protectedFromScaleIn?: boolean;
  /** The activity that launches or terminates it, completed when it is InService or gone. */
  activityId?: string;
  /** Terminating: TerminateInstances was sent (after the target groups let it go). */
  terminateSent?: boolean;
}
