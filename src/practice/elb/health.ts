// A Classic Load Balancer's instance health, evaluated from the world exactly as ELBv2's targets are
// (targetHealth.ts: the same finding and the same evolution over the thresholds × interval at the clock's
// speed), then worded as v1's DescribeInstanceHealth words it: InService, or OutOfService with who is at
// fault (ReasonCode ELB or Instance) and AWS's sentence. Health checks count from the load balancer's creation
// (a CLB has no provisioning state) or the instance's registration, whichever is later.
import {
  evolve,
  instanceFinding,
  sameFinding,
  type CheckCadence,
  type Finding,
  type HealthProbe,
  type TargetHealthView,
} from '../elbv2/targetHealth';
import type { ClassicInstanceRecord, ClassicLoadBalancerRecord, InstanceRecord, RegionState } from '../core/records';
import type { Speed, World } from '../core/world';
import { classicLoadBalancers, parseTarget } from './model';

/** One DescribeInstanceHealth row's health. */
export interface ClassicHealthView {
  state: 'InService' | 'OutOfService' | 'Unknown';
  reasonCode: 'ELB' | 'Instance' | 'N/A';
  description: string;
}

export const CLASSIC_DESCRIPTIONS = {
  inService: 'N/A',
  registering: 'Instance registration is still in progress.',
  failed: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.',
  zoneNotEnabled: 'Instance is in an Availability Zone for which LoadBalancer is not configured to route traffic to.',
} as const;

/** The check the nodes send: a CLB's HTTP check passes on 200 only. */
export function probeOf(lb: ClassicLoadBalancerRecord): HealthProbe {
  const parsed = parseTarget(lb.healthCheck.target);
  if (!parsed) return { port: 0 };
  const http = parsed.protocol === 'HTTP' || parsed.protocol === 'HTTPS';
  return http ? { port: parsed.port, http: { path: parsed.path ?? '/', matcher: '200' } } : { port: parsed.port };
}

function cadenceOf(lb: ClassicLoadBalancerRecord): CheckCadence {
  const check = lb.healthCheck;
  return {
    intervalSeconds: check.interval,
    healthyThreshold: check.healthyThreshold,
    unhealthyThreshold: check.unhealthyThreshold,
  };
}

/** ELBv2's view in v1's words. */
export function classicView(view: TargetHealthView): ClassicHealthView {
  switch (view.state) {
    case 'healthy':
      return { state: 'InService', reasonCode: 'N/A', description: CLASSIC_DESCRIPTIONS.inService };
    case 'unhealthy':
      return { state: 'OutOfService', reasonCode: 'Instance', description: CLASSIC_DESCRIPTIONS.failed };
    case 'unused': {
      const invalid = /Target is in the (\S+) state/.exec(view.description ?? '');
      if (view.reason === 'Target.InvalidState' && invalid)
        return { state: 'OutOfService', reasonCode: 'Instance', description: `Instance is in ${invalid[1]} state.` };
      return { state: 'OutOfService', reasonCode: 'ELB', description: CLASSIC_DESCRIPTIONS.zoneNotEnabled };
    }
    default:
      return { state: 'OutOfService', reasonCode: 'ELB', description: CLASSIC_DESCRIPTIONS.registering };
  }
}

/** What a health check of the registered instance meets now (pure). */
export function classicFinding(
  lb: ClassicLoadBalancerRecord,
  instance: InstanceRecord | undefined,
  records: RegionState,
): Finding {
  return instanceFinding(instance, [lb], probeOf(lb), records);
}

/** Health of a CLB's instances at `now`: a pure function of the records and the clock, as HealthEvaluator's. */
export class ClassicHealthEvaluator {
  private readonly instances: Map<string, InstanceRecord>;

  constructor(
    private readonly records: RegionState,
    readonly now: Date,
    private readonly speed: Speed,
  ) {
    this.instances = new Map(records.instances.map((i) => [i.id, i]));
  }

  instance(id: string): InstanceRecord | undefined {
    return this.instances.get(id);
  }

  finding(lb: ClassicLoadBalancerRecord, registered: ClassicInstanceRecord): Finding {
    return classicFinding(lb, this.instances.get(registered.id), this.records);
  }

  private stored(lb: ClassicLoadBalancerRecord, registered: ClassicInstanceRecord, nowMs: number): TargetHealthView {
    const stored = registered.check;
    const finding: Finding = stored
      ? { result: stored.result as Finding['result'], description: stored.detail }
      : this.finding(lb, registered);
    const since = Date.parse(stored?.since ?? registered.registeredAt);
    const active = Date.parse(lb.createdTime);
    return evolve(registered.health, finding, since, active, nowMs, cadenceOf(lb), this.speed);
  }

  /** The state in ELBv2's words (the web picks InService instances from it). */
  targetView(lb: ClassicLoadBalancerRecord, registered: ClassicInstanceRecord): TargetHealthView {
    const nowMs = this.now.getTime();
    const finding = this.finding(lb, registered);
    if (!registered.check || sameFinding(registered.check, finding)) return this.stored(lb, registered, nowMs);
    const active = Date.parse(lb.createdTime);
    return evolve(this.stored(lb, registered, nowMs), finding, nowMs, active, nowMs, cadenceOf(lb), this.speed);
  }

  health(lb: ClassicLoadBalancerRecord, registered: ClassicInstanceRecord): ClassicHealthView {
    return classicView(this.targetView(lb, registered));
  }

  /** Records each instance's current finding where it changed (the state it had then becomes its start). */
  refresh(lbs: readonly ClassicLoadBalancerRecord[] = classicLoadBalancers(this.records)): boolean {
    let changed = false;
    const nowMs = this.now.getTime();
    for (const lb of lbs) {
      for (const registered of lb.instances) {
        const finding = this.finding(lb, registered);
        if (sameFinding(registered.check, finding)) continue;
        registered.health = this.stored(lb, registered, nowMs);
        registered.check = {
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

/** Records every region's changed findings (the server calls it on each change). True if anything changed. */
export function refreshClassicHealth(world: World): boolean {
  let changed = false;
  const now = world.clock.now();
  for (const records of Object.values(world.state.regions)) {
    if (!records.classicLoadBalancers?.length) continue;
    if (new ClassicHealthEvaluator(records, now, world.clock.speed).refresh()) changed = true;
  }
  return changed;
}
