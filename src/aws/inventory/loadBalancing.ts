// Load balancing section: load balancers with their listeners, target groups with health checks and the health
// of every target. One DescribeListeners per load balancer and one DescribeTargetHealth per target group are the
// only calls that grow with resources; tags go 20 ARNs per DescribeTags.
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

export async function fetchLoadBalancing(c: Caller): Promise<RawLoadBalancing> {
  const elb = c.clients.elbv2;
  const pager = { client: elb, pageSize: 400, withCommand: c.counted };
  const [loadBalancers, targetGroups] = await settleAll<[ELB.LoadBalancer[], ELB.TargetGroup[]]>([
    call('elasticloadbalancing:DescribeLoadBalancers', () =>
      allPages(paginateDescribeLoadBalancers(pager, {}, c.options), (p) => p.LoadBalancers),
    ),
    call('elasticloadbalancing:DescribeTargetGroups', () =>
      allPages(paginateDescribeTargetGroups(pager, {}, c.options), (p) => p.TargetGroups),
    ),
  ]);

  const lbArns = loadBalancers.flatMap((lb) => (lb.LoadBalancerArn ? [lb.LoadBalancerArn] : []));
  const tgArns = targetGroups.flatMap((tg) => (tg.TargetGroupArn ? [tg.TargetGroupArn] : []));

  const [listenerLists, healthLists, tagLists] = await settleAll<
    [(readonly ELB.Listener[])[], (readonly ELB.TargetHealthDescription[])[], (readonly ELB.TagDescription[])[]]
  >([
    call('elasticloadbalancing:DescribeListeners', () =>
      mapLimit(lbArns, PER_RESOURCE_CONCURRENCY, async (arn) => {
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
    ),
    describeTargetHealth(c, tgArns),
    call('elasticloadbalancing:DescribeTags', () =>
      mapLimit(chunks([...lbArns, ...tgArns], TAG_BATCH), PER_RESOURCE_CONCURRENCY, async (batch) => {
        const out = await elb.send(c.counted(new DescribeTagsCommand({ ResourceArns: batch })), c.options);
        return out.TagDescriptions ?? [];
      }),
    ),
  ]);

  const listeners: Record<string, readonly ELB.Listener[]> = {};
  lbArns.forEach((arn, i) => (listeners[arn] = listenerLists[i] ?? []));
  const targetHealth: Record<string, readonly ELB.TargetHealthDescription[]> = {};
  tgArns.forEach((arn, i) => (targetHealth[arn] = healthLists[i] ?? []));
  const tags: Record<string, readonly ELB.Tag[]> = {};
  for (const d of tagLists.flat()) if (d.ResourceArn) tags[d.ResourceArn] = d.Tags ?? [];
  return { loadBalancers, targetGroups, listeners, targetHealth, tags };
}

/** DescribeTargetHealth of each target group (one gone meanwhile has none). */
function describeTargetHealth(c: Caller, arns: readonly string[]) {
  return call('elasticloadbalancing:DescribeTargetHealth', () =>
    mapLimit(arns, PER_RESOURCE_CONCURRENCY, async (arn) => {
      try {
        const out = await c.clients.elbv2.send(
          c.counted(new DescribeTargetHealthCommand({ TargetGroupArn: arn })),
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
