// CloudWatch's alarm actions: PutMetricAlarm, DescribeAlarms(ForMetric), DeleteAlarms, SetAlarmState,
// Enable/DisableAlarmActions, DescribeAlarmHistory, and tags on alarms.
import {
  DeleteAlarms$,
  DescribeAlarmHistory$,
  DescribeAlarms$,
  DescribeAlarmsForMetric$,
  DisableAlarmActions$,
  EnableAlarmActions$,
  ListTagsForResource$,
  PutMetricAlarm$,
  SetAlarmState$,
  TagResource$,
  UntagResource$,
  type DeleteAlarmsInput,
  type DescribeAlarmHistoryInput,
  type DescribeAlarmHistoryOutput,
  type DescribeAlarmsForMetricInput,
  type DescribeAlarmsForMetricOutput,
  type DescribeAlarmsInput,
  type DescribeAlarmsOutput,
  type DisableAlarmActionsInput,
  type EnableAlarmActionsInput,
  type ListTagsForResourceInput,
  type ListTagsForResourceOutput,
  type PutMetricAlarmInput,
  type SetAlarmStateInput,
  type TagResourceInput,
  type UntagResourceInput,
} from '@aws-sdk/client-cloudwatch';
import { action, type RequestContext } from '../core/actions';
import { PracticeError } from '../core/errors';
import { paginate, type PageRules } from '../core/pagination';
import type { MetricAlarmRecord, RegionState } from '../core/records';
import { alarmsOf, deleteMetricAlarmRecords, putMetricAlarmRecord } from './alarmRecords';
import { changeAlarmState } from './evaluate';
import { metricAlarmShape } from './shapes';
import { alarmSpec, constraint, required, validationError } from './validation';

const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function writable(context: RequestContext): RegionState {
  return context.world.writableRegion(context.region);
}

