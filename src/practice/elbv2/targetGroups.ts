// ELBv2 target groups: DescribeTargetGroups (by load balancer, ARN or name, Marker/PageSize pages),
// CreateTargetGroup (same name and settings returns the existing group), ModifyTargetGroup
// (health-check settings), DeleteTargetGroup (refused while a listener forwards to it), and the target
// group attributes. The targets in a group and their health are targets.ts's.
import {
  CreateTargetGroup$,
  DeleteTargetGroup$,
  DescribeTargetGroupAttributes$,
  DescribeTargetGroups$,
  ModifyTargetGroup$,
  ModifyTargetGroupAttributes$,
  type CreateTargetGroupInput,
  type CreateTargetGroupOutput,
  type DeleteTargetGroupInput,
  type DeleteTargetGroupOutput,
  type DescribeTargetGroupAttributesInput,
  type DescribeTargetGroupAttributesOutput,
  type DescribeTargetGroupsInput,
  type DescribeTargetGroupsOutput,
  type ModifyTargetGroupAttributesInput,
  type ModifyTargetGroupAttributesOutput,
  type ModifyTargetGroupInput,
  type ModifyTargetGroupOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { action, type ActionDefinition } from '../core/actions';
import { PracticeError, validationError } from '../core/errors';
import {
  TARGET_GROUP_ATTRIBUTE_DEFAULTS,
  elbArn,
  loadBalancerNotFound,
  loadBalancersOf,
  pick,
  targetGroupAttribute,
  targetGroupNotFound,
} from './model';
import { elbRules, paginate } from '../core/pagination';
import { targetGroupShape } from './shapes';
import { tagsFrom } from './tags';
import type { HealthCheckRecord, RegionState, TargetGroupRecord } from '../core/records';

const MAX_TARGET_GROUPS = 3000;

type HealthCheckInput = Pick<
  CreateTargetGroupInput,
  | 'HealthCheckProtocol'
  | 'HealthCheckPort'
  | 'HealthCheckPath'
  | 'HealthCheckIntervalSeconds'
  | 'HealthCheckTimeoutSeconds'
  | 'HealthyThresholdCount'
  | 'UnhealthyThresholdCount'
  | 'Matcher'
>;

function checkName(name: string | undefined): string {
  if (!name)
    throw validationError(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  if (name.length > 32) throw validationError(`Target group name '${name}' cannot be longer than '32' characters`);
  if (!/^[A-Za-z0-9-]+$/.test(name))
    throw validationError(
      `Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`,
    );
  if (name.startsWith('-') || name.endsWith('-'))
    throw validationError(`Target group name '${name}' cannot begin or end with '-'`);
  return name;
}

export function inRange(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${what}' failed to satisfy constraint: Member must have value ${value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  }
  return value;
}

/** Health-check settings over a base (AWS's defaults for a new HTTP group, or the group's own), validated. */
function healthCheckFrom(input: HealthCheckInput, base: HealthCheckRecord): HealthCheckRecord {
  const hc: HealthCheckRecord = {
    protocol: input.HealthCheckProtocol ?? base.protocol,
    port: input.HealthCheckPort ?? base.port,
    path: input.HealthCheckPath ?? base.path,
    intervalSeconds: inRange(
      input.HealthCheckIntervalSeconds ?? base.intervalSeconds,
      5,
      300,
      'healthCheckIntervalSeconds',
    ),
    timeoutSeconds: inRange(
      input.HealthCheckTimeoutSeconds ?? base.timeoutSeconds,
      2,
      120,
      'healthCheckTimeoutSeconds',
    ),
    healthyThreshold: inRange(input.HealthyThresholdCount ?? base.healthyThreshold, 2, 10, 'healthyThresholdCount'),
    unhealthyThreshold: inRange(
      input.UnhealthyThresholdCount ?? base.unhealthyThreshold,
      2,
      10,
      'unhealthyThresholdCount',
    ),
    matcher: input.Matcher?.HttpCode ?? base.matcher,
  };
  if (hc.protocol !== 'HTTP' && hc.protocol !== 'HTTPS')
    throw validationError(
      `Health check protocol '${hc.protocol}' is not supported for target groups with the HTTP protocol`,
    );
  if (hc.port !== 'traffic-port') inRange(Number(hc.port), 1, 65535, 'healthCheckPort');
  if (!hc.path.startsWith('/') || hc.path.length > 1024)
    throw validationError(
      "Health check path must begin with a '/' character, and can be at most 1024 characters in length",
    );
  if (hc.timeoutSeconds >= hc.intervalSeconds)
    throw validationError('Health check interval must be greater than the timeout.');
  const codes = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(hc.matcher) ? hc.matcher.split(/[,-]/).map(Number) : [];
  if (codes.length === 0 || codes.some((c) => c < 200 || c > 499)) {
    throw new PracticeError(
      'InvalidConfigurationRequest',
      `Health check matcher HTTP code '${hc.matcher}' must be within '200-499' range`,
    );
  }
  return hc;
}

const DEFAULT_HEALTH_CHECK: HealthCheckRecord = {
  protocol: 'HTTP',
  port: 'traffic-port',
  path: '/',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
  matcher: '200',
};

const sameHealthCheck = (a: HealthCheckRecord, b: HealthCheckRecord) =>
  (Object.keys(a) as (keyof HealthCheckRecord)[]).every((k) => a[k] === b[k]);

const createTargetGroup = action<CreateTargetGroupInput, CreateTargetGroupOutput>(
  CreateTargetGroup$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const name = checkName(input.Name);
    const targetType = input.TargetType ?? 'instance';
    if (targetType !== 'instance')
      throw new PracticeError(
        'InvalidConfigurationRequest',
        `The practice account offers instance target groups only, not '${targetType}'`,
      );
    if (!input.Protocol) throw validationError('A protocol must be specified');
    if (input.Protocol !== 'HTTP' && input.Protocol !== 'HTTPS')
      throw validationError(`Protocol '${input.Protocol}' is not supported by the practice account: use HTTP`);
    if (input.Port === undefined) throw validationError('A port must be specified');
    inRange(input.Port, 1, 65535, 'port');
    if (!input.VpcId) throw validationError('A VPC ID must be specified');
    if (!records.vpcs.some((v) => v.id === input.VpcId))
      throw validationError(`The VPC ID '${input.VpcId}' is not found`);
    const healthCheck = healthCheckFrom(input, { ...DEFAULT_HEALTH_CHECK, protocol: input.Protocol });
    const tags = tagsFrom(input.Tags);

    const existing = records.targetGroups.find((g) => g.name === name);
    if (existing) {
      const same =
        existing.protocol === input.Protocol &&
        existing.port === input.Port &&
        existing.vpcId === input.VpcId &&
        existing.targetType === targetType &&
        sameHealthCheck(existing.healthCheck, healthCheck);
      if (!same)
        throw new PracticeError(
          'DuplicateTargetGroupName',
          `A target group with the same name '${name}' exists, but with different settings`,
        );
      return { TargetGroups: [targetGroupShape(existing, records)] };
    }
    if (records.targetGroups.length >= MAX_TARGET_GROUPS)
      throw new PracticeError('TooManyTargetGroups', 'The quota for the number of target groups has been reached');
    const group: TargetGroupRecord = {
      arn: elbArn(context.region, `targetgroup/${name}/${context.world.hex(16)}`),
      name,
      protocol: input.Protocol,
      port: input.Port,
      vpcId: input.VpcId,
      targetType,
      healthCheck,
      targets: [],
      tags,
    };
    records.targetGroups.push(group);
    context.world.changed();
    return { TargetGroups: [targetGroupShape(group, records)] };
  },
);

export function findGroup(records: RegionState, arn: string | undefined): TargetGroupRecord {
  const group = records.targetGroups.find((g) => g.arn === arn);
  if (!group) throw targetGroupNotFound();
  return group;
}

const modifyTargetGroup = action<ModifyTargetGroupInput, ModifyTargetGroupOutput>(
  ModifyTargetGroup$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const group = findGroup(records, input.TargetGroupArn);
    group.healthCheck = healthCheckFrom(input, group.healthCheck);
    context.world.changed();
    return { TargetGroups: [targetGroupShape(group, records)] };
  },
);

