// Security group rules, the rule as a resource: AuthorizeSecurityGroupIngress/Egress,
// RevokeSecurityGroupIngress/Egress (by IpPermissions, the legacy flat parameters, or rule ID) and
// DescribeSecurityGroupRules. Rule IDs (`sgr-...`) are derived from the rule itself, so they are stable
// without being stored; ipPermissions.ts reads the requests' rules.
import {
  AuthorizeSecurityGroupEgress$,
  AuthorizeSecurityGroupIngress$,
  DescribeSecurityGroupRules$,
  RevokeSecurityGroupEgress$,
  RevokeSecurityGroupIngress$,
  type AuthorizeSecurityGroupIngressRequest,
  type AuthorizeSecurityGroupIngressResult,
  type DescribeSecurityGroupRulesRequest,
  type DescribeSecurityGroupRulesResult,
  type RevokeSecurityGroupIngressRequest,
  type RevokeSecurityGroupIngressResult,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ec2Pager } from './common';
import { applyFilters, type FilterFields } from './filters';
import { permissionOf, requestedRules, type Direction, type Rule, type SourceKind } from './ipPermissions';
import { targetGroup } from './securityGroups';
import { specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import { derivedId } from '../core/ids';
import type { PermissionRecord, SecurityGroupRecord } from '../core/records';

function sourceValue(kind: SourceKind, source: { cidr?: string; groupId?: string; prefixListId?: string }): string {
  return (kind === 'groups' ? source.groupId : kind === 'prefixLists' ? source.prefixListId : source.cidr) ?? '';
}

/** Every rule a group holds in one direction, with where it sits in the records. */
function rulesOf(group: SecurityGroupRecord, direction: Direction): { rule: Rule; permission: PermissionRecord }[] {
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

const sameRule = (a: Rule, b: Rule) =>
  a.protocol === b.protocol &&
  (a.protocol === '-1' || (a.fromPort === b.fromPort && a.toPort === b.toPort)) &&
  a.kind === b.kind &&
  a.value === b.value;

function ruleId(group: SecurityGroupRecord, direction: Direction, rule: Rule): string {
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

function ruleView(
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
function ruleText(rule: Rule): string {
  const protocol = rule.protocol === '-1' ? 'ALL' : rule.protocol.toUpperCase();
  const ports = rule.fromPort === undefined ? '' : `, from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  return `peer: ${rule.value}, ${protocol}${ports}, ALLOW`;
}

function addRule(group: SecurityGroupRecord, direction: Direction, rule: Rule): void {
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

function removeRule(group: SecurityGroupRecord, direction: Direction, rule: Rule): void {
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

// ---- Authorize / Revoke ----------------------------------------------------------------------------

function authorize(direction: Direction) {
  return (
    input: AuthorizeSecurityGroupIngressRequest,
    context: RequestContext,
  ): AuthorizeSecurityGroupIngressResult => {
    const records = context.world.writableRegion(context.region);
    const group = targetGroup(records, input, direction === 'ingress');
    specifiedTags(input.TagSpecifications, ['security-group-rule']); // validated; rule tags are not kept
    const rules = requestedRules(input, group, records);
    const held = rulesOf(group, direction).map((r) => r.rule);
    rules.forEach((rule, i) => {
      if (held.some((h) => sameRule(h, rule)) || rules.slice(0, i).some((r) => sameRule(r, rule))) {
        throw new PracticeError('InvalidPermission.Duplicate', `the specified rule "${ruleText(rule)}" already exists`);
      }
    });
    for (const rule of rules) addRule(group, direction, rule);
    context.world.changed();
    return { Return: true, SecurityGroupRules: rules.map((rule) => ruleView(context, group, direction, rule)) };
  };
}

function revoke(direction: Direction) {
  return (input: RevokeSecurityGroupIngressRequest, context: RequestContext): RevokeSecurityGroupIngressResult => {
    const records = context.world.writableRegion(context.region);
    const group = targetGroup(records, input, direction === 'ingress');
    const held = rulesOf(group, direction).map((r) => r.rule);
    let toRevoke: Rule[];
    const unknown: Rule[] = [];
    if (input.SecurityGroupRuleIds?.length) {
      toRevoke = input.SecurityGroupRuleIds.map((id) => {
        const rule = held.find((h) => ruleId(group, direction, h) === id);
        if (!rule)
          throw new PracticeError(
            'InvalidSecurityGroupRuleId.NotFound',
            `The security group rule ID '${id}' does not exist`,
          );
        return rule;
      });
    } else {
      toRevoke = [];
      for (const rule of requestedRules(input, group, records)) {
        const match = held.find((h) => sameRule(h, rule));
        if (match) toRevoke.push(match);
        else unknown.push(rule);
      }
      if (toRevoke.length === 0)
        throw new PracticeError(
          'InvalidPermission.NotFound',
          'The specified rule does not exist in this security group.',
        );
    }
    for (const rule of toRevoke) removeRule(group, direction, rule);
    context.world.changed();
    return {
      Return: true,
      UnknownIpPermissions: unknown.length ? unknown.map(permissionOf) : undefined,
      RevokedSecurityGroupRules: toRevoke.map((rule) => {
        const view = ruleView(context, group, direction, rule);
        return {
          SecurityGroupRuleId: view.SecurityGroupRuleId,
          GroupId: group.id,
          IsEgress: view.IsEgress,
          IpProtocol: view.IpProtocol,
          FromPort: view.FromPort,
          ToPort: view.ToPort,
          CidrIpv4: view.CidrIpv4,
          CidrIpv6: view.CidrIpv6,
          PrefixListId: view.PrefixListId,
          ReferencedGroupId: view.ReferencedGroupInfo?.GroupId,
          Description: view.Description,
        };
      }),
    };
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
  AuthorizeSecurityGroupIngress: action(AuthorizeSecurityGroupIngress$, authorize('ingress')),
  AuthorizeSecurityGroupEgress: action(AuthorizeSecurityGroupEgress$, authorize('egress')),
  RevokeSecurityGroupIngress: action(RevokeSecurityGroupIngress$, revoke('ingress')),
  RevokeSecurityGroupEgress: action(RevokeSecurityGroupEgress$, revoke('egress')),
  DescribeSecurityGroupRules: describeSecurityGroupRules,
};
