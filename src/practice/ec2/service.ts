// The EC2 service as the practice account serves it (ec2 query protocol, API version 2016-11-15): the
// action table, assembled from one file per resource (each with its Describe* and its writes).
import type { ActionDefinition, ServiceDefinition } from '../core/actions';
import { ec2AddressActions } from './addresses';
import { ec2AvailabilityZoneActions } from './availabilityZones';
import { ec2ConsoleOutputActions } from './consoleOutput';
import { ec2ImageActions } from './images';
import { ec2InstanceAttributeActions } from './instanceAttributes';
import { ec2InstanceActions } from './instances';
import { ec2InstanceStatusActions } from './instanceStatus';
import { ec2InstanceTypeActions } from './instanceTypes';
import { ec2InternetGatewayActions } from './internetGateways';
import { ec2KeyPairActions } from './keyPairs';
import { ec2LaunchActions } from './launch';
import { ec2LaunchTemplateActions } from './launchTemplates';
import { ec2NatGatewayActions } from './natGateways';
import { ec2NetworkInterfaceActions } from './networkInterfaces';
import { ec2RegionActions } from './regions';
import { ec2RouteTableActions } from './routeTables';
import { ec2RouteTableWriteActions } from './routeTableWrites';
import { ec2SecurityGroupRuleActions } from './securityGroupRules';
import { ec2SecurityGroupActions } from './securityGroups';
import { ec2SnapshotActions } from './snapshots';
import { ec2SubnetActions } from './subnets';
import { ec2TagActions } from './tags';
import { ec2VolumeActions } from './volumes';
import { ec2VpcActions } from './vpcs';
import { PracticeError } from '../core/errors';

/** `DryRun=true` answers as AWS does when the caller would be allowed: DryRunOperation, HTTP 412. */
function withDryRun(actions: Record<string, ActionDefinition>): Record<string, ActionDefinition> {
  return Object.fromEntries(
    Object.entries(actions).map(([name, definition]) => [
      name,
      {
        operation: definition.operation,
        handle: (input, context) => {
          if ((input as { DryRun?: boolean }).DryRun === true) {
            throw new PracticeError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
          }
          return definition.handle(input, context);
        },
      } satisfies ActionDefinition,
    ]),
  );
}

export const ec2Service: ServiceDefinition = {
  signingName: 'ec2',
  dialect: 'ec2',
  version: '2016-11-15',
  xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  actions: withDryRun({
    ...ec2RegionActions,
    ...ec2AvailabilityZoneActions,
    ...ec2VpcActions,
    ...ec2SubnetActions,
    ...ec2RouteTableActions,
    ...ec2RouteTableWriteActions,
    ...ec2InternetGatewayActions,
    ...ec2NatGatewayActions,
    ...ec2SecurityGroupActions,
    ...ec2SecurityGroupRuleActions,
    ...ec2NetworkInterfaceActions,
    ...ec2AddressActions,
    ...ec2KeyPairActions,
    ...ec2InstanceTypeActions,
    ...ec2InstanceActions,
    ...ec2LaunchActions,
    ...ec2LaunchTemplateActions,
    ...ec2InstanceStatusActions,
    ...ec2InstanceAttributeActions,
    ...ec2VolumeActions,
    ...ec2SnapshotActions,
    ...ec2ImageActions,
    ...ec2TagActions,
    ...ec2ConsoleOutputActions,
  }),
};
