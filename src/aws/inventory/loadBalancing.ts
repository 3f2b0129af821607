// Load balancing section: load balancers with their listeners, target groups with health checks and the health
// of every target. One DescribeListeners per load balancer and one DescribeTargetHealth per target group are the
// only calls that grow with resources; tags go 20 ARNs per DescribeTags. A student's read (focus.ts) sends those
// only for their own load balancers and target groups.
import {
  DescribeTagsCommand,
  DescribeTargetHealthCommand,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as ELB from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Listener, LoadBalancer, Target, TargetGroup, TargetHealthState } from '../types';
import { allPages, call, chunks, mapLimit, settleAll, type Caller } from './calls';
import { defined, iso, tagsOf } from './shapes';
import type { Focus } from './focus';
import { toAwsProblem } from '../errors';

export interface RawLoadBalancing {
  readonly loadBalancers: readonly ELB.LoadBalancer[];
  readonly targetGroups: readonly ELB.TargetGroup[];
  /** By load balancer ARN. */
  readonly listeners: Readonly<Record<string, readonly ELB.Listener[]>>;
  /** By target group ARN. */
  readonly targetHealth: Readonly<Record<string, readonly ELB.TargetHealthDescription[]>>;
  /** By resource ARN. */
  readonly tags: Readonly<Record<string, readonly ELB.Tag[]>>;
}

/** Per-resource calls in flight at once. */
const PER_RESOURCE_CONCURRENCY = 10;
/** DescribeTags takes at most 20 ARNs. */
const TAG_BATCH = 20;

/** A load balancer or target group deleted between the list and the per-resource call is simply gone. */
function isGone(error: unknown): boolean {
  return toAwsProblem(error, { action: '' }).kind === 'notFound';
}

async function listLoadBalancing(c: Caller) {
  const pager = { client: c.clients.elbv2, pageSize: 400, withCommand: c.elbPaced };
  return settleAll<[ELB.LoadBalancer[], ELB.TargetGroup[]]>([
    call('elasticloadbalancing:DescribeLoadBalancers', () =>
      allPages(paginateDescribeLoadBalancers(pager, {}, c.options), (p) => p.LoadBalancers),
    ),
    call('elasticloadbalancing:DescribeTargetGroups', () =>
      allPages(paginateDescribeTargetGroups(pager, {}, c.options), (p) => p.TargetGroups),
    ),
  ]);
}

const lbArnOf = (lb: ELB.LoadBalancer) => lb.LoadBalancerArn ?? '';
const tgArnOf = (tg: ELB.TargetGroup) => tg.TargetGroupArn ?? '';
const arnsOf = <T>(items: readonly T[], arnOf: (item: T) => string) => items.map(arnOf).filter(Boolean);

/**
 * A whole read's load balancing. With `beforeListeners` (a class's read), the listeners come after the targets' health
 * and the tags instead of beside them, and the hook has all but the listeners: those are ELB's paced tail
 * (pacing.ts), which a class's pages need not wait for.
 */
export async function fetchLoadBalancing(
  c: Caller,
  focus?: Focus,
  beforeListeners?: (raw: RawLoadBalancing) => void,
): Promise<RawLoadBalancing> {
  const [loadBalancers, targetGroups] = await listLoadBalancing(c);
  if (focus) return fetchStudentsLoadBalancing(c, focus, loadBalancers, targetGroups);
  const lbArns = arnsOf(loadBalancers, lbArnOf);
  const tgArns = arnsOf(targetGroups, tgArnOf);
  const health = describeTargetHealth(c, tgArns);
  const tagged = describeTags(c, [...lbArns, ...tgArns]);
  const listened = beforeListeners
    ? Promise.allSettled([health, tagged]).then(([h, t]) => {
        // A failed call is the section's to report (below); the listeners are still read, the hook is not called.
        if (h.status === 'fulfilled' && t.status === 'fulfilled')
          beforeListeners({
            loadBalancers,
            targetGroups,
            listeners: {},
            targetHealth: byArn(tgArns, h.value),
            tags: tagsByArn(t.value),
          });
        return describeListeners(c, lbArns);
      })
    : describeListeners(c, lbArns);
  const [listenerLists, healthLists, tagLists] = await settleAll<
    [(readonly ELB.Listener[])[], (readonly ELB.TargetHealthDescription[])[], ELB.TagDescription[]]
  >([listened, health, tagged]);
  return {
    loadBalancers,
    targetGroups,
    listeners: byArn(lbArns, listenerLists),
    targetHealth: byArn(tgArns, healthLists),
    tags: tagsByArn(tagLists),
  };
}

/**
 * A student's load balancing: every load balancer and target group listed; tags read for those that can be theirs
 * (by name), target health for those that can be theirs and their Auto Scaling groups' (a target group holding their
 * instances is theirs too), listeners for their load balancers (their own, and those in front of their target
 * groups), then the health of what those forward to or hold that was not read yet.
 */
