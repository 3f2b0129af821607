// EC2 VPCs: DescribeVpcs (by ID, filters, pages), CreateVpc (with the main route table and the default
// security group AWS makes with it), DeleteVpc with AWS's DependencyViolation, and the DNS attributes.
import {
  CreateVpc$,
  DeleteVpc$,
  DescribeVpcAttribute$,
  DescribeVpcs$,
  ModifyVpcAttribute$,
  type CreateVpcRequest,
  type CreateVpcResult,
  type DeleteVpcRequest,
  type DescribeVpcAttributeRequest,
  type DescribeVpcAttributeResult,
  type DescribeVpcsRequest,
  type DescribeVpcsResult,
  type ModifyVpcAttributeRequest,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { PracticeError } from '../core/errors';
import { ID_RULES, ec2Pager } from './common';
import { allowedPrefix, validCidr } from './cidrs';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { derivedId } from '../core/ids';
import { tagList, type RegionState, type VpcRecord } from '../core/records';
import { defaultGroup } from '../seed/startingState';
import { hasDependencies, invalidValue, oneById, required, specifiedTags } from './writeCommon';

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

function vpcView(v: VpcRecord): Vpc {
  return {
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
  };
}

const describeVpcs = action<DescribeVpcsRequest, DescribeVpcsResult>(DescribeVpcs$, (input, { records }) => {
  const pager = ec2Pager(input, { parameter: 'vpcIds', values: input.VpcIds }, 'vpcs', 5, 1000);
  const selected = selectByIds(records.vpcs, input.VpcIds, (v) => v.id, ID_RULES.vpc);
  const page = pager(applyFilters(selected, input.Filters, vpcFields, (v) => v.tags));
  return { Vpcs: page.items.map(vpcView), NextToken: page.next };
});

const createVpc = action<CreateVpcRequest, CreateVpcResult>(CreateVpc$, (input, context) => {
  const cidr = required(input.CidrBlock, 'cidrBlock');
  const { prefix } = validCidr(cidr, 'cidrBlock');
  if (!allowedPrefix(prefix)) throw new PracticeError('InvalidVpc.Range', `The CIDR '${cidr}' is invalid.`);
  const tags = specifiedTags(input.TagSpecifications, ['vpc'])['vpc'] ?? {};
  const { world } = context;
  const records = world.writableRegion(context.region);
  const vpc: VpcRecord = {
    id: world.newId('vpc'),
    cidr,
    isDefault: false,
    state: 'available',
    // A new VPC shares the region's default DHCP options, as on AWS.
    dhcpOptionsId: records.vpcs.find((v) => v.isDefault)?.dhcpOptionsId ?? world.newId('dopt'),
    tags,
  };
  records.vpcs.push(vpc);
  // What AWS makes with every VPC: its main route table (the local route only) and its default group.
  records.routeTables.push({
    id: world.newId('rtb'),
    vpcId: vpc.id,
    main: true,
    subnetIds: [],
    routes: [{ destination: cidr, gatewayId: 'local' }],
    tags: {},
  });
  records.securityGroups.push(defaultGroup(world, vpc.id));
  world.changed();
  // AWS answers the new VPC as pending; it is available by the next read.
  return { Vpc: { ...vpcView(vpc), State: 'pending' } };
});

/** What keeps a VPC from being deleted, as AWS counts it (the main table and default group go with it). */
function vpcDependents(records: RegionState, vpcId: string): string[] {
  return [
    ...records.subnets.filter((s) => s.vpcId === vpcId).map((s) => s.id),
    ...records.internetGateways.filter((g) => g.vpcId === vpcId).map((g) => g.id),
    ...records.routeTables.filter((t) => t.vpcId === vpcId && !t.main).map((t) => t.id),
    ...records.securityGroups.filter((g) => g.vpcId === vpcId && g.name !== 'default').map((g) => g.id),
  ];
}

const deleteVpc = action<DeleteVpcRequest, object>(DeleteVpc$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const vpc = oneById(records.vpcs, input.VpcId, (v) => v.id, ID_RULES.vpc, 'VpcId');
  if (vpcDependents(records, vpc.id).length) {
    throw hasDependencies('vpc', vpc.id);
  }
  records.routeTables = records.routeTables.filter((t) => t.vpcId !== vpc.id);
  records.securityGroups = records.securityGroups.filter((g) => g.vpcId !== vpc.id);
  records.vpcs.splice(records.vpcs.indexOf(vpc), 1);
  context.world.changed();
  return {};
});

const dnsSupport = (v: VpcRecord) => v.enableDnsSupport ?? true;
const dnsHostnames = (v: VpcRecord) => v.enableDnsHostnames ?? v.isDefault;

const modifyVpcAttribute = action<ModifyVpcAttributeRequest, object>(ModifyVpcAttribute$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const vpc = oneById(records.vpcs, input.VpcId, (v) => v.id, ID_RULES.vpc, 'VpcId');
  const support = input.EnableDnsSupport?.Value;
  const hostnames = input.EnableDnsHostnames?.Value;
  if (support !== undefined && hostnames !== undefined) {
    throw new PracticeError(
      'InvalidParameterCombination',
      'Fields for multiple attribute types specified: enableDnsSupport, enableDnsHostnames',
    );
  }
  if (support === undefined && hostnames === undefined) {
    throw new PracticeError(
      'MissingParameter',
      'The request must contain the parameter enableDnsSupport or enableDnsHostnames',
    );
  }
  // AWS needs DNS resolution on for DNS hostnames.
  if (hostnames === true && !dnsSupport(vpc))
    throw invalidValue('Value (true) for parameter enableDnsHostnames is invalid. DNS support must be enabled first.');
  if (support !== undefined) vpc.enableDnsSupport = support;
  if (hostnames !== undefined) vpc.enableDnsHostnames = hostnames;
  context.world.changed();
  return {};
});

const describeVpcAttribute = action<DescribeVpcAttributeRequest, DescribeVpcAttributeResult>(
  DescribeVpcAttribute$,
  (input, { records }) => {
    const vpc = oneById(records.vpcs, input.VpcId, (v) => v.id, ID_RULES.vpc, 'VpcId');
    const attribute = required(input.Attribute, 'Attribute');
    if (attribute === 'enableDnsSupport') return { VpcId: vpc.id, EnableDnsSupport: { Value: dnsSupport(vpc) } };
    if (attribute === 'enableDnsHostnames') return { VpcId: vpc.id, EnableDnsHostnames: { Value: dnsHostnames(vpc) } };
    throw invalidValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  },
);

export const ec2VpcActions: Record<string, ActionDefinition> = {
  DescribeVpcs: describeVpcs,
  CreateVpc: createVpc,
  DeleteVpc: deleteVpc,
  ModifyVpcAttribute: modifyVpcAttribute,
  DescribeVpcAttribute: describeVpcAttribute,
};
