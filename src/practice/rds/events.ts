// DescribeEvents: the events the RDS actions and the clock record (common.ts recordEvent), AWS's messages,
// filtered by source and time: the last hour by default (Duration in minutes), oldest first, as AWS lists them.
import { DescribeEvents$, type DescribeEventsMessage, type EventsMessage, type SourceType } from '@aws-sdk/client-rds';
import { action } from '../core/actions';
import { paginate, rdsRules } from '../core/pagination';
import type { DbEventRecord } from '../core/records';
import { invalidCombination, invalidValue } from './common';

/** AWS's wording of the events the practice account records (RDS event catalogue). */
export const RDS_EVENTS = {
  created: { message: 'DB instance created', categories: ['creation'], eventId: 'RDS-EVENT-0005' },
  backingUp: { message: 'Backing up DB instance', categories: ['backup'], eventId: 'RDS-EVENT-0001' },
  backedUp: { message: 'Finished DB Instance backup', categories: ['backup'], eventId: 'RDS-EVENT-0002' },
  toMultiAz: {
    message: 'Applying modification to convert to a Multi-AZ DB Instance',
    categories: ['configuration change'],
    eventId: 'RDS-EVENT-0012',
  },
  multiAzDone: {
    message: 'Finished applying modification to convert to a Multi-AZ DB Instance',
    categories: ['configuration change'],
    eventId: 'RDS-EVENT-0014',
  },
  toSingleAz: {
    message: 'Applying modification to convert to a standard (Single-AZ) DB Instance',
    categories: ['configuration change'],
    eventId: 'RDS-EVENT-0016',
  },
  singleAzDone: {
    message: 'Finished applying modification to convert to a standard (Single-AZ) DB Instance',
    categories: ['configuration change'],
    eventId: 'RDS-EVENT-0017',
  },
  modified: { message: 'Finished applying modification to DB instance', categories: ['configuration change'] },
  failoverStarted: {
    message: 'Multi-AZ instance failover started.',
    categories: ['failover'],
    eventId: 'RDS-EVENT-0013',
  },
  failoverDone: {
    message: 'Multi-AZ instance failover completed',
    categories: ['failover'],
    eventId: 'RDS-EVENT-0049',
  },
  rebooting: { message: 'DB instance shutdown', categories: ['availability'], eventId: 'RDS-EVENT-0004' },
  rebooted: { message: 'DB instance restarted', categories: ['availability'], eventId: 'RDS-EVENT-0006' },
  stopped: { message: 'DB instance stopped', categories: ['notification'], eventId: 'RDS-EVENT-0087' },
  started: { message: 'DB instance started', categories: ['notification'], eventId: 'RDS-EVENT-0088' },
  deleted: { message: 'DB instance deleted', categories: ['deletion'], eventId: 'RDS-EVENT-0003' },
  clusterCreated: { message: 'DB cluster created', categories: ['creation'], eventId: 'RDS-EVENT-0170' },
  clusterDeleted: { message: 'DB cluster deleted', categories: ['deletion'] },
} as const;

/** Aurora's failover events, naming the instance that becomes the writer. */
export const auroraFailoverStarted = (target: string) => ({
  message: `Started cross AZ failover to DB instance: ${target}`,
  categories: ['failover'],
  eventId: 'RDS-EVENT-0072',
});
export const auroraFailoverDone = (target: string) => ({
  message: `Completed failover to DB instance: ${target}`,
  categories: ['failover'],
  eventId: 'RDS-EVENT-0071',
});

const describeEvents = action<DescribeEventsMessage, EventsMessage>(DescribeEvents$, (input, context) => {
  if (input.SourceIdentifier && !input.SourceType)
    throw invalidCombination('Cannot specify source identifier without source type');
  if (input.Duration !== undefined && (input.Duration < 0 || input.Duration > 20160))
    throw invalidValue('Duration must be between 0 and 20160 minutes.');
  const now = context.now.getTime();
  const end = input.EndTime ? input.EndTime.getTime() : now;
  const start = input.StartTime
    ? input.StartTime.getTime()
    : input.Duration !== undefined
      ? end - input.Duration * 60_000
      : input.EndTime
        ? end - 3_600_000
        : now - 3_600_000;
  const id = input.SourceIdentifier?.toLowerCase();
  const categories = input.EventCategories?.map((c) => c.toLowerCase());
  const selected = (context.records.dbEvents ?? []).filter((e: DbEventRecord) => {
    const at = Date.parse(e.date);
    if (at < start || at > end) return false;
    if (input.SourceType && e.sourceType !== input.SourceType) return false;
    if (id && e.sourceId !== id && e.sourceArn !== input.SourceIdentifier) return false;
    return !categories?.length || e.categories.some((c) => categories.includes(c));
  });
  const page = paginate(selected, { token: input.Marker, size: input.MaxRecords }, rdsRules('events'));
  return {
    Events: page.items.map((e) => ({
      SourceIdentifier: e.sourceId,
      SourceType: e.sourceType as SourceType,
      Message: e.message,
      EventCategories: e.categories,
      Date: new Date(e.date),
      SourceArn: e.sourceArn,
    })),
    Marker: page.next,
  };
});

export const rdsEventActions = { DescribeEvents: describeEvents };
