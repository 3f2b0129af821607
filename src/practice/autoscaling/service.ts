// The Auto Scaling service as the practice account serves it (awsQuery, API version 2011-01-01): the action
// table, assembled from one file per resource. The controller (controller.ts) is its advancer.
import type { ServiceDefinition } from '../core/actions';
import { autoScalingActivityActions } from './activities';
import { autoScalingAttachmentActions } from './attachments';
import { autoScalingGroupActions } from './groups';
import { autoScalingPolicyActions } from './policies';
import { autoScalingTagActions } from './tags';

export const autoScalingService: ServiceDefinition = {
  signingName: 'autoscaling',
  dialect: 'query',
  version: '2011-01-01',
  xmlns: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  actions: {
    ...autoScalingGroupActions,
    ...autoScalingAttachmentActions,
    ...autoScalingTagActions,
    ...autoScalingActivityActions,
    ...autoScalingPolicyActions,
  },
};
