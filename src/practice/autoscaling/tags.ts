// A group's tags (PropagateAtLaunch: copied onto the instances it launches from then on): CreateOrUpdateTags,
// DeleteTags, DescribeTags (filters auto-scaling-group, key, value, propagate-at-launch; paged).
import {
  CreateOrUpdateTags$,
  DeleteTags$,
  DescribeTags$,
  type CreateOrUpdateTagsType,
  type DeleteTagsType,
  type DescribeTagsType,
  type Tag,
  type TagsType,
} from '@aws-sdk/client-auto-scaling';
import { action } from '../core/actions';
import { PracticeError, validationError } from '../core/errors';
import { autoScalingRules, paginate } from '../core/pagination';
import type { AutoScalingGroupRecord } from '../core/records';
import { findGroup } from './common';
import { tagShapes } from './shapes';

const TAG_LIMIT = 50;

function checkTag(t: Tag): void {
  const key = t.Key ?? '';
  if (!key) throw validationError('Tag key must not be empty.');
  if (key.length > 128 || (t.Value ?? '').length > 256)
    throw validationError('Tag key must be at most 128 characters and a value at most 256.');
  if (key.toLowerCase().startsWith('aws:'))
    throw validationError("Tag keys starting with 'aws:' are reserved for internal use.");
}

/** CreateAutoScalingGroup's Tags as the group keeps them (their ResourceId must name it, if given). */
export function groupTagsFrom(name: string, tags: readonly Tag[] | undefined): AutoScalingGroupRecord['tags'] {
  const out: AutoScalingGroupRecord['tags'] = [];
  for (const t of tags ?? []) {
    checkTag(t);
    const tag = { key: t.Key ?? '', value: t.Value ?? '', propagateAtLaunch: t.PropagateAtLaunch ?? false };
    const at = out.findIndex((x) => x.key === tag.key);
    if (at >= 0) out[at] = tag;
    else out.push(tag);
  }
  if (out.length > TAG_LIMIT)
    throw new PracticeError('LimitExceeded', `The number of tags for ${name} exceeds the limit of ${TAG_LIMIT}.`);
  return out;
}

const createOrUpdateTags = action<CreateOrUpdateTagsType, object>(CreateOrUpdateTags$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  for (const t of input.Tags ?? []) {
    const group = findGroup(records, t.ResourceId);
    checkTag(t);
    const tag = { key: t.Key ?? '', value: t.Value ?? '', propagateAtLaunch: t.PropagateAtLaunch ?? false };
    const at = group.tags.findIndex((x) => x.key === tag.key);
    if (at >= 0) group.tags[at] = tag;
    else group.tags.push(tag);
    if (group.tags.length > TAG_LIMIT)
      throw new PracticeError(
        'LimitExceeded',
        `The number of tags for ${group.name} exceeds the limit of ${TAG_LIMIT}.`,
      );
  }
  context.world.changed();
  return {};
});

const deleteTags = action<DeleteTagsType, object>(DeleteTags$, (input, context) => {
  const records = context.world.writableRegion(context.region);
  for (const t of input.Tags ?? []) {
    const group = findGroup(records, t.ResourceId);
    group.tags = group.tags.filter((x) => x.key !== t.Key || (t.Value !== undefined && t.Value !== x.value));
  }
  context.world.changed();
  return {};
});

const FILTERS = ['auto-scaling-group', 'key', 'value', 'propagate-at-launch'];

const describeTags = action<DescribeTagsType, TagsType>(DescribeTags$, (input, { records }) => {
  const unknown = input.Filters?.find((f) => !FILTERS.includes(f.Name ?? ''));
  if (unknown)
    throw validationError(
      `Filter type ${unknown.Name ?? ''} is not correct. Allowed Filter types are: auto-scaling-group, key, value and propagate-at-launch`,
    );
  const tags = records.autoScalingGroups.flatMap(tagShapes).filter((t) =>
    (input.Filters ?? []).every((f) => {
      const values = f.Values ?? [];
      if (f.Name === 'auto-scaling-group') return values.includes(t.ResourceId ?? '');
      if (f.Name === 'key') return values.includes(t.Key ?? '');
      if (f.Name === 'value') return values.includes(t.Value ?? '');
      return values.includes(String(t.PropagateAtLaunch));
    }),
  );
  const page = paginate(tags, { token: input.NextToken, size: input.MaxRecords }, autoScalingRules('tags'));
  return { Tags: page.items, NextToken: page.next };
});

export const autoScalingTagActions = {
  CreateOrUpdateTags: createOrUpdateTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};
