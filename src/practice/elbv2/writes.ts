// Every ELBv2 write action the practice account answers, by action name (elbv2.ts adds them to the service).
import type { ActionDefinition } from '../core/actions';
import { listenerWrites } from './listeners';
import { loadBalancerWrites } from './loadBalancers';
import { tagWrites } from './tags';
import { targetGroupWrites } from './targetGroups';

export const elbv2WriteActions: Readonly<Record<string, ActionDefinition>> = {
  ...loadBalancerWrites,
  ...targetGroupWrites,
  ...listenerWrites,
  ...tagWrites,
};
