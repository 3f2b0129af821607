// Who reaches an address in a VPC, as AWS routes it. From the internet (the student's computer), a packet to a
// public address arrives only when the subnet's route table (its explicit association, else the VPC's main
// table) sends the student's address to an internet gateway attached to the VPC: the reply leaves by that
// route. The longest prefix holding the address wins, and a route whose gateway is gone or detached is a
// blackhole (the packet is dropped, no fallback to a shorter route). Inside the VPC the `local` route joins
// every subnet, so only the security groups decide (firewall.ts). Pure functions over the records.
import { cidrContains, parseCidr } from '../core/addressing';
import { PRACTICE_STUDENT_IP } from '../core/constants';
import type { RouteRecord, RouteTableRecord } from '../core/networkRecords';
import type { InstanceRecord, LoadBalancerRecord, RegionState } from '../core/records';
import { routeState } from '../ec2/routeTables';
import { admitsInbound } from './firewall';

/** The student's computer as the security groups see it: an internet address, no group. */
export const STUDENT = { ip: PRACTICE_STUDENT_IP, groupIds: [] as string[] };

/** The table a subnet uses: its explicit association, else its VPC's main table. */
export function routeTableOf(records: RegionState, subnetId: string): RouteTableRecord | undefined {
  const subnet = records.subnets.find((s) => s.id === subnetId);
  if (!subnet) return undefined;
  return (
    records.routeTables.find((t) => t.vpcId === subnet.vpcId && t.subnetIds.includes(subnet.id)) ??
    records.routeTables.find((t) => t.vpcId === subnet.vpcId && t.main)
  );
}

const IPV4_CIDR = /^\d+\.\d+\.\d+\.\d+\/\d+$/;

/** The route the table picks for an IPv4 address: the longest prefix holding it. */
export function routeFor(table: RouteTableRecord, ip: string): RouteRecord | undefined {
  let best: { route: RouteRecord; prefix: number } | undefined;
  for (const route of table.routes) {
    if (!IPV4_CIDR.test(route.destination) || !cidrContains(route.destination, ip)) continue;
    const { prefix } = parseCidr(route.destination);
    if (!best || prefix > best.prefix) best = { route, prefix };
  }
  return best?.route;
}

/** Does the subnet exchange packets with the internet address (an active route to an attached IGW)? */
export function subnetReachesInternet(records: RegionState, subnetId: string, ip = PRACTICE_STUDENT_IP): boolean {
  const table = routeTableOf(records, subnetId);
  const route = table && routeFor(table, ip);
  return !!table && !!route?.gatewayId?.startsWith('igw-') && routeState(records, table, route) === 'active';
}

/** The instance's public address: its Elastic IP, else the auto-assigned one. */
export function publicAddressOf(records: RegionState, instance: InstanceRecord): string | undefined {
  return records.addresses.find((a) => a.association?.instanceId === instance.id)?.publicIp ?? instance.autoPublicIp;
}

/**
 * Does a connection from the student's computer to the instance's public address on `port` arrive? It runs,
 * has a public address, its subnet routes to an attached IGW, and its security groups admit the student.
 */
export function reachableFromInternet(records: RegionState, instance: InstanceRecord, port: number): boolean {
  return (
    instance.state === 'running' &&
    publicAddressOf(records, instance) !== undefined &&
    subnetReachesInternet(records, instance.subnetId) &&
    admitsInbound(instance.securityGroupIds, STUDENT, port, records.securityGroups)
  );
}

/** Does the load balancer's node in this subnet answer the student (internet-facing, public subnet)? */
export function nodeReachableFromInternet(
  records: RegionState,
  lb: Pick<LoadBalancerRecord, 'scheme'>,
  subnetId: string,
): boolean {
  return lb.scheme === 'internet-facing' && subnetReachesInternet(records, subnetId);
}
