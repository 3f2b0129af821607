// IpPermissions <-> security group rules: a rule is a protocol and port range with one source
// (ingress) or destination (egress). Here a request's IpPermissions (or the legacy flat parameters)
// become rules, checked as AWS checks them, and held permissions become IpPermissions again.
import type { AuthorizeSecurityGroupIngressRequest, IpPermission } from '@aws-sdk/client-ec2';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES } from './common';
import { selectByIds } from './filters';
import { invalidValue, missingParameter, required } from './writeCommon';
import { PracticeError } from '../core/errors';
import type { PermissionRecord, RegionState, SecurityGroupRecord } from '../core/records';

export type Direction = 'ingress' | 'egress';
export type SourceKind = 'ipv4' | 'ipv6' | 'groups' | 'prefixLists';

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
