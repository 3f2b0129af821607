// EC2 NAT gateways: DescribeNatGateways (its filter parameter is `Filter`, not `Filters`, as in AWS's API).
// Deleted ones stay listed in state "deleted", as AWS lists them for about an hour.
import {
  DescribeNatGateways$,
  type DescribeNatGatewaysRequest,
  type DescribeNatGatewaysResult,
  type NatGateway,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { idRules, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { tagList, type NatGatewayRecord, type RegionState } from '../core/records';

export const NAT_GATEWAY_ID_RULES = idRules(
  'nat',
  'InvalidNatGatewayID.Malformed',
  'NatGatewayNotFound',
  'nat gateway',
);

export function natGatewayView(records: RegionState, n: NatGatewayRecord): NatGateway {
  const address = n.allocationId ? records.addresses.find((a) => a.allocationId === n.allocationId) : undefined;
  return {
    NatGatewayId: n.id,
    VpcId: n.vpcId,
    SubnetId: n.subnetId,
    State: n.state,
    ConnectivityType: n.connectivity,
    CreateTime: new Date(n.createTime),
    ...(n.deleteTime ? { DeleteTime: new Date(n.deleteTime) } : {}),
    NatGatewayAddresses: address
      ? [{ AllocationId: address.allocationId, PublicIp: address.publicIp, IsPrimary: true, Status: 'succeeded' }]
      : [],
    Tags: tagList(n.tags),
  };
}

const natGatewayFields: FilterFields<NatGatewayRecord> = {
  'nat-gateway-id': (n) => n.id,
  'vpc-id': (n) => n.vpcId,
  'subnet-id': (n) => n.subnetId,
  state: (n) => n.state,
};

const describeNatGateways = action<DescribeNatGatewaysRequest, DescribeNatGatewaysResult>(
  DescribeNatGateways$,
  (input, { records }) => {
    const pager = ec2Pager(input, { parameter: 'natGatewayIds', values: input.NatGatewayIds }, 'nat-gateways', 5, 1000);
    const selected = selectByIds(records.natGateways, input.NatGatewayIds, (n) => n.id, NAT_GATEWAY_ID_RULES);
    const filtered = applyFilters(selected, input.Filter, natGatewayFields, (n) => n.tags);
    const page = pager(filtered);
    return { NatGateways: page.items.map((n) => natGatewayView(records, n)), NextToken: page.next };
  },
);

export const ec2NatGatewayActions: Record<string, ActionDefinition> = {
  DescribeNatGateways: describeNatGateways,
};
