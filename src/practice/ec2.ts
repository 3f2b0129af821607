// The EC2 service as the practice account serves it (ec2 query protocol, API version 2016-11-15).
import type { ServiceDefinition } from './actions';
import { ec2InstanceActions } from './ec2Instances';
import { ec2NetworkActions } from './ec2Network';
import { ec2StorageActions } from './ec2Storage';

export const ec2Service: ServiceDefinition = {
  signingName: 'ec2',
  dialect: 'ec2',
  version: '2016-11-15',
  xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  actions: { ...ec2NetworkActions, ...ec2InstanceActions, ...ec2StorageActions },
};
