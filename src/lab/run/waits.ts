// The SDK's waiters, configured for the run: its abort signal, poll delays that suit the account (the practice
// account answers in milliseconds and runs its clock fast, so polls are frequent there), and a timeout that
// becomes a StepError the student can act on.
import {
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
  waitUntilInstanceStatusOk,
  waitUntilInstanceStopped,
  waitUntilNatGatewayAvailable,
  waitUntilSnapshotCompleted,
} from '@aws-sdk/client-ec2';
import { waitUntilLoadBalancerAvailable, waitUntilTargetInService } from '@aws-sdk/client-elastic-load-balancing-v2';
import { waitUntilInstanceInService } from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  waitUntilDBClusterAvailable,
  waitUntilDBInstanceAvailable,
  type DBCluster,
  type DBInstance,
  type RDSClient,
} from '@aws-sdk/client-rds';
import {
  DescribeAutoScalingGroupsCommand,
  waitUntilGroupExists,
  type AutoScalingClient,
  type AutoScalingGroup as SdkGroup,
} from '@aws-sdk/client-auto-scaling';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { checkExceptions, createWaiter, WaiterState } from '@smithy/core/client';
import { errorContext } from '../../aws/clients';
import { AwsError, toAwsProblem } from '../../aws/errors';
import { reason } from '../codes';
import { StepError, type StepContext, type StepId } from '../types';

/** Poll delays (seconds) through an endpoint URL: the practice account, where a poll costs a loopback round trip. */
export const PRACTICE_WAIT_DELAYS = { minDelay: 0.02, maxDelay: 0.05 } as const;

function delays(ctx: StepContext): { minDelay?: number; maxDelay?: number } {
  if (ctx.waitDelays) return ctx.waitDelays;
  return ctx.clients.account.endpoint ? PRACTICE_WAIT_DELAYS : {};
}

/** Longest wait for one transition, in seconds (AWS: snapshots of big volumes, slow status checks). */
const MAX_WAIT_SECONDS = 30 * 60;

async function run<T>(ctx: StepContext, step: StepId, id: string, state: string, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if ((error as { name?: string }).name === 'TimeoutError')
      throw new StepError(step, reason('run.waitTimedOut', { id, state }));
    // The waiter's failure acceptor matched: the resource went another way (terminated, failed, deleted).
    if (/^\{"state":"FAILURE"/.test((error as Error).message ?? ''))
      throw new StepError(step, reason('run.waitFailed', { id, state }));
    throw error;
  }
}

function config<C>(ctx: StepContext, client: C, maxWaitTime = MAX_WAIT_SECONDS) {
  return { client, maxWaitTime, abortSignal: ctx.signal, ...delays(ctx) };
}

/** The RDS client as a waiter polls it, each answer shown to `seen` first (a run's progress: its statuses). */
function watched(client: RDSClient, seen?: (answer: unknown) => void): RDSClient {
  if (!seen) return client;
  const wrapped = Object.create(client) as RDSClient;
  const send = (async (command: never, options?: never) => {
    const answer: unknown = await client.send(command, options);
    seen(answer);
    return answer;
  }) as unknown as RDSClient['send'];
  wrapped.send = send;
  return wrapped;
}

/** Statuses a database does not come back from by waiting (the SDK's failure acceptors). */
const DB_DEAD_ENDS = ['deleting', 'deleted', 'failed', 'incompatible-restore', 'incompatible-parameters'];

/** Polls on AWS for the waits the SDK has no waiter for (RDS's own waiters start at 30 s). */
const RDS_CUSTOM_DELAYS = { minDelay: 30, maxDelay: 120 } as const;

/** Our own acceptor over the SDK's waiter loop (its backoff, timeout and abort) where "available" is not enough. */
function rdsWaiter<T>(
  ctx: StepContext,
  action: string,
  read: (client: RDSClient) => Promise<T | undefined>,
  status: (t: T) => string | undefined,
  accept: (t: T) => boolean,
) {
  const options = { ...config(ctx, ctx.clients.rds), ...RDS_CUSTOM_DELAYS, ...delays(ctx) };
  return createWaiter(options, undefined, async (client: RDSClient) => {
    let found: T | undefined;
    try {
      found = await read(client);
    } catch (error) {
      // Throttled, unanswered or AWS's own trouble: polled again, as the SDK's waiters do; gone: it went another
      // way; denied: the action named now, not after half an hour of polls.
      const problem = toAwsProblem(error, errorContext(ctx.clients.account, action));
      if (problem.kind === 'notFound') return { state: WaiterState.FAILURE, reason: error };
      if (problem.kind === 'throttled' || problem.kind === 'network' || problem.kind === 'service')
        return { state: WaiterState.RETRY, reason: error };
      throw new AwsError(problem, { cause: error });
    }
    if (found === undefined || DB_DEAD_ENDS.includes(status(found) ?? ''))
      return { state: WaiterState.FAILURE, reason: found };
    return { state: accept(found) ? WaiterState.SUCCESS : WaiterState.RETRY, reason: found };
  }).then(checkExceptions);
}

