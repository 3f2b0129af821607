// EC2 instance status: DescribeInstanceStatus, the status checks going `initializing` -> `ok` about two
// minutes after a launch or start (transitions.ts keeps the time).
import {
  DescribeInstanceStatus$,
  type DescribeInstanceStatusRequest,
  type DescribeInstanceStatusResult,
  type InstanceStatus,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { ID_RULES, ec2Pager } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { INSTANCE_STATE_CODES, stateOf } from './instances';
import { statusChecks } from './transitions';
import type { InstanceRecord } from '../core/records';

function statusView(instance: InstanceRecord, now: Date): InstanceStatus {
  const status = statusChecks(instance, now);
  const detail = (name: string) =>
    status === 'not-applicable'
      ? []
      : [{ Name: name as 'reachability', Status: status === 'ok' ? ('passed' as const) : ('initializing' as const) }];
  return {
    AvailabilityZone: instance.az,
    InstanceId: instance.id,
    InstanceState: stateOf(instance.state),
    InstanceStatus: { Status: status, Details: detail('reachability') },
    SystemStatus: { Status: status, Details: detail('reachability') },
    AttachedEbsStatus: { Status: status, Details: detail('reachability') },
    Events: [],
  };
}

function statusFields(now: Date): FilterFields<InstanceRecord> {
  const reachability = (i: InstanceRecord) => {
    const status = statusChecks(i, now);
    return status === 'ok' ? 'passed' : status === 'initializing' ? 'initializing' : undefined;
  };
  return {
    'availability-zone': (i) => i.az,
    'instance-state-name': (i) => i.state,
    'instance-state-code': (i) => INSTANCE_STATE_CODES[i.state],
    'instance-status.status': (i) => statusChecks(i, now),
    'instance-status.reachability': reachability,
    'system-status.status': (i) => statusChecks(i, now),
    'system-status.reachability': reachability,
    'attached-ebs-status.status': (i) => statusChecks(i, now),
  };
}

const describeInstanceStatus = action<DescribeInstanceStatusRequest, DescribeInstanceStatusResult>(
  DescribeInstanceStatus$,
  (input, context) => {
    const pager = ec2Pager(input, { parameter: 'instancesSet', values: input.InstanceIds }, 'instance-status', 5, 1000);
    const selected = selectByIds(context.records.instances, input.InstanceIds, (i) => i.id, ID_RULES.instance);
    // Without IncludeAllInstances, only running instances are listed (AWS's default).
    const shown = input.IncludeAllInstances
      ? selected.filter((i) => i.state !== 'terminated' || input.InstanceIds?.includes(i.id))
      : selected.filter((i) => i.state === 'running');
    const page = pager(applyFilters(shown, input.Filters, statusFields(context.now), () => ({})));
    return { InstanceStatuses: page.items.map((i) => statusView(i, context.now)), NextToken: page.next };
  },
);

export const ec2InstanceStatusActions: Record<string, ActionDefinition> = {
  DescribeInstanceStatus: describeInstanceStatus,
};
