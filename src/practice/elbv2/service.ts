// Elastic Load Balancing v2 (awsQuery, API version 2015-12-01): the reads (load balancers,
// listeners, target groups, target health, tags) and the service table, which adds the writes from
// elbv2Writes.ts. Pages use Marker/PageSize.
import {
  DescribeListeners$,
  DescribeLoadBalancers$,
  DescribeTags$,
  DescribeTargetGroups$,
  DescribeTargetHealth$,
  type DescribeListenersInput,
  type DescribeListenersOutput,
  type DescribeLoadBalancersInput,
  type DescribeLoadBalancersOutput,
  type DescribeTagsInput,
  type DescribeTagsOutput,
  type DescribeTargetGroupsInput,
  type DescribeTargetGroupsOutput,
  type DescribeTargetHealthInput,
  type DescribeTargetHealthOutput,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { action, type RequestContext, type ServiceDefinition } from '../core/actions';
import { validationError } from '../core/errors';
import { listenerNotFound, loadBalancerNotFound, loadBalancersOf, pick, targetGroupNotFound } from './model';
import { listenerShape, loadBalancerShape, targetGroupShape } from './shapes';
import { elbv2WriteActions } from './writes';
import { elbRules, paginate } from '../core/pagination';
import { tagList, type ListenerRecord, type TargetGroupRecord } from '../core/records';
import { HealthEvaluator, NOT_REGISTERED } from './targetHealth';

const describeLoadBalancers = action<DescribeLoadBalancersInput, DescribeLoadBalancersOutput>(
  DescribeLoadBalancers$,
  (input, context) => {
    const { records } = context;
    if (input.Names?.length && input.LoadBalancerArns?.length) {
      throw validationError('Load balancer names and load balancer ARNs cannot be specified at the same time');
    }
    let selected = records.loadBalancers;
    if (input.LoadBalancerArns?.length)
      selected = pick(
        selected,
        input.LoadBalancerArns,
        (lb) => lb.arn,
        () => loadBalancerNotFound(),
      );
    if (input.Names?.length)
      selected = pick(
        selected,
        input.Names,
        (lb) => lb.name,
        (names) => loadBalancerNotFound(names.join(', ')),
      );
    const page = paginate(selected, { token: input.Marker, size: input.PageSize }, elbRules('load-balancers'));
    return {
      LoadBalancers: page.items.map((lb) => loadBalancerShape(lb, context.region, context.now)),
      NextMarker: page.next,
    };
  },
);

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

const describeTargetGroups = action<DescribeTargetGroupsInput, DescribeTargetGroupsOutput>(
  DescribeTargetGroups$,
  (input, { records }) => {
    let selected = records.targetGroups;
    if (input.LoadBalancerArn) {
      const lb = records.loadBalancers.find((l) => l.arn === input.LoadBalancerArn);
      if (!lb) throw loadBalancerNotFound();
      selected = selected.filter((g) => loadBalancersOf(g, records).includes(lb));
    }
    if (input.TargetGroupArns?.length)
      selected = pick(
        selected,
        input.TargetGroupArns,
        (g) => g.arn,
        () => targetGroupNotFound(),
      );
    if (input.Names?.length)
      selected = pick(
        selected,
        input.Names,
        (g) => g.name,
        (names) => targetGroupNotFound(names.join(', ')),
      );
    const page = paginate(selected, { token: input.Marker, size: input.PageSize }, elbRules('target-groups'));
    return { TargetGroups: page.items.map((g) => targetGroupShape(g, records)), NextMarker: page.next };
  },
);

/** The region's health evaluator, after recording any finding that changed since the last write. */
export function evaluatorFor(context: RequestContext): HealthEvaluator {
  const evaluator = new HealthEvaluator(context.records, context.now, context.world.clock.speed);
  if (evaluator.refresh()) context.world.changed();
  return evaluator;
}

function healthDescription(
  evaluator: HealthEvaluator,
  group: TargetGroupRecord,
): (id: string, port: number | undefined) => TargetHealthDescription {
  return (id, port) => {
    const target = group.targets.find((t) => t.id === id && (port === undefined || t.port === port));
    const health = target ? evaluator.health(group, target) : NOT_REGISTERED;
    const targetPort = target?.port ?? port ?? group.port;
    return {
      Target: { Id: id, Port: targetPort, AvailabilityZone: evaluator.instance(id)?.az },
      HealthCheckPort: group.healthCheck.port === 'traffic-port' ? String(targetPort) : group.healthCheck.port,
      TargetHealth: {
        State: health.state,
        Reason: health.reason as 'Target.NotInUse',
        Description: health.description,
      },
    };
  };
}

const describeTargetHealth = action<DescribeTargetHealthInput, DescribeTargetHealthOutput>(
  DescribeTargetHealth$,
  (input, context) => {
    if (!input.TargetGroupArn)
      throw validationError(
        "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null",
      );
    const group = context.records.targetGroups.find((g) => g.arn === input.TargetGroupArn);
    if (!group) throw targetGroupNotFound();
    const describe = healthDescription(evaluatorFor(context), group);
    const wanted = input.Targets?.length
      ? input.Targets.map((t) => [t.Id ?? '', t.Port] as const)
      : group.targets.map((t) => [t.id, t.port] as const);
    return { TargetHealthDescriptions: wanted.map(([id, port]) => describe(id, port)) };
  },
);

const describeTags = action<DescribeTagsInput, DescribeTagsOutput>(DescribeTags$, (input, { records }) => {
  const arns = input.ResourceArns ?? [];
  if (arns.length === 0 || arns.length > 20) {
    throw validationError(
      `1 validation error detected: Value '[${arns.join(', ')}]' at 'resourceArns' failed to satisfy constraint: Member must have length ${arns.length === 0 ? 'greater than or equal to 1' : 'less than or equal to 20'}`,
    );
  }
  return {
    TagDescriptions: arns.map((arn) => {
      const resource =
        records.loadBalancers.find((r) => r.arn === arn) ??
        records.targetGroups.find((r) => r.arn === arn) ??
        records.listeners.find((r) => r.arn === arn);
      if (!resource) {
        if (arn.includes(':targetgroup/')) throw targetGroupNotFound();
        if (arn.includes(':listener/')) throw listenerNotFound();
        throw loadBalancerNotFound();
      }
      return { ResourceArn: arn, Tags: tagList(resource.tags) };
    }),
  };
});

export const elbv2Service: ServiceDefinition = {
  signingName: 'elasticloadbalancing',
  dialect: 'query',
  version: '2015-12-01',
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  actions: {
    DescribeLoadBalancers: describeLoadBalancers,
    DescribeListeners: describeListeners,
    DescribeTargetGroups: describeTargetGroups,
    DescribeTargetHealth: describeTargetHealth,
    DescribeTags: describeTags,
    ...elbv2WriteActions,
  },
};
