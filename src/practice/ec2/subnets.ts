// EC2 subnets: DescribeSubnets, with the free address count AWS reports (the subnet's usable
// addresses less those its live instances hold).
import { DescribeSubnets$, type DescribeSubnetsRequest, type DescribeSubnetsResult } from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { usableAddressCount } from '../core/addressing';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { availabilityZones } from '../core/geography';
import { tagList, type InstanceRecord, type SubnetRecord } from '../core/records';

const arn = (context: RequestContext, resource: string) =>
  `arn:aws:ec2:${context.region}:${PRACTICE_ACCOUNT_ID}:${resource}`;

function subnetFields(context: RequestContext): FilterFields<SubnetRecord> {
  const zoneIds = new Map(availabilityZones(context.region).map((z) => [z.name, z.zoneId]));
  return {
    'subnet-id': (s) => s.id,
    'vpc-id': (s) => s.vpcId,
    'availability-zone': (s) => s.az,
    availabilityZone: (s) => s.az,
    'availability-zone-id': (s) => zoneIds.get(s.az),
    'cidr-block': (s) => s.cidr,
    cidr: (s) => s.cidr,
    cidrBlock: (s) => s.cidr,
    'default-for-az': (s) => s.defaultForAz,
    defaultForAz: (s) => s.defaultForAz,
    'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
    'owner-id': () => PRACTICE_ACCOUNT_ID,
    state: (s) => s.state,
    'subnet-arn': (s) => arn(context, `subnet/${s.id}`),
  };
}

/** Private IPs in use per subnet (instances that still hold one). */
function usedAddressCounts(instances: readonly InstanceRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of instances) if (i.state !== 'terminated') counts.set(i.subnetId, (counts.get(i.subnetId) ?? 0) + 1);
  return counts;
}

const describeSubnets = action<DescribeSubnetsRequest, DescribeSubnetsResult>(DescribeSubnets$, (input, context) => {
  const pager = ec2Pager(input, { parameter: 'subnetIds', values: input.SubnetIds }, 'subnets', 5, 1000);
  const { records } = context;
  const selected = selectByIds(records.subnets, input.SubnetIds, (s) => s.id, ID_RULES.subnet);
  const filtered = applyFilters(selected, input.Filters, subnetFields(context), (s) => s.tags);
  const page = pager(filtered);
  const used = usedAddressCounts(records.instances);
  const zoneIds = new Map(availabilityZones(context.region).map((z) => [z.name, z.zoneId]));
  return {
    Subnets: page.items.map((s) => ({
      AvailabilityZone: s.az,
      AvailabilityZoneId: zoneIds.get(s.az),
      AvailableIpAddressCount: usableAddressCount(s.cidr) - (used.get(s.id) ?? 0),
      CidrBlock: s.cidr,
      DefaultForAz: s.defaultForAz,
      MapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
      MapCustomerOwnedIpOnLaunch: false,
      State: s.state,
      SubnetId: s.id,
      VpcId: s.vpcId,
      OwnerId: PRACTICE_ACCOUNT_ID,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: tagList(s.tags),
      SubnetArn: arn(context, `subnet/${s.id}`),
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: {
        HostnameType: 'ip-name',
        EnableResourceNameDnsARecord: false,
        EnableResourceNameDnsAAAARecord: false,
      },
    })),
    NextToken: page.next,
  };
});

export const ec2SubnetActions: Record<string, ActionDefinition> = {
  DescribeSubnets: describeSubnets,
};
