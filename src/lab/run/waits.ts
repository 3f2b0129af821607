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

export const waits = {
  instanceRunning: (ctx: StepContext, step: StepId, id: string) =>
    run(ctx, step, id, 'running', () => waitUntilInstanceRunning(config(ctx, ctx.clients.ec2), { InstanceIds: [id] })),
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
};
