// The targets of an ELBv2 target group: RegisterTargets (running instances in the group's VPC),
// DeregisterTargets (draining for the deregistration delay when the group is in use, then gone) and
// DescribeTargetHealth. The health itself is evaluated by targetHealth.ts.
import {
  DeregisterTargets$,
  DescribeTargetHealth$,
  RegisterTargets$,
  type DeregisterTargetsInput,
  type DeregisterTargetsOutput,
  type DescribeTargetHealthInput,
  type DescribeTargetHealthOutput,
  type RegisterTargetsInput,
  type RegisterTargetsOutput,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { PracticeError, validationError } from '../core/errors';
import { liveTargets, loadBalancersOf, targetGroupAttribute, targetGroupNotFound } from './model';
import { findGroup, inRange } from './targetGroups';
import { HealthEvaluator, NOT_REGISTERED } from './targetHealth';
import type { TargetGroupRecord } from '../core/records';

const MAX_TARGETS = 1000;

const registerTargets = action<RegisterTargetsInput, RegisterTargetsOutput>(RegisterTargets$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const group = findGroup(records, input.TargetGroupArn);
  const wanted = input.Targets ?? [];
  if (wanted.length === 0)
    throw validationError(
      "1 validation error detected: Value '[]' at 'targets' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  const instances = new Map(records.instances.map((i) => [i.id, i]));
  const unknown = wanted.filter((t) => !instances.has(t.Id ?? '')).map((t) => t.Id ?? '');
  if (unknown.length)
    throw new PracticeError(
      'InvalidTarget',
      `The following targets are not valid instances: '${unknown.join("', '")}'`,
    );
  const elsewhere = wanted.filter((t) => instances.get(t.Id ?? '')?.vpcId !== group.vpcId).map((t) => t.Id ?? '');
  if (elsewhere.length)
    throw new PracticeError(
      'InvalidTarget',
      `The following targets are not in the target group VPC '${group.vpcId}': '${elsewhere.join("', '")}'`,
    );
  const idle = wanted.filter((t) => instances.get(t.Id ?? '')?.state !== 'running').map((t) => t.Id ?? '');
  if (idle.length)
    throw new PracticeError(
      'InvalidTarget',
      `The following targets are not in a running state and cannot be registered: '${idle.join("', '")}'`,
    );

  let targets = liveTargets(group, context.now);
  for (const t of wanted) {
    const id = t.Id ?? '';
    const port = inRange(t.Port ?? group.port, 1, 65535, 'port');
    const current = targets.find((x) => x.id === id && x.port === port);
    if (current && !current.drainUntil) continue; // already registered: nothing to do
    targets = targets.filter((x) => x !== current);
    targets.push({
      id,
      port,
      health: { state: 'initial', reason: 'Elb.RegistrationInProgress' },
      registeredAt: context.now.toISOString(),
    });
  }
  if (targets.length > MAX_TARGETS)
    throw new PracticeError(
      'TooManyTargets',
      `You have reached the limit of ${MAX_TARGETS} targets for this target group`,
    );
  group.targets = targets;
  context.world.changed();
  return {};
});

const deregisterTargets = action<DeregisterTargetsInput, DeregisterTargetsOutput>(
  DeregisterTargets$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const group = findGroup(records, input.TargetGroupArn);
    const wanted = input.Targets ?? [];
    if (wanted.length === 0)
      throw validationError(
        "1 validation error detected: Value '[]' at 'targets' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    const unknown = wanted.filter((t) => !records.instances.some((i) => i.id === t.Id)).map((t) => t.Id ?? '');
    if (unknown.length)
      throw new PracticeError(
        'InvalidTarget',
        `The following targets are not valid instances: '${unknown.join("', '")}'`,
      );
    // Draining only matters to a group that receives traffic; elsewhere the target goes at once.
    const delaySeconds = Number(targetGroupAttribute(group, 'deregistration_delay.timeout_seconds') ?? 300);
    const inUse = loadBalancersOf(group, records).length > 0 && delaySeconds > 0;
    const drainUntil = context.world.clock.after(delaySeconds * 1000);
    const leaving = (id: string, port: number) =>
      wanted.some((t) => t.Id === id && (t.Port === undefined || t.Port === port));
    group.targets = liveTargets(group, context.now).flatMap((target) => {
      if (!leaving(target.id, target.port) || target.drainUntil) return [target];
      if (!inUse || drainUntil.getTime() <= context.now.getTime()) return [];
      return [{ ...target, drainUntil: drainUntil.toISOString() }];
    });
    context.world.changed();
    return {};
  },
);

/** The region's health evaluator, after recording any finding that changed since the last write. */
export function evaluatorFor(context: RequestContext): HealthEvaluator {
  const evaluator = new HealthEvaluator(context.records, context.now, context.world.clock.speed);
  if (evaluator.refresh()) context.world.changed();
  return evaluator;
}

function healthDescription(
  evaluator: HealthEvaluator,
  group: TargetGroupRecord,
): (id: string, port: number | undefined) => TargetHealthDescription {
  return (id, port) => {
    const target = group.targets.find((t) => t.id === id && (port === undefined || t.port === port));
    const health = target ? evaluator.health(group, target) : NOT_REGISTERED;
    const targetPort = target?.port ?? port ?? group.port;
    return {
      Target: { Id: id, Port: targetPort, AvailabilityZone: evaluator.instance(id)?.az },
      HealthCheckPort: group.healthCheck.port === 'traffic-port' ? String(targetPort) : group.healthCheck.port,
      TargetHealth: {
        State: health.state,
        Reason: health.reason as 'Target.NotInUse',
        Description: health.description,
      },
    };
  };
}

const describeTargetHealth = action<DescribeTargetHealthInput, DescribeTargetHealthOutput>(
  DescribeTargetHealth$,
  (input, context) => {
    if (!input.TargetGroupArn)
      throw validationError(
        "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null",
      );
    const group = context.records.targetGroups.find((g) => g.arn === input.TargetGroupArn);
    if (!group) throw targetGroupNotFound();
    const describe = healthDescription(evaluatorFor(context), group);
    const wanted = input.Targets?.length
      ? input.Targets.map((t) => [t.Id ?? '', t.Port] as const)
      : group.targets.map((t) => [t.id, t.port] as const);
    return { TargetHealthDescriptions: wanted.map(([id, port]) => describe(id, port)) };
  },
);

export const elbv2TargetActions: Record<string, ActionDefinition> = {
  RegisterTargets: registerTargets,
  DeregisterTargets: deregisterTargets,
  DescribeTargetHealth: describeTargetHealth,
};
