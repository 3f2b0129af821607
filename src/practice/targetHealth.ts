// A target's health as ELBv2 reports it. The facts that need no simulation are derived here (a
// target group no listener uses, a stopped instance, an AZ the load balancer does not serve); the
// rest is the health last evaluated and stored on the target (the health-check simulation of a later
// part writes it).
import type { InstanceRecord, LoadBalancerRecord, TargetGroupRecord, TargetHealthStateName, TargetRecord } from './records';

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

export function targetHealth(
  target: TargetRecord,
  group: TargetGroupRecord,
  loadBalancers: readonly LoadBalancerRecord[],
  instance: InstanceRecord | undefined,
): TargetHealthView {
  if (target.health.state === 'draining') return target.health;
  if (loadBalancers.length === 0) {
    return { state: 'unused', reason: 'Target.NotInUse', description: TARGET_HEALTH_DESCRIPTIONS['Target.NotInUse'] };
  }
  if (group.targetType === 'instance') {
    if (!instance || instance.state === 'terminated') {
      return { state: 'unused', reason: 'Target.InvalidState', description: 'Target is in the terminated state' };
    }
    if (instance.state !== 'running') {
      return { state: 'unused', reason: 'Target.InvalidState', description: `Target is in the ${instance.state} state` };
    }
    if (!loadBalancers.some((lb) => lb.zones.some((z) => z.az === instance.az))) {
      return {
        state: 'unused',
        reason: 'Target.NotInUse',
        description: 'Target is in an Availability Zone that is not enabled for the load balancer',
      };
    }
  }
  return target.health;
}
