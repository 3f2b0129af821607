// EC2 Availability Zones: DescribeAvailabilityZones (ZoneNames, ZoneIds and the filters), every zone of
// the region available and opt-in-not-required.
import {
  DescribeAvailabilityZones$,
  type DescribeAvailabilityZonesRequest,
  type DescribeAvailabilityZonesResult,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { applyFilters, type FilterFields } from './filters';
import { PracticeError } from '../core/errors';
import { availabilityZones, type ZoneInfo } from '../core/geography';

function zoneFields(region: string): FilterFields<ZoneInfo> {
  return {
    'zone-name': (z) => z.name,
    'zone-id': (z) => z.zoneId,
    'region-name': () => region,
    state: () => 'available',
    'zone-type': () => 'availability-zone',
    'opt-in-status': () => 'opt-in-not-required',
    'group-name': () => region,
    'network-border-group': () => region,
  };
}

const describeAvailabilityZones = action<DescribeAvailabilityZonesRequest, DescribeAvailabilityZonesResult>(
  DescribeAvailabilityZones$,
  (input, context) => {
    let zones = availabilityZones(context.region);
    for (const [names, key] of [
      [input.ZoneNames, 'name'],
      [input.ZoneIds, 'zoneId'],
    ] as const) {
      if (!names?.length) continue;
      const unknown = names.filter((n) => !zones.some((z) => z[key] === n));
      if (unknown.length)
        throw new PracticeError('InvalidParameterValue', `Invalid availability zone: [${unknown.join(', ')}]`);
      zones = zones.filter((z) => names.includes(z[key]));
    }
    zones = applyFilters(zones, input.Filters, zoneFields(context.region), () => ({}));
    return {
      AvailabilityZones: zones.map((z) => ({
        State: 'available',
        OptInStatus: 'opt-in-not-required',
        Messages: [],
        RegionName: context.region,
        ZoneName: z.name,
        ZoneId: z.zoneId,
        GroupName: context.region,
        NetworkBorderGroup: context.region,
        ZoneType: 'availability-zone',
      })),
    };
  },
);

export const ec2AvailabilityZoneActions: Record<string, ActionDefinition> = {
  DescribeAvailabilityZones: describeAvailabilityZones,
};
