// What EC2's write actions share: required parameters, tags (TagSpecifications and CreateTags rules),
// one record by ID with AWS's errors, and an instance's state check.
import type { TagSpecification } from '@aws-sdk/client-ec2';
import { selectByIds, type IdRules } from './filters';
import { PracticeError } from '../core/errors';
import type { InstanceRecord, InstanceStateName, Tags } from '../core/records';

/** EC2's answer for a missing parameter (the name as the query protocol spells it). */
export function missingParameter(name: string): PracticeError {
  return new PracticeError('MissingParameter', `The request must contain the parameter ${name}`);
}

export function required<T>(value: T | undefined | null, name: string): T {
  if (value === undefined || value === null || value === '') throw missingParameter(name);
  return value;
}

export function invalidValue(message: string): PracticeError {
  return new PracticeError('InvalidParameterValue', message);
}

/** A delete refused while something still depends on the resource (`kind` as AWS words it: vpc, subnet, …). */
export function hasDependencies(kind: string, id: string): PracticeError {
  return new PracticeError('DependencyViolation', `The ${kind} '${id}' has dependencies and cannot be deleted.`);
}

/** One record by ID: MissingParameter, `...Malformed` or `...NotFound` as AWS answers. */
export function oneById<T>(
  records: readonly T[],
  id: string | undefined,
  idOf: (record: T) => string,
  rules: IdRules,
  parameter: string,
): T {
  const [found] = selectByIds(records, [required(id, parameter)], idOf, rules);
  if (!found) throw rules.notFound([id ?? '']);
  return found;
}

export const MAX_TAGS_PER_RESOURCE = 50;

/** Validates tags as EC2 does (keys 1-128 characters, values up to 256, no `aws:` prefix) and returns them as a record. */
export function validTags(tags: readonly { Key?: string; Value?: string }[] | undefined): Tags {
  const out: Tags = {};
  for (const tag of tags ?? []) {
    const key = tag.Key ?? '';
    const value = tag.Value ?? '';
    if (key === '') throw invalidValue('Tag key cannot be empty');
    if (key.length > 128)
      throw invalidValue(`Tag key exceeds the maximum length of 128 characters: ${key.slice(0, 20)}...`);
    if (value.length > 256) throw invalidValue(`Tag value exceeds the maximum length of 256 characters (key ${key})`);
    if (key.toLowerCase().startsWith('aws:'))
      throw invalidValue("Tag keys starting with 'aws:' are reserved for internal use");
    out[key] = value;
  }
  if (Object.keys(out).length > MAX_TAGS_PER_RESOURCE) {
    throw new PracticeError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  }
  return out;
}

/**
 * The tags TagSpecifications give each resource type this action creates. A type the action does not
 * create is refused, as AWS does.
 */
export function specifiedTags(
  specs: readonly TagSpecification[] | undefined,
  allowed: readonly string[],
): Record<string, Tags> {
  const byType: Record<string, Tags> = {};
  for (const spec of specs ?? []) {
    const type = spec.ResourceType;
    if (!type) throw invalidValue('The tag specification resource type must have a value');
    if (!allowed.includes(type))
      throw invalidValue(`'${type}' is not a valid taggable resource type for this operation.`);
    byType[type] = { ...byType[type], ...validTags(spec.Tags) };
  }
  return byType;
}

export function incorrectInstanceState(instance: InstanceRecord, detail?: string): PracticeError {
  return new PracticeError(
    'IncorrectInstanceState',
    detail ??
      `The instance '${instance.id}' is not in a state from which the requested operation can be performed (${instance.state}).`,
  );
}

/** Throws IncorrectInstanceState unless the instance is in one of the states. */
export function requireInstanceState(
  instance: InstanceRecord,
  states: readonly InstanceStateName[],
  detail?: string,
): void {
  if (!states.includes(instance.state)) throw incorrectInstanceState(instance, detail);
}
