// Elastic Load Balancing v1, the Classic Load Balancer, as the practice account serves it (awsQuery, API
// version 2012-06-01). It signs as `elasticloadbalancing` like ELBv2: the server tells them apart by `Version`.
import type { ServiceDefinition } from '../core/actions';
import { classicInstanceActions } from './instances';
import { classicListenerActions } from './listeners';
import { classicLoadBalancerActions } from './loadBalancers';
import { classicTagActions } from './tags';
import { classicZoneActions } from './zones';

export const elbService: ServiceDefinition = {
  signingName: 'elasticloadbalancing',
  faultName: 'elb',
  dialect: 'query',
  version: '2012-06-01',
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/',
  actions: {
    ...classicLoadBalancerActions,
    ...classicZoneActions,
    ...classicListenerActions,
    ...classicInstanceActions,
    ...classicTagActions,
  },
};
