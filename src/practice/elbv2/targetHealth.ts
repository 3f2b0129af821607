// A target's health as ELBv2 reports it, evaluated from the world rather than assumed.
//
// The *finding* is what a health check would meet right now: the group behind no load balancer, the
// instance not running, its AZ not enabled (all `unused`); the load balancer's nodes blocked by the
// security groups (Target.Timeout); nothing listening on the port (Target.FailedHealthChecks); the
// health-check path answering a code the matcher refuses (Target.ResponseCodeMismatch); or `ok`.
// The *state* follows the finding as AWS's checks do: `initial` while the first checks run, then
// `healthy` after healthy-threshold × interval of passes or `unhealthy` after unhealthy-threshold ×
// interval of failures; a change of finding takes those same counts to show. Each target stores its
// finding and since when (`check`) and the state it had then (`health`), so the state is a pure
// function of the records and the clock: 'instant' answers at once and a reloaded state agrees.
import { connectionAllowed } from '../machine/firewall';
import { httpdAnswer, httpdRunning, HTTPD_PORT } from '../machine/httpd';
import { liveTargets, loadBalancerActiveSince, loadBalancersOf, nodeIps, scaled } from './model';
import type {
  InstanceRecord,
  LoadBalancerRecord,
  RegionState,
  TargetGroupRecord,
  TargetHealthStateName,
  TargetRecord,
} from '../core/records';
import type { Speed, World } from '../core/world';

export interface TargetHealthView {
  state: TargetHealthStateName;
  reason?: string;
  description?: string;
}

/** AWS's descriptions for its reason codes. */
export const TARGET_HEALTH_DESCRIPTIONS: Record<string, string> = {
  'Elb.RegistrationInProgress': 'Target registration is in progress',
  'Elb.InitialHealthChecking': 'Initial health checks in progress',
  'Target.ResponseCodeMismatch': 'Health checks failed',
  'Target.Timeout': 'Request timed out',
  'Target.FailedHealthChecks': 'Health checks failed',
  'Target.NotRegistered': 'Target is not registered to the target group',
  'Target.NotInUse': 'Target group is not configured to receive traffic from the load balancer',
  'Target.DeregistrationInProgress': 'Target deregistration is in progress',
  'Target.InvalidState': 'Target is in the stopped state',
};
const AZ_NOT_ENABLED = 'Target is in an Availability Zone that is not enabled for the load balancer';

/** What a health check meets now: `ok`, or the reason code it fails or is not run with. */
export interface Finding {
  result:
    | 'ok'
    | 'Target.NotInUse'
    | 'Target.InvalidState'
    | 'Target.Timeout'
    | 'Target.FailedHealthChecks'
    | 'Target.ResponseCodeMismatch';
  description?: string;
}

const UNUSED: ReadonlySet<string> = new Set(['Target.NotInUse', 'Target.InvalidState']);

/** Does an HTTP code satisfy a matcher like "200", "200,302" or "200-299"? */
export function matcherAccepts(matcher: string, code: number): boolean {
  return matcher.split(',').some((part) => {
    const [from, to] = part.trim().split('-').map(Number);
    return to === undefined ? code === from : from !== undefined && code >= from && code <= to;
  });
}

/** The port the health checks go to. */
export function healthCheckPort(group: TargetGroupRecord, target: TargetRecord): number {
  return group.healthCheck.port === 'traffic-port' ? target.port : Number(group.healthCheck.port);
}

/** What the health checks' nodes need of a load balancer: ELBv2's and the Classic Load Balancer's records both have it. */
export type CheckingNodes = Pick<LoadBalancerRecord, 'arn' | 'zones' | 'securityGroupIds'>;

/** Can the load balancer's nodes open a TCP connection to the instance on the port? (Every node checks every target.) */
export function nodesReach(lb: CheckingNodes, instance: InstanceRecord, port: number, records: RegionState): boolean {
  const receiver = { ip: instance.privateIp, groupIds: instance.securityGroupIds };
  return nodeIps(lb, records).every((ip) =>
    connectionAllowed({ ip, groupIds: lb.securityGroupIds }, receiver, port, records.securityGroups),
  );
}

/** One health check as the nodes send it: TCP to the port, and for HTTP the path with the codes it accepts. */
export interface HealthProbe {
  port: number;
  /** Absent: a TCP check (a connection is enough). */
  http?: { path: string; matcher: string };
}

