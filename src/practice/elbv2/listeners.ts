// ELBv2 listeners: DescribeListeners (by ARN or load balancer), CreateListener (same port and settings
// returns the existing listener, other settings are a DuplicateListener), ModifyListener,
// DeleteListener. HTTP listeners with forward actions to one target group: what the lab uses.
import {
  CreateListener$,
  DeleteListener$,
  DescribeListeners$,
  ModifyListener$,
  type Action,
  type CreateListenerInput,
  type CreateListenerOutput,
  type DeleteListenerInput,
  type DeleteListenerOutput,
  type DescribeListenersInput,
  type DescribeListenersOutput,
  type ModifyListenerInput,
  type ModifyListenerOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { action, type ActionDefinition } from '../core/actions';
import { PracticeError, validationError } from '../core/errors';
import { elbArn, listenerNotFound, loadBalancerNotFound, loadBalancersOf, pick, targetGroupNotFound } from './model';
import { elbRules, paginate } from '../core/pagination';
import { listenerShape } from './shapes';
import { tagsFrom } from './tags';
import type { ListenerRecord, LoadBalancerRecord, RegionState } from '../core/records';

const MAX_LISTENERS = 50;

function checkProtocol(protocol: string | undefined, certificates: readonly unknown[] | undefined): string {
  const p = protocol ?? 'HTTP';
  if (p === 'HTTPS') {
    if (!certificates?.length) throw validationError('A certificate must be specified for HTTPS listeners');
    throw new PracticeError(
      'CertificateNotFound',
      'Certificate not found: the practice account has no ACM certificates',
    );
  }
  if (p !== 'HTTP')
    throw new PracticeError('UnsupportedProtocol', `Protocol '${p}' is not supported by Application Load Balancers`);
  return p;
}

function checkPort(port: number | undefined): number {
  if (port === undefined) throw validationError('A port must be specified');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw validationError(
      `1 validation error detected: Value '${port}' at 'port' failed to satisfy constraint: Member must have value ${port < 1 ? 'greater than or equal to 1' : 'less than or equal to 65535'}`,
    );
  }
  return port;
}

/** Default actions: one `forward` to a target group of the load balancer's VPC that no other load balancer uses. */
function checkActions(
  actions: readonly Action[] | undefined,
  lb: LoadBalancerRecord,
  records: RegionState,
): ListenerRecord['defaultActions'] {
  if (!actions?.length) throw validationError('At least one default action must be specified');
  return actions.map((a) => {
    if (a.Type !== 'forward')
      throw new PracticeError(
        'InvalidLoadBalancerAction',
        `The practice account supports forward actions only, not '${a.Type ?? ''}'`,
      );
    const arns = [
      ...new Set(
        [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)].filter(
          (x): x is string => !!x,
        ),
      ),
    ];
    if (arns.length === 0) throw validationError('A target group ARN must be specified for a forward action');
    if (arns.length > 1)
      throw new PracticeError(
        'InvalidLoadBalancerAction',
        'The practice account forwards to one target group per action',
      );
    const arn = arns[0] ?? '';
    const group = records.targetGroups.find((g) => g.arn === arn);
    if (!group) throw targetGroupNotFound();
    if (group.vpcId !== lb.vpcId)
      throw new PracticeError(
        'InvalidConfigurationRequest',
        `Target group '${arn}' is not in the same VPC as load balancer '${lb.arn}'`,
      );
    if (group.protocol !== 'HTTP' && group.protocol !== 'HTTPS')
      throw new PracticeError(
        'IncompatibleProtocols',
        `The target group protocol '${group.protocol}' is not compatible with an HTTP listener`,
      );
    if (loadBalancersOf(group, records).some((other) => other.arn !== lb.arn)) {
      throw new PracticeError(
        'TargetGroupAssociationLimit',
        `The following target groups cannot be associated with more than one load balancer: ${arn}`,
      );
    }
    return { type: 'forward' as const, targetGroupArn: arn };
  });
}

const sameActions = (a: ListenerRecord['defaultActions'], b: ListenerRecord['defaultActions']) =>
  a.length === b.length && a.every((x, i) => x.type === b[i]?.type && x.targetGroupArn === b[i]?.targetGroupArn);