export function cloudWatchRules(listing: string, max = 100): PageRules {
  return {
    listing,
    min: 1,
    max,
    defaultSize: 50,
    sizeError: (size) =>
      constraint(
        size,
        'maxRecords',
        `Member must have value ${size < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`}`,
      ),
    tokenError: () => new PracticeError('InvalidNextToken', 'The service returned an invalid NextToken.'),
  };
}

function checkState(state: string | undefined): void {
  if (state !== undefined && !STATES.includes(state))
    throw constraint(state, 'stateValue', 'Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]');
}

const putMetricAlarm = action<PutMetricAlarmInput, object>(PutMetricAlarm$, (input, context) => {
  const spec = alarmSpec(input, context.region, context.now);
  const records = writable(context);
  if (!alarmsOf(records).some((a) => a.name === spec.name) && alarmsOf(records).length >= 5000)
    throw new PracticeError('LimitExceeded', 'The maximum number of alarms for this account has been reached.');
  putMetricAlarmRecord(records, spec);
  context.world.changed();
  return {};
});

const describeAlarms = action<DescribeAlarmsInput, DescribeAlarmsOutput>(DescribeAlarms$, (input, { records }) => {
  if (input.AlarmNames?.length && input.AlarmNamePrefix !== undefined)
    throw new PracticeError(
      'InvalidParameterCombination',
      'AlarmNamePrefix and AlarmNames cannot be specified together.',
    );
  checkState(input.StateValue);
  const types = input.AlarmTypes ?? ['MetricAlarm'];
  const selected = types.includes('MetricAlarm')
    ? alarmsOf(records)
        .filter(
          (a) =>
            (!input.AlarmNames?.length || input.AlarmNames.includes(a.name)) &&
            (input.AlarmNamePrefix === undefined || a.name.startsWith(input.AlarmNamePrefix)) &&
            (input.StateValue === undefined || a.state === input.StateValue) &&
            (input.ActionPrefix === undefined ||
              [...a.alarmActions, ...a.okActions, ...a.insufficientDataActions].some((arn) =>
                arn.startsWith(input.ActionPrefix as string),
              )),
        )
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    : [];
  const page = paginate(selected, { token: input.NextToken, size: input.MaxRecords }, cloudWatchRules('alarms'));
  return { MetricAlarms: page.items.map(metricAlarmShape), CompositeAlarms: [], NextToken: page.next };
});

const describeAlarmsForMetric = action<DescribeAlarmsForMetricInput, DescribeAlarmsForMetricOutput>(
  DescribeAlarmsForMetric$,
  (input, { records }) => {
    const metricName = required(input.MetricName, 'metricName');
    const namespace = required(input.Namespace, 'namespace');
    const dims = input.Dimensions ?? [];
    const alarms = alarmsOf(records).filter(
      (a) =>
        a.metricName === metricName &&
        a.namespace === namespace &&
        (input.Statistic === undefined || a.statistic === input.Statistic) &&
        (input.ExtendedStatistic === undefined || a.extendedStatistic === input.ExtendedStatistic) &&
        (input.Period === undefined || a.period === input.Period) &&
        (input.Unit === undefined || a.unit === input.Unit) &&
        (input.Dimensions === undefined ||
          (a.dimensions.length === dims.length &&
            dims.every((d) => a.dimensions.some((e) => e.name === d.Name && e.value === d.Value)))),
    );
    return { MetricAlarms: alarms.map(metricAlarmShape) };
  },
);

const deleteAlarms = action<DeleteAlarmsInput, object>(DeleteAlarms$, (input, context) => {
  const names = required(input.AlarmNames, 'alarmNames');
  if (names.length > 100) throw constraint('[...]', 'alarmNames', 'Member must have length less than or equal to 100');
  const records = writable(context);
  const missing = names.filter((n) => !alarmsOf(records).some((a) => a.name === n));
  // As AWS: one unknown name fails the call, and nothing is deleted.
  if (missing.length) throw new PracticeError('ResourceNotFound', `${missing.join(', ')} does not exist`, 404);
  deleteMetricAlarmRecords(records, names, context.now);
  context.world.changed();
  return {};
});

function findAlarm(records: RegionState, name: string): MetricAlarmRecord {
  const alarm = alarmsOf(records).find((a) => a.name === name);
  if (!alarm) throw new PracticeError('ResourceNotFound', `Alarm ${name} not found`, 404);
  return alarm;
}

const setAlarmState = action<SetAlarmStateInput, object>(SetAlarmState$, (input, context) => {
  const records = writable(context);
  const alarm = findAlarm(records, required(input.AlarmName, 'alarmName'));
  const state = required(input.StateValue, 'stateValue');
  checkState(state);
  const reason = required(input.StateReason, 'stateReason');
  let reasonData = input.StateReasonData;
  if (reasonData !== undefined) {
    try {
      JSON.parse(reasonData);
    } catch {
      throw new PracticeError('InvalidFormat', 'StateReasonData is not valid JSON');
    }
  }
  reasonData ??= JSON.stringify({ version: '1.0' });
  // The next evaluation sets it back from the data, as on AWS; the actions run on the change.
  changeAlarmState(
    records,
    alarm,
    { state: state as MetricAlarmRecord['state'], reason, reasonData },
    context.now,
    true,
  );
  context.world.changed();
  return {};
});

function setActions(enabled: boolean) {
  return (input: EnableAlarmActionsInput | DisableAlarmActionsInput, context: RequestContext) => {
    const records = writable(context);
    const names = required(input.AlarmNames, 'alarmNames');
    for (const alarm of alarmsOf(records)) if (names.includes(alarm.name)) alarm.actionsEnabled = enabled;
    context.world.changed();
    return {};
  };
}

const HISTORY_TYPES = [
  'ConfigurationUpdate',
  'StateUpdate',
  'Action',
  'AlarmContributorStateUpdate',
  'AlarmContributorAction',
];

const describeAlarmHistory = action<DescribeAlarmHistoryInput, DescribeAlarmHistoryOutput>(
  DescribeAlarmHistory$,
  (input, { records }) => {
    if (input.HistoryItemType !== undefined && !HISTORY_TYPES.includes(input.HistoryItemType))
      throw constraint(
        input.HistoryItemType,
        'historyItemType',
        `Member must satisfy enum value set: [${HISTORY_TYPES.join(', ')}]`,
      );
    if (input.ScanBy !== undefined && !['TimestampDescending', 'TimestampAscending'].includes(input.ScanBy))
      throw constraint(
        input.ScanBy,
        'scanBy',
        'Member must satisfy enum value set: [TimestampDescending, TimestampAscending]',
      );
    const from = input.StartDate?.getTime() ?? -Infinity;
    const to = input.EndDate?.getTime() ?? Infinity;
    const items = (records.alarmHistory ?? []).filter((h) => {
      const at = Date.parse(h.timestamp);
      return (
        (input.AlarmName === undefined || h.alarmName === input.AlarmName) &&
        (input.HistoryItemType === undefined || h.type === input.HistoryItemType) &&
        (!input.AlarmTypes?.length || input.AlarmTypes.includes(h.alarmType)) &&
        at >= from &&
        at <= to
      );
    });
    // Newest first unless asked otherwise (a stable order for items of the same instant: the order they happened).
    const ordered = input.ScanBy === 'TimestampAscending' ? items : [...items].reverse();
    const page = paginate(ordered, { token: input.NextToken, size: input.MaxRecords }, cloudWatchRules('history'));
    return {
      AlarmHistoryItems: page.items.map((h) => ({
        AlarmName: h.alarmName,
        AlarmType: h.alarmType,
        Timestamp: new Date(h.timestamp),
        HistoryItemType: h.type,
        HistorySummary: h.summary,
        HistoryData: h.data,
      })),
      NextToken: page.next,
    };
  },
);

function alarmByArn(records: RegionState, arn: string | undefined): MetricAlarmRecord {
  const resource = required(arn, 'resourceARN');
  const alarm = alarmsOf(records).find((a) => a.arn === resource);
  if (!alarm) {
    if (!/^arn:aws:cloudwatch:/.test(resource)) throw validationError(`Invalid arn syntax: ${resource}`);
    throw new PracticeError('ResourceNotFoundException', `Resource not found: ${resource}`, 404);
  }
  return alarm;
}

const tagResource = action<TagResourceInput, object>(TagResource$, (input, context) => {
  const alarm = alarmByArn(writable(context), input.ResourceARN);
  for (const tag of required(input.Tags, 'tags')) alarm.tags[required(tag.Key, 'tags.member.key')] = tag.Value ?? '';
  context.world.changed();
  return {};
});

const untagResource = action<UntagResourceInput, object>(UntagResource$, (input, context) => {
  const alarm = alarmByArn(writable(context), input.ResourceARN);
  for (const key of required(input.TagKeys, 'tagKeys')) delete alarm.tags[key];
  context.world.changed();
  return {};
});

const listTagsForResource = action<ListTagsForResourceInput, ListTagsForResourceOutput>(
  ListTagsForResource$,
  (input, { records }) => ({
    Tags: Object.entries(alarmByArn(records, input.ResourceARN).tags).map(([Key, Value]) => ({ Key, Value })),
  }),
);

export const cloudWatchAlarmActions = {
  PutMetricAlarm: putMetricAlarm,
  DescribeAlarms: describeAlarms,
  DescribeAlarmsForMetric: describeAlarmsForMetric,
  DeleteAlarms: deleteAlarms,
  SetAlarmState: setAlarmState,
  EnableAlarmActions: action<EnableAlarmActionsInput, object>(EnableAlarmActions$, setActions(true)),
  DisableAlarmActions: action<DisableAlarmActionsInput, object>(DisableAlarmActions$, setActions(false)),
  DescribeAlarmHistory: describeAlarmHistory,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
