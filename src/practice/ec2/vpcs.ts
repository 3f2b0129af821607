// EC2 VPCs: DescribeVpcs (by ID, filters, pages). The practice account's VPCs come from the seed; it
// creates none.
import { DescribeVpcs$, type DescribeVpcsRequest, type DescribeVpcsResult } from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { derivedId } from '../core/ids';
import { tagList, type VpcRecord } from '../core/records';

const vpcFields: FilterFields<VpcRecord> = {
  'vpc-id': (v) => v.id,
  cidr: (v) => v.cidr,
  'cidr-block': (v) => v.cidr,
  'cidr-block-association.cidr-block': (v) => v.cidr,
  'dhcp-options-id': (v) => v.dhcpOptionsId,
  'is-default': (v) => v.isDefault,
  isDefault: (v) => v.isDefault,
  'owner-id': () => PRACTICE_ACCOUNT_ID,
  state: (v) => v.state,
};

const describeVpcs = action<DescribeVpcsRequest, DescribeVpcsResult>(DescribeVpcs$, (input, { records }) => {
  const pager = ec2Pager(input, { parameter: 'vpcIds', values: input.VpcIds }, 'vpcs', 5, 1000);
  const selected = selectByIds(records.vpcs, input.VpcIds, (v) => v.id, ID_RULES.vpc);
  const page = pager(applyFilters(selected, input.Filters, vpcFields, (v) => v.tags));
  return {
    Vpcs: page.items.map((v) => ({
      CidrBlock: v.cidr,
      DhcpOptionsId: v.dhcpOptionsId,
      State: v.state,
      VpcId: v.id,
      OwnerId: PRACTICE_ACCOUNT_ID,
      InstanceTenancy: 'default',
      CidrBlockAssociationSet: [
        {
          AssociationId: derivedId('vpc-cidr-assoc', v.id),
          CidrBlock: v.cidr,
          CidrBlockState: { State: 'associated' },
        },
      ],
      IsDefault: v.isDefault,
      Tags: tagList(v.tags),
    })),
    NextToken: page.next,
  };
});

export const ec2VpcActions: Record<string, ActionDefinition> = {
  DescribeVpcs: describeVpcs,
};
