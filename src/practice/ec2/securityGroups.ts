// EC2 security groups: DescribeSecurityGroups, CreateSecurityGroup (with AWS's default outbound rule)
// and DeleteSecurityGroup with AWS's dependency checks. Their rules (Authorize/Revoke,
// DescribeSecurityGroupRules) are securityGroupRules.ts's.
import {
  CreateSecurityGroup$,
  DeleteSecurityGroup$,
  DescribeSecurityGroups$,
  type CreateSecurityGroupRequest,
  type CreateSecurityGroupResult,
  type DeleteSecurityGroupRequest,
  type DeleteSecurityGroupResult,
  type DescribeSecurityGroupsRequest,
  type DescribeSecurityGroupsResult,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { findGroupByName, ipPermission } from './ipPermissions';
import { invalidValue, oneById, required, specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import { tagList, type PermissionRecord, type RegionState, type SecurityGroupRecord } from '../core/records';
import { allTraffic } from '../seed/startingState';

const groupArn = (context: RequestContext, id: string) =>
  `arn:aws:ec2:${context.region}:${PRACTICE_ACCOUNT_ID}:security-group/${id}`;

function permissionFields(
  prefix: string,
  permissions: (g: SecurityGroupRecord) => PermissionRecord[],
): FilterFields<SecurityGroupRecord> {
  return {
    [`${prefix}ip-permission.protocol`]: (g) => permissions(g).map((p) => p.protocol),
    [`${prefix}ip-permission.from-port`]: (g) => permissions(g).map((p) => p.fromPort),
    [`${prefix}ip-permission.to-port`]: (g) => permissions(g).map((p) => p.toPort),
    [`${prefix}ip-permission.cidr`]: (g) => permissions(g).flatMap((p) => p.ipv4.map((r) => r.cidr)),
    [`${prefix}ip-permission.ipv6-cidr`]: (g) => permissions(g).flatMap((p) => p.ipv6.map((r) => r.cidr)),
    [`${prefix}ip-permission.group-id`]: (g) => permissions(g).flatMap((p) => p.groups.map((r) => r.groupId)),
    [`${prefix}ip-permission.prefix-list-id`]: (g) =>
      permissions(g).flatMap((p) => p.prefixLists.map((r) => r.prefixListId)),
    [`${prefix}ip-permission.user-id`]: (g) =>
      permissions(g).some((p) => p.groups.length) ? PRACTICE_ACCOUNT_ID : undefined,
  };
}

const securityGroupFields: FilterFields<SecurityGroupRecord> = {
  'group-id': (g) => g.id,
  'group-name': (g) => g.name,
  description: (g) => g.description,
  'vpc-id': (g) => g.vpcId,
  'owner-id': () => PRACTICE_ACCOUNT_ID,
  ...permissionFields('', (g) => g.inbound),
  ...permissionFields('egress.', (g) => g.outbound),
};

const describeSecurityGroups = action<DescribeSecurityGroupsRequest, DescribeSecurityGroupsResult>(
  DescribeSecurityGroups$,
  (input, context) => {
    const ids = [...(input.GroupIds ?? []), ...(input.GroupNames ?? [])];
    const pager = ec2Pager(input, { parameter: 'groupIds', values: ids }, 'security-groups', 5, 1000);
    const { records } = context;
    let selected = selectByIds(records.securityGroups, input.GroupIds, (g) => g.id, ID_RULES.securityGroup);
    if (input.GroupNames?.length) {
      // By name, AWS looks in the default VPC only.
      const defaultVpc = records.vpcs.find((v) => v.isDefault);
      const inDefault = selected.filter((g) => g.vpcId === defaultVpc?.id);
      const missing = input.GroupNames.filter((n) => !inDefault.some((g) => g.name === n));
      if (missing.length) {
        throw new PracticeError(
          'InvalidGroup.NotFound',
          `The security group '${missing.join(', ')}' does not exist in default VPC '${defaultVpc?.id ?? 'none'}'`,
        );
      }
      selected = inDefault.filter((g) => input.GroupNames?.includes(g.name));
    }
    const filtered = applyFilters(selected, input.Filters, securityGroupFields, (g) => g.tags);
    const page = pager(filtered);
    return {
      SecurityGroups: page.items.map((g) => ({
        Description: g.description,
        GroupName: g.name,
        IpPermissions: g.inbound.map(ipPermission),
        OwnerId: PRACTICE_ACCOUNT_ID,
        GroupId: g.id,
        IpPermissionsEgress: g.outbound.map(ipPermission),
        Tags: tagList(g.tags),
        VpcId: g.vpcId,
        SecurityGroupArn: groupArn(context, g.id),
      })),
      NextToken: page.next,
    };
  },
);

// ---- the group an action names ---------------------------------------------------------------------

/** The group an action names: GroupId, else (where the action allows it) GroupName in the default VPC. */
export function targetGroup(
  records: RegionState,
  input: { GroupId?: string; GroupName?: string },
  byNameAllowed = true,
): SecurityGroupRecord {
  if (input.GroupId)
    return oneById(records.securityGroups, input.GroupId, (g) => g.id, ID_RULES.securityGroup, 'GroupId');
  if (input.GroupName && byNameAllowed) {
    const group = findGroupByName(records, input.GroupName);
    if (!group) {
      const vpc = records.vpcs.find((v) => v.isDefault)?.id ?? 'none';
      throw new PracticeError(
        'InvalidGroup.NotFound',
        `The security group '${input.GroupName}' does not exist in default VPC '${vpc}'`,
      );
    }
    return group;
  }
  throw new PracticeError(
    'MissingParameter',
    byNameAllowed
      ? 'The request must contain the parameter groupName or groupId'
      : 'The request must contain the parameter groupId',
  );
}

// ---- actions -----------------------------------------------------------------------------------------

/** Group names and descriptions: ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only, up to 255. */
const GROUP_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

const createSecurityGroup = action<CreateSecurityGroupRequest, CreateSecurityGroupResult>(
  CreateSecurityGroup$,
  (input, context) => {
    const name = required(input.GroupName, 'GroupName');
    const description = required(input.Description, 'GroupDescription');
    if (!GROUP_TEXT.test(name))
      throw invalidValue(
        `Value (${name}) for parameter GroupName is invalid. Character sets beyond ASCII are not supported.`,
      );
    if (!GROUP_TEXT.test(description)) {
      throw invalidValue(
        `Value (${description}) for parameter GroupDescription is invalid. Character sets beyond ASCII are not supported.`,
      );
    }
    if (name.toLowerCase().startsWith('sg-')) throw invalidValue('Group names may not be in the format sg-*.');
    const tags = specifiedTags(input.TagSpecifications, ['security-group'])['security-group'] ?? {};
    const records = context.world.writableRegion(context.region);
    let vpcId = input.VpcId;
    if (vpcId) oneById(records.vpcs, vpcId, (v) => v.id, ID_RULES.vpc, 'VpcId');
    else vpcId = records.vpcs.find((v) => v.isDefault)?.id;
    if (!vpcId) throw new PracticeError('VPCIdNotSpecified', 'No default VPC for this user');
    if (records.securityGroups.some((g) => g.name === name && g.vpcId === vpcId)) {
      throw new PracticeError(
        'InvalidGroup.Duplicate',
        `The security group '${name}' already exists for VPC '${vpcId}'`,
      );
    }
    const group: SecurityGroupRecord = {
      id: context.world.newId('sg'),
      name,
      description,
      vpcId,
      inbound: [],
      outbound: [allTraffic({ ipv4: [{ cidr: '0.0.0.0/0' }] })],
      tags,
    };
    records.securityGroups.push(group);
    context.world.changed();
    return { GroupId: group.id, Tags: tagList(group.tags), SecurityGroupArn: groupArn(context, group.id) };
  },
);

/** What keeps a group from being deleted: instances, load balancers, databases, other groups' rules. */
function dependents(records: RegionState, group: SecurityGroupRecord): string[] {
  const uses = (ids: readonly string[]) => ids.includes(group.id);
  return [
    ...records.instances.filter((i) => i.state !== 'terminated' && uses(i.securityGroupIds)).map((i) => i.id),
    ...records.loadBalancers.filter((lb) => uses(lb.securityGroupIds)).map((lb) => lb.arn),
    ...(records.classicLoadBalancers ?? []).filter((lb) => uses(lb.securityGroupIds)).map((lb) => lb.name),
    ...records.dbInstances.filter((db) => uses(db.securityGroupIds)).map((db) => db.id),
    ...records.dbClusters.filter((c) => uses(c.securityGroupIds)).map((c) => c.id),
    ...records.securityGroups
      .filter(
        (g) =>
          g.id !== group.id && [...g.inbound, ...g.outbound].some((p) => p.groups.some((s) => s.groupId === group.id)),
      )
      .map((g) => g.id),
  ];
}

const deleteSecurityGroup = action<DeleteSecurityGroupRequest, DeleteSecurityGroupResult>(
  DeleteSecurityGroup$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const group = targetGroup(records, input);
    if (group.name === 'default') {
      throw new PracticeError(
        'CannotDelete',
        `the specified group: "${group.id}" name: "default" cannot be deleted by a user`,
      );
    }
    if (dependents(records, group).length) {
      throw new PracticeError('DependencyViolation', `resource ${group.id} has a dependent object`);
    }
    records.securityGroups.splice(records.securityGroups.indexOf(group), 1);
    context.world.changed();
    return { Return: true, GroupId: group.id };
  },
);

export const ec2SecurityGroupActions: Record<string, ActionDefinition> = {
  DescribeSecurityGroups: describeSecurityGroups,
  CreateSecurityGroup: createSecurityGroup,
  DeleteSecurityGroup: deleteSecurityGroup,
};
