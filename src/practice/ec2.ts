// The EC2 service as the practice account serves it (ec2 query protocol, API version 2016-11-15).
import type { ActionDefinition, ServiceDefinition } from './actions';
import { ec2AddressActions } from './ec2AddressWrites';
import { ec2ConsoleOutputActions } from './ec2ConsoleOutput';
import { ec2ImageActions } from './ec2ImageWrites';
import { ec2InstanceActions } from './ec2Instances';
import { ec2InstanceTypeActions } from './ec2InstanceTypes';
import { ec2InstanceWriteActions } from './ec2InstanceWrites';
import { ec2KeyPairActions } from './ec2KeyPairWrites';
import { ec2LaunchActions } from './ec2Launch';
import { ec2NetworkActions } from './ec2Network';
import { ec2RegionActions } from './ec2Regions';
import { ec2SecurityGroupActions } from './ec2SecurityGroupWrites';
import { ec2StorageActions } from './ec2Storage';
import { ec2TagActions } from './ec2TagWrites';
import { ec2VolumeActions } from './ec2VolumeWrites';
import { PracticeError } from './errors';

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
    ...ec2NetworkActions,
    ...ec2RegionActions,
    ...ec2InstanceActions,
    ...ec2StorageActions,
    ...ec2InstanceTypeActions,
    ...ec2LaunchActions,
    ...ec2InstanceWriteActions,
    ...ec2KeyPairActions,
    ...ec2SecurityGroupActions,
    ...ec2AddressActions,
    ...ec2ImageActions,
    ...ec2VolumeActions,
    ...ec2TagActions,
    ...ec2ConsoleOutputActions,
  }),
};
