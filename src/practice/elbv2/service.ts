// Elastic Load Balancing v2 as the practice account serves it (awsQuery, API version 2015-12-01): the
// action table, assembled from one file per resource (each with its Describe* and its writes).
import type { ServiceDefinition } from '../core/actions';
import { elbv2ListenerActions } from './listeners';
import { elbv2LoadBalancerActions } from './loadBalancers';
import { elbv2TagActions } from './tags';
import { elbv2TargetGroupActions } from './targetGroups';
import { elbv2TargetActions } from './targets';

export const elbv2Service: ServiceDefinition = {
  signingName: 'elasticloadbalancing',
  dialect: 'query',
  version: '2015-12-01',
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  actions: {
    ...elbv2LoadBalancerActions,
    ...elbv2ListenerActions,
    ...elbv2TargetGroupActions,
    ...elbv2TargetActions,
    ...elbv2TagActions,
  },
};