const deleteTargetGroup = action<DeleteTargetGroupInput, DeleteTargetGroupOutput>(
  DeleteTargetGroup$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const group = records.targetGroups.find((g) => g.arn === input.TargetGroupArn);
    if (!group) return {}; // deleting what is not there succeeds, as on AWS
    if (loadBalancersOf(group, records).length > 0) {
      throw new PracticeError(
        'ResourceInUse',
        `Target group '${group.arn}' is currently in use by a listener or a rule`,
      );
    }
    records.targetGroups = records.targetGroups.filter((g) => g !== group);
    context.world.changed();
    return {};
  },
);

const attributeList = (group: TargetGroupRecord) =>
  Object.keys(TARGET_GROUP_ATTRIBUTE_DEFAULTS).map((Key) => ({ Key, Value: targetGroupAttribute(group, Key) }));

const describeTargetGroupAttributes = action<DescribeTargetGroupAttributesInput, DescribeTargetGroupAttributesOutput>(
  DescribeTargetGroupAttributes$,
  (input, context) => ({ Attributes: attributeList(findGroup(context.records, input.TargetGroupArn)) }),
);

const modifyTargetGroupAttributes = action<ModifyTargetGroupAttributesInput, ModifyTargetGroupAttributesOutput>(
  ModifyTargetGroupAttributes$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const group = findGroup(records, input.TargetGroupArn);
    const updated = { ...group.attributes };
    for (const { Key, Value } of input.Attributes ?? []) {
      if (!Key || !(Key in TARGET_GROUP_ATTRIBUTE_DEFAULTS))
        throw new PracticeError(
          'InvalidConfigurationRequest',
          `Target group attribute key '${Key ?? ''}' is not recognized`,
        );
      if (Key === 'deregistration_delay.timeout_seconds') {
        const seconds = Number(Value);
        if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600) {
          throw new PracticeError(
            'InvalidConfigurationRequest',
            `Target group attribute value '${Value ?? ''}' is not valid for key '${Key}': it must be between 0 and 3600`,
          );
        }
      }
      updated[Key] = Value ?? '';
    }
    group.attributes = updated;
    context.world.changed();
    return { Attributes: attributeList(group) };
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

export const elbv2TargetGroupActions: Record<string, ActionDefinition> = {
  DescribeTargetGroups: describeTargetGroups,
  CreateTargetGroup: createTargetGroup,
  ModifyTargetGroup: modifyTargetGroup,
  DeleteTargetGroup: deleteTargetGroup,
  DescribeTargetGroupAttributes: describeTargetGroupAttributes,
  ModifyTargetGroupAttributes: modifyTargetGroupAttributes,
};