/**
 * What a health check of a registered instance meets now (pure), for ELBv2's targets and the Classic Load
 * Balancer's instances alike: not running, its AZ not enabled, the nodes blocked by the security groups,
 * nothing listening, the path's answer refused, or `ok`.
 */
export function instanceFinding(
  instance: InstanceRecord | undefined,
  loadBalancers: readonly CheckingNodes[],
  probe: HealthProbe,
  records: RegionState,
): Finding {
  if (!instance || instance.state !== 'running') {
    return { result: 'Target.InvalidState', description: `Target is in the ${instance?.state ?? 'terminated'} state` };
  }
  const serving = loadBalancers.filter((lb) => lb.zones.some((z) => z.az === instance.az));
  if (serving.length === 0) return { result: 'Target.NotInUse', description: AZ_NOT_ENABLED };
  if (!loadBalancers.every((lb) => nodesReach(lb, instance, probe.port, records))) {
    return { result: 'Target.Timeout', description: TARGET_HEALTH_DESCRIPTIONS['Target.Timeout'] };
  }
  if (probe.port !== HTTPD_PORT || !httpdRunning(instance)) {
    return {
      result: 'Target.FailedHealthChecks',
      description: TARGET_HEALTH_DESCRIPTIONS['Target.FailedHealthChecks'],
    };
  }
  if (!probe.http) return { result: 'ok' };
  const code = httpdAnswer(instance, probe.http.path).status;
  if (!matcherAccepts(probe.http.matcher, code)) {
    return { result: 'Target.ResponseCodeMismatch', description: `Health checks failed with these codes: [${code}]` };
  }
  return { result: 'ok' };
}

/** What a health check of this target meets now (pure). */
export function findingOf(
  target: TargetRecord,
  group: TargetGroupRecord,
  loadBalancers: readonly LoadBalancerRecord[],
  instance: InstanceRecord | undefined,
  records: RegionState,
): Finding {
  if (loadBalancers.length === 0)
    return { result: 'Target.NotInUse', description: TARGET_HEALTH_DESCRIPTIONS['Target.NotInUse'] };
  if (group.targetType !== 'instance') return { result: 'ok' };
  const probe = {
    port: healthCheckPort(group, target),
    http: { path: group.healthCheck.path, matcher: group.healthCheck.matcher },
  };
  return instanceFinding(instance, loadBalancers, probe, records);
}

export const sameFinding = (a: { result: string; detail?: string } | undefined, b: Finding) =>
  !!a && a.result === b.result && (a.detail ?? '') === (b.description ?? '');

export function view(state: TargetHealthStateName, reason?: string, description?: string): TargetHealthView {
  return reason ? { state, reason, description: description ?? TARGET_HEALTH_DESCRIPTIONS[reason] } : { state };
}

/** How often the checks run and how many in a row change the state (a target group's, a Classic Load Balancer's). */
export interface CheckCadence {
  intervalSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

/** The state `elapsed` real ms after a finding began, starting from `start`. */
export function evolve(
  start: TargetHealthView,
  finding: Finding,
  sinceMs: number,
  activeSinceMs: number,
  nowMs: number,
  cadence: CheckCadence,
  speed: Speed,
): TargetHealthView {
  if (UNUSED.has(finding.result)) return view('unused', finding.result, finding.description);
  if (nowMs < activeSinceMs) return view('initial', 'Elb.RegistrationInProgress');
  const interval = scaled(cadence.intervalSeconds * 1000, speed);
  const elapsed = nowMs - Math.max(sinceMs, activeSinceMs);
  const passed = elapsed >= interval * cadence.healthyThreshold;
  const failed = elapsed >= interval * cadence.unhealthyThreshold;
  const ok = finding.result === 'ok';
  const unhealthy = () => view('unhealthy', finding.result, finding.description);
  switch (start.state) {
    case 'healthy':
      return ok || !failed ? view('healthy') : unhealthy();
    case 'unhealthy':
      return !ok ? unhealthy() : passed ? view('healthy') : start;
    default:
      if (ok ? passed : failed) return ok ? view('healthy') : unhealthy();
      return elapsed < interval && start.reason !== 'Elb.InitialHealthChecking'
        ? view('initial', 'Elb.RegistrationInProgress')
        : view('initial', 'Elb.InitialHealthChecking');
  }
}

/**
 * Health of every target of a region at `now`: one index over the records, then a pure function per
 * target. `refresh` (below) keeps each target's stored finding current; this reads it.
 */
export class HealthEvaluator {
  private readonly instances: Map<string, InstanceRecord>;
  private readonly users = new Map<string, LoadBalancerRecord[]>();

