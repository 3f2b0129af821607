// The diagram for track 3: the Auto Scaling group as a bar across the AZ columns of its subnets, its instances per AZ,
// and each of its instances drawn in its subnet as the group's (dashed like the bar) with its lifecycle state.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Instance, Inventory } from '../../../../src/aws/types';
import { diagramModel } from '../../../../src/present/diagram/model';
import { diagramSvg } from '../../../../src/present/diagram/svg';
import { bundleTranslator, loadBundle } from '../../../../src/present/l10n';
import { inventory } from '../../../fixtures/explorerWorld';

const GROUP = 'WebServer-ASG';

function withGroup(): Inventory {
  const inv = inventory();
  const base = inv.instances[0]!;
  const member = (id: string, az: string, subnetId: string, state: Instance['state']): Instance => ({
    ...base,
    id,
    name: undefined,
    state,
    az,
    subnetId,
    publicIp: undefined,
    elasticIp: undefined,
    tags: { 'aws:autoscaling:groupName': GROUP },
  });
  return {
    ...inv,
    instances: [
      ...inv.instances,
      member('i-0asg1', 'ap-northeast-1a', 'subnet-0aaa', 'running'),
      member('i-0asg2', 'ap-northeast-1c', 'subnet-0ccc', 'running'),
      member('i-0asg3', 'ap-northeast-1a', 'subnet-0aaa', 'pending'),
    ],
    autoScalingGroups: [
      {
        name: GROUP,
        arn: `arn:aws:autoscaling:ap-northeast-1:123456789012:autoScalingGroup:u:autoScalingGroupName/${GROUP}`,
        min: 2,
        max: 4,
        desired: 3,
        azs: ['ap-northeast-1a', 'ap-northeast-1c'],
        subnetIds: ['subnet-0aaa', 'subnet-0ccc'],
        targetGroupArns: [],
        instances: [
          { id: 'i-0asg1', az: 'ap-northeast-1a', lifecycleState: 'InService', healthStatus: 'Healthy' },
          { id: 'i-0asg2', az: 'ap-northeast-1c', lifecycleState: 'InService', healthStatus: 'Healthy' },
          { id: 'i-0asg3', az: 'ap-northeast-1a', lifecycleState: 'Pending', healthStatus: 'Healthy' },
        ],
        tags: {},
      },
    ],
  };
}

describe('diagram: an Auto Scaling group', () => {
  const model = diagramModel(withGroup());
  const vpc = model.vpcs[0]!;

  it('spans the AZ columns of its subnets and counts its instances per AZ', () => {
    const bar = vpc.autoScalingGroups[0];
    assert.ok(bar);
    const cols = vpc.columns.map((c) => c.az);
    assert.deepEqual([cols[bar.span.first], cols[bar.span.last]], ['ap-northeast-1a', 'ap-northeast-1c']);
    assert.deepEqual(bar.perAz, [
      { az: 'ap-northeast-1a', count: 2 },
      { az: 'ap-northeast-1c', count: 1 },
    ]);
    assert.equal(bar.inService, 2);
  });

  it('marks each of its instances with the group and its lifecycle; other instances stay as they are', () => {
    const chips = vpc.columns.flatMap((c) => c.publicSubnets.flatMap((s) => s.instances));
    const of = (id: string) => chips.find((c) => c.id === id);
    assert.deepEqual(of('i-0asg3')?.autoScaling, { group: GROUP, lifecycle: 'Pending', health: 'Healthy' });
    assert.equal(of('i-0web1')?.autoScaling, undefined);
  });

  it('draws them dashed like the group’s bar, with the lifecycle in AWS’s word, in both languages', () => {
    const svg = diagramSvg(model, bundleTranslator());
    assert.equal(svg.split('chip instance asgMember').length - 1, 3);
    assert.match(svg, /Auto Scaling group WebServer-ASG · Pending · Healthy/);
    assert.match(svg, /ap-northeast-1a: 2 · ap-northeast-1c: 1/);
    assert.match(svg, />Pending</);
    const ja = diagramSvg(model, bundleTranslator(loadBundle('ja')));
    assert.match(ja, /Auto Scaling グループ WebServer-ASG · Pending · Healthy/);
  });
});