async function fetchStudentsLoadBalancing(
  c: Caller,
  focus: Focus,
  loadBalancers: readonly ELB.LoadBalancer[],
  targetGroups: readonly ELB.TargetGroup[],
): Promise<RawLoadBalancing> {
  const lbMay = loadBalancers.filter((lb) => focus.mayBeOwn(lb.LoadBalancerName));
  const tgMay = targetGroups.filter((tg) => focus.mayBeOwn(tg.TargetGroupName));
  const [groups, instanceIds] = await Promise.all([focus.groups, focus.instanceIds]);
  const groupTgs = new Set(groups.flatMap((g) => g.TargetGroupARNs ?? []));
  // Named for them or in their groups: read at once; named for no one: once its tags say it is nobody else's.
  const early = targetGroups.filter((tg) => focus.namedFor(tg.TargetGroupName) || groupTgs.has(tgArnOf(tg)));
  const [earlyHealth, tagLists] = await settleAll<[(readonly ELB.TargetHealthDescription[])[], ELB.TagDescription[]]>([
    describeTargetHealth(c, arnsOf(early, tgArnOf)),
    describeTags(c, [...arnsOf(lbMay, lbArnOf), ...arnsOf(tgMay, tgArnOf)]),
  ]);
  const tags = tagsByArn(tagLists);
  const late = tgMay.filter((tg) => !early.includes(tg) && !focus.taggedForOther(tagsOf(tags[tgArnOf(tg)])));
  const targetHealth = {
    ...byArn(arnsOf(early, tgArnOf), earlyHealth),
    ...byArn(arnsOf(late, tgArnOf), await describeTargetHealth(c, arnsOf(late, tgArnOf))),
  };
  const firstRead = [...early, ...late];
  const owns = (name: string | undefined, arn: string) => focus.owns(name, tagsOf(tags[arn]));

  const firstTgs = firstRead.filter(
    (tg) =>
      owns(tg.TargetGroupName, tgArnOf(tg)) ||
      groupTgs.has(tgArnOf(tg)) ||
      (targetHealth[tgArnOf(tg)] ?? []).some((d) => instanceIds.has(d.Target?.Id ?? '')),
  );
  const inFront = new Set(firstTgs.flatMap((tg) => tg.LoadBalancerArns ?? []));
  const ownLbs = loadBalancers.filter(
    (lb) => (lbMay.includes(lb) && owns(lb.LoadBalancerName, lbArnOf(lb))) || inFront.has(lbArnOf(lb)),
  );
  const lbArns = arnsOf(ownLbs, lbArnOf);
  const behind = targetGroups.filter(
    (tg) => !(tgArnOf(tg) in targetHealth) && (tg.LoadBalancerArns ?? []).some((a) => lbArns.includes(a)),
  );
  const [listenerLists, behindHealth] = await settleAll<
    [(readonly ELB.Listener[])[], (readonly ELB.TargetHealthDescription[])[]]
  >([describeListeners(c, lbArns), describeTargetHealth(c, arnsOf(behind, tgArnOf))]);
  const listeners = byArn(lbArns, listenerLists);
  Object.assign(targetHealth, byArn(arnsOf(behind, tgArnOf), behindHealth));

  // A listener may forward to a target group attached to no load balancer of the student's yet (being set up).
  const forwarded = new Set(Object.values(listeners).flatMap((ls) => ls.map(mapListener).flatMap((l) => l.forwardTo)));
  const last = [...forwarded].filter((arn) => !(arn in targetHealth) && targetGroups.some((tg) => tgArnOf(tg) === arn));
  Object.assign(targetHealth, byArn(last, await describeTargetHealth(c, last)));
  return { loadBalancers, targetGroups, listeners, targetHealth, tags };
}

function byArn<T>(arns: readonly string[], lists: readonly (readonly T[])[]): Record<string, readonly T[]> {
  const out: Record<string, readonly T[]> = {};
  arns.forEach((arn, i) => (out[arn] = lists[i] ?? []));
  return out;
}

function tagsByArn(descriptions: readonly ELB.TagDescription[]): Record<string, readonly ELB.Tag[]> {
  const tags: Record<string, readonly ELB.Tag[]> = {};
  for (const d of descriptions) if (d.ResourceArn) tags[d.ResourceArn] = d.Tags ?? [];
  return tags;
}

/** DescribeListeners of each load balancer (one gone meanwhile has none). */
function describeListeners(c: Caller, arns: readonly string[]) {
  const pager = { client: c.clients.elbv2, pageSize: 400, withCommand: c.elbPaced };
  return call('elasticloadbalancing:DescribeListeners', () =>
    mapLimit(arns, PER_RESOURCE_CONCURRENCY, async (arn) => {
      try {
        return await allPages(
          paginateDescribeListeners(pager, { LoadBalancerArn: arn }, c.options),
          (p) => p.Listeners,
        );
      } catch (error) {
        if (isGone(error)) return [];
        throw error;
      }
    }),
  );
}

/** DescribeTags, 20 ARNs a call. */
function describeTags(c: Caller, arns: readonly string[]) {
  return call('elasticloadbalancing:DescribeTags', async () => {
    const lists = await mapLimit(chunks(arns, TAG_BATCH), PER_RESOURCE_CONCURRENCY, async (batch) => {
      const out = await c.clients.elbv2.send(c.elbPaced(new DescribeTagsCommand({ ResourceArns: batch })), c.options);
      return out.TagDescriptions ?? [];
    });
    return lists.flat();
  });
}

