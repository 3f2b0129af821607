// Running a cleanup plan: stage by stage in dependency order, each stage's items in parallel; a failure is
// recorded and the rest go on. AWS is eventually consistent (a security group stays "in use" for a while after
// the load balancer that used it is gone), so dependency errors are retried with backoff, bounded in time.
import { setMaxListeners } from 'node:events';
import * as act from '../../aws/actions/cleanupActions';
import { authorizeIngress, deleteKeyPair, ipPermission } from '../../aws/actions/ec2';
import type { Aws } from '../../aws/actions/call';
import { errorContext } from '../../aws/clients';
import { AwsError, toAwsProblem, type AwsProblem } from '../../aws/errors';
import type { SecurityGroup } from '../../aws/types';
import type { CleanupContext, CleanupItem, CleanupPlan, CleanupResult } from './types';
import type { KeptChange } from './kept';
import { PRACTICE_WAIT_DELAYS } from '../run/waits';
import { deleteClassicLoadBalancer } from './classic';

/** Codes that mean "not yet": something that depends on it is still going away. */
const DEPENDENCY_CODES = new Set([
  'DependencyViolation',
  'ResourceInUse',
  'ResourceInUseFault',
  'VolumeInUse',
  'InvalidSnapshot.InUse',
  'InvalidIPAddress.InUse',
  'IncorrectState',
  'InvalidState',
  'ScalingActivityInProgress',
  'ScalingActivityInProgressFault',
  'InvalidDBInstanceState',
  'InvalidDBInstanceStateFault',
  'InvalidDBClusterStateFault',
  'InvalidDBSubnetGroupStateFault',
]);

export function isDependencyProblem(p: AwsProblem): boolean {
  return p.kind === 'service' && DEPENDENCY_CODES.has(p.code);
}

interface Timing {
  /** Poll delays for the SDK's waiters. */
  readonly wait: act.WaitSettings;
  /** First retry delay and the cap, in seconds. */
  readonly retryMin: number;
  readonly retryMax: number;
  /** How long one item may keep retrying a dependency error, in seconds. */
  readonly retryBudget: number;
}

function timing(ctx: CleanupContext): Timing {
  // Through an endpoint URL (the practice account) everything answers in milliseconds: poll and retry fast.
  const practice = ctx.clients.account.endpoint !== undefined;
  const delays = ctx.delays ?? (practice ? PRACTICE_WAIT_DELAYS : { minDelay: 5, maxDelay: 30 });
  return {
    wait: { ...delays, maxWaitTime: 30 * 60 },
    retryMin: ctx.delays?.minDelay ?? (practice ? 0.02 : 2),
    retryMax: ctx.delays?.maxDelay ?? (practice ? 0.2 : 30),
    retryBudget: ctx.retrySeconds ?? (practice ? 5 : 10 * 60),
  };
}

function sleep(seconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, seconds * 1000);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** What deleting one item takes; `waitFor` wraps the part after the delete call (progress "waiting"). */
type Deleter = (aws: Aws, item: CleanupItem, waitFor: (run: () => Promise<void>) => Promise<void>) => Promise<void>;

