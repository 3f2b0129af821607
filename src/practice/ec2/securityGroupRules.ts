// Security group rules: a rule is a protocol and port range with one source (ingress) or destination
// (egress); here they are read from IpPermissions or the legacy flat parameters, checked as AWS checks
// them, added to and removed from a group's permissions, shown as IpPermissions and SecurityGroupRules,
// and listed by DescribeSecurityGroupRules. Rule IDs (`sgr-...`) are derived from the rule itself, so
// they are stable without being stored. securityGroups.ts's actions use them.
import {
  DescribeSecurityGroupRules$,
  type AuthorizeSecurityGroupIngressRequest,
  type DescribeSecurityGroupRulesRequest,
  type DescribeSecurityGroupRulesResult,
  type IpPermission,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { invalidValue, missingParameter, required } from './writeCommon';
import { PracticeError } from '../core/errors';
import { derivedId } from '../core/ids';
import type { PermissionRecord, RegionState, SecurityGroupRecord } from '../core/records';

export type Direction = 'ingress' | 'egress';
type SourceKind = 'ipv4' | 'ipv6' | 'groups' | 'prefixLists';

/** One rule: a protocol and port range with one source (ingress) or destination (egress). */
export interface Rule {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  kind: SourceKind;
  /** The CIDR, group ID or prefix list ID. */
  value: string;
  description?: string;
}

// ---- rules <-> IpPermissions -----------------------------------------------------------------------

/** A held permission as DescribeSecurityGroups shows it. */
export function ipPermission(p: PermissionRecord): IpPermission {
  const allTraffic = p.protocol === '-1';
  return {
    IpProtocol: p.protocol,
    FromPort: allTraffic ? undefined : p.fromPort,
    ToPort: allTraffic ? undefined : p.toPort,
    IpRanges: p.ipv4.map((r) => ({ CidrIp: r.cidr, Description: r.description })),
    Ipv6Ranges: p.ipv6.map((r) => ({ CidrIpv6: r.cidr, Description: r.description })),
    PrefixListIds: p.prefixLists.map((r) => ({ PrefixListId: r.prefixListId, Description: r.description })),
    UserIdGroupPairs: p.groups.map((g) => ({
      GroupId: g.groupId,
      UserId: PRACTICE_ACCOUNT_ID,
      Description: g.description,
    })),
  };
}

const PROTOCOL_NAMES: Record<string, string> = {
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  icmpv6: 'icmpv6',
  '58': 'icmpv6',
  '-1': '-1',
  all: '-1',
};

function protocolName(value: string | undefined): string {
  const raw = required(value, 'IpProtocol').toLowerCase();
  const name = PROTOCOL_NAMES[raw] ?? (/^\d+$/.test(raw) && Number(raw) <= 255 ? raw : undefined);
  if (!name) throw invalidValue(`Invalid value '${value}' for IP protocol. Unknown protocol.`);
  return name;
}

/** AWS's port rules: TCP/UDP need both ends in 0..65535, ICMP takes type and code, others no ports. */
function portRange(
  protocol: string,
  from: number | undefined,
  to: number | undefined,
): { fromPort?: number; toPort?: number } {
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined)
      throw invalidValue("Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
    if (from < 0 || to > 65535 || from > to)
      throw invalidValue(`Invalid value 'from port ${from}, to port ${to}' for portRange`);
    return { fromPort: from, toPort: to };
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') return { fromPort: from ?? -1, toPort: to ?? -1 };
  return {};
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function checkCidr(cidr: string | undefined, kind: 'ipv4' | 'ipv6'): string {
  const value = required(cidr, kind === 'ipv4' ? 'CidrIp' : 'CidrIpv6');
  const v4 = IPV4_CIDR.exec(value);
  const ok =
    kind === 'ipv4'
      ? !!v4 && v4.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(v4[5]) <= 32
      : /^[0-9a-fA-F:]+\/(\d{1,3})$/.test(value) && value.includes(':') && Number(value.split('/')[1]) <= 128;
  if (!ok) throw invalidValue(`CIDR block ${value} is malformed`);
  return value;
}

export function findGroupByName(records: RegionState, name: string, vpcId?: string): SecurityGroupRecord | undefined {
  const vpc = vpcId ?? records.vpcs.find((v) => v.isDefault)?.id;
  return records.securityGroups.find((g) => g.name === name && g.vpcId === vpc);
}

/** The rules an authorize or revoke names: IpPermissions, or the legacy flat parameters. */
export function requestedRules(
  input: AuthorizeSecurityGroupIngressRequest,
  group: SecurityGroupRecord,
  records: RegionState,
): Rule[] {
  const permissions: IpPermission[] = [...(input.IpPermissions ?? [])];
  if (input.IpProtocol || input.CidrIp || input.SourceSecurityGroupName) {
    permissions.push({
      IpProtocol: input.IpProtocol ?? '-1',
      FromPort: input.FromPort,
      ToPort: input.ToPort,
      IpRanges: input.CidrIp ? [{ CidrIp: input.CidrIp }] : [],
      UserIdGroupPairs: input.SourceSecurityGroupName ? [{ GroupName: input.SourceSecurityGroupName }] : [],
    });
  }
  if (permissions.length === 0) throw missingParameter('IpPermissions');
  const rules: Rule[] = [];
  for (const p of permissions) {
    const protocol = protocolName(p.IpProtocol);
    const ports = portRange(protocol, p.FromPort, p.ToPort);
    const base = { protocol, ...ports };
    for (const r of p.IpRanges ?? [])
      rules.push({ ...base, kind: 'ipv4', value: checkCidr(r.CidrIp, 'ipv4'), description: r.Description });
    for (const r of p.Ipv6Ranges ?? [])
      rules.push({ ...base, kind: 'ipv6', value: checkCidr(r.CidrIpv6, 'ipv6'), description: r.Description });
    for (const r of p.PrefixListIds ?? [])
      rules.push({
        ...base,
        kind: 'prefixLists',
        value: required(r.PrefixListId, 'PrefixListId'),
        description: r.Description,
      });
    for (const pair of p.UserIdGroupPairs ?? []) {
      let peer: SecurityGroupRecord | undefined;
      if (pair.GroupId)
        [peer] = selectByIds(records.securityGroups, [pair.GroupId], (g) => g.id, ID_RULES.securityGroup);
      else if (pair.GroupName) peer = findGroupByName(records, pair.GroupName, group.vpcId);
      else throw missingParameter('GroupId');
      if (!peer)
        throw new PracticeError(
          'InvalidGroup.NotFound',
          `The security group '${pair.GroupName ?? pair.GroupId ?? ''}' does not exist`,
        );
      if (peer.vpcId !== group.vpcId)
        throw new PracticeError(
          'InvalidGroup.NotFound',
          'You have specified two resources that belong to different networks.',
        );
      rules.push({ ...base, kind: 'groups', value: peer.id, description: pair.Description });
    }
    if (!p.IpRanges?.length && !p.Ipv6Ranges?.length && !p.PrefixListIds?.length && !p.UserIdGroupPairs?.length) {
      throw missingParameter('IpPermissions.N.IpRanges, Ipv6Ranges, Groups or PrefixListIds');
    }
  }
  return rules;
}

function sourceValue(kind: SourceKind, source: { cidr?: string; groupId?: string; prefixListId?: string }): string {
  return (kind === 'groups' ? source.groupId : kind === 'prefixLists' ? source.prefixListId : source.cidr) ?? '';
}

/** Every rule a group holds in one direction, with where it sits in the records. */
export function rulesOf(
  group: SecurityGroupRecord,
  direction: Direction,
): { rule: Rule; permission: PermissionRecord }[] {
  const out: { rule: Rule; permission: PermissionRecord }[] = [];
  for (const permission of direction === 'ingress' ? group.inbound : group.outbound) {
    const base = { protocol: permission.protocol, fromPort: permission.fromPort, toPort: permission.toPort };
    for (const kind of ['ipv4', 'ipv6', 'groups', 'prefixLists'] as const) {
      for (const source of permission[kind])
        out.push({
          rule: { ...base, kind, value: sourceValue(kind, source), description: source.description },
          permission,
        });
    }
  }
  return out;
}

export const sameRule = (a: Rule, b: Rule) =>
  a.protocol === b.protocol &&
  (a.protocol === '-1' || (a.fromPort === b.fromPort && a.toPort === b.toPort)) &&
  a.kind === b.kind &&
  a.value === b.value;

export function ruleId(group: SecurityGroupRecord, direction: Direction, rule: Rule): string {
  return derivedId(
    'sgr',
    group.id,
    direction,
    rule.protocol,
    String(rule.fromPort ?? -1),
    String(rule.toPort ?? -1),
    rule.kind,
    rule.value,
  );
}

export function ruleView(
  context: RequestContext,
  group: SecurityGroupRecord,
  direction: Direction,
  rule: Rule,
): SecurityGroupRule {
  const id = ruleId(group, direction, rule);
  return {
    SecurityGroupRuleId: id,
    GroupId: group.id,
    GroupOwnerId: PRACTICE_ACCOUNT_ID,
    IsEgress: direction === 'egress',
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort ?? -1,
    ToPort: rule.toPort ?? -1,
    CidrIpv4: rule.kind === 'ipv4' ? rule.value : undefined,
    CidrIpv6: rule.kind === 'ipv6' ? rule.value : undefined,
    PrefixListId: rule.kind === 'prefixLists' ? rule.value : undefined,
    ReferencedGroupInfo: rule.kind === 'groups' ? { GroupId: rule.value, UserId: PRACTICE_ACCOUNT_ID } : undefined,
    Description: rule.description,
    Tags: [],
    SecurityGroupRuleArn: `arn:aws:ec2:${context.region}:${PRACTICE_ACCOUNT_ID}:security-group-rule/${id}`,
  };
}

/** AWS's words for a rule in InvalidPermission.Duplicate: `peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW`. */
export function ruleText(rule: Rule): string {
  const protocol = rule.protocol === '-1' ? 'ALL' : rule.protocol.toUpperCase();
  const ports = rule.fromPort === undefined ? '' : `, from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  return `peer: ${rule.value}, ${protocol}${ports}, ALLOW`;
}

export function addRule(group: SecurityGroupRecord, direction: Direction, rule: Rule): void {
  const permissions = direction === 'ingress' ? group.inbound : group.outbound;
  let permission = permissions.find(
    (p) =>
      p.protocol === rule.protocol &&
      (rule.protocol === '-1' || (p.fromPort === rule.fromPort && p.toPort === rule.toPort)),
  );
  if (!permission) {
    permission = {
      protocol: rule.protocol,
      fromPort: rule.fromPort,
      toPort: rule.toPort,
      ipv4: [],
      ipv6: [],
      groups: [],
      prefixLists: [],
    };
    permissions.push(permission);
  }
  const description = rule.description ? { description: rule.description } : {};
  if (rule.kind === 'groups') permission.groups.push({ groupId: rule.value, ...description });
  else if (rule.kind === 'prefixLists') permission.prefixLists.push({ prefixListId: rule.value, ...description });
  else permission[rule.kind].push({ cidr: rule.value, ...description });
}

export function removeRule(group: SecurityGroupRecord, direction: Direction, rule: Rule): void {
  const permissions = direction === 'ingress' ? group.inbound : group.outbound;
  for (const { rule: held, permission } of rulesOf(group, direction)) {
    if (!sameRule(held, rule)) continue;
    const sources = permission[rule.kind] as { cidr?: string; groupId?: string; prefixListId?: string }[];
    sources.splice(
      sources.findIndex((s) => sourceValue(rule.kind, s) === rule.value),
      1,
    );
    if (
      !permission.ipv4.length &&
      !permission.ipv6.length &&
      !permission.groups.length &&
      !permission.prefixLists.length
    ) {
      permissions.splice(permissions.indexOf(permission), 1);
    }
    return;
  }
}

/** A rule as an IpPermission again (RevokeSecurityGroup*'s UnknownIpPermissions). */
export function permissionOf(rule: Rule): IpPermission {
  return {
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort,
    ToPort: rule.toPort,
    IpRanges: rule.kind === 'ipv4' ? [{ CidrIp: rule.value }] : [],
    Ipv6Ranges: rule.kind === 'ipv6' ? [{ CidrIpv6: rule.value }] : [],
    PrefixListIds: rule.kind === 'prefixLists' ? [{ PrefixListId: rule.value }] : [],
    UserIdGroupPairs: rule.kind === 'groups' ? [{ GroupId: rule.value, UserId: PRACTICE_ACCOUNT_ID }] : [],
  };
}

// ---- DescribeSecurityGroupRules ---------------------------------------------------------------------

interface RuleEntry {
  group: SecurityGroupRecord;
  direction: Direction;
  rule: Rule;
  id: string;
}

const ruleFields: FilterFields<RuleEntry> = {
  'group-id': (r) => r.group.id,
  'security-group-rule-id': (r) => r.id,
};

const describeSecurityGroupRules = action<DescribeSecurityGroupRulesRequest, DescribeSecurityGroupRulesResult>(
  DescribeSecurityGroupRules$,
  (input, context) => {
    const pager = ec2Pager(
      input,
      { parameter: 'securityGroupRuleIds', values: input.SecurityGroupRuleIds },
      'security-group-rules',
      5,
      1000,
    );
    const entries: RuleEntry[] = context.records.securityGroups.flatMap((group) =>
      (['ingress', 'egress'] as const).flatMap((direction) =>
        rulesOf(group, direction).map(({ rule }) => ({ group, direction, rule, id: ruleId(group, direction, rule) })),
      ),
    );
    let selected = entries;
    if (input.SecurityGroupRuleIds?.length) {
      const missing = input.SecurityGroupRuleIds.filter((id) => !entries.some((e) => e.id === id));
      if (missing.length)
        throw new PracticeError(
          'InvalidSecurityGroupRuleId.NotFound',
          `The security group rule ID '${missing[0]}' does not exist`,
        );
      selected = entries.filter((e) => input.SecurityGroupRuleIds?.includes(e.id));
    }
    const page = pager(applyFilters(selected, input.Filters, ruleFields, () => ({})));
    return {
      SecurityGroupRules: page.items.map((e) => ruleView(context, e.group, e.direction, e.rule)),
      NextToken: page.next,
    };
  },
);

export const ec2SecurityGroupRuleActions: Record<string, ActionDefinition> = {
  DescribeSecurityGroupRules: describeSecurityGroupRules,
};
