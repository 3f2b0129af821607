// ELBv2 load balancers: DescribeLoadBalancers (by ARN or name, Marker/PageSize pages), CreateLoadBalancer
// (provisioning -> active on the clock, a node with a private IP in each enabled subnet),
// DeleteLoadBalancer (its listeners go with it), SetSubnets, SetSecurityGroups, and the load balancer
// attributes. Validation and error codes as AWS answers.
import {
  CreateLoadBalancer$,
  DeleteLoadBalancer$,
  DescribeLoadBalancerAttributes$,
  DescribeLoadBalancers$,
  ModifyLoadBalancerAttributes$,
  SetSecurityGroups$,
  SetSubnets$,
  type CreateLoadBalancerInput,
  type CreateLoadBalancerOutput,
  type DeleteLoadBalancerInput,
  type DeleteLoadBalancerOutput,
  type DescribeLoadBalancerAttributesInput,
  type DescribeLoadBalancerAttributesOutput,
  type DescribeLoadBalancersInput,
  type DescribeLoadBalancersOutput,
  type ModifyLoadBalancerAttributesInput,
  type ModifyLoadBalancerAttributesOutput,
  type SetSecurityGroupsInput,
  type SetSecurityGroupsOutput,
  type SetSubnetsInput,
  type SetSubnetsOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { allocatePrivateIp } from '../core/addressing';
import { addressesInUse } from '../rds/placement';
import { PracticeError, validationError } from '../core/errors';
import {
  LOAD_BALANCER_ATTRIBUTE_DEFAULTS,
  PROVISIONING_MS,
  checkSecurityGroups,
  elbArn,
  loadBalancerGroups,
  loadBalancerNotFound,
  pick,
  type InvalidGroup,
} from './model';
import { elbRules, paginate } from '../core/pagination';
import { loadBalancerShape } from './shapes';
import { tagsFrom } from './tags';
import type { LoadBalancerRecord, RegionState, SubnetRecord } from '../core/records';

/** AWS's default quota of load balancers per region. */
const MAX_LOAD_BALANCERS = 50;

function checkName(name: string | undefined): string {
  if (!name)
    throw validationError(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  if (name.length > 32) throw validationError(`The load balancer name '${name}' cannot be longer than '32' characters`);
  if (!/^[A-Za-z0-9-]+$/.test(name))
    throw validationError(`The load balancer name '${name}' can contain only alphanumeric characters and hyphens`);
  if (name.startsWith('-') || name.endsWith('-'))
    throw validationError(`The load balancer name '${name}' cannot begin or end with a hyphen`);
  if (name.toLowerCase().startsWith('internal-'))
    throw validationError(`The load balancer name '${name}' cannot begin with 'internal-'`);
  return name;
}

/** The subnets asked for (Subnets or SubnetMappings), checked: they exist, share a VPC, one per AZ, two AZs at least. */
function chosenSubnets(
  input: { Subnets?: string[]; SubnetMappings?: { SubnetId?: string }[] },
  records: RegionState,
): SubnetRecord[] {
  const ids = input.Subnets?.length ? input.Subnets : (input.SubnetMappings ?? []).map((m) => m.SubnetId ?? '');
  if (ids.length === 0)
    throw validationError('At least two subnets in two different Availability Zones must be specified');
  const subnets = [...new Set(ids)].map((id) => {
    const subnet = records.subnets.find((s) => s.id === id);
    if (!subnet) throw new PracticeError('SubnetNotFound', `The subnet ID '${id}' is not valid`);
    return subnet;
  });
  if (new Set(subnets.map((s) => s.vpcId)).size > 1)
    throw new PracticeError('InvalidSubnet', 'The specified subnets must all be in the same VPC');
  if (new Set(subnets.map((s) => s.az)).size < subnets.length) {
    throw new PracticeError(
      'InvalidConfigurationRequest',
      'A load balancer cannot be attached to multiple subnets in the same Availability Zone',
    );
  }
  if (subnets.length < 2)
    throw validationError('At least two subnets in two different Availability Zones must be specified');
  return subnets;
}

const invalidGroup: InvalidGroup = (id, vpcId, exists) =>
  new PracticeError(
    'InvalidSecurityGroup',
    exists ? `Security group '${id}' does not belong to VPC '${vpcId}'` : `Security group '${id}' does not exist`,
  );

/** Zones with a node each: nodes already there keep their address, new subnets get a free one. */
function zonesWithNodes(
  context: RequestContext,
  records: RegionState,
  subnets: SubnetRecord[],
  previous: LoadBalancerRecord['zones'] = [],
): LoadBalancerRecord['zones'] {
  // Every address the region's instances, load balancers, NAT gateways and databases hold.
  const used = addressesInUse(records);
  return subnets.map((subnet) => {
    const kept = previous.find((z) => z.subnetId === subnet.id);
    if (kept?.nodeIp) return kept;
    const nodeIp = allocatePrivateIp(context.world, subnet.cidr, used);
    used.add(nodeIp);
    return { az: subnet.az, subnetId: subnet.id, nodeIp };
  });
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const createLoadBalancer = action<CreateLoadBalancerInput, CreateLoadBalancerOutput>(
  CreateLoadBalancer$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const name = checkName(input.Name);
    const type = input.Type ?? 'application';
    if (type !== 'application')
      throw new PracticeError(
        'InvalidConfigurationRequest',
        `The practice account offers Application Load Balancers only, not '${type}'`,
      );
    const scheme = input.Scheme ?? 'internet-facing';
    if (scheme !== 'internet-facing' && scheme !== 'internal')
      throw new PracticeError('InvalidScheme', `The scheme '${String(scheme)}' is not valid`);
    const subnets = chosenSubnets(input, records);
    const vpcId = subnets[0]?.vpcId ?? '';
    const groupIds = loadBalancerGroups(input.SecurityGroups, vpcId, records, invalidGroup);
    const tags = tagsFrom(input.Tags);

    const existing = records.loadBalancers.find((lb) => lb.name === name);
    if (existing) {
      const same =
        existing.scheme === scheme &&
        existing.type === type &&
        sameSet(
          existing.zones.map((z) => z.subnetId),
          subnets.map((s) => s.id),
        ) &&
        sameSet(existing.securityGroupIds, groupIds);
      if (!same)
        throw new PracticeError(
          'DuplicateLoadBalancerName',
          `A load balancer with the same name '${name}' exists, but with different settings`,
        );
      return { LoadBalancers: [loadBalancerShape(existing, context.region, context.now)] };
    }
    if (records.loadBalancers.length >= MAX_LOAD_BALANCERS)
      throw new PracticeError('TooManyLoadBalancers', 'The quota for the number of load balancers has been reached');

    const hex = context.world.hex(16);
    const digits = 1_000_000_000 + (context.world.nextRandom() % 900_000_000);
    const lb: LoadBalancerRecord = {
      arn: elbArn(context.region, `loadbalancer/app/${name}/${hex}`),
      name,
      dnsName: `${scheme === 'internal' ? 'internal-' : ''}${name}-${digits}.${context.region}.elb.amazonaws.com`,
      scheme,
      type,
      state: 'provisioning',
      activeAt: context.world.clock.after(PROVISIONING_MS).toISOString(),
      vpcId,
      zones: zonesWithNodes(context, records, subnets),
      securityGroupIds: groupIds,
      createdTime: context.now.toISOString(),
      tags,
    };
    records.loadBalancers.push(lb);
    context.world.changed();
    return { LoadBalancers: [loadBalancerShape(lb, context.region, context.now)] };
  },
);

function findLoadBalancer(records: RegionState, arn: string | undefined): LoadBalancerRecord {
  const lb = records.loadBalancers.find((l) => l.arn === arn);
  if (!lb) throw loadBalancerNotFound();
  return lb;
}

const attribute = (lb: LoadBalancerRecord, key: string) =>
  lb.attributes?.[key] ?? LOAD_BALANCER_ATTRIBUTE_DEFAULTS[key];

const deleteLoadBalancer = action<DeleteLoadBalancerInput, DeleteLoadBalancerOutput>(
  DeleteLoadBalancer$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findLoadBalancer(records, input.LoadBalancerArn);
    if (attribute(lb, 'deletion_protection.enabled') === 'true') {
      throw new PracticeError(
        'OperationNotPermitted',
        `Load balancer '${lb.arn}' cannot be deleted because deletion protection is enabled`,
      );
    }
    records.listeners = records.listeners.filter((l) => l.loadBalancerArn !== lb.arn);
    records.loadBalancers = records.loadBalancers.filter((l) => l !== lb);
    context.world.changed();
    return {};
  },
);

const setSubnets = action<SetSubnetsInput, SetSubnetsOutput>(SetSubnets$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const lb = findLoadBalancer(records, input.LoadBalancerArn);
  const subnets = chosenSubnets(input, records);
  if (subnets.some((s) => s.vpcId !== lb.vpcId))
    throw new PracticeError('InvalidSubnet', `The specified subnets must be in the load balancer's VPC '${lb.vpcId}'`);
  lb.zones = zonesWithNodes(context, records, subnets, lb.zones);
  context.world.changed();
  return {
    AvailabilityZones: loadBalancerShape(lb, context.region, context.now).AvailabilityZones,
    IpAddressType: 'ipv4',
  };
});

