// Where a DB instance's copies live: the primary (and a Multi-AZ standby) each in one subnet of the DB subnet
// group, with a private IP there. New instances get theirs from the practice's allocator (allocatePlacement);
// records written by an older build have none, so a stable one is derived from the identifier (placementOf).
import { createHash } from 'node:crypto';
import { allocatePrivateIp, parseCidr, numberToIp } from '../core/addressing';
import type { DbInstanceRecord, DbPlacement, RegionState, SubnetRecord } from '../core/records';
import type { World } from '../core/world';

/** Every private IP the region's EC2 instances, load balancers, NAT gateways and DB instances hold. */
export function addressesInUse(region: RegionState): Set<string> {
  const used = new Set<string>();
  for (const i of region.instances) if (i.state !== 'terminated') used.add(i.privateIp);
  for (const lb of region.loadBalancers) for (const z of lb.zones) if (z.nodeIp) used.add(z.nodeIp);
  for (const lb of region.classicLoadBalancers ?? []) for (const z of lb.zones) if (z.nodeIp) used.add(z.nodeIp);
  for (const n of region.natGateways) if (n.privateIp && n.state !== 'deleted') used.add(n.privateIp);
  for (const d of region.dbInstances) {
    const primary = primaryOf(region, d);
    if (primary) used.add(primary.privateIp);
    const standby = d.standby ?? standbyOf(region, d);
    if (standby) used.add(standby.privateIp);
  }
  return used;
}

/** The DB subnet group's subnets, in the group's order. */
export function groupSubnets(region: RegionState, groupName: string): SubnetRecord[] {
  const group = region.dbSubnetGroups.find((g) => g.name === groupName);
  const byId = new Map(region.subnets.map((s) => [s.id, s]));
  return (group?.subnetIds ?? []).flatMap((id) => byId.get(id) ?? []);
}

/** A new copy in `az`: the group's first subnet there, a free address in it. */
export function allocatePlacement(
  world: World,
  region: RegionState,
  groupName: string,
  az: string,
  used: Set<string> = addressesInUse(region),
): DbPlacement | undefined {
  const subnet = groupSubnets(region, groupName).find((s) => s.az === az);
  if (!subnet) return undefined;
  const privateIp = allocatePrivateIp(world, subnet.cidr, used);
  used.add(privateIp);
  return { az, subnetId: subnet.id, privateIp };
}

/** A stable address for a record without one (older state files): from a hash of its identifier, skipping the
 *  addresses EC2's instances, load balancers and NAT gateways hold in the subnet. */
function derivedIp(region: RegionState, subnet: SubnetRecord, seed: string): string {
  const { base, size } = parseCidr(subnet.cidr);
  const count = Math.max(1, size - 5);
  const taken = new Set<string>();
  for (const i of region.instances) if (i.state !== 'terminated' && i.subnetId === subnet.id) taken.add(i.privateIp);
  for (const lb of region.loadBalancers)
    for (const z of lb.zones) if (z.subnetId === subnet.id && z.nodeIp) taken.add(z.nodeIp);
  for (const n of region.natGateways) if (n.subnetId === subnet.id && n.privateIp) taken.add(n.privateIp);
  const start = createHash('sha256').update(seed).digest().readUInt32BE(0);
  for (let k = 0; k < count; k++) {
    const ip = numberToIp(base + 4 + ((start + k) % count));
    if (!taken.has(ip)) return ip;
  }
  return numberToIp(base + 4 + (start % count));
}

function placementIn(region: RegionState, d: DbInstanceRecord, az: string, seed: string): DbPlacement | undefined {
  const subnet = groupSubnets(region, d.subnetGroupName).find((s) => s.az === az);
  return subnet ? { az, subnetId: subnet.id, privateIp: derivedIp(region, subnet, seed) } : undefined;
}

/** The primary's placement now (the record's, else derived). */
export function primaryOf(region: RegionState, d: DbInstanceRecord): DbPlacement | undefined {
  if (d.subnetId && d.privateIp) return { az: d.az, subnetId: d.subnetId, privateIp: d.privateIp };
  return placementIn(region, d, d.az, `${d.id}/primary`);
}

/** The standby's placement, Multi-AZ only (the record's, else derived). */
export function standbyOf(region: RegionState, d: DbInstanceRecord): DbPlacement | undefined {
  if (!d.multiAz) return undefined;
  if (d.standby) return d.standby;
  return d.secondaryAz ? placementIn(region, d, d.secondaryAz, `${d.id}/standby`) : undefined;
}

/** The DB instances with an address (primary, standby, or a standby being built) in the subnet: they keep it. */
export function dbInstancesIn(region: RegionState, subnetId: string): string[] {
  return region.dbInstances
    .filter(
      (d) => primaryOf(region, d)?.subnetId === subnetId || (d.standby ?? standbyOf(region, d))?.subnetId === subnetId,
    )
    .map((d) => d.id);
}
