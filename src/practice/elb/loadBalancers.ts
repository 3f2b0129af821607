// Classic Load Balancers (ELB v1): CreateLoadBalancer (listeners, AvailabilityZones or Subnets, security
// groups, scheme, tags; a node with a private IP in each subnet), DescribeLoadBalancers (by name, Marker/PageSize
// pages), DeleteLoadBalancer (a missing one is no error, as on AWS), ApplySecurityGroupsToLoadBalancer, and the
// attributes. Validation and error codes as AWS answers; the AZ and subnet writes are in zones.ts.
import {
  ApplySecurityGroupsToLoadBalancer$,
  CreateLoadBalancer$,
  DeleteLoadBalancer$,
  DescribeLoadBalancerAttributes$,
  DescribeLoadBalancers$,
  ModifyLoadBalancerAttributes$,
  type ApplySecurityGroupsToLoadBalancerInput,
  type ApplySecurityGroupsToLoadBalancerOutput,
  type CreateAccessPointInput,
  type CreateAccessPointOutput,
  type DeleteAccessPointInput,
  type DeleteAccessPointOutput,
  type DescribeAccessPointsInput,
  type DescribeAccessPointsOutput,
  type DescribeLoadBalancerAttributesInput,
  type DescribeLoadBalancerAttributesOutput,
  type ModifyLoadBalancerAttributesInput,
  type ModifyLoadBalancerAttributesOutput,
} from '@aws-sdk/client-elastic-load-balancing';
import { action, type ActionDefinition } from '../core/actions';
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { PracticeError, validationError } from '../core/errors';
import { checkSecurityGroups, elbArn, loadBalancerGroups, type InvalidGroup } from '../elbv2/model';
import { elbRules, paginate } from '../core/pagination';
import { tagsFrom } from '../elbv2/tags';
import type { ClassicLoadBalancerRecord } from '../core/records';
import { checkListeners } from './listeners';
import {
  apiDefaultHealthCheck,
  checkName,
  classicDnsName,
  classicLoadBalancers,
  findClassic,
  invalidConfiguration,
  loadBalancerNotFound,
  writableClassicLoadBalancers,
} from './model';
import { attributesShape, loadBalancerDescription } from './shapes';
import { placeNodes, subnetsForZones, subnetsNamed } from './zones';

/** AWS's default quota of Classic Load Balancers per region. */
const MAX_LOAD_BALANCERS = 20;

const invalidGroup: InvalidGroup = (id) =>
  new PracticeError('InvalidSecurityGroup', `One or more security groups are invalid: ${id}`);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const createLoadBalancer = action<CreateAccessPointInput, CreateAccessPointOutput>(
  CreateLoadBalancer$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const name = checkName(input.LoadBalancerName);
    const listeners = checkListeners(input.Listeners ?? []);
    if (listeners.length === 0)
      throw validationError(
        "1 validation error detected: Value null at 'listeners' failed to satisfy constraint: Member must not be null",
      );
    const scheme = input.Scheme ?? 'internet-facing';
    if (scheme !== 'internet-facing' && scheme !== 'internal')
      throw validationError(`Invalid value for scheme: ${scheme}. Valid values are internet-facing and internal`);
    if (input.Subnets?.length && input.AvailabilityZones?.length)
      throw validationError('Only one of Subnets or AvailabilityZones may be specified');
    const subnets = input.Subnets?.length
      ? subnetsNamed(input.Subnets, records)
      : subnetsForZones(input.AvailabilityZones ?? [], records, context.region);
    const vpcId = subnets[0]?.vpcId ?? '';
    const groupIds = loadBalancerGroups(input.SecurityGroups, vpcId, records, invalidGroup);
    const tags = tagsFrom(input.Tags);

    const existing = classicLoadBalancers(records).find((lb) => lb.name === name);
    if (existing) {
      // The same request again answers the same DNS name; anything else is a duplicate.
      const same =
        existing.scheme === scheme &&
        sameList(
          existing.zones.map((z) => z.subnetId),
          subnets.map((s) => s.id),
        ) &&
        sameList(existing.securityGroupIds, groupIds) &&
        JSON.stringify(existing.listeners) === JSON.stringify(listeners);
      if (!same)
        throw new PracticeError(
          'DuplicateLoadBalancerName',
          `Load Balancer named '${name}' already exists and it is configured with different parameters.`,
        );
      return { DNSName: existing.dnsName };
    }
    if (classicLoadBalancers(records).length >= MAX_LOAD_BALANCERS)
      throw new PracticeError('TooManyLoadBalancers', `Exceeded quota of account ${PRACTICE_ACCOUNT_ID}`);

    // AWS's CLB names carry 10 digits after the name ("my-loadbalancer-1234567890.us-west-2.elb.amazonaws.com").
    const digits = `${1_000 + (context.world.nextRandom() % 9_000)}${String(context.world.nextRandom() % 1_000_000).padStart(6, '0')}`;
    const lb: ClassicLoadBalancerRecord = {
      name,
      arn: elbArn(context.region, `loadbalancer/${name}`),
      dnsName: classicDnsName(name, scheme, context.region, digits),
      scheme,
      vpcId,
      zones: [],
      securityGroupIds: groupIds,
      listeners,
      healthCheck: apiDefaultHealthCheck(listeners[0]?.instancePort ?? 80),
      instances: [],
      createdTime: context.now.toISOString(),
      tags,
    };
    lb.zones = placeNodes(context.world, records, subnets, []);
    writableClassicLoadBalancers(records).push(lb);
    context.world.changed();
    return { DNSName: lb.dnsName };
  },
);

