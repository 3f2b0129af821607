// ELBv2 tags on load balancers, target groups and listeners by ARN: DescribeTags (1 to 20 ARNs), the
// Tags of Create* calls, AddTags and RemoveTags. At most 50 tags per resource, keys unique per call.
import {
  AddTags$,
  DescribeTags$,
  RemoveTags$,
  type AddTagsInput,
  type AddTagsOutput,
  type DescribeTagsInput,
  type DescribeTagsOutput,
  type RemoveTagsInput,
  type RemoveTagsOutput,
  type Tag,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { action, type ActionDefinition } from '../core/actions';
import { PracticeError, validationError } from '../core/errors';
import { listenerNotFound, loadBalancerNotFound, targetGroupNotFound } from './model';
import { tagList, type RegionState, type Tags } from '../core/records';

const MAX_TAGS = 50;

/** A Create* call's tags, checked. */
export function tagsFrom(list: readonly Tag[] | undefined, existing: Tags = {}): Tags {
  const keys = (list ?? []).map((t) => t.Key ?? '');
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  if (duplicate !== undefined) throw new PracticeError('DuplicateTagKeys', `Tag key '${duplicate}' is duplicated`);
  if (keys.some((k) => k === ''))
    throw validationError(
      "1 validation error detected: Value null at 'tags.member.key' failed to satisfy constraint: Member must not be null",
    );
  const tags = { ...existing };
  for (const t of list ?? []) tags[t.Key ?? ''] = t.Value ?? '';
  if (Object.keys(tags).length > MAX_TAGS)
    throw new PracticeError(
      'TooManyTags',
      'The quota for the number of tags that can be assigned to a load balancer has been reached',
    );
  return tags;
}

function taggable(records: RegionState, arn: string): { tags: Tags } {
  const resource =
    records.loadBalancers.find((r) => r.arn === arn) ??
    records.targetGroups.find((r) => r.arn === arn) ??
    records.listeners.find((r) => r.arn === arn);
  if (resource) return resource;
  if (arn.includes(':targetgroup/')) throw targetGroupNotFound();
  if (arn.includes(':listener/')) throw listenerNotFound();
  throw loadBalancerNotFound();
}

const addTags = action<AddTagsInput, AddTagsOutput>(AddTags$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const resources = (input.ResourceArns ?? []).map((arn) => taggable(records, arn));
  const updated = resources.map((r) => tagsFrom(input.Tags, r.tags)); // all checked before any changes
  resources.forEach((r, i) => (r.tags = updated[i] ?? r.tags));
  context.world.changed();
  return {};
});

const removeTags = action<RemoveTagsInput, RemoveTagsOutput>(RemoveTags$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const resources = (input.ResourceArns ?? []).map((arn) => taggable(records, arn));
  for (const resource of resources) {
    const tags = { ...resource.tags };
    for (const key of input.TagKeys ?? []) delete tags[key];
    resource.tags = tags;
  }
  context.world.changed();
  return {};
});

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

export const elbv2TagActions: Record<string, ActionDefinition> = {
  DescribeTags: describeTags,
  AddTags: addTags,
  RemoveTags: removeTags,
};
