// Scaling activities: what the group did and why, in AWS's own words (Description "Launching a new EC2
// instance: i-…", Cause "At … a user request update of AutoScalingGroup constraints to …"), and
// DescribeScalingActivities (newest first, paged). A region keeps its latest activities only.
import {
  DescribeScalingActivities$,
  type ActivitiesType,
  type DescribeScalingActivitiesType,
  type ScalingActivityStatusCode,
} from '@aws-sdk/client-auto-scaling';
import { action } from '../core/actions';
import { autoScalingRules, paginate } from '../core/pagination';
import type { AutoScalingGroupRecord, RegionState, ScalingActivityRecord } from '../core/records';
import type { World } from '../core/world';
import { causeTime, uuid } from './common';

const ACTIVITY_LIMIT = 1_000;

export function activitiesOf(region: RegionState): ScalingActivityRecord[] {
  return (region.scalingActivities ??= []);
}

export function startActivity(
  world: World,
  region: RegionState,
  group: AutoScalingGroupRecord,
  fields: { description: string; cause: string; details: Record<string, string>; statusCode?: string },
  now: Date,
): ScalingActivityRecord {
  const record: ScalingActivityRecord = {
    id: uuid(world),
    groupName: group.name,
    description: fields.description,
    cause: fields.cause,
    statusCode: fields.statusCode ?? 'InProgress',
    startTime: now.toISOString(),
    progress: 0,
    details: JSON.stringify(fields.details),
  };
  const list = activitiesOf(region);
  list.push(record);
  if (list.length > ACTIVITY_LIMIT) list.splice(0, list.length - ACTIVITY_LIMIT);
  return record;
}

export function finishActivity(
  region: RegionState,
  id: string | undefined,
  now: Date,
  statusCode = 'Successful',
  statusMessage?: string,
): void {
  const record = (region.scalingActivities ?? []).find((a) => a.id === id);
  if (!record || record.endTime) return;
  record.statusCode = statusCode;
  record.progress = 100;
  record.endTime = now.toISOString();
  if (statusMessage) record.statusMessage = statusMessage;
}

// ---- causes, as AWS words them ----

export const causes = {
  created: (at: Date, from: number, to: number) =>
    `At ${causeTime(at)} a user request created an AutoScalingGroup changing the desired capacity from ${from} to ${to}.`,
  updated: (at: Date, g: { min: number; max: number; desired: number }, from: number) =>
    `At ${causeTime(at)} a user request update of AutoScalingGroup constraints to min: ${g.min}, max: ${g.max}, desired: ${g.desired} changing the desired capacity from ${from} to ${g.desired}.`,
  setDesired: (at: Date, from: number, to: number) =>
    `At ${causeTime(at)} a user request explicitly set group desired capacity changing the desired capacity from ${from} to ${to}.`,
  policy: (at: Date, alarm: string | undefined, policy: string, from: number, to: number) =>
    alarm
      ? `At ${causeTime(at)} a monitor alarm ${alarm} in state ALARM triggered policy ${policy} changing the desired capacity from ${from} to ${to}.`
      : `At ${causeTime(at)} a user request executed policy ${policy} changing the desired capacity from ${from} to ${to}.`,
  launched: (at: Date, from: number, to: number) =>
    `At ${causeTime(at)} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${from} to ${to}.`,
  shrunk: (at: Date, from: number, to: number) =>
    `At ${causeTime(at)} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${from} to ${to}.`,
  selected: (at: Date, id: string) => `At ${causeTime(at)} instance ${id} was selected for termination.`,
  ec2Health: (at: Date) =>
    `At ${causeTime(at)} an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped.`,
  elbHealth: (at: Date) =>
    `At ${causeTime(at)} an instance was taken out of service in response to an ELB system health check failure.`,
  userTerminate: (at: Date, id: string, shrink?: { from: number; to: number }) =>
    `At ${causeTime(at)} instance ${id} was taken out of service in response to a user request` +
    (shrink ? `, shrinking the capacity from ${shrink.from} to ${shrink.to}.` : '.'),
  deleted: (at: Date, from: number) =>
    `At ${causeTime(at)} a user request delete of AutoScalingGroup changing the desired capacity from ${from} to 0.`,
};

/** Two causes as AWS joins them: two spaces between the sentences. */
export function joinCauses(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p).join('  ');
}

const describeScalingActivities = action<DescribeScalingActivitiesType, ActivitiesType>(
  DescribeScalingActivities$,
  (input, { records }) => {
    // An unknown (or deleted) group's activities are simply none, as AWS answers.
    const name = input.AutoScalingGroupName;
    const ids = input.ActivityIds;
    const selected = (records.scalingActivities ?? [])
      .filter((a) => (!name || a.groupName === name) && (!ids?.length || ids.includes(a.id)))
      .reverse();
    const rules = { ...autoScalingRules('scaling-activities'), defaultSize: 100 };
    const page = paginate(selected, { token: input.NextToken, size: input.MaxRecords }, rules);
    const arns = new Map(records.autoScalingGroups.map((g) => [g.name, g.arn]));
    return {
      Activities: page.items.map((a) => ({
        ActivityId: a.id,
        AutoScalingGroupName: a.groupName,
        AutoScalingGroupARN: arns.get(a.groupName),
        Description: a.description,
        Cause: a.cause,
        StartTime: new Date(a.startTime),
        EndTime: a.endTime ? new Date(a.endTime) : undefined,
        StatusCode: a.statusCode as ScalingActivityStatusCode,
        StatusMessage: a.statusMessage,
        Progress: a.progress,
        Details: a.details,
      })),
      NextToken: page.next,
    };
  },
);

export const autoScalingActivityActions = { DescribeScalingActivities: describeScalingActivities };
