// Classic Load Balancers (ELB v1), read in the load balancing section beside the ALBs: the list (paginated on
// NextMarker), one DescribeInstanceHealth per load balancer, tags 20 names per DescribeTags. Instances sit on the
// load balancer itself, so their AZ is joined from EC2.
import {
  DescribeInstanceHealthCommand,
  DescribeTagsCommand,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing';
import type * as ELB from '@aws-sdk/client-elastic-load-balancing';
import type { ClassicHealthCheck, ClassicLoadBalancer } from '../classicTypes';
import { toAwsProblem } from '../errors';
import { allPages, call, chunks, mapLimit, settleAll, type Caller } from './calls';
import { defined, iso, present, tagsOf } from './shapes';
import type { Focus } from './focus';

export interface RawClassic {
  readonly loadBalancers: readonly ELB.LoadBalancerDescription[];
  /** By load balancer name. */
  readonly instanceHealth: Readonly<Record<string, readonly ELB.InstanceState[]>>;
  /** By load balancer name. */
  readonly tags: Readonly<Record<string, readonly ELB.Tag[]>>;
}

/** Per-resource calls in flight at once (as for the ALBs). */
const PER_RESOURCE_CONCURRENCY = 10;
/** ELB v1's DescribeTags takes at most 20 names. */
const TAG_BATCH = 20;

/** A load balancer deleted between the list and the per-resource call is simply gone ("LoadBalancerNotFound"). */
function isGone(error: unknown): boolean {
  return toAwsProblem(error, { action: '' }).kind === 'notFound';
}

/**
 * The Classic Load Balancers, each one's instance health and tags. A student's read (focus.ts) asks tags of those
 * that can be theirs by name and instance health of theirs: their own, and those holding their instances (the list
 * says which instances each one has).
 */
export async function fetchClassic(c: Caller, focus?: Focus): Promise<RawClassic> {
  const elb = c.clients.elb;
  const loadBalancers = await call('elasticloadbalancing:DescribeLoadBalancers', () =>
    allPages(
      paginateDescribeLoadBalancers({ client: elb, pageSize: 400, withCommand: c.elbPaced }, {}, c.options),
      (p) => p.LoadBalancerDescriptions,
    ),
  );
  const names = loadBalancers.flatMap((lb) => (lb.LoadBalancerName ? [lb.LoadBalancerName] : []));
  if (!focus) {
    const [healthLists, tagLists] = await settleAll<[(readonly ELB.InstanceState[])[], ELB.TagDescription[]]>([
      describeInstanceHealth(c, names),
      describeTags(c, names),
    ]);
    return { loadBalancers, instanceHealth: byName(names, healthLists), tags: tagsByName(tagLists) };
  }
  const mayBeOwn = names.filter((name) => focus.mayBeOwn(name));
  const [tagLists, instanceIds] = await Promise.all([describeTags(c, mayBeOwn), focus.instanceIds]);
  const tags = tagsByName(tagLists);
  const own = loadBalancers.flatMap((lb) => {
    const name = lb.LoadBalancerName ?? '';
    const mine =
      (mayBeOwn.includes(name) && focus.owns(name, tagsOf(tags[name]))) ||
      (lb.Instances ?? []).some((i) => instanceIds.has(i.InstanceId ?? ''));
    return name && mine ? [name] : [];
  });
  return { loadBalancers, instanceHealth: byName(own, await describeInstanceHealth(c, own)), tags };
}

function byName<T>(names: readonly string[], lists: readonly (readonly T[])[]): Record<string, readonly T[]> {
  const out: Record<string, readonly T[]> = {};
  names.forEach((name, i) => (out[name] = lists[i] ?? []));
  return out;
}

function tagsByName(descriptions: readonly ELB.TagDescription[]): Record<string, readonly ELB.Tag[]> {
  const tags: Record<string, readonly ELB.Tag[]> = {};
  for (const d of descriptions) if (d.LoadBalancerName) tags[d.LoadBalancerName] = d.Tags ?? [];
  return tags;
}

/** DescribeInstanceHealth of each load balancer (one gone meanwhile has none). */
function describeInstanceHealth(c: Caller, names: readonly string[]) {
  return call('elasticloadbalancing:DescribeInstanceHealth', () =>
    mapLimit(names, PER_RESOURCE_CONCURRENCY, async (name) => {
      try {
        const out = await c.clients.elb.send(
          c.elbPaced(new DescribeInstanceHealthCommand({ LoadBalancerName: name })),
          c.options,
        );
        return out.InstanceStates ?? [];
      } catch (error) {
        if (isGone(error)) return [];
        throw error;
      }
    }),
  );
}

/** DescribeTags, 20 names a call; one name gone fails its batch, so the others of it are asked alone. */
function describeTags(c: Caller, names: readonly string[]) {
  const tagsOfBatch = async (batch: readonly string[]): Promise<ELB.TagDescription[]> => {
    const out = await c.clients.elb.send(
      c.elbPaced(new DescribeTagsCommand({ LoadBalancerNames: [...batch] })),
      c.options,
    );
    return out.TagDescriptions ?? [];
  };
  return call('elasticloadbalancing:DescribeTags', async () => {
    const lists = await mapLimit(chunks(names, TAG_BATCH), PER_RESOURCE_CONCURRENCY, async (batch) => {
      try {
        return await tagsOfBatch(batch);
      } catch (error) {
        if (!isGone(error)) throw error;
        const each = await Promise.all(
          batch.map((name) =>
            tagsOfBatch([name]).catch((e: unknown) => {
              if (isGone(e)) return [];
              throw e;
            }),
          ),
        );
        return each.flat();
      }
    });
    return lists.flat();
  });
}

/** "HTTP:80/index.html" → HTTP, 80, /index.html; "TCP:80" → TCP, 80. */
export function parseHealthCheckTarget(target: string): { protocol: string; port: number; path?: string } {
  const m = /^([A-Za-z]+):(\d+)(\/.*)?$/.exec(target.trim());
  if (!m) return { protocol: '', port: 0 };
  const protocol = (m[1] ?? '').toUpperCase();
  const port = Number(m[2]);
  const httpish = protocol === 'HTTP' || protocol === 'HTTPS';
  return httpish ? { protocol, port, path: m[3] ?? '/' } : { protocol, port };
}

function mapHealthCheck(h: ELB.HealthCheck | undefined): ClassicHealthCheck {
  const target = h?.Target ?? '';
  return defined({
    target,
    ...parseHealthCheckTarget(target),
    intervalSeconds: h?.Interval ?? 0,
    timeoutSeconds: h?.Timeout ?? 0,
    healthyThreshold: h?.HealthyThreshold ?? 0,
    unhealthyThreshold: h?.UnhealthyThreshold ?? 0,
  });
}

/** `instanceAz` joins each registered instance's AZ from the instances section. */
export function mapClassicLoadBalancers(
  raw: RawClassic,
  instanceAz: (id: string) => string | undefined,
): ClassicLoadBalancer[] {
  return raw.loadBalancers.map((lb) => {
    const name = lb.LoadBalancerName ?? '';
    const ssg = lb.SourceSecurityGroup;
    // DescribeInstanceHealth lists every registered instance; the description's own list covers a failed call.
    const health = raw.instanceHealth[name];
    const rows: ELB.InstanceState[] = health
      ? [...health]
      : (lb.Instances ?? []).map((i) => ({ InstanceId: i.InstanceId, State: 'Unknown' }));
    return defined({
      name,
      dnsName: lb.DNSName ?? '',
      scheme: lb.Scheme ?? '',
      vpcId: present(lb.VPCId),
      azs: [...(lb.AvailabilityZones ?? [])].sort(),
      subnetIds: lb.Subnets ?? [],
      securityGroupIds: lb.SecurityGroups ?? [],
      sourceSecurityGroup: ssg ? defined({ ownerAlias: ssg.OwnerAlias, groupName: ssg.GroupName }) : undefined,
      listeners: (lb.ListenerDescriptions ?? [])
        .flatMap((d) => (d.Listener ? [d.Listener] : []))
        .map((l) => ({
          protocol: (l.Protocol ?? '').toUpperCase(),
          port: l.LoadBalancerPort ?? 0,
          instanceProtocol: (l.InstanceProtocol ?? l.Protocol ?? '').toUpperCase(),
          instancePort: l.InstancePort ?? 0,
        }))
        .sort((a, b) => a.port - b.port),
      healthCheck: mapHealthCheck(lb.HealthCheck),
      instances: rows.map((s) => {
        const id = s.InstanceId ?? '';
        return defined({
          id,
          state: s.State ?? 'Unknown',
          reasonCode: present(s.ReasonCode),
          description: present(s.Description),
          az: instanceAz(id),
        });
      }),
      createdTime: iso(lb.CreatedTime),
      tags: tagsOf(raw.tags[name]),
    });
  });
}
