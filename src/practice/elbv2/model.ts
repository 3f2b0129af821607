// What ELBv2's answers, its health checks and the web endpoints share: errors as the SDK surfaces
// them, a load balancer's state and nodes at a given time, which load balancers use a target group,
// the targets still registered, simulated durations at the clock's speed, and the security groups a load
// balancer may carry (ELB v1's as well).
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { PracticeError } from '../core/errors';
import { derivedHex } from '../core/ids';
import { parseCidr, numberToIp } from '../core/addressing';
import type { LoadBalancerRecord, RegionState, TargetGroupRecord, TargetRecord } from '../core/records';
import type { Speed } from '../core/world';

export const loadBalancerNotFound = (detail?: string) =>
  new PracticeError(
    'LoadBalancerNotFound',
    detail ? `Load balancers '[${detail}]' not found` : 'One or more load balancers not found',
  );
export const targetGroupNotFound = (detail?: string) =>
  new PracticeError(
    'TargetGroupNotFound',
    detail ? `Target groups '[${detail}]' not found` : 'One or more target groups not found',
  );
export const listenerNotFound = () => new PracticeError('ListenerNotFound', 'One or more listeners not found');

/** What a service answers for a named security group that does not exist, or is in another VPC than the load balancer. */
export type InvalidGroup = (id: string, vpcId: string, exists: boolean) => PracticeError;

/** The named security groups, each in the load balancer's VPC, without repeats. */
export function checkSecurityGroups(
  ids: readonly string[],
  vpcId: string,
  records: RegionState,
  invalid: InvalidGroup,
): string[] {
  for (const id of ids) {
    const group = records.securityGroups.find((g) => g.id === id);
    if (!group || group.vpcId !== vpcId) throw invalid(id, vpcId, group !== undefined);
  }
  return [...new Set(ids)];
}

/** A new load balancer's groups: those named, checked; none named in a VPC: AWS puts the VPC's default group on it. */
export function loadBalancerGroups(
  named: readonly string[] | undefined,
  vpcId: string,
  records: RegionState,
  invalid: InvalidGroup,
): string[] {
  const defaultGroup = records.securityGroups.find((g) => g.vpcId === vpcId && g.name === 'default');
  return checkSecurityGroups(named?.length ? named : defaultGroup ? [defaultGroup.id] : [], vpcId, records, invalid);
}

/** AWS's typical time for a new ALB to turn `active` (2-3 minutes). */
export const PROVISIONING_MS = 150_000;
/** Target group attribute defaults (DescribeTargetGroupAttributes for an HTTP instance group). */
export const TARGET_GROUP_ATTRIBUTE_DEFAULTS: Readonly<Record<string, string>> = {
  'deregistration_delay.timeout_seconds': '300',
  'stickiness.enabled': 'false',
  'stickiness.type': 'lb_cookie',
  'stickiness.lb_cookie.duration_seconds': '86400',
  'load_balancing.algorithm.type': 'round_robin',
  'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  'slow_start.duration_seconds': '0',
};
export const LOAD_BALANCER_ATTRIBUTE_DEFAULTS: Readonly<Record<string, string>> = {
  'deletion_protection.enabled': 'false',
  'idle_timeout.timeout_seconds': '60',
  'routing.http2.enabled': 'true',
  'routing.http.drop_invalid_header_fields.enabled': 'false',
  'access_logs.s3.enabled': 'false',
  'access_logs.s3.bucket': '',
  'access_logs.s3.prefix': '',
  'load_balancing.cross_zone.enabled': 'true',
};

export function elbArn(region: string, resource: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${PRACTICE_ACCOUNT_ID}:${resource}`;
}

/** A simulated duration (AWS's milliseconds) at this speed, in real milliseconds. */
export function scaled(awsMs: number, speed: Speed): number {
  return speed === 'instant' ? 0 : awsMs / speed;
}

/** `provisioning` until `activeAt`, then `active`: computed on read, so a reloaded state agrees. */
export function loadBalancerState(lb: LoadBalancerRecord, now: Date): LoadBalancerRecord['state'] {
  if (lb.state === 'provisioning' && lb.activeAt && now.getTime() >= Date.parse(lb.activeAt)) return 'active';
  return lb.state;
}

/** When the load balancer is (or was) ready to send traffic and health checks. */
export function loadBalancerActiveSince(lb: LoadBalancerRecord): number {
  if (lb.activeAt) return Date.parse(lb.activeAt);
  return lb.state === 'active' ? Date.parse(lb.createdTime) : Infinity;
}

/** Its nodes' private IPs, one per enabled subnet (derived from the subnet for records made before nodes were stored). */
export function nodeIps(lb: Pick<LoadBalancerRecord, 'arn' | 'zones'>, records: RegionState): string[] {
  return lb.zones.map((zone) => {
    if (zone.nodeIp) return zone.nodeIp;
    const subnet = records.subnets.find((s) => s.id === zone.subnetId);
    const { base, size } = parseCidr(subnet?.cidr ?? '10.0.0.0/24');
    return numberToIp(base + 4 + (parseInt(derivedHex(8, lb.arn, zone.subnetId), 16) % Math.max(1, size - 5)));
  });
}

/** Load balancers with a listener that forwards to the group. */
export function loadBalancersOf(group: TargetGroupRecord, records: RegionState): LoadBalancerRecord[] {
  const arns = new Set(
    records.listeners
      .filter((l) => l.defaultActions.some((a) => a.targetGroupArn === group.arn))
      .map((l) => l.loadBalancerArn),
  );
  return records.loadBalancers.filter((lb) => arns.has(lb.arn));
}

/** Targets still registered: a draining target is gone once its deregistration delay has passed. */
export function liveTargets(group: TargetGroupRecord, now: Date): TargetRecord[] {
  const t = now.getTime();
  return group.targets.filter((target) => !target.drainUntil || t < Date.parse(target.drainUntil));
}

export function targetGroupAttribute(group: TargetGroupRecord, key: string): string | undefined {
  return group.attributes?.[key] ?? TARGET_GROUP_ATTRIBUTE_DEFAULTS[key];
}

/** Picks records by key, in the records' order; any missing key is an error. */
export function pick<T>(
  records: readonly T[],
  keys: readonly string[],
  keyOf: (r: T) => string,
  missing: (keys: string[]) => PracticeError,
): T[] {
  const wanted = new Set(keys);
  const found = records.filter((r) => wanted.has(keyOf(r)));
  if (found.length < wanted.size) {
    const present = new Set(found.map(keyOf));
    throw missing([...wanted].filter((k) => !present.has(k)));
  }
  return found;
}

/**
 * ELBv2's due transitions (advance.ts runs it before every request): a provisioned load balancer turns
 * `active` (it keeps `activeAt`: health checks count from it); targets whose draining ended go, and so
 * do terminated instances, which ELB deregisters by itself.
 */
export function advanceElbv2(region: RegionState, now: Date): boolean {
  let changed = false;
  for (const lb of region.loadBalancers) {
    if (lb.state === 'provisioning' && loadBalancerState(lb, now) === 'active') {
      lb.state = 'active';
      changed = true;
    }
  }
  const terminated = new Set(region.instances.filter((i) => i.state === 'terminated').map((i) => i.id));
  for (const group of region.targetGroups) {
    const live = liveTargets(group, now).filter((t) => group.targetType !== 'instance' || !terminated.has(t.id));
    if (live.length !== group.targets.length) {
      group.targets = live;
      changed = true;
    }
  }
  return changed;
}