const setSecurityGroups = action<SetSecurityGroupsInput, SetSecurityGroupsOutput>(
  SetSecurityGroups$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findLoadBalancer(records, input.LoadBalancerArn);
    if (!input.SecurityGroups?.length)
      throw new PracticeError(
        'InvalidConfigurationRequest',
        'An Application Load Balancer must have at least one security group',
      );
    lb.securityGroupIds = checkSecurityGroups(input.SecurityGroups, lb.vpcId, records, invalidGroup);
    context.world.changed();
    return { SecurityGroupIds: lb.securityGroupIds };
  },
);

const attributeList = (lb: LoadBalancerRecord) =>
  Object.keys(LOAD_BALANCER_ATTRIBUTE_DEFAULTS).map((Key) => ({ Key, Value: attribute(lb, Key) }));

const describeLoadBalancerAttributes = action<
  DescribeLoadBalancerAttributesInput,
  DescribeLoadBalancerAttributesOutput
>(DescribeLoadBalancerAttributes$, (input, context) => ({
  Attributes: attributeList(findLoadBalancer(context.records, input.LoadBalancerArn)),
}));

const modifyLoadBalancerAttributes = action<ModifyLoadBalancerAttributesInput, ModifyLoadBalancerAttributesOutput>(
  ModifyLoadBalancerAttributes$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findLoadBalancer(records, input.LoadBalancerArn);
    for (const { Key, Value } of input.Attributes ?? []) {
      if (!Key || !(Key in LOAD_BALANCER_ATTRIBUTE_DEFAULTS))
        throw validationError(`Load balancer attribute key '${Key ?? ''}' is not recognized`);
      if (Key.endsWith('.enabled') && Value !== 'true' && Value !== 'false') {
        throw new PracticeError(
          'InvalidConfigurationRequest',
          `Load balancer attribute value '${Value ?? ''}' is not valid for '${Key}'`,
        );
      }
      lb.attributes = { ...lb.attributes, [Key]: Value ?? '' };
    }
    context.world.changed();
    return { Attributes: attributeList(lb) };
  },
);

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

export const elbv2LoadBalancerActions: Record<string, ActionDefinition> = {
  DescribeLoadBalancers: describeLoadBalancers,
  CreateLoadBalancer: createLoadBalancer,
  DeleteLoadBalancer: deleteLoadBalancer,
  SetSubnets: setSubnets,
  SetSecurityGroups: setSecurityGroups,
  DescribeLoadBalancerAttributes: describeLoadBalancerAttributes,
  ModifyLoadBalancerAttributes: modifyLoadBalancerAttributes,
};
