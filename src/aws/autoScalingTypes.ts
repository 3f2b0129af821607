// The inventory's Auto Scaling section beyond the groups: launch templates, scaling policies, CloudWatch alarms and
// the groups' scaling activities (types.ts re-exports them with the rest of the inventory).
import type { Tags } from './tags';

export interface LaunchTemplate {
  readonly id: string;
  readonly name: string;
  readonly defaultVersion: number;
  readonly latestVersion: number;
  /** The default version's data (DescribeLaunchTemplateVersions, $Default). */
  readonly imageId?: string;
  readonly instanceType?: string;
  readonly keyName?: string;
  /** SecurityGroupIds or NetworkInterfaces[0].Groups. */
  readonly securityGroupIds: readonly string[];
  readonly hasUserData: boolean;
  readonly tags: Tags;
}

export interface StepAdjustment {
  readonly lower?: number;
  readonly upper?: number;
  readonly adjustment: number;
}

export interface ScalingPolicy {
  readonly name: string;
  readonly arn: string;
  readonly groupName: string;
  /** 'SimpleScaling' | 'StepScaling' | 'TargetTrackingScaling' | ... */
  readonly type: string;
  /** ChangeInCapacity | ExactCapacity | PercentChangeInCapacity. */
  readonly adjustmentType?: string;
  /** Simple scaling. */
  readonly scalingAdjustment?: number;
  readonly stepAdjustments: readonly StepAdjustment[];
  readonly cooldown?: number;
  /** Target tracking. */
  readonly targetValue?: number;
  /** ASGAverageCPUUtilization | ... */
  readonly predefinedMetric?: string;
  readonly alarmNames: readonly string[];
  readonly enabled: boolean;
}

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface MetricAlarm {
  readonly name: string;
  readonly arn: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly { readonly name: string; readonly value: string }[];
  readonly statistic?: string;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly threshold: number;
  readonly comparison: string;
  readonly state: AlarmState;
  readonly stateReason: string;
  readonly stateUpdated?: string;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly actionsEnabled: boolean;
}

export interface ScalingActivity {
  readonly groupName: string;
  readonly id: string;
  /** AWS's own words, shown as they are. */
  readonly description: string;
  readonly cause: string;
  readonly statusCode: string;
  readonly startTime: string;
  readonly endTime?: string;
}
