// EC2 internet gateways: DescribeInternetGateways (an attached gateway reports "available", as on AWS).
import {
  DescribeInternetGateways$,
  type AttachmentStatus,
  type DescribeInternetGatewaysRequest,
  type DescribeInternetGatewaysResult,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { tagList, type InternetGatewayRecord } from '../core/records';

const internetGatewayFields: FilterFields<InternetGatewayRecord> = {
  'internet-gateway-id': (g) => g.id,
  'attachment.vpc-id': (g) => g.vpcId,
  'attachment.state': (g) => (g.vpcId ? 'available' : undefined),
  'owner-id': () => PRACTICE_ACCOUNT_ID,
};

const describeInternetGateways = action<DescribeInternetGatewaysRequest, DescribeInternetGatewaysResult>(
  DescribeInternetGateways$,
  (input, { records }) => {
    const pager = ec2Pager(
      input,
      { parameter: 'internetGatewayIds', values: input.InternetGatewayIds },
      'internet-gateways',
      5,
      1000,
    );
    const selected = selectByIds(
      records.internetGateways,
      input.InternetGatewayIds,
      (g) => g.id,
      ID_RULES.internetGateway,
    );
    const filtered = applyFilters(selected, input.Filters, internetGatewayFields, (g) => g.tags);
    const page = pager(filtered);
    return {
      InternetGateways: page.items.map((g) => ({
        // An attached internet gateway reports "available" (not "attached"), as on AWS.
        Attachments: g.vpcId ? [{ State: 'available' as AttachmentStatus, VpcId: g.vpcId }] : [],
        InternetGatewayId: g.id,
        OwnerId: PRACTICE_ACCOUNT_ID,
        Tags: tagList(g.tags),
      })),
      NextToken: page.next,
    };
  },
);

export const ec2InternetGatewayActions: Record<string, ActionDefinition> = {
  DescribeInternetGateways: describeInternetGateways,
};
