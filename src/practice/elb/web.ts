// What the web needs of a Classic Load Balancer (machine/web.ts answers its DNS name): which one a host names,
// and the instances a request may go to — InService ones, those of the node's own AZ first (without cross-zone
// load balancing a node keeps to its AZ; a node whose AZ has none is taken out of DNS, so the others serve).
// A CLB's own answers have no body, as AWS's.
import type { ClassicLoadBalancerRecord, InstanceRecord, RegionState } from '../core/records';
import type { Speed } from '../core/world';
import { ClassicHealthEvaluator } from './health';
import { classicLoadBalancers } from './model';

export function classicByDnsName(records: RegionState, host: string): ClassicLoadBalancerRecord | undefined {
  return classicLoadBalancers(records).find((lb) => lb.dnsName.toLowerCase() === host);
}

export function classicNamed(records: RegionState, name: string): ClassicLoadBalancerRecord | undefined {
  return classicLoadBalancers(records).find((lb) => lb.name === name);
}

/** The InService instances a request landing on the node in `az` may go to; `changed` when health findings were recorded. */
export function classicPool(
  records: RegionState,
  lb: ClassicLoadBalancerRecord,
  az: string,
  now: Date,
  speed: Speed,
): { pool: InstanceRecord[]; changed: boolean } {
  const evaluator = new ClassicHealthEvaluator(records, now, speed);
  const changed = evaluator.refresh([lb]); // this load balancer's instances: a request needs no other's
  const inService = lb.instances
    .filter((registered) => evaluator.health(lb, registered).state === 'InService')
    .flatMap((registered) => evaluator.instance(registered.id) ?? []);
  const local = inService.filter((i) => i.az === az);
  const crossZone = lb.attributes?.crossZone ?? false;
  return { pool: crossZone || local.length === 0 ? inService : local, changed };
}

/** The CLB's own answer (no healthy instance 503, a back end not answering 504, refusing 502): no body. */
export function classicErrorAnswer(status: number): { status: number; contentType: string; body: string } {
  return { status, contentType: 'text/plain', body: '' };
}
