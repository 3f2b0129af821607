// Classic Load Balancer tags, by load balancer name: AddTags, RemoveTags, DescribeTags (1 to 20 names). The
// limits (50 tags, unique keys) are ELBv2's, checked by the same function.
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
} from '@aws-sdk/client-elastic-load-balancing';
import { action, type ActionDefinition } from '../core/actions';
import { validationError } from '../core/errors';
import { tagList } from '../core/records';
import { tagsFrom } from '../elbv2/tags';
import { findClassic } from './model';

const MAX_NAMES = 20;

function names(list: readonly string[] | undefined): readonly string[] {
  if (!list?.length)
    throw validationError(
      "1 validation error detected: Value null at 'loadBalancerNames' failed to satisfy constraint: Member must not be null",
    );
  if (list.length > MAX_NAMES)
    throw validationError(
      `1 validation error detected: Value at 'loadBalancerNames' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAMES}`,
    );
  return list;
}

const addTags = action<AddTagsInput, AddTagsOutput>(AddTags$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const lbs = names(input.LoadBalancerNames).map((n) => findClassic(records, n));
  const updated = lbs.map((lb) => tagsFrom(input.Tags, lb.tags)); // all checked before any change
  lbs.forEach((lb, i) => (lb.tags = updated[i] ?? lb.tags));
  context.world.changed();
  return {};
});

const removeTags = action<RemoveTagsInput, RemoveTagsOutput>(RemoveTags$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  const lbs = names(input.LoadBalancerNames).map((n) => findClassic(records, n));
  for (const lb of lbs) for (const t of input.Tags ?? []) delete lb.tags[t.Key ?? ''];
  context.world.changed();
  return {};
});

const describeTags = action<DescribeTagsInput, DescribeTagsOutput>(DescribeTags$, (input, context) => ({
  TagDescriptions: names(input.LoadBalancerNames).map((n) => {
    const lb = findClassic(context.records, n);
    return { LoadBalancerName: lb.name, Tags: tagList(lb.tags) };
  }),
}));

export const classicTagActions: Record<string, ActionDefinition> = {
  AddTags: addTags,
  RemoveTags: removeTags,
  DescribeTags: describeTags,
};