function deleter(groups: readonly SecurityGroup[], w: act.WaitSettings): Record<CleanupItem['kind'], Deleter> {
  return {
    listener: (aws, i) => act.deleteListener(aws, i.id).then(() => undefined),
    loadBalancer: async (aws, i, waitFor) => {
      // ELB v1 deletes at once (no waiter); its group's lingering interfaces are retried as "in use".
      if (i.classic) return deleteClassicLoadBalancer(aws, i.id).then(() => undefined);
      await act.deleteLoadBalancer(aws, i.id);
      await waitFor(() => act.waitLoadBalancerDeleted(aws, i.id, w));
    },
    targetGroup: (aws, i) => act.deleteTargetGroup(aws, i.id).then(() => undefined),
    autoScalingGroup: async (aws, i, waitFor) => {
      await act.deleteAutoScalingGroup(aws, i.id);
      await waitFor(() => act.waitAutoScalingGroupGone(aws, i.id, w));
    },
    scalingPolicy: (aws, i) => act.deletePolicy(aws, i.id, i.groupName).then(() => undefined),
    alarm: (aws, i) => act.deleteAlarm(aws, i.id).then(() => undefined),
    launchTemplate: (aws, i) => act.deleteLaunchTemplate(aws, i.id).then(() => undefined),
    instance: async (aws, i, waitFor) => {
      await act.terminateInstance(aws, i.id);
      await waitFor(() => act.waitInstanceTerminated(aws, i.id, w));
    },
    natGateway: async (aws, i, waitFor) => {
      await act.deleteNatGateway(aws, i.id);
      await waitFor(() => act.waitNatGatewayDeleted(aws, i.id, w));
    },
    elasticIp: (aws, i) => act.releaseAddress(aws, i.id),
    image: (aws, i) => act.deregisterImage(aws, i.id).then(() => undefined),
    snapshot: (aws, i) => act.deleteSnapshot(aws, i.id).then(() => undefined),
    volume: (aws, i) => act.deleteVolume(aws, i.id).then(() => undefined),
    dbInstance: async (aws, i, waitFor) => {
      await act.deleteDbInstance(aws, i.id);
      await waitFor(() => act.waitDbInstanceDeleted(aws, i.id, w));
    },
    dbCluster: async (aws, i, waitFor) => {
      await act.deleteDbCluster(aws, i.id);
      await waitFor(() => act.waitDbClusterDeleted(aws, i.id, w));
    },
    dbSubnetGroup: (aws, i) => act.deleteDbSubnetGroup(aws, i.id).then(() => undefined),
    internetGateway: (aws, i) => act.deleteInternetGateway(aws, i.id),
    routeTable: (aws, i) => act.deleteRouteTable(aws, i.id),
    subnet: (aws, i) => act.deleteSubnet(aws, i.id).then(() => undefined),
    securityGroup: async (aws, i) => {
      await act.revokeReferences(aws, groups, i.id);
      await act.deleteSecurityGroup(aws, i.id);
    },
    keyPair: (aws, i) => deleteKeyPair(aws, i.id),
    vpc: (aws, i) => act.deleteVpc(aws, i.id).then(() => undefined),
  };
}

const DATABASE_KINDS: ReadonlySet<CleanupItem['kind']> = new Set(['dbInstance', 'dbCluster']);

function problemOf(error: unknown, aws: Aws, item: CleanupItem): AwsProblem {
  if (error instanceof AwsError) return error.problem;
  return toAwsProblem(error, errorContext(aws.clients.account, `cleanup:${item.kind}`));
}

/**
 * Puts back the rules the lab took from kept groups, before anything goes (so the kept servers are never cut
 * off). A lab group whose restore failed is held back: its rule in the kept group is the only evidence a rerun
 * has of what to put back.
 */
async function restoreKept(
  aws: Aws,
  plan: CleanupPlan,
  ctx: CleanupContext,
): Promise<Pick<CleanupResult, 'changed' | 'changeFailed'>> {
  const changed: KeptChange[] = [];
  const changeFailed: { change: KeptChange; problem: AwsProblem }[] = [];
  await Promise.all(
    plan.changes
      .filter((c) => c.action === 'authorizeIngress')
      .map(async (change) => {
        const s = change.source;
        const source =
          s.kind === 'cidr' ? { cidr: s.cidr } : s.kind === 'cidr6' ? { cidr6: s.cidr } : { groupId: s.groupId };
        try {
          await authorizeIngress(
            aws,
            change.groupId,
            ipPermission(change.protocol, change.fromPort, change.toPort, source),
          );
          changed.push(change);
          ctx.progress({ change, phase: 'changed' });
        } catch (error) {
          if (ctx.signal.aborted) throw ctx.signal.reason;
          const problem =
            error instanceof AwsError
              ? error.problem
              : toAwsProblem(error, errorContext(aws.clients.account, 'ec2:AuthorizeSecurityGroupIngress'));
          changeFailed.push({ change, problem });
          ctx.progress({ change, phase: 'changeFailed', problem });
        }
      }),
  );
  return { changed, changeFailed };
}

