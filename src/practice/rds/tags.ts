// RDS tags by ARN: AddTagsToResource, ListTagsForResource, RemoveTagsFromResource over DB instances, clusters
// and subnet groups.
import {
  AddTagsToResource$,
  ListTagsForResource$,
  RemoveTagsFromResource$,
  type AddTagsToResourceMessage,
  type ListTagsForResourceMessage,
  type RemoveTagsFromResourceMessage,
  type TagListMessage,
} from '@aws-sdk/client-rds';
import { action } from '../core/actions';
import { PracticeError } from '../core/errors';
import { tagList, type RegionState, type Tags } from '../core/records';
import { clusterNotFound, instanceNotFound, invalidValue, missing, tagsOf, writable } from './common';
import { subnetGroupNotFound } from './subnetGroups';

/** The tags of the resource an ARN names, or AWS's not-found fault for its kind. */
function tagsAt(records: RegionState, arn: string | undefined, region: string): Tags {
  if (!arn) throw missing('ResourceName');
  const match = /^arn:aws:rds:([a-z0-9-]+):\d{12}:(db|cluster|subgrp):(.+)$/.exec(arn);
  if (!match || match[1] !== region)
    throw invalidValue(`The specified resource name does not match an RDS resource in this region.`);
  const [, , kind, name = ''] = match;
  if (kind === 'db') {
    const found = records.dbInstances.find((d) => d.id === name);
    if (!found) throw instanceNotFound(name);
    return found.tags;
  }
  if (kind === 'cluster') {
    const found = records.dbClusters.find((c) => c.id === name);
    if (!found) throw clusterNotFound(name);
    return found.tags;
  }
  const found = records.dbSubnetGroups.find((g) => g.name === name);
  if (!found) throw subnetGroupNotFound(name);
  return found.tags;
}

const addTags = action<AddTagsToResourceMessage, object>(AddTagsToResource$, (input, context) => {
  const tags = tagsAt(writable(context), input.ResourceName, context.region);
  const added = tagsOf(input.Tags);
  if (Object.keys({ ...tags, ...added }).length > 50)
    throw new PracticeError('TagQuotaPerResourceExceeded', 'Cannot add more than 50 tags to a resource.');
  Object.assign(tags, added);
  context.world.changed();
  return {};
});

const listTags = action<ListTagsForResourceMessage, TagListMessage>(ListTagsForResource$, (input, context) => ({
  TagList: tagList(tagsAt(context.records, input.ResourceName, context.region)),
}));

const removeTags = action<RemoveTagsFromResourceMessage, object>(RemoveTagsFromResource$, (input, context) => {
  const tags = tagsAt(writable(context), input.ResourceName, context.region);
  for (const key of input.TagKeys ?? []) delete tags[key];
  context.world.changed();
  return {};
});

export const rdsTagActions = {
  AddTagsToResource: addTags,
  ListTagsForResource: listTags,
  RemoveTagsFromResource: removeTags,
};