const describeLoadBalancers = action<DescribeAccessPointsInput, DescribeAccessPointsOutput>(
  DescribeLoadBalancers$,
  (input, context) => {
    const all = classicLoadBalancers(context.records);
    let selected = all;
    if (input.LoadBalancerNames?.length) {
      const missing = input.LoadBalancerNames.find((n) => !all.some((lb) => lb.name === n));
      if (missing !== undefined) throw loadBalancerNotFound(missing);
      const wanted = new Set(input.LoadBalancerNames);
      selected = all.filter((lb) => wanted.has(lb.name));
    }
    const page = paginate(selected, { token: input.Marker, size: input.PageSize }, elbRules('classic-load-balancers'));
    return {
      LoadBalancerDescriptions: page.items.map((lb) => loadBalancerDescription(lb, context.region, context.records)),
      NextMarker: page.next,
    };
  },
);

const deleteLoadBalancer = action<DeleteAccessPointInput, DeleteAccessPointOutput>(
  DeleteLoadBalancer$,
  (input, context) => {
    checkName(input.LoadBalancerName);
    const records = context.world.writableRegion(context.region);
    const list = classicLoadBalancers(records);
    if (!list.some((lb) => lb.name === input.LoadBalancerName)) return {};
    records.classicLoadBalancers = list.filter((lb) => lb.name !== input.LoadBalancerName);
    context.world.changed();
    return {};
  },
);

const applySecurityGroups = action<ApplySecurityGroupsToLoadBalancerInput, ApplySecurityGroupsToLoadBalancerOutput>(
  ApplySecurityGroupsToLoadBalancer$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    if (!input.SecurityGroups?.length)
      throw validationError(
        "1 validation error detected: Value null at 'securityGroups' failed to satisfy constraint: Member must not be null",
      );
    lb.securityGroupIds = checkSecurityGroups(input.SecurityGroups, lb.vpcId, records, invalidGroup);
    context.world.changed();
    return { SecurityGroups: lb.securityGroupIds };
  },
);

const describeAttributes = action<DescribeLoadBalancerAttributesInput, DescribeLoadBalancerAttributesOutput>(
  DescribeLoadBalancerAttributes$,
  (input, context) => ({
    LoadBalancerAttributes: attributesShape(findClassic(context.records, input.LoadBalancerName)),
  }),
);

const modifyAttributes = action<ModifyLoadBalancerAttributesInput, ModifyLoadBalancerAttributesOutput>(
  ModifyLoadBalancerAttributes$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    const asked = input.LoadBalancerAttributes ?? {};
    const idle = asked.ConnectionSettings?.IdleTimeout;
    if (idle !== undefined && (idle < 1 || idle > 4000))
      throw invalidConfiguration('IdleTimeout must be between 1 and 4000 seconds');
    const draining = asked.ConnectionDraining;
    if (draining?.Timeout !== undefined && (draining.Timeout < 1 || draining.Timeout > 3600))
      throw invalidConfiguration('ConnectionDraining Timeout must be between 1 and 3600 seconds');
    if (asked.AccessLog?.Enabled) throw invalidConfiguration('The practice account keeps no access logs in S3');
    lb.attributes = {
      ...lb.attributes,
      ...(asked.CrossZoneLoadBalancing ? { crossZone: !!asked.CrossZoneLoadBalancing.Enabled } : {}),
      ...(idle !== undefined ? { idleTimeout: idle } : {}),
      ...(draining ? { connectionDraining: { enabled: !!draining.Enabled, timeout: draining.Timeout ?? 300 } } : {}),
    };
    context.world.changed();
    return { LoadBalancerName: lb.name, LoadBalancerAttributes: attributesShape(lb) };
  },
);

export const classicLoadBalancerActions: Record<string, ActionDefinition> = {
  CreateLoadBalancer: createLoadBalancer,
  DescribeLoadBalancers: describeLoadBalancers,
  DeleteLoadBalancer: deleteLoadBalancer,
  ApplySecurityGroupsToLoadBalancer: applySecurityGroups,
  DescribeLoadBalancerAttributes: describeAttributes,
  ModifyLoadBalancerAttributes: modifyAttributes,
};
