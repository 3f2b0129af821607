// Security groups as the network enforces them: a packet is admitted when any rule of any of the
// interface's groups matches its protocol, port, and source (a CIDR holding the source address, or a
// group the source interface belongs to). Pure functions over the records; IPv4 and TCP are all the
// practice web traffic needs.
import { cidrContains } from '../core/addressing';
import type { PermissionRecord, SecurityGroupRecord } from '../core/records';

/** One end of a connection: its address and the security groups of its network interface. */
export interface Endpoint {
  ip: string;
  groupIds: readonly string[];
}

function coversPort(rule: PermissionRecord, protocol: 'tcp' | 'udp', port: number): boolean {
  if (rule.protocol === '-1') return true;
  if (rule.protocol !== protocol && rule.protocol !== (protocol === 'tcp' ? '6' : '17')) return false;
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  return (from === -1 && to === -1) || (port >= from && port <= to);
}

/** The rule matches the peer (a CIDR holding its address, or one of its groups). */
function coversPeer(rule: PermissionRecord, peer: Endpoint): boolean {
  return (
    rule.ipv4.some((r) => cidrContains(r.cidr, peer.ip)) || rule.groups.some((g) => peer.groupIds.includes(g.groupId))
  );
}

function groupsOf(ids: readonly string[], groups: readonly SecurityGroupRecord[]): SecurityGroupRecord[] {
  return groups.filter((g) => ids.includes(g.id));
}

/** Inbound: do `receiver`'s groups admit a connection from `sender` on this port? */
export function admitsInbound(
  receiverGroupIds: readonly string[],
  sender: Endpoint,
  port: number,
  groups: readonly SecurityGroupRecord[],
  protocol: 'tcp' | 'udp' = 'tcp',
): boolean {
  return groupsOf(receiverGroupIds, groups).some((g) =>
    g.inbound.some((rule) => coversPort(rule, protocol, port) && coversPeer(rule, sender)),
  );
}

/** Outbound: do `sender`'s groups let a connection out to `receiver` on this port? */
export function allowsOutbound(
  senderGroupIds: readonly string[],
  receiver: Endpoint,
  port: number,
  groups: readonly SecurityGroupRecord[],
  protocol: 'tcp' | 'udp' = 'tcp',
): boolean {
  return groupsOf(senderGroupIds, groups).some((g) =>
    g.outbound.some((rule) => coversPort(rule, protocol, port) && coversPeer(rule, receiver)),
  );
}

/** A connection from `sender` to `receiver` passes both ends' security groups (they are stateful: replies pass). */
export function connectionAllowed(
  sender: Endpoint,
  receiver: Endpoint,
  port: number,
  groups: readonly SecurityGroupRecord[],
): boolean {
  return (
    allowsOutbound(sender.groupIds, receiver, port, groups) && admitsInbound(receiver.groupIds, sender, port, groups)
  );
}
