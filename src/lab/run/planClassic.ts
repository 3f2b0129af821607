// 1.6's first question, which load balancer (the handout's kind by default; a CLB the checks already judge is
// finished as it is), and the CLB's own questions: its name, the ping path, its security group. Pure.
import type { Inventory } from '../../aws/types';
import { namesOf, type LayoutId } from '../layout';
import type { LabRoles } from '../roles';
import type { StepOption, StepOptions } from '../types';
import { text } from './optionKit';

/** The kind 1.6 builds unless the student says: an adopted CLB's, else the handout's. */
export function defaultBalancer(roles: LabRoles, layout: LayoutId | undefined): 'application' | 'classic' {
  return roles.classicLoadBalancer ? 'classic' : namesOf(layout).balancer;
}

export function balancerChoice(roles: LabRoles, layout: LayoutId | undefined): StepOption {
  return {
    key: 'balancer',
    code: 'option.balancerKind',
    kind: 'choice',
    default: defaultBalancer(roles, layout),
    choices: [
      { value: 'application', code: 'choice.applicationLoadBalancer' },
      { value: 'classic', code: 'choice.classicLoadBalancer' },
    ],
  };
}

/** Whether the answers so far choose the CLB. */
export const choosesClassic = (roles: LabRoles, layout: LayoutId | undefined, given: StepOptions) =>
  (given.balancer ?? defaultBalancer(roles, layout)) === 'classic';

/** The CLB's questions after the choice: an adopted one keeps its name and groups unless told otherwise. */
export function classicOptions(inv: Inventory, roles: LabRoles, layout: LayoutId | undefined): StepOption[] {
  const names = namesOf(layout, inv.student);
  const adopted = roles.classicLoadBalancer;
  const groupName = names.balancer === 'classic' ? names.albSecurityGroup : 'elb-sg';
  const existing = inv.securityGroups.filter((g) => g.vpcId === roles.webServer?.vpcId && g.name !== groupName);
  const own = adopted?.securityGroupIds.map((id) => inv.securityGroups.find((g) => g.id === id)?.name ?? id);
  return [
    balancerChoice(roles, layout),
    text('loadBalancerName', 'option.loadBalancerName', adopted?.name ?? names.loadBalancer),
    text('healthCheckPath', 'option.healthCheckPath', adopted?.healthCheck.path ?? names.healthCheckPath),
    {
      key: 'securityGroup',
      code: 'option.albSecurityGroup',
      kind: 'choice',
      default: own ? 'keep' : 'new',
      choices: [
        ...(own ? [{ value: 'keep', code: 'choice.keepGroups', args: { names: own.join(', ') } }] : []),
        { value: 'new', code: 'choice.newGroup', args: { name: groupName } },
        ...existing.map((g) => ({ value: g.id, code: 'choice.existingGroup', args: { name: g.name, id: g.id } })),
      ],
    },
  ];
}