  constructor(
    private readonly records: RegionState,
    readonly now: Date,
    private readonly speed: Speed,
  ) {
    this.instances = new Map(records.instances.map((i) => [i.id, i]));
  }

  loadBalancersOf(group: TargetGroupRecord): LoadBalancerRecord[] {
    let found = this.users.get(group.arn);
    if (!found) this.users.set(group.arn, (found = loadBalancersOf(group, this.records)));
    return found;
  }

  instance(id: string): InstanceRecord | undefined {
    return this.instances.get(id);
  }

  finding(group: TargetGroupRecord, target: TargetRecord): Finding {
    return findingOf(target, group, this.loadBalancersOf(group), this.instances.get(target.id), this.records);
  }

  /** When health checks could start: the earliest time a load balancer serving the target's AZ was active. */
  private activeSince(group: TargetGroupRecord, target: TargetRecord): number {
    const az = this.instances.get(target.id)?.az;
    const times = this.loadBalancersOf(group)
      .filter((lb) => !az || lb.zones.some((z) => z.az === az))
      .map(loadBalancerActiveSince);
    return times.length ? Math.min(...times) : Infinity;
  }

  /** The state the stored finding leads to at `now`, and whether the finding has changed since. */
  private stored(group: TargetGroupRecord, target: TargetRecord, nowMs: number): TargetHealthView {
    const stored = target.check;
    const finding: Finding = stored
      ? { result: stored.result as Finding['result'], description: stored.detail }
      : this.finding(group, target); // fixtures: the current finding, since registration
    const since = Date.parse(stored?.since ?? target.registeredAt);
    return evolve(target.health, finding, since, this.activeSince(group, target), nowMs, group.healthCheck, this.speed);
  }

  health(group: TargetGroupRecord, target: TargetRecord): TargetHealthView {
    if (target.drainUntil) return view('draining', 'Target.DeregistrationInProgress');
    const nowMs = this.now.getTime();
    const finding = this.finding(group, target);
    if (!target.check || sameFinding(target.check, finding)) return this.stored(group, target, nowMs);
    // The finding changed and nobody has recorded it yet: it changes now.
    return evolve(
      this.stored(group, target, nowMs),
      finding,
      nowMs,
      this.activeSince(group, target),
      nowMs,
      group.healthCheck,
      this.speed,
    );
  }

  /**
   * Records each target's current finding where it changed (the state it had at that moment becomes
   * its starting point) and drops targets whose deregistration delay has passed. True if anything changed.
   * `groups`: only those (a request through a load balancer needs its own group's, not the region's).
   */
  refresh(groups: readonly TargetGroupRecord[] = this.records.targetGroups): boolean {
    let changed = false;
    const nowMs = this.now.getTime();
    for (const group of groups) {
      const live = liveTargets(group, this.now);
      if (live.length !== group.targets.length) {
        group.targets = live;
        changed = true;
      }
      for (const target of group.targets) {
        if (target.drainUntil) continue;
        const finding = this.finding(group, target);
        if (sameFinding(target.check, finding)) continue;
        target.health = this.stored(group, target, nowMs);
        target.check = {
          result: finding.result,
          since: this.now.toISOString(),
          ...(finding.description ? { detail: finding.description } : {}),
        };
        changed = true;
      }
    }
    return changed;
  }
}

/** Health of a target that is not registered (DescribeTargetHealth with an explicit target). */
export const NOT_REGISTERED: TargetHealthView = view('unused', 'Target.NotRegistered');

/** Records every region's changed findings (after any write; the server calls it on each change). True if anything changed. */
export function refreshTargetHealth(world: World): boolean {
  let changed = false;
  const now = world.clock.now();
  for (const records of Object.values(world.state.regions)) {
    if (new HealthEvaluator(records, now, world.clock.speed).refresh()) changed = true;
  }
  return changed;
}
