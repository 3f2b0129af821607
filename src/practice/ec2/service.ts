// The EC2 service as the practice account serves it (ec2 query protocol, API version 2016-11-15).
import type { ActionDefinition, ServiceDefinition } from '../core/actions';
import { ec2AddressActions } from './addresses';
import { ec2ConsoleOutputActions } from './consoleOutput';
import { ec2ImageActions } from './images';
import { ec2InstanceActions } from './instances';
import { ec2InstanceTypeActions } from './instanceTypes';
import { ec2InstanceWriteActions } from './instanceStates';
import { ec2KeyPairActions } from './keyPairs';
import { ec2LaunchActions } from './launch';
import { ec2NetworkActions } from './network';
import { ec2RegionActions } from './regions';
import { ec2SecurityGroupActions } from './securityGroups';
import { ec2StorageActions } from './storage';
import { ec2TagActions } from './tags';
import { ec2VolumeActions } from './volumes';
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
