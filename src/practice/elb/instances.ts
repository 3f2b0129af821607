// Instances registered on a Classic Load Balancer (no target group): RegisterInstancesWithLoadBalancer and
// DeregisterInstancesFromLoadBalancer (InvalidInstance for an unknown instance, one in another VPC, or one not
// registered), and DescribeInstanceHealth (every registered instance, or the ones asked for), evaluated by health.ts.
import {
  DeregisterInstancesFromLoadBalancer$,
  DescribeInstanceHealth$,
  RegisterInstancesWithLoadBalancer$,
  type DeregisterEndPointsInput,
  type DeregisterEndPointsOutput,
  type DescribeEndPointStateInput,
  type DescribeEndPointStateOutput,
  type Instance,
  type RegisterEndPointsInput,
  type RegisterEndPointsOutput,
} from '@aws-sdk/client-elastic-load-balancing';
import { action, type ActionDefinition } from '../core/actions';
import { validationError } from '../core/errors';
import type { ClassicLoadBalancerRecord, RegionState } from '../core/records';
import { ClassicHealthEvaluator } from './health';
import { findClassic, invalidInstance } from './model';

function idsOf(instances: readonly Instance[] | undefined): string[] {
  if (!instances?.length)
    throw validationError(
      "1 validation error detected: Value null at 'instances' failed to satisfy constraint: Member must not be null",
    );
  return [...new Set(instances.map((i) => i.InstanceId ?? ''))];
}

/** Every instance EC2 knows in the load balancer's VPC (a terminated one is gone). */
function checkInstances(lb: ClassicLoadBalancerRecord, ids: readonly string[], records: RegionState): void {
  const bad = ids.filter((id) => {
    const instance = records.instances.find((i) => i.id === id);
    return !instance || instance.state === 'terminated' || instance.vpcId !== lb.vpcId;
  });
  if (bad.length) throw invalidInstance(`The requested instance IDs are not valid: [${bad.join(', ')}]`);
}

const registeredList = (lb: ClassicLoadBalancerRecord) => lb.instances.map((i) => ({ InstanceId: i.id }));

const register = action<RegisterEndPointsInput, RegisterEndPointsOutput>(
  RegisterInstancesWithLoadBalancer$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    const ids = idsOf(input.Instances);
    checkInstances(lb, ids, records);
    for (const id of ids) {
      if (lb.instances.some((i) => i.id === id)) continue; // registering again changes nothing
      lb.instances.push({
        id,
        registeredAt: context.now.toISOString(),
        health: { state: 'initial', reason: 'Elb.RegistrationInProgress' },
      });
    }
    context.world.changed();
    return { Instances: registeredList(lb) };
  },
);

const deregister = action<DeregisterEndPointsInput, DeregisterEndPointsOutput>(
  DeregisterInstancesFromLoadBalancer$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    const ids = idsOf(input.Instances);
    const missing = ids.filter((id) => !lb.instances.some((i) => i.id === id));
    if (missing.length) throw invalidInstance(`The requested instance IDs are not valid: [${missing.join(', ')}]`);
    lb.instances = lb.instances.filter((i) => !ids.includes(i.id));
    context.world.changed();
    return { Instances: registeredList(lb) };
  },
);

const describeInstanceHealth = action<DescribeEndPointStateInput, DescribeEndPointStateOutput>(
  DescribeInstanceHealth$,
  (input, context) => {
    const lb = findClassic(context.records, input.LoadBalancerName);
    const asked = input.Instances?.length ? [...new Set(input.Instances.map((i) => i.InstanceId ?? ''))] : undefined;
    const missing = (asked ?? []).filter((id) => !lb.instances.some((i) => i.id === id));
    if (missing.length) throw invalidInstance(`Could not find EC2 instance ${missing.join(', ')}.`);
    const evaluator = new ClassicHealthEvaluator(context.records, context.now, context.world.clock.speed);
    const rows = asked ? asked.flatMap((id) => lb.instances.find((i) => i.id === id) ?? []) : lb.instances;
    return {
      InstanceStates: rows.map((registered) => {
        const health = evaluator.health(lb, registered);
        return {
          InstanceId: registered.id,
          State: health.state,
          ReasonCode: health.reasonCode,
          Description: health.description,
        };
      }),
    };
  },
);

export const classicInstanceActions: Record<string, ActionDefinition> = {
  RegisterInstancesWithLoadBalancer: register,
  DeregisterInstancesFromLoadBalancer: deregister,
  DescribeInstanceHealth: describeInstanceHealth,
};
