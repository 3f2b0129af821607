// EC2 network interfaces: DescribeNetworkInterfaces over the live instances' primary interfaces (the
// only ones the practice account has; common.ts builds the view DescribeInstances shares).
import {
  DescribeNetworkInterfaces$,
  type DescribeNetworkInterfacesRequest,
  type DescribeNetworkInterfacesResult,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { ID_RULES, byKey, ec2Pager, elasticIpsByInstance, networkInterface } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import type { InstanceRecord } from '../core/records';

const describeNetworkInterfaces = action<DescribeNetworkInterfacesRequest, DescribeNetworkInterfacesResult>(
  DescribeNetworkInterfaces$,
  (input, context) => {
    const pager = ec2Pager(
      input,
      { parameter: 'networkInterfaceIds', values: input.NetworkInterfaceIds },
      'network-interfaces',
      5,
      1000,
    );
    const { records } = context;
    const live = records.instances.filter((i) => i.state !== 'terminated');
    const eips = elasticIpsByInstance(records.addresses);
    const fields: FilterFields<InstanceRecord> = {
      'network-interface-id': (i) => i.eni.id,
      'subnet-id': (i) => i.subnetId,
      'vpc-id': (i) => i.vpcId,
      'availability-zone': (i) => i.az,
      'attachment.instance-id': (i) => i.id,
      'attachment.status': () => 'attached',
      'addresses.private-ip-address': (i) => i.privateIp,
      'private-ip-address': (i) => i.privateIp,
      'association.public-ip': (i) => eips.get(i.id)?.publicIp ?? i.autoPublicIp,
      'group-id': (i) => i.securityGroupIds,
      'interface-type': () => 'interface',
      'mac-address': (i) => i.eni.macAddress,
      'owner-id': () => PRACTICE_ACCOUNT_ID,
      status: () => 'in-use',
      description: () => '',
    };
    const selected = selectByIds(live, input.NetworkInterfaceIds, (i) => i.eni.id, ID_RULES.networkInterface);
    const filtered = applyFilters(selected, input.Filters, fields, () => ({}));
    const page = pager(filtered);
    const groups = byKey(records.securityGroups, (g) => g.id);
    return {
      NetworkInterfaces: page.items.map((i) => networkInterface(i, eips.get(i.id), groups, context)),
      NextToken: page.next,
    };
  },
);

export const ec2NetworkInterfaceActions: Record<string, ActionDefinition> = {
  DescribeNetworkInterfaces: describeNetworkInterfaces,
};
