// Where a Classic Load Balancer's nodes are: the subnets it was made with (Subnets), or the default VPC's
// default subnets in the AZs asked for (AvailabilityZones, as the console does). Both API pairs change them:
// Enable/DisableAvailabilityZonesForLoadBalancer and Attach/DetachLoadBalancerToSubnets. A node keeps its
// address while its subnet stays; a new subnet gets a free one.
import {
  AttachLoadBalancerToSubnets$,
  DetachLoadBalancerFromSubnets$,
  DisableAvailabilityZonesForLoadBalancer$,
  EnableAvailabilityZonesForLoadBalancer$,
  type AddAvailabilityZonesInput,
  type AddAvailabilityZonesOutput,
  type AttachLoadBalancerToSubnetsInput,
  type AttachLoadBalancerToSubnetsOutput,
  type DetachLoadBalancerFromSubnetsInput,
  type DetachLoadBalancerFromSubnetsOutput,
  type RemoveAvailabilityZonesInput,
  type RemoveAvailabilityZonesOutput,
} from '@aws-sdk/client-elastic-load-balancing';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { allocatePrivateIp } from '../core/addressing';
import { PracticeError, validationError } from '../core/errors';
import { addressesInUse } from '../rds/placement';
import type { ClassicLoadBalancerRecord, RegionState, SubnetRecord } from '../core/records';
import type { World } from '../core/world';
import { findClassic, invalidConfiguration } from './model';

/** The subnets named, checked: they exist, share a VPC, one per AZ. */
export function subnetsNamed(ids: readonly string[], records: RegionState): SubnetRecord[] {
  const subnets = [...new Set(ids)].map((id) => {
    const subnet = records.subnets.find((s) => s.id === id);
    if (!subnet) throw new PracticeError('SubnetNotFound', `One or more subnets specified not found: ${id}`);
    return subnet;
  });
  if (new Set(subnets.map((s) => s.vpcId)).size > 1)
    throw new PracticeError('InvalidSubnet', 'The specified subnets must all be in the same VPC');
  if (new Set(subnets.map((s) => s.az)).size < subnets.length)
    throw invalidConfiguration('Only one subnet per Availability Zone can be attached to a load balancer');
  return subnets;
}

/** The default VPC's default subnet in each AZ asked for. */
export function subnetsForZones(azs: readonly string[], records: RegionState, region: string): SubnetRecord[] {
  if (azs.length === 0) throw validationError('Either AvailabilityZones or Subnets must be specified');
  const vpc = records.vpcs.find((v) => v.isDefault);
  if (!vpc) throw invalidConfiguration('There is no default VPC: specify Subnets');
  return [...new Set(azs)].map((az) => {
    const subnet =
      records.subnets.find((s) => s.vpcId === vpc.id && s.az === az && s.defaultForAz) ??
      records.subnets.find((s) => s.vpcId === vpc.id && s.az === az);
    if (!subnet) {
      const known = az.startsWith(region);
      throw validationError(
        known
          ? `The default VPC has no subnet in Availability Zone ${az}`
          : `Invalid Availability Zone: ${az} (region ${region})`,
      );
    }
    return subnet;
  });
}

/** One node per subnet: kept ones keep their address, new ones get a free one. */
export function placeNodes(
  world: World,
  records: RegionState,
  subnets: readonly SubnetRecord[],
  previous: ClassicLoadBalancerRecord['zones'],
): ClassicLoadBalancerRecord['zones'] {
  const used = addressesInUse(records);
  return subnets.map((subnet) => {
    const kept = previous.find((z) => z.subnetId === subnet.id);
    if (kept?.nodeIp) return kept;
    const nodeIp = allocatePrivateIp(world, subnet.cidr, used);
    used.add(nodeIp);
    return { az: subnet.az, subnetId: subnet.id, nodeIp };
  });
}

function setSubnets(context: RequestContext, lb: ClassicLoadBalancerRecord, subnets: SubnetRecord[]): void {
  if (subnets.length === 0) throw invalidConfiguration('A load balancer must be attached to at least one subnet');
  if (subnets.some((s) => s.vpcId !== lb.vpcId))
    throw new PracticeError('InvalidSubnet', `The specified subnets must be in the load balancer's VPC ${lb.vpcId}`);
  if (new Set(subnets.map((s) => s.az)).size < subnets.length)
    throw invalidConfiguration('Only one subnet per Availability Zone can be attached to a load balancer');
  const records = context.world.writableRegion(context.region);
  lb.zones = placeNodes(context.world, records, subnets, lb.zones);
  context.world.changed();
}

function subnetsOf(lb: ClassicLoadBalancerRecord, records: RegionState): SubnetRecord[] {
  return lb.zones.flatMap((z) => records.subnets.find((s) => s.id === z.subnetId) ?? []);
}

const enableZones = action<AddAvailabilityZonesInput, AddAvailabilityZonesOutput>(
  EnableAvailabilityZonesForLoadBalancer$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    const current = subnetsOf(lb, records);
    const added = subnetsForZones(input.AvailabilityZones ?? [], records, context.region).filter(
      (s) => !current.some((c) => c.az === s.az),
    );
    setSubnets(context, lb, [...current, ...added]);
    return { AvailabilityZones: lb.zones.map((z) => z.az) };
  },
);

const disableZones = action<RemoveAvailabilityZonesInput, RemoveAvailabilityZonesOutput>(
  DisableAvailabilityZonesForLoadBalancer$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    const removed = new Set(input.AvailabilityZones ?? []);
    if (removed.size === 0) throw validationError('AvailabilityZones must be specified');
    const left = subnetsOf(lb, records).filter((s) => !removed.has(s.az));
    if (left.length === 0) throw invalidConfiguration('Cannot disable all Availability Zones of a load balancer');
    setSubnets(context, lb, left);
    return { AvailabilityZones: lb.zones.map((z) => z.az) };
  },
);

const attachSubnets = action<AttachLoadBalancerToSubnetsInput, AttachLoadBalancerToSubnetsOutput>(
  AttachLoadBalancerToSubnets$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    const current = subnetsOf(lb, records);
    const added = subnetsNamed(input.Subnets ?? [], records).filter((s) => !current.some((c) => c.id === s.id));
    setSubnets(context, lb, [...current, ...added]);
    return { Subnets: lb.zones.map((z) => z.subnetId) };
  },
);

const detachSubnets = action<DetachLoadBalancerFromSubnetsInput, DetachLoadBalancerFromSubnetsOutput>(
  DetachLoadBalancerFromSubnets$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    const removed = new Set(input.Subnets ?? []);
    const left = subnetsOf(lb, records).filter((s) => !removed.has(s.id));
    if (left.length === 0) throw invalidConfiguration('Cannot detach all subnets from a load balancer');
    setSubnets(context, lb, left);
    return { Subnets: lb.zones.map((z) => z.subnetId) };
  },
);

export const classicZoneActions: Record<string, ActionDefinition> = {
  EnableAvailabilityZonesForLoadBalancer: enableZones,
  DisableAvailabilityZonesForLoadBalancer: disableZones,
  AttachLoadBalancerToSubnets: attachSubnets,
  DetachLoadBalancerFromSubnets: detachSubnets,
};
