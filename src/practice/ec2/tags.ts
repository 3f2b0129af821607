// EC2 tags on any resource by ID: CreateTags, DeleteTags (all-or-nothing, as AWS checks every ID
// first) and DescribeTags.
import {
  CreateTags$,
  DeleteTags$,
  DescribeTags$,
  type CreateTagsRequest,
  type DeleteTagsRequest,
  type DescribeTagsRequest,
  type DescribeTagsResult,
  type ResourceType,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { ID_RULES, ec2Pager, idRules } from './common';
import { applyFilters, type FilterFields, type IdRules } from './filters';
import { MAX_TAGS_PER_RESOURCE, missingParameter, validTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import type { RegionState, Tags } from '../core/records';

interface Taggable {
  /** AWS's resource type, as DescribeTags reports it. */
  type: string;
  rules: IdRules;
  /** The tag sets of the live resources of that kind, by ID. */
  list: (records: RegionState) => { id: string; tags: Tags }[];
}

const TAGGABLE: readonly Taggable[] = [
  { type: 'instance', rules: ID_RULES.instance, list: (r) => r.instances.filter((i) => i.state !== 'terminated') },
  { type: 'volume', rules: ID_RULES.volume, list: (r) => r.volumes.filter((v) => v.state !== 'deleted') },
  { type: 'snapshot', rules: ID_RULES.snapshot, list: (r) => r.snapshots },
  { type: 'image', rules: ID_RULES.image, list: (r) => r.images.filter((i) => i.state !== 'deregistered') },
  { type: 'security-group', rules: ID_RULES.securityGroup, list: (r) => r.securityGroups },
  { type: 'vpc', rules: ID_RULES.vpc, list: (r) => r.vpcs },
  { type: 'subnet', rules: ID_RULES.subnet, list: (r) => r.subnets },
  { type: 'route-table', rules: ID_RULES.routeTable, list: (r) => r.routeTables },
  { type: 'internet-gateway', rules: ID_RULES.internetGateway, list: (r) => r.internetGateways },
  {
    type: 'elastic-ip',
    rules: ID_RULES.allocation,
    list: (r) => r.addresses.map((a) => ({ id: a.allocationId, tags: a.tags })),
  },
  { type: 'key-pair', rules: ID_RULES.keyPair, list: (r) => r.keyPairs },
  {
    type: 'launch-template',
    rules: idRules('lt', 'InvalidLaunchTemplateId.Malformed', 'InvalidLaunchTemplateId.NotFound', 'launch template'),
    list: (r) => r.launchTemplates ?? [],
  },
];

/** The tag set of each named resource, or AWS's error for the first ID that is malformed or missing. */
function tagSetsOf(records: RegionState, ids: readonly string[]): Tags[] {
  return ids.map((id) => {
    const prefix = /^([a-z]+)-([0-9a-f]{8}|[0-9a-f]{17})$/.exec(id)?.[1];
    const kind = TAGGABLE.find((t) => t.rules.prefix === prefix);
    if (!kind) throw new PracticeError('InvalidID', `The ID '${id}' is not valid`);
    const found = kind.list(records).find((r) => r.id === id);
    if (!found) throw kind.rules.notFound([id]);
    return found.tags;
  });
}

const createTags = action<CreateTagsRequest, object>(CreateTags$, (input, context) => {
  if (!input.Resources?.length) throw missingParameter('ResourceId');
  if (!input.Tags?.length) throw missingParameter('Tag');
  const tags = validTags(input.Tags);
  const sets = tagSetsOf(context.world.writableRegion(context.region), input.Resources);
  for (const set of sets) {
    if (Object.keys({ ...set, ...tags }).length > MAX_TAGS_PER_RESOURCE) {
      throw new PracticeError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
    }
  }
  for (const set of sets) Object.assign(set, tags);
  context.world.changed();
  return {};
});

const deleteTags = action<DeleteTagsRequest, object>(DeleteTags$, (input, context) => {
  if (!input.Resources?.length) throw missingParameter('ResourceId');
  const sets = tagSetsOf(context.world.writableRegion(context.region), input.Resources);
  for (const set of sets) {
    // No tags named: every tag goes (except aws: ones, which the practice account never sets).
    const targets = input.Tags?.length ? input.Tags : Object.keys(set).map((Key) => ({ Key, Value: undefined }));
    for (const tag of targets) {
      const key = tag.Key ?? '';
      // A value given deletes the tag only when it matches ("" matches an empty value).
      if (key in set && (tag.Value === undefined || set[key] === tag.Value)) delete set[key];
    }
  }
  context.world.changed();
  return {};
});

interface TagEntry {
  id: string;
  type: string;
  key: string;
  value: string;
}

const tagFields: FilterFields<TagEntry> = {
  'resource-id': (t) => t.id,
  'resource-type': (t) => t.type,
  key: (t) => t.key,
  value: (t) => t.value,
};

const describeTags = action<DescribeTagsRequest, DescribeTagsResult>(DescribeTags$, (input, context) => {
  const pager = ec2Pager(input, { parameter: 'resourceIds' }, 'tags', 5, 1000);
  const entries: TagEntry[] = TAGGABLE.flatMap((kind) =>
    kind
      .list(context.records)
      .flatMap((r) => Object.entries(r.tags).map(([key, value]) => ({ id: r.id, type: kind.type, key, value }))),
  );
  const page = pager(applyFilters(entries, input.Filters, tagFields, (t) => ({ [t.key]: t.value })));
  return {
    Tags: page.items.map((t) => ({
      Key: t.key,
      Value: t.value,
      ResourceId: t.id,
      ResourceType: t.type as ResourceType,
    })),
    NextToken: page.next,
  };
});

export const ec2TagActions: Record<string, ActionDefinition> = {
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};