/** DescribeTargetHealth of each target group (one gone meanwhile has none). */
function describeTargetHealth(c: Caller, arns: readonly string[]) {
  return call('elasticloadbalancing:DescribeTargetHealth', () =>
    mapLimit(arns, PER_RESOURCE_CONCURRENCY, async (arn) => {
      try {
        const out = await c.clients.elbv2.send(
          c.elbPaced(new DescribeTargetHealthCommand({ TargetGroupArn: arn })),
          c.options,
        );
        return out.TargetHealthDescriptions ?? [];
      } catch (error) {
        if (isGone(error)) return [];
        throw error;
      }
    }),
  );
}

/**
 * The targets of known target groups read again, nothing else: what a runner whose step only registers targets
 * (an Auto Scaling group's) needs after it, one call per target group instead of the whole section.
 */
export async function refreshTargets(
  c: Caller,
  groups: readonly TargetGroup[],
  instanceAz: (id: string) => string | undefined,
): Promise<TargetGroup[]> {
  const health = await describeTargetHealth(
    c,
    groups.map((g) => g.arn),
  );
  return groups.map((g, i) => ({ ...g, targets: mapTargets(health[i] ?? [], instanceAz) }));
}

function mapTargets(
  descriptions: readonly ELB.TargetHealthDescription[],
  instanceAz: (id: string) => string | undefined,
): Target[] {
  return descriptions.map((d) => {
    const id = d.Target?.Id ?? '';
    return defined({
      id,
      port: d.Target?.Port,
      az: d.Target?.AvailabilityZone ?? instanceAz(id),
      state: (d.TargetHealth?.State ?? 'unavailable') as TargetHealthState,
      reason: d.TargetHealth?.Reason,
      description: d.TargetHealth?.Description || undefined,
    });
  });
}

export function mapListener(l: ELB.Listener): Listener {
  const actions = [...(l.DefaultActions ?? [])].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0));
  const forwardTo = new Set<string>();
  for (const a of actions) {
    if (a.TargetGroupArn) forwardTo.add(a.TargetGroupArn);
    for (const t of a.ForwardConfig?.TargetGroups ?? []) if (t.TargetGroupArn) forwardTo.add(t.TargetGroupArn);
  }
  return {
    arn: l.ListenerArn ?? '',
    protocol: l.Protocol ?? '',
    port: l.Port ?? 0,
    forwardTo: [...forwardTo],
    defaultActionTypes: actions.flatMap((a) => (a.Type ? [a.Type] : [])),
  };
}

export function mapLoadBalancers(raw: RawLoadBalancing): LoadBalancer[] {
  return raw.loadBalancers.map((lb) => {
    const arn = lb.LoadBalancerArn ?? '';
    return defined({
      arn,
      name: lb.LoadBalancerName ?? '',
      dnsName: lb.DNSName ?? '',
      scheme: lb.Scheme ?? '',
      type: lb.Type ?? '',
      state: lb.State?.Code ?? '',
      stateReason: lb.State?.Reason || undefined,
      vpcId: lb.VpcId,
      zones: (lb.AvailabilityZones ?? []).map((z) => ({ az: z.ZoneName ?? '', subnetId: z.SubnetId ?? '' })),
      securityGroupIds: lb.SecurityGroups ?? [],
      createdTime: iso(lb.CreatedTime),
      listeners: (raw.listeners[arn] ?? []).map(mapListener).sort((a, b) => a.port - b.port),
      tags: tagsOf(raw.tags[arn]),
    });
  });
}

/** `instanceAz` fills a target's AZ when DescribeTargetHealth does not say it (instance targets). */
export function mapTargetGroups(raw: RawLoadBalancing, instanceAz: (id: string) => string | undefined): TargetGroup[] {
  return raw.targetGroups.map((tg) => {
    const arn = tg.TargetGroupArn ?? '';
    const targets = mapTargets(raw.targetHealth[arn] ?? [], instanceAz);
    return defined({
      arn,
      name: tg.TargetGroupName ?? '',
      protocol: tg.Protocol,
      port: tg.Port,
      vpcId: tg.VpcId,
      targetType: tg.TargetType ?? 'instance',
      loadBalancerArns: tg.LoadBalancerArns ?? [],
      healthCheck: defined({
        protocol: tg.HealthCheckProtocol,
        port: tg.HealthCheckPort,
        path: tg.HealthCheckPath,
        intervalSeconds: tg.HealthCheckIntervalSeconds,
        timeoutSeconds: tg.HealthCheckTimeoutSeconds,
        healthyThreshold: tg.HealthyThresholdCount,
        unhealthyThreshold: tg.UnhealthyThresholdCount,
        matcher: tg.Matcher?.HttpCode ?? tg.Matcher?.GrpcCode,
      }),
      targets,
      tags: tagsOf(raw.tags[arn]),
    });
  });
}
