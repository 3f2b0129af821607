// DB subnet groups: Describe, Create (two AZs at least, existing subnets of one VPC, names stored lowercase),
// Modify (the subnets a DB instance sits in stay), Delete (refused while an instance or cluster uses it).
import {
  CreateDBSubnetGroup$,
  DeleteDBSubnetGroup$,
  DescribeDBSubnetGroups$,
  ModifyDBSubnetGroup$,
  type CreateDBSubnetGroupMessage,
  type CreateDBSubnetGroupResult,
  type DBSubnetGroup,
  type DBSubnetGroupMessage,
  type DeleteDBSubnetGroupMessage,
  type DescribeDBSubnetGroupsMessage,
  type ModifyDBSubnetGroupMessage,
  type ModifyDBSubnetGroupResult,
} from '@aws-sdk/client-rds';
import { action } from '../core/actions';
import { PracticeError } from '../core/errors';
import { paginate, rdsRules } from '../core/pagination';
import type { DbSubnetGroupRecord, RegionState, SubnetRecord } from '../core/records';
import { invalidValue, missing, tagsOf, writable } from './common';
import { rdsArn } from './names';
import { primaryOf, standbyOf } from './placement';

export function subnetGroupView(
  group: DbSubnetGroupRecord | undefined,
  name: string,
  records: RegionState,
): DBSubnetGroup {
  const subnets = new Map(records.subnets.map((s) => [s.id, s]));
  return {
    DBSubnetGroupName: name,
    DBSubnetGroupDescription: group?.description,
    VpcId: group?.vpcId,
    SubnetGroupStatus: 'Complete',
    Subnets: (group?.subnetIds ?? []).map((id) => ({
      SubnetIdentifier: id,
      SubnetAvailabilityZone: { Name: subnets.get(id)?.az },
      SubnetOutpost: {},
      SubnetStatus: 'Active',
    })),
    DBSubnetGroupArn: group?.arn,
    SupportedNetworkTypes: ['IPV4'],
  };
}

export function subnetGroupNotFound(name: string): PracticeError {
  return new PracticeError('DBSubnetGroupNotFoundFault', `DB Subnet group '${name}' not found.`, 404);
}

export function findSubnetGroup(records: RegionState, name: string | undefined): DbSubnetGroupRecord {
  if (!name) throw missing('DBSubnetGroupName');
  const group = records.dbSubnetGroups.find((g) => g.name === name.toLowerCase());
  if (!group) throw subnetGroupNotFound(name);
  return group;
}

