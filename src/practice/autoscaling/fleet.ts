// A group's instances as EC2 and ELBv2 see them, changed through those services' own handlers (as Auto
// Scaling calls their APIs on AWS): launch one from the group's launch template in a subnet of an AZ,
// register it in the group's target groups, deregister it, terminate it; and what the target groups say of it.
import type { RunInstancesRequest, Reservation } from '@aws-sdk/client-ec2';
import { PracticeError } from '../core/errors';
import type { AutoScalingGroupRecord, InstanceRecord, RegionState } from '../core/records';
import type { World } from '../core/world';
import { ec2InstanceActions } from '../ec2/instances';
import { ec2LaunchActions } from '../ec2/launch';
import { resolveLaunchTemplate } from '../ec2/launchTemplates';
import { liveTargets } from '../elbv2/model';
import type { HealthEvaluator } from '../elbv2/targetHealth';
import { elbv2TargetActions } from '../elbv2/targets';
import { callAction, internalContext } from './common';

export const GROUP_TAG = 'aws:autoscaling:groupName';

export type Launched =
  | { ok: true; instance: InstanceRecord; version: number; subnetId: string }
  | { ok: false; message: string; subnetId?: string };

/** The subnet a new instance of the group goes to in `az`: the group's subnet there, or the AZ's default subnet. */
function subnetIn(group: AutoScalingGroupRecord, records: RegionState, az: string): string | undefined {
  const own = group.subnetIds.map((id) => records.subnets.find((s) => s.id === id)).find((s) => s?.az === az);
  if (group.subnetIds.length) return own?.id;
  const vpc = records.vpcs.find((v) => v.isDefault);
  return records.subnets.find((s) => s.vpcId === vpc?.id && s.az === az && s.defaultForAz)?.id;
}

/** Launches one instance through RunInstances, tagged as AWS tags a group's instances. */
export function launchInstance(
  world: World,
  regionName: string,
  group: AutoScalingGroupRecord,
  az: string,
  now: Date,
): Launched {
  const records = world.writableRegion(regionName);
  const subnetId = subnetIn(group, records, az);
  if (!subnetId) return { ok: false, message: `No subnet of the group in ${az}.` };
  try {
    const ref = group.launchTemplate;
    if (!ref) throw new PracticeError('ValidationError', 'The group has no launch template.');
    const { number, data } = resolveLaunchTemplate(records, { id: ref.id, version: ref.version });
    const templateTags = (type: string) =>
      Object.assign({}, ...(data.tagSpecifications ?? []).filter((s) => s.resourceType === type).map((s) => s.tags));
    const instanceTags: Record<string, string> = { ...templateTags('instance') };
    for (const t of group.tags) if (t.propagateAtLaunch) instanceTags[t.key] = t.value;
    const volumeTags = templateTags('volume');
    const asList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    const nic = data.networkInterfaces?.find((n) => n.deviceIndex === 0);
    const request: RunInstancesRequest = {
      ImageId: data.imageId,
      InstanceType: data.instanceType as RunInstancesRequest['InstanceType'],
      KeyName: data.keyName,
      MinCount: 1,
      MaxCount: 1,
      UserData: data.userData,
      ...(nic
        ? {
            NetworkInterfaces: [
              {
                DeviceIndex: 0,
                SubnetId: subnetId,
                Groups: nic.groups ?? data.securityGroupIds,
                AssociatePublicIpAddress: nic.associatePublicIpAddress,
                DeleteOnTermination: nic.deleteOnTermination ?? true,
              },
            ],
          }
        : { SubnetId: subnetId, SecurityGroupIds: data.securityGroupIds, SecurityGroups: data.securityGroups }),
      TagSpecifications: [
        ...(Object.keys(instanceTags).length
          ? [{ ResourceType: 'instance' as const, Tags: asList(instanceTags) }]
          : []),
        ...(Object.keys(volumeTags).length ? [{ ResourceType: 'volume' as const, Tags: asList(volumeTags) }] : []),
      ],
    };
    const out = callAction<Reservation>(
      ec2LaunchActions.RunInstances,
      request,
      internalContext(world, regionName, now),
    );
    const id = out.Instances?.[0]?.InstanceId;
    const instance = records.instances.find((i) => i.id === id);
    if (!instance) return { ok: false, message: 'The launch made no instance.', subnetId };
    // The reserved tag is AWS's own (RunInstances refuses `aws:` keys from callers).
    instance.tags = { ...instance.tags, [GROUP_TAG]: group.name };
    return { ok: true, instance, version: number, subnetId };
  } catch (error) {
    if (error instanceof PracticeError) return { ok: false, message: error.message, subnetId };
    throw error;
  }
}

export function terminateInstance(world: World, regionName: string, id: string, now: Date): void {
  const instance = world.region(regionName).instances.find((i) => i.id === id);
  if (!instance || instance.state === 'terminated' || instance.state === 'shutting-down') return;
  callAction(ec2InstanceActions.TerminateInstances, { InstanceIds: [id] }, internalContext(world, regionName, now));
}

/** The group's target groups that still exist. */
function targetGroupsOf(group: AutoScalingGroupRecord, records: RegionState) {
  return records.targetGroups.filter((tg) => group.targetGroupArns.includes(tg.arn));
}

export function registerInstance(
  world: World,
  regionName: string,
  group: AutoScalingGroupRecord,
  id: string,
  now: Date,
) {
  const context = internalContext(world, regionName, now);
  for (const tg of targetGroupsOf(group, context.records)) {
    try {
      callAction(elbv2TargetActions.RegisterTargets, { TargetGroupArn: tg.arn, Targets: [{ Id: id }] }, context);
    } catch (error) {
      if (!(error instanceof PracticeError)) throw error; // e.g. another VPC's target group: not registered, as AWS
    }
  }
}

export function deregisterInstance(
  world: World,
  regionName: string,
  group: AutoScalingGroupRecord,
  id: string,
  now: Date,
  arns: readonly string[] = group.targetGroupArns,
) {
  const context = internalContext(world, regionName, now);
  for (const tg of context.records.targetGroups.filter((g) => arns.includes(g.arn))) {
    if (!tg.targets.some((t) => t.id === id && !t.drainUntil)) continue;
    callAction(elbv2TargetActions.DeregisterTargets, { TargetGroupArn: tg.arn, Targets: [{ Id: id }] }, context);
  }
}

/** True while any of the group's target groups still holds the instance (draining). */
export function stillDraining(group: AutoScalingGroupRecord, records: RegionState, id: string, now: Date): boolean {
  return targetGroupsOf(group, records).some((tg) => liveTargets(tg, now).some((t) => t.id === id));
}

/** True when any of the group's target groups finds the instance unhealthy (targetHealth.ts' evaluation). */
export function unhealthyInTargetGroups(
  group: AutoScalingGroupRecord,
  evaluator: HealthEvaluator,
  records: RegionState,
  id: string,
): boolean {
  return targetGroupsOf(group, records).some((tg) =>
    tg.targets.some((t) => t.id === id && !t.drainUntil && evaluator.health(tg, t).state === 'unhealthy'),
  );
}