/** Puts back what kept groups lost to the lab, then deletes the plan's items; what went and what failed (with why). */
export async function executeCleanup(
  plan: CleanupPlan,
  ctx: CleanupContext,
): Promise<Pick<CleanupResult, 'changed' | 'changeFailed' | 'deleted' | 'failed' | 'unprotected'>> {
  // Every call of a stage listens to the one signal: more than Node's default ten is expected, not a leak.
  setMaxListeners(0, ctx.signal);
  const aws: Aws = { clients: ctx.clients, signal: ctx.signal };
  const t = timing(ctx);
  const deleted: CleanupItem[] = [];
  const failed: { item: CleanupItem; problem: AwsProblem }[] = [];
  const { changed, changeFailed } = await restoreKept(aws, plan, ctx);
  const held = new Map(changeFailed.map((f) => [f.change.labGroupId, f.problem]));
  // The groups as they are now: which rules of other groups name a group about to go.
  const needsGroups = plan.items.some((i) => i.kind === 'securityGroup');
  const groups = needsGroups ? (await ctx.inventory()).securityGroups : [];
  const how = deleter(groups, t.wait);

  /** Runs `call` until it succeeds, retrying "still in use" within the budget; the problem it ended with. */
  const attempt = async (item: CleanupItem, call: () => Promise<void>): Promise<AwsProblem | undefined> => {
    const started = Date.now();
    let delay = t.retryMin;
    for (;;) {
      try {
        await call();
        return undefined;
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        const problem = problemOf(error, aws, item);
        if (isDependencyProblem(problem) && (Date.now() - started) / 1000 + delay <= t.retryBudget) {
          ctx.progress({ item, phase: 'retrying', problem });
          await sleep(delay, ctx.signal);
          delay = Math.min(delay * 2, t.retryMax);
          continue;
        }
        return problem;
      }
    }
  };

  const fail = (item: CleanupItem, problem: AwsProblem) => {
    failed.push({ item, problem });
    ctx.progress({ item, phase: 'failed', problem });
  };

  const one = async (item: CleanupItem): Promise<void> => {
    const heldBack = item.kind === 'securityGroup' ? held.get(item.id) : undefined;
    if (heldBack) return fail(item, heldBack);
    if (stillProtected.has(item.id)) return;
    // The members of a cluster still protected stay: deleting them would leave a cluster that cannot go either.
    const cluster = item.clusterId ? stillProtected.get(item.clusterId) : undefined;
    if (cluster) return fail(item, cluster);
    const problem = await attempt(item, async () => {
      ctx.progress({ item, phase: 'deleting' });
      await how[item.kind](aws, item, async (run) => {
        ctx.progress({ item, phase: 'waiting' });
        await run();
      });
    });
    // Already gone is what we wanted.
    if (problem && problem.kind !== 'notFound') return fail(item, problem);
    deleted.push(item);
    ctx.progress({ item, phase: 'deleted' });
  };

  // Deletion protection off just before the databases go (not earlier: a run stopped on the way leaves it on).
  // Every plan item is the lab's own or picked by the student: never a decoy's.
  const unprotected: CleanupItem[] = [];
  const stillProtected = new Map<string, AwsProblem>();
  const unprotect = async (item: CleanupItem): Promise<void> => {
    const problem = await attempt(item, async () => {
      if (item.kind === 'dbCluster') await act.unprotectDbCluster(aws, item.id);
      else await act.unprotectDbInstance(aws, item.id);
    });
    if (problem?.kind === 'notFound') return;
    if (problem) {
      stillProtected.set(item.id, problem);
      return fail(item, problem);
    }
    unprotected.push(item);
    ctx.progress({ item, phase: 'deleting', protectionOff: true });
  };
  const guarded = plan.items.filter((i) => i.deletionProtection);
  const firstDbStage = Math.min(...plan.items.filter((i) => DATABASE_KINDS.has(i.kind)).map((i) => i.stage));

  const stages = [...new Set(plan.items.map((i) => i.stage))].sort((a, b) => a - b);
  for (const stage of stages) {
    ctx.signal.throwIfAborted();
    if (stage === firstDbStage) await Promise.all(guarded.map(unprotect));
    await Promise.all(plan.items.filter((i) => i.stage === stage).map(one));
  }
  return { changed, changeFailed, deleted, failed, ...(unprotected.length > 0 ? { unprotected } : {}) };
}