const createListener = action<CreateListenerInput, CreateListenerOutput>(CreateListener$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const lb = records.loadBalancers.find((l) => l.arn === input.LoadBalancerArn);
  if (!lb) throw loadBalancerNotFound();
  const protocol = checkProtocol(input.Protocol, input.Certificates);
  const port = checkPort(input.Port);
  const defaultActions = checkActions(input.DefaultActions, lb, records);
  const tags = tagsFrom(input.Tags);
  const existing = records.listeners.find((l) => l.loadBalancerArn === lb.arn && l.port === port);
  if (existing) {
    if (existing.protocol !== protocol || !sameActions(existing.defaultActions, defaultActions)) {
      throw new PracticeError(
        'DuplicateListener',
        `A listener already exists on this port for this load balancer '${lb.arn}'`,
      );
    }
    return { Listeners: [listenerShape(existing)] };
  }
  if (records.listeners.filter((l) => l.loadBalancerArn === lb.arn).length >= MAX_LISTENERS) {
    throw new PracticeError(
      'TooManyListeners',
      `The quota for the number of listeners per load balancer has been reached`,
    );
  }
  const lbPath = lb.arn.slice(lb.arn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
  const listener: ListenerRecord = {
    arn: elbArn(context.region, `listener/${lbPath}/${context.world.hex(16)}`),
    loadBalancerArn: lb.arn,
    port,
    protocol,
    defaultActions,
    tags,
  };
  records.listeners.push(listener);
  context.world.changed();
  return { Listeners: [listenerShape(listener)] };
});

const modifyListener = action<ModifyListenerInput, ModifyListenerOutput>(ModifyListener$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const listener = records.listeners.find((l) => l.arn === input.ListenerArn);
  if (!listener) throw listenerNotFound();
  const lb = records.loadBalancers.find((l) => l.arn === listener.loadBalancerArn);
  if (!lb) throw loadBalancerNotFound();
  const protocol = input.Protocol !== undefined ? checkProtocol(input.Protocol, input.Certificates) : listener.protocol;
  const port = input.Port !== undefined ? checkPort(input.Port) : listener.port;
  if (records.listeners.some((l) => l !== listener && l.loadBalancerArn === lb.arn && l.port === port)) {
    throw new PracticeError(
      'DuplicateListener',
      `A listener already exists on this port for this load balancer '${lb.arn}'`,
    );
  }
  const defaultActions = input.DefaultActions?.length
    ? checkActions(input.DefaultActions, lb, records)
    : listener.defaultActions;
  Object.assign(listener, { protocol, port, defaultActions });
  context.world.changed();
  return { Listeners: [listenerShape(listener)] };
});

const deleteListener = action<DeleteListenerInput, DeleteListenerOutput>(DeleteListener$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  if (!records.listeners.some((l) => l.arn === input.ListenerArn)) throw listenerNotFound();
  records.listeners = records.listeners.filter((l) => l.arn !== input.ListenerArn);
  context.world.changed();
  return {};
});

const describeListeners = action<DescribeListenersInput, DescribeListenersOutput>(
  DescribeListeners$,
  (input, { records }) => {
    let selected: ListenerRecord[];
    if (input.ListenerArns?.length) {
      selected = pick(records.listeners, input.ListenerArns, (l) => l.arn, listenerNotFound);
    } else if (input.LoadBalancerArn) {
      if (!records.loadBalancers.some((lb) => lb.arn === input.LoadBalancerArn)) throw loadBalancerNotFound();
      selected = records.listeners.filter((l) => l.loadBalancerArn === input.LoadBalancerArn);
    } else {
      throw validationError('You must specify either listener ARNs or a load balancer ARN');
    }
    const page = paginate(selected, { token: input.Marker, size: input.PageSize }, elbRules('listeners'));
    return { Listeners: page.items.map(listenerShape), NextMarker: page.next };
  },
);

export const elbv2ListenerActions: Record<string, ActionDefinition> = {
  DescribeListeners: describeListeners,
  CreateListener: createListener,
  ModifyListener: modifyListener,
  DeleteListener: deleteListener,
};
