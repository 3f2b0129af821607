// Auto Scaling writes for track 3 (3.2, 3.3), each safe to repeat: a group's name is unique, so a create sent again
// meets "already exists" (done: the rerun adopts it); PutScalingPolicy creates or updates by name.
import {
  AttachLoadBalancerTargetGroupsCommand,
  CreateAutoScalingGroupCommand,
  PutScalingPolicyCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import type { Tags } from '../tags';
import { call, type Aws } from './call';

export interface GroupSpec {
  readonly name: string;
  readonly launchTemplateId: string;
  readonly subnetIds: readonly string[];
  readonly targetGroupArns: readonly string[];
  readonly min: number;
  readonly desired: number;
  readonly max: number;
  readonly healthCheckType: 'ELB' | 'EC2';
  readonly gracePeriod: number;
  /** The group's tags; `propagate` ones also go on its instances (their Name). */
  readonly tags: Tags;
  readonly propagate: readonly string[];
}

/** A group from the template's default version; false when one of that name exists already. */
export async function createAutoScalingGroup(aws: Aws, spec: GroupSpec): Promise<boolean> {
  return call(
    aws,
    'autoscaling:CreateAutoScalingGroup',
    async (o) => {
      await aws.clients.autoScaling.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: spec.name,
          LaunchTemplate: { LaunchTemplateId: spec.launchTemplateId, Version: '$Default' },
          VPCZoneIdentifier: spec.subnetIds.join(','),
          TargetGroupARNs: [...spec.targetGroupArns],
          MinSize: spec.min,
          DesiredCapacity: spec.desired,
          MaxSize: spec.max,
          HealthCheckType: spec.healthCheckType,
          HealthCheckGracePeriod: spec.gracePeriod,
          Tags: Object.entries(spec.tags).map(([Key, Value]) => ({
            Key,
            Value,
            ResourceId: spec.name,
            ResourceType: 'auto-scaling-group',
            PropagateAtLaunch: spec.propagate.includes(Key),
          })),
        }),
        o,
      );
      return true;
    },
    { AlreadyExists: () => false, AlreadyExistsFault: () => false },
  );
}

/** A group's health checks (ELB: an instance the target group finds unhealthy is replaced) and grace period. */
export async function setGroupHealthCheck(
  aws: Aws,
  name: string,
  healthCheckType: 'ELB' | 'EC2',
  gracePeriod: number,
): Promise<void> {
  await call(aws, 'autoscaling:UpdateAutoScalingGroup', (o) =>
    aws.clients.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        HealthCheckType: healthCheckType,
        HealthCheckGracePeriod: gracePeriod,
      }),
      o,
    ),
  );
}

/** The group's instances registered in these target groups from now on (and those it has, at once). */
export async function attachTargetGroups(aws: Aws, name: string, targetGroupArns: readonly string[]): Promise<void> {
  await call(aws, 'autoscaling:AttachLoadBalancerTargetGroups', (o) =>
    aws.clients.autoScaling.send(
      new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: name, TargetGroupARNs: [...targetGroupArns] }),
      o,
    ),
  );
}

/** Seed 002's simple scaling policy: change the capacity by `adjustment`, then wait `cooldown` seconds. */
export async function putSimplePolicy(
  aws: Aws,
  spec: { groupName: string; name: string; adjustment: number; cooldown: number },
): Promise<string> {
  const answer = await call(aws, 'autoscaling:PutScalingPolicy', (o) =>
    aws.clients.autoScaling.send(
      new PutScalingPolicyCommand({
        AutoScalingGroupName: spec.groupName,
        PolicyName: spec.name,
        PolicyType: 'SimpleScaling',
        AdjustmentType: 'ChangeInCapacity',
        ScalingAdjustment: spec.adjustment,
        Cooldown: spec.cooldown,
      }),
      o,
    ),
  );
  return answer.PolicyARN ?? '';
}

/** One target-tracking policy: AWS keeps the group's average CPU near `target` (and makes its two alarms). */
export async function putTargetTrackingPolicy(
  aws: Aws,
  spec: { groupName: string; name: string; target: number },
): Promise<string> {
  const answer = await call(aws, 'autoscaling:PutScalingPolicy', (o) =>
    aws.clients.autoScaling.send(
      new PutScalingPolicyCommand({
        AutoScalingGroupName: spec.groupName,
        PolicyName: spec.name,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingConfiguration: {
          PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
          TargetValue: spec.target,
        },
      }),
      o,
    ),
  );
  return answer.PolicyARN ?? '';
}

/**
 * An instance terminated as the EC2 console's "Terminate instance" does (not through Auto Scaling, so the group's
 * desired capacity stays and the group replaces it).
 */
export async function terminateInstance(aws: Aws, id: string): Promise<void> {
  await call(aws, 'ec2:TerminateInstances', (o) =>
    aws.clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }), o),
  );
}