/** AWS's checks of a group's subnets: they exist, share one VPC and cover two AZs at least. */
function checkedSubnets(records: RegionState, ids: readonly string[] | undefined): SubnetRecord[] {
  if (!ids?.length) throw missing('SubnetIds');
  const byId = new Map(records.subnets.map((s) => [s.id, s]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length)
    throw new PracticeError('InvalidSubnet', `Some input subnets in :[${unknown.join(', ')}] are invalid.`);
  const subnets = [...new Set(ids)].map((id) => byId.get(id) as SubnetRecord);
  const vpcs = new Set(subnets.map((s) => s.vpcId));
  if (vpcs.size > 1)
    throw new PracticeError('InvalidSubnet', `The subnets [${ids.join(', ')}] are not all in the same VPC.`);
  const azs = [...new Set(subnets.map((s) => s.az))];
  if (azs.length < 2) {
    throw new PracticeError(
      'DBSubnetGroupDoesNotCoverEnoughAZs',
      `The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: ${azs.join(', ')}. Add subnets to cover at least 2 AZs.`,
    );
  }
  return subnets;
}

function checkedName(name: string | undefined): string {
  if (!name) throw missing('DBSubnetGroupName');
  if (!/^[A-Za-z0-9._ -]{1,255}$/.test(name))
    throw invalidValue(
      'The parameter DBSubnetGroupName is not a valid identifier. It must contain only ASCII letters, digits, periods, underscores, spaces or hyphens, and at most 255 characters.',
    );
  if (name.toLowerCase() === 'default') throw invalidValue('DBSubnetGroupName must not be default.');
  return name.toLowerCase();
}

/** Who uses the group: its DB instances and clusters. */
function users(records: RegionState, name: string): { kind: 'instance' | 'cluster'; id: string }[] {
  return [
    ...records.dbInstances
      .filter((d) => d.subnetGroupName === name)
      .map((d) => ({ kind: 'instance' as const, id: d.id })),
    ...records.dbClusters
      .filter((c) => c.subnetGroupName === name)
      .map((c) => ({ kind: 'cluster' as const, id: c.id })),
  ];
}

const describeDbSubnetGroups = action<DescribeDBSubnetGroupsMessage, DBSubnetGroupMessage>(
  DescribeDBSubnetGroups$,
  (input, context) => {
    let selected = context.records.dbSubnetGroups;
    if (input.DBSubnetGroupName) {
      const name = input.DBSubnetGroupName.toLowerCase();
      selected = selected.filter((g) => g.name === name);
      if (!selected.length) throw subnetGroupNotFound(input.DBSubnetGroupName);
    }
    const page = paginate(selected, { token: input.Marker, size: input.MaxRecords }, rdsRules('db-subnet-groups'));
    return { DBSubnetGroups: page.items.map((g) => subnetGroupView(g, g.name, context.records)), Marker: page.next };
  },
);

const createDbSubnetGroup = action<CreateDBSubnetGroupMessage, CreateDBSubnetGroupResult>(
  CreateDBSubnetGroup$,
  (input, context) => {
    const records = writable(context);
    const name = checkedName(input.DBSubnetGroupName);
    if (input.DBSubnetGroupDescription === undefined) throw missing('DBSubnetGroupDescription');
    if (records.dbSubnetGroups.some((g) => g.name === name))
      throw new PracticeError('DBSubnetGroupAlreadyExists', `The DB subnet group '${name}' already exists.`);
    const subnets = checkedSubnets(records, input.SubnetIds);
    const group: DbSubnetGroupRecord = {
      name,
      arn: rdsArn(context.region, 'subgrp', name),
      description: input.DBSubnetGroupDescription,
      vpcId: subnets[0]?.vpcId ?? '',
      subnetIds: subnets.map((s) => s.id),
      tags: tagsOf(input.Tags),
    };
    records.dbSubnetGroups.push(group);
    context.world.changed();
    return { DBSubnetGroup: subnetGroupView(group, name, records) };
  },
);

const modifyDbSubnetGroup = action<ModifyDBSubnetGroupMessage, ModifyDBSubnetGroupResult>(
  ModifyDBSubnetGroup$,
  (input, context) => {
    const records = writable(context);
    const group = findSubnetGroup(records, input.DBSubnetGroupName);
    const subnets = checkedSubnets(records, input.SubnetIds);
    if (subnets[0]?.vpcId !== group.vpcId && users(records, group.name).length)
      throw new PracticeError('InvalidSubnet', 'The new Subnets are not in the same Vpc as the existing subnet group');
    const kept = new Set(subnets.map((s) => s.id));
    const inUse = records.dbInstances
      .filter((d) => d.subnetGroupName === group.name)
      .flatMap((d) => [primaryOf(records, d)?.subnetId, standbyOf(records, d)?.subnetId])
      .filter((id): id is string => id !== undefined && !kept.has(id));
    if (inUse.length)
      throw new PracticeError(
        'SubnetAlreadyInUse',
        `Some of the subnets to be deleted are currently in use: ${[...new Set(inUse)].join(', ')}`,
      );
    group.subnetIds = subnets.map((s) => s.id);
    group.vpcId = subnets[0]?.vpcId ?? group.vpcId;
    if (input.DBSubnetGroupDescription !== undefined) group.description = input.DBSubnetGroupDescription;
    context.world.changed();
    return { DBSubnetGroup: subnetGroupView(group, group.name, records) };
  },
);

const deleteDbSubnetGroup = action<DeleteDBSubnetGroupMessage, object>(DeleteDBSubnetGroup$, (input, context) => {
  const records = writable(context);
  const group = findSubnetGroup(records, input.DBSubnetGroupName);
  const user = users(records, group.name)[0];
  if (user) {
    throw new PracticeError(
      'InvalidDBSubnetGroupStateFault',
      `Cannot delete the subnet group '${group.name}' because at least one database ${user.kind}: ${user.id} is still using it.`,
    );
  }
  records.dbSubnetGroups.splice(records.dbSubnetGroups.indexOf(group), 1);
  context.world.changed();
  return {};
});

export const rdsSubnetGroupActions = {
  DescribeDBSubnetGroups: describeDbSubnetGroups,
  CreateDBSubnetGroup: createDbSubnetGroup,
  ModifyDBSubnetGroup: modifyDbSubnetGroup,
  DeleteDBSubnetGroup: deleteDbSubnetGroup,
};
