// DescribeRegions: every region AWS has, each enabled in the practice account (the opt-in ones as
// opted in), with its EC2 endpoint; RegionNames, the filters and AllRegions as AWS reads them.
import { DescribeRegions$, type DescribeRegionsRequest, type DescribeRegionsResult } from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { applyFilters, type FilterFields } from './filters';
import { PracticeError } from '../core/errors';
import { isKnownRegion, knownRegions, needsOptIn } from '../core/geography';

interface RegionInfo {
  name: string;
  endpoint: string;
  optInStatus: 'opt-in-not-required' | 'opted-in';
}

const FIELDS: FilterFields<RegionInfo> = {
  'region-name': (r) => r.name,
  endpoint: (r) => r.endpoint,
  'opt-in-status': (r) => r.optInStatus,
};

const describeRegions = action<DescribeRegionsRequest, DescribeRegionsResult>(DescribeRegions$, (input) => {
  const unknown = (input.RegionNames ?? []).filter((name) => !isKnownRegion(name));
  if (unknown.length) throw new PracticeError('InvalidParameterValue', `Invalid region: ${unknown.join(', ')}`);
  let regions: RegionInfo[] = knownRegions().map((name) => ({
    name,
    endpoint: `ec2.${name}.amazonaws.com`,
    optInStatus: needsOptIn(name) ? 'opted-in' : 'opt-in-not-required',
  }));
  if (input.RegionNames?.length) regions = regions.filter((r) => input.RegionNames?.includes(r.name));
  regions = applyFilters(regions, input.Filters, FIELDS, () => ({}));
  return {
    Regions: regions.map((r) => ({ RegionName: r.name, Endpoint: r.endpoint, OptInStatus: r.optInStatus })),
  };
});

export const ec2RegionActions: Record<string, ActionDefinition> = { DescribeRegions: describeRegions };
