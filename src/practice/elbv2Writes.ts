// Every ELBv2 write action the practice account answers, by action name (elbv2.ts adds them to the service).
import type { ActionDefinition } from './actions';
import { listenerWrites } from './elbv2Listeners';
import { loadBalancerWrites } from './elbv2LoadBalancers';
import { tagWrites } from './elbv2Tags';
import { targetGroupWrites } from './elbv2TargetGroups';

export const elbv2WriteActions: Readonly<Record<string, ActionDefinition>> = {
  ...loadBalancerWrites,
  ...targetGroupWrites,
  ...listenerWrites,
  ...tagWrites,
};
