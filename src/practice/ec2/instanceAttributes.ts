// EC2 instance attributes: ModifyInstanceAttribute (security groups, and on a stopped instance its type
// and user data; one attribute per call, as AWS requires) and DescribeInstanceAttribute.
import {
  DescribeInstanceAttribute$,
  ModifyInstanceAttribute$,
  type DescribeInstanceAttributeRequest,
  type InstanceAttribute,
  type ModifyInstanceAttributeRequest,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { ID_RULES, byKey, groupIdentifiers } from './common';
import { selectByIds } from './filters';
import { instanceTypeFacts } from './instanceTypes';
import { incorrectInstanceState, invalidValue, missingParameter, oneById, requireInstanceState } from './writeCommon';
import { PracticeError } from '../core/errors';
import { isBase64 } from '../machine/userData';

const modifyInstanceAttribute = action<ModifyInstanceAttributeRequest, object>(
  ModifyInstanceAttribute$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const instance = oneById(records.instances, input.InstanceId, (i) => i.id, ID_RULES.instance, 'InstanceId');
    const given = (
      [
        ['groupSet', input.Groups?.length],
        ['instanceType', input.InstanceType],
        ['userData', input.UserData],
        ['sourceDestCheck', input.SourceDestCheck],
        ['disableApiTermination', input.DisableApiTermination],
        ['attribute', input.Attribute],
      ] as const
    ).filter(([, value]) => value !== undefined && value !== 0);
    if (given.length === 0) throw missingParameter('Attribute');
    if (given.length > 1) {
      throw new PracticeError(
        'InvalidParameterCombination',
        `Fields for multiple attribute types specified: ${given.map(([name]) => name).join(', ')}`,
      );
    }
    if (instance.state === 'terminated' || instance.state === 'shutting-down') throw incorrectInstanceState(instance);
    if (input.Groups?.length) {
      const groups = selectByIds(records.securityGroups, input.Groups, (g) => g.id, ID_RULES.securityGroup);
      const foreign = groups.find((g) => g.vpcId !== instance.vpcId);
      if (foreign)
        throw new PracticeError(
          'InvalidGroup.NotFound',
          `You have specified two resources that belong to different networks.`,
        );
      instance.securityGroupIds = groups.map((g) => g.id);
    } else if (input.InstanceType?.Value) {
      requireInstanceState(instance, ['stopped'], `The instance '${instance.id}' is not in the 'stopped' state.`);
      const type = instanceTypeFacts(context.region, input.InstanceType.Value);
      if (!type) throw invalidValue(`Invalid value '${input.InstanceType.Value}' for InstanceType.`);
      if (type.architecture !== instance.architecture)
        throw invalidValue(
          `The instance type '${type.name}' does not support the instance's architecture '${instance.architecture}'.`,
        );
      instance.type = type.name;
    } else if (input.UserData) {
      requireInstanceState(instance, ['stopped'], `The instance '${instance.id}' is not in the 'stopped' state.`);
      // A blob: base64 on the wire (the SDK encodes the bytes it is given), stored as RunInstances stores it.
      const value = String(input.UserData.Value ?? '');
      if (value && !isBase64(value)) throw invalidValue('Invalid BASE64 encoding of user data.');
      instance.userData = value || undefined;
    } else if (input.SourceDestCheck) {
      // Accepted and not modelled: the practice network does no routing through instances.
    } else {
      throw new PracticeError(
        'UnsupportedOperation',
        `The practice account does not model the attribute ${given[0]?.[0] ?? ''}.`,
      );
    }
    context.world.changed();
    return {};
  },
);

const describeInstanceAttribute = action<DescribeInstanceAttributeRequest, InstanceAttribute>(
  DescribeInstanceAttribute$,
  (input, context) => {
    const instance = oneById(context.records.instances, input.InstanceId, (i) => i.id, ID_RULES.instance, 'InstanceId');
    const attribute = input.Attribute;
    if (!attribute) throw missingParameter('Attribute');
    const base = { InstanceId: instance.id };
    switch (attribute) {
      case 'instanceType':
        return { ...base, InstanceType: { Value: instance.type } };
      case 'userData':
        return { ...base, UserData: instance.userData ? { Value: instance.userData } : {} };
      case 'groupSet':
        return {
          ...base,
          Groups: groupIdentifiers(
            instance.securityGroupIds,
            byKey(context.records.securityGroups, (g) => g.id),
          ),
        };
      case 'rootDeviceName':
        return { ...base, RootDeviceName: { Value: instance.rootDeviceName } };
      case 'blockDeviceMapping':
        return {
          ...base,
          BlockDeviceMappings: instance.blockDevices.map((b) => ({
            DeviceName: b.device,
            Ebs: {
              AttachTime: new Date(b.attachTime),
              DeleteOnTermination: b.deleteOnTermination,
              Status: 'attached',
              VolumeId: b.volumeId,
            },
          })),
        };
      case 'disableApiTermination':
        return { ...base, DisableApiTermination: { Value: false } };
      case 'disableApiStop':
        return { ...base, DisableApiStop: { Value: false } };
      case 'instanceInitiatedShutdownBehavior':
        return { ...base, InstanceInitiatedShutdownBehavior: { Value: 'stop' } };
      case 'sourceDestCheck':
        return { ...base, SourceDestCheck: { Value: true } };
      case 'ebsOptimized':
        return { ...base, EbsOptimized: { Value: false } };
      case 'enaSupport':
        return { ...base, EnaSupport: { Value: true } };
      default:
        throw invalidValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
    }
  },
);

export const ec2InstanceAttributeActions: Record<string, ActionDefinition> = {
  ModifyInstanceAttribute: modifyInstanceAttribute,
  DescribeInstanceAttribute: describeInstanceAttribute,
};
