// Security-group reasoning the checks share: does a group admit a source on a port, which rules open a port to
// the internet. Pure functions of the inventory's flattened rules.
import type { Inventory, LoadBalancer, SecurityGroup, SecurityGroupRule } from '../../aws/types';

/** A rule covers a TCP port when it is all traffic, or TCP with the port in its range. */
export function coversTcpPort(rule: SecurityGroupRule, port: number): boolean {
  if (rule.protocol === '-1' || rule.protocol === 'all') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  return from <= port && port <= to;
}

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 0 || v > 255 || p === '') return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** "10.0.0.0/16" -> network number and prefix length. */
export function parseCidr(cidr: string): { net: number; prefix: number } | undefined {
  const [ip, bits] = cidr.split('/');
  const n = ip === undefined ? undefined : ipv4ToNumber(ip);
  const prefix = bits === undefined ? 32 : Number(bits);
  if (n === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  return { net: prefix === 0 ? 0 : n - (n % 2 ** (32 - prefix)), prefix };
}

/** Whether `outer` contains every address of `inner` (an address is a /32). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i || i.prefix < o.prefix) return false;
  return i.net - (i.net % 2 ** (32 - o.prefix)) === o.net;
}

export function groupsOf(inv: Inventory, ids: readonly string[]): SecurityGroup[] {
  return ids.flatMap((id) => inv.securityGroups.filter((g) => g.id === id));
}

/** Whether the inventory has the groups at all (the security-group section may have failed). */
export function knowsGroups(inv: Inventory, ids: readonly string[]): boolean {
  return ids.length > 0 && ids.every((id) => inv.securityGroups.some((g) => g.id === id));
}

/** The CIDRs a load balancer's nodes send from: its subnets'. */
export function loadBalancerCidrs(inv: Inventory, lb: LoadBalancer): string[] {
  return lb.zones.flatMap((z) => inv.subnets.filter((s) => s.id === z.subnetId).map((s) => s.cidr));
}

/**
 * Whether the groups admit the load balancer on a TCP port: a rule whose source is one of its security groups,
 * or IPv4 CIDRs that contain every subnet its nodes live in.
 */
export function admitsLoadBalancer(
  groups: readonly SecurityGroup[],
  inv: Inventory,
  lb: LoadBalancer,
  port: number,
): boolean {
  const lbGroups = new Set(lb.securityGroupIds);
  const nodeCidrs = loadBalancerCidrs(inv, lb);
  const rules = groups.flatMap((g) => g.inbound).filter((r) => coversTcpPort(r, port));
  if (rules.some((r) => r.source.kind === 'group' && lbGroups.has(r.source.groupId))) return true;
  const cidrs = rules.flatMap((r) => (r.source.kind === 'cidr' ? [r.source.cidr] : []));
  return nodeCidrs.length > 0 && nodeCidrs.every((node) => cidrs.some((c) => cidrContains(c, node)));
}

/** Whether the groups admit another group on a TCP port (a rule naming it as source). */
export function admitsGroup(groups: readonly SecurityGroup[], sourceGroupId: string, port: number): boolean {
  return groups.some((g) =>
    g.inbound.some((r) => coversTcpPort(r, port) && r.source.kind === 'group' && r.source.groupId === sourceGroupId),
  );
}

/** An inbound rule that lets addresses (not a security group) reach a port: what 1.9 removes. */
export interface AddressRule {
  readonly group: SecurityGroup;
  readonly rule: SecurityGroupRule;
  /** "0.0.0.0/0", "::/0", "203.0.113.25/32", or a prefix list ID. */
  readonly source: string;
}

/**
 * Rules that let addresses reach a port. CIDRs inside `privateCidrs` (the VPC's: the load balancer's nodes live
 * there) are not a way in from the internet and are left out.
 */
export function addressRules(
  groups: readonly SecurityGroup[],
  port: number,
  privateCidrs: readonly string[] = [],
): AddressRule[] {
  const found: AddressRule[] = [];
  for (const group of groups) {
    for (const rule of group.inbound) {
      if (!coversTcpPort(rule, port)) continue;
      const s = rule.source;
      if (s.kind === 'cidr' && privateCidrs.some((p) => cidrContains(p, s.cidr))) continue;
      if (s.kind === 'cidr' || s.kind === 'cidr6') found.push({ group, rule, source: s.cidr });
      else if (s.kind === 'prefixList') found.push({ group, rule, source: s.prefixListId });
    }
  }
  return found;
}

/** The groups as they would be without some of their inbound rules (what 1.9 leaves once the open rules go). */
export function withoutRules(groups: readonly SecurityGroup[], removed: readonly AddressRule[]): SecurityGroup[] {
  return groups.map((g) => ({
    ...g,
    inbound: g.inbound.filter((r) => !removed.some((x) => x.group.id === g.id && x.rule === r)),
  }));
}

/** Whether any of the groups admits the whole internet (IPv4 or IPv6) on a TCP port. */
export function openToInternet(groups: readonly SecurityGroup[], port: number): boolean {
  return addressRules(groups, port).some((r) => r.source === '0.0.0.0/0' || r.source === '::/0');
}

/** Whether the groups admit some addresses (the student's, or everyone) on a TCP port: a browser or SSH can get in. */
export function admitsAddresses(groups: readonly SecurityGroup[], port: number): boolean {
  return addressRules(groups, port).length > 0;
}

/** Whether a source is the whole internet (IPv4 or IPv6), as opposed to one address or a range. */
export function isAnywhere(source: string): boolean {
  return source === '0.0.0.0/0' || source === '::/0';
}