const instanceOf = async (client: RDSClient, id: string, seen?: (d: DBInstance) => void) => {
  const d = (await client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0];
  if (d) seen?.(d);
  return d;
};

const clusterOf = async (client: RDSClient, id: string) =>
  (await client.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters?.[0];

/** Each DB instance of an RDS answer, to whoever follows the statuses. */
function instancesSeen(seen?: (d: DBInstance) => void) {
  return seen
    ? (answer: unknown) => {
        for (const d of (answer as { DBInstances?: DBInstance[] }).DBInstances ?? []) seen(d);
      }
    : undefined;
}

/** A group as a wait sees it: AWS's answer, and the instances each of its target groups finds healthy. */
export interface GroupState {
  readonly group: SdkGroup;
  /** Instance ids healthy in every target group of the group. */
  readonly healthy: ReadonlySet<string>;
}

/** Polls on AWS for a group (instances take minutes to launch and pass their health checks). */
const GROUP_DELAYS = { minDelay: 15, maxDelay: 60 } as const;

async function groupState(ctx: StepContext, client: AutoScalingClient, name: string): Promise<GroupState | undefined> {
  const answer = await client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
  const group = answer.AutoScalingGroups?.find((g) => g.AutoScalingGroupName === name);
  if (!group) return undefined;
  const arns = group.TargetGroupARNs ?? [];
  const healthyIn = await Promise.all(
    arns.map(async (arn) => {
      const h = await ctx.clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
      return new Set(
        (h.TargetHealthDescriptions ?? [])
          .filter((d) => d.TargetHealth?.State === 'healthy')
          .map((d) => d.Target?.Id ?? ''),
      );
    }),
  );
  const ids = (group.Instances ?? []).map((i) => i.InstanceId ?? '');
  return { group, healthy: new Set(ids.filter((id) => healthyIn.every((set) => set.has(id)))) };
}

/** Our acceptor over the SDK's waiter loop for a group: `accept` on its state, each state shown to `seen` first. */
function groupWaiter(
  ctx: StepContext,
  name: string,
  accept: (s: GroupState) => boolean,
  seen?: (s: GroupState) => void,
  maxSeconds = MAX_WAIT_SECONDS,
) {
  const options = { ...config(ctx, ctx.clients.autoScaling, maxSeconds), ...GROUP_DELAYS, ...delays(ctx) };
  return createWaiter(options, undefined, async (client: AutoScalingClient) => {
    let state: GroupState | undefined;
    try {
      state = await groupState(ctx, client, name);
    } catch (error) {
      const problem = toAwsProblem(error, errorContext(ctx.clients.account, 'autoscaling:DescribeAutoScalingGroups'));
      if (problem.kind === 'throttled' || problem.kind === 'network' || problem.kind === 'service')
        return { state: WaiterState.RETRY, reason: error };
      throw new AwsError(problem, { cause: error });
    }
    if (!state) return { state: WaiterState.FAILURE, reason: name };
    seen?.(state);
    return { state: accept(state) ? WaiterState.SUCCESS : WaiterState.RETRY, reason: state };
  }).then(checkExceptions);
}

/** The group's desired count of instances InService and healthy in its target groups. */
export function groupAtDesired(s: GroupState): boolean {
  const inService = (s.group.Instances ?? []).filter(
    (i) => i.LifecycleState === 'InService' && s.healthy.has(i.InstanceId ?? ''),
  );
  return inService.length >= (s.group.DesiredCapacity ?? 0);
}

export const waits = {
  instanceRunning: (ctx: StepContext, step: StepId, id: string) =>
    run(ctx, step, id, 'running', () => waitUntilInstanceRunning(config(ctx, ctx.clients.ec2), { InstanceIds: [id] })),
  /** Several instances in one poll (one DescribeInstances a round instead of one each). */
  instancesRunning: (ctx: StepContext, step: StepId, ids: readonly string[]) =>
    run(ctx, step, ids.join(', '), 'running', () =>
      waitUntilInstanceRunning(config(ctx, ctx.clients.ec2), { InstanceIds: [...ids] }),
    ),
  instanceStatusOk: (ctx: StepContext, step: StepId, id: string) =>
    run(ctx, step, id, 'ok', () => waitUntilInstanceStatusOk(config(ctx, ctx.clients.ec2), { InstanceIds: [id] })),
  instanceStopped: (ctx: StepContext, step: StepId, id: string) =>
    run(ctx, step, id, 'stopped', () => waitUntilInstanceStopped(config(ctx, ctx.clients.ec2), { InstanceIds: [id] })),
  snapshotCompleted: (ctx: StepContext, step: StepId, id: string) =>
    run(ctx, step, id, 'completed', () =>
      waitUntilSnapshotCompleted(config(ctx, ctx.clients.ec2), { SnapshotIds: [id] }),
    ),
  natGatewayAvailable: (ctx: StepContext, step: StepId, id: string) =>
    run(ctx, step, id, 'available', () =>
      waitUntilNatGatewayAvailable(config(ctx, ctx.clients.ec2), { NatGatewayIds: [id] }),
    ),
  imageAvailable: (ctx: StepContext, step: StepId, id: string) =>
    run(ctx, step, id, 'available', () => waitUntilImageAvailable(config(ctx, ctx.clients.ec2), { ImageIds: [id] })),
  loadBalancerAvailable: (ctx: StepContext, step: StepId, arn: string, name: string) =>
    run(ctx, step, name, 'active', () =>
      waitUntilLoadBalancerAvailable(config(ctx, ctx.clients.elbv2), { LoadBalancerArns: [arn] }),
    ),
  /** All the given targets healthy (a target that stays unhealthy ends in run.waitTimedOut after `maxSeconds`). */
  targetsInService: (
    ctx: StepContext,
    step: StepId,
    targetGroupArn: string,
    name: string,
    ids: readonly string[],
    maxSeconds = 15 * 60,
  ) =>
    run(ctx, step, name, 'healthy', () =>
      waitUntilTargetInService(config(ctx, ctx.clients.elbv2, maxSeconds), {
        TargetGroupArn: targetGroupArn,
        Targets: ids.map((Id) => ({ Id })),
      }),
    ),
  /** Seed 001's CLB: the instances InService (DescribeInstanceHealth, the SDK's waiter). */
  classicInService: (ctx: StepContext, step: StepId, name: string, ids: readonly string[], maxSeconds = 15 * 60) =>
    run(ctx, step, name, 'InService', () =>
      waitUntilInstanceInService(config(ctx, ctx.clients.elb, maxSeconds), {
        LoadBalancerName: name,
        Instances: ids.map((InstanceId) => ({ InstanceId })),
      }),
    ),
  /** The DB instance available (its statuses on the way, as each poll sees them, to `seen`). */
  dbInstanceAvailable: (ctx: StepContext, step: StepId, id: string, seen?: (d: DBInstance) => void) =>
    run(ctx, step, id, 'available', () =>
      waitUntilDBInstanceAvailable(
        { ...config(ctx, watched(ctx.clients.rds, instancesSeen(seen))) },
        { DBInstanceIdentifier: id },
      ),
    ),
  /** Multi-AZ applied: available, MultiAZ on with a standby in another AZ, nothing pending. */
  dbInstanceMultiAz: (ctx: StepContext, step: StepId, id: string, seen?: (d: DBInstance) => void) =>
    run(ctx, step, id, 'available', () =>
      rdsWaiter(
        ctx,
        'rds:DescribeDBInstances',
        (client) => instanceOf(client, id, seen),
        (d) => d.DBInstanceStatus,
        (d) =>
          d.DBInstanceStatus === 'available' &&
          d.MultiAZ === true &&
          d.SecondaryAvailabilityZone !== undefined &&
          d.SecondaryAvailabilityZone !== d.AvailabilityZone &&
          d.PendingModifiedValues?.MultiAZ === undefined,
      ),
    ),
  /** A failover done: available again, the primary in another AZ than `fromAz`. */
  dbInstanceFailedOver: (ctx: StepContext, step: StepId, id: string, fromAz: string, seen?: (d: DBInstance) => void) =>
    run(ctx, step, id, 'available', () =>
      rdsWaiter(
        ctx,
        'rds:DescribeDBInstances',
        (client) => instanceOf(client, id, seen),
        (d) => d.DBInstanceStatus,
        (d) => d.DBInstanceStatus === 'available' && d.AvailabilityZone !== fromAz,
      ),
    ),
  /** The group listed (just created), then at least its minimum InService (the SDK's own waiters). */
  /** A group just created, until DescribeAutoScalingGroups finds it (AWS is eventually consistent). */
  groupExists: (ctx: StepContext, step: StepId, name: string) =>
    run(ctx, step, name, 'exists', () =>
      waitUntilGroupExists(config(ctx, ctx.clients.autoScaling), { AutoScalingGroupNames: [name] }),
    ),
  /** The group as `accept` wants it (default: `desired` InService and healthy in its target groups). */
  group: (
    ctx: StepContext,
    step: StepId,
    name: string,
    options: { accept?: (s: GroupState) => boolean; seen?: (s: GroupState) => void; maxSeconds?: number } = {},
  ) =>
    run(ctx, step, name, 'healthy', () =>
      groupWaiter(ctx, name, options.accept ?? groupAtDesired, options.seen, options.maxSeconds),
    ),
  dbClusterAvailable: (ctx: StepContext, step: StepId, id: string) =>
    run(ctx, step, id, 'available', () =>
      waitUntilDBClusterAvailable(config(ctx, ctx.clients.rds), { DBClusterIdentifier: id }),
    ),
  /** The cluster available with `writerId` its writer (a failover to it done). */
  dbClusterWriter: (ctx: StepContext, step: StepId, clusterId: string, writerId: string) =>
    run(ctx, step, clusterId, 'available', () =>
      rdsWaiter<DBCluster>(
        ctx,
        'rds:DescribeDBClusters',
        (client) => clusterOf(client, clusterId),
        (c) => c.Status,
        (c) =>
          c.Status === 'available' &&
          (c.DBClusterMembers ?? []).some((m) => m.IsClusterWriter && m.DBInstanceIdentifier === writerId),
      ),
    ),
};
