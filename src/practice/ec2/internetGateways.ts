// EC2 internet gateways: DescribeInternetGateways (an attached gateway reports "available", as on AWS),
// Create, Attach (one per VPC), Detach and Delete (refused while attached).
import {
  AttachInternetGateway$,
  CreateInternetGateway$,
  DeleteInternetGateway$,
  DescribeInternetGateways$,
  DetachInternetGateway$,
  type AttachInternetGatewayRequest,
  type AttachmentStatus,
  type CreateInternetGatewayRequest,
  type CreateInternetGatewayResult,
  type DeleteInternetGatewayRequest,
  type DetachInternetGatewayRequest,
  type InternetGateway,
  type DescribeInternetGatewaysRequest,
  type DescribeInternetGatewaysResult,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager, elasticIpsByInstance } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { tagList, type InternetGatewayRecord, type RegionState } from '../core/records';
import { PracticeError } from '../core/errors';
import { hasDependencies, oneById, specifiedTags } from './writeCommon';

function gatewayView(g: InternetGatewayRecord): InternetGateway {
  return {
    // An attached internet gateway reports "available" (not "attached"), as on AWS.
    Attachments: g.vpcId ? [{ State: 'available' as AttachmentStatus, VpcId: g.vpcId }] : [],
    InternetGatewayId: g.id,
    OwnerId: PRACTICE_ACCOUNT_ID,
    Tags: tagList(g.tags),
  };
}

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
      InternetGateways: page.items.map(gatewayView),
      NextToken: page.next,
    };
  },
);

const gatewayOf = (records: RegionState, id: string | undefined) =>
  oneById(records.internetGateways, id, (g) => g.id, ID_RULES.internetGateway, 'InternetGatewayId');

const createInternetGateway = action<CreateInternetGatewayRequest, CreateInternetGatewayResult>(
  CreateInternetGateway$,
  (input, context) => {
    const tags = specifiedTags(input.TagSpecifications, ['internet-gateway'])['internet-gateway'] ?? {};
    const gateway: InternetGatewayRecord = { id: context.world.newId('igw'), tags };
    context.world.writableRegion(context.region).internetGateways.push(gateway);
    context.world.changed();
    return { InternetGateway: gatewayView(gateway) };
  },
);

const attachInternetGateway = action<AttachInternetGatewayRequest, object>(AttachInternetGateway$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const gateway = gatewayOf(records, input.InternetGatewayId);
  const vpc = oneById(records.vpcs, input.VpcId, (v) => v.id, ID_RULES.vpc, 'VpcId');
  if (gateway.vpcId) {
    throw new PracticeError(
      'Resource.AlreadyAssociated',
      `resource ${gateway.id} is already attached to network ${gateway.vpcId}`,
    );
  }
  // A VPC takes one internet gateway.
  if (records.internetGateways.some((g) => g.vpcId === vpc.id)) {
    throw new PracticeError('Resource.AlreadyAssociated', `Network ${vpc.id} already has an internet gateway attached`);
  }
  gateway.vpcId = vpc.id;
  context.world.changed();
  return {};
});

/** Public addresses mapped in the VPC (Elastic IPs, auto-assigned ones): AWS will not detach the gateway under them. */
function mappedPublicAddresses(records: RegionState, vpcId: string): string[] {
  const subnets = new Set(records.subnets.filter((s) => s.vpcId === vpcId).map((s) => s.id));
  const eips = elasticIpsByInstance(records.addresses);
  return records.instances
    .filter((i) => i.state !== 'terminated' && subnets.has(i.subnetId))
    .flatMap((i) => [eips.get(i.id)?.publicIp, i.autoPublicIp].filter((ip): ip is string => Boolean(ip)));
}

const detachInternetGateway = action<DetachInternetGatewayRequest, object>(DetachInternetGateway$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const gateway = gatewayOf(records, input.InternetGatewayId);
  const vpc = oneById(records.vpcs, input.VpcId, (v) => v.id, ID_RULES.vpc, 'VpcId');
  if (gateway.vpcId !== vpc.id) {
    throw new PracticeError('Gateway.NotAttached', `resource ${gateway.id} is not attached to network ${vpc.id}`);
  }
  if (mappedPublicAddresses(records, vpc.id).length) {
    throw new PracticeError(
      'DependencyViolation',
      `Network ${vpc.id} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    );
  }
  delete gateway.vpcId;
  context.world.changed();
  return {};
});

const deleteInternetGateway = action<DeleteInternetGatewayRequest, object>(DeleteInternetGateway$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const gateway = gatewayOf(records, input.InternetGatewayId);
  if (gateway.vpcId) throw hasDependencies('internetGateway', gateway.id);
  records.internetGateways.splice(records.internetGateways.indexOf(gateway), 1);
  context.world.changed();
  return {};
});

export const ec2InternetGatewayActions: Record<string, ActionDefinition> = {
  DescribeInternetGateways: describeInternetGateways,
  CreateInternetGateway: createInternetGateway,
  AttachInternetGateway: attachInternetGateway,
  DetachInternetGateway: detachInternetGateway,
  DeleteInternetGateway: deleteInternetGateway,
};
