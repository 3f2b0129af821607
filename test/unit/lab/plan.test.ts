// planStep: the handouts' defaults chosen from the inventory, and why a step cannot run yet.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { planStep } from '../../../src/lab/run/runner';
import { resolveOptions } from '../../../src/lab/run/plan';
import type { StepOption, StepPlan } from '../../../src/lab/types';
import type { Inventory } from '../../../src/aws/types';
import { edit, finishedLab, withLoadBalancer } from '../../fixtures/labWorld';

const input = (inventory: Inventory) => ({ inventory, observations: new Map() });

function options(plan: StepPlan): Map<string, StepOption> {
  assert.equal(plan.ready, true, JSON.stringify(plan));
  return new Map(plan.ready ? plan.options.map((o) => [o.key, o]) : []);
}

describe('planStep', () => {
  it('0.1: WebServer in AZ a, a free-tier type, SSH from my IP, ec2-key saved as a .pem', () => {
    const o = options(planStep('0.1', input(edit(finishedLab(), { instances: [] }))));
    assert.equal(o.get('name')?.default, 'WebServer');
    assert.equal(o.get('az')?.default, 'ap-northeast-1a');
    assert.deepEqual(
      o.get('az')?.choices?.map((c) => c.value),
      ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
    );
    assert.equal(o.get('instanceType')?.default, 'auto');
    assert.equal(o.get('sshSource')?.default, 'myIp');
    assert.deepEqual(
      o.get('sshSource')?.choices?.map((c) => c.value),
      ['myIp', 'anywhere'],
    );
    assert.equal(o.get('keyName')?.default, 'ec2-key');
    assert.equal(o.get('keyFile')?.kind, 'file');
    assert.equal(o.get('keyFile')?.default, '~/.ssh/ec2-key.pem');
  });

  it('1.1: tags State and Date (the day of the inventory)', () => {
    const o = options(planStep('1.1', input(finishedLab())));
    assert.equal(o.get('date')?.default, '2026-11-23');
    assert.match(o.get('state')?.default ?? '', /^[\x20-\x7e]+$/, 'no Japanese in tags (seed 000)');
  });

  it('1.2: from the snapshot when there is one, else from the instance; NoReboot explained as a choice', () => {
    assert.equal(options(planStep('1.2', input(finishedLab()))).get('method')?.default, 'snapshot');
    const o = options(planStep('1.2', input(edit(finishedLab(), { snapshots: [], images: [] }))));
    assert.equal(o.get('method')?.default, 'instance');
    assert.equal(o.get('name')?.default, 'AMI of CPS Research Center');
    assert.deepEqual(
      o.get('noReboot')?.choices?.map((c) => c.code),
      ['choice.noReboot', 'choice.reboot'],
    );
  });

  it('1.2: NoReboot is asked only when the AMI is made from the instance (from the snapshot nothing reboots)', () => {
    const fromSnapshot = options(planStep('1.2', input(finishedLab())));
    assert.equal(fromSnapshot.has('noReboot'), false);
    const inv = finishedLab();
    assert.deepEqual(resolveOptions('1.2', input(inv), {}).noReboot, undefined);
    assert.equal(resolveOptions('1.2', input(inv), { method: 'instance' }).noReboot, 'true');
    assert.equal(resolveOptions('1.2', input(inv), { method: 'instance', noReboot: 'false' }).noReboot, 'false');
  });

  it('1.2 planned again with the answers so far: choosing "instance" asks NoReboot, going back drops it', () => {
    const inv = finishedLab();
    const keys = (given: Record<string, string>) => [...options(planStep('1.2', input(inv), given)).keys()];
    assert.deepEqual(keys({}), ['method', 'name']);
    assert.deepEqual(keys({ method: 'instance' }), ['method', 'name', 'noReboot']);
    assert.equal(options(planStep('1.2', input(inv), { method: 'instance' })).get('noReboot')?.default, 'true');
    assert.deepEqual(keys({ method: 'snapshot', noReboot: 'false' }), ['method', 'name']);
  });

  it('1.2: an AMI name taken by an image not made from WebServer: the default is the next free name', () => {
    const lab = finishedLab();
    const foreign = { ...lab.images[0]!, id: 'ami-foreign', snapshotIds: ['snap-other'] };
    const noOwn = edit(lab, { snapshots: [], images: [foreign] });
    assert.equal(options(planStep('1.2', input(noOwn))).get('name')?.default, 'AMI of CPS Research Center 2');
    const two = edit(noOwn, { images: [foreign, { ...foreign, id: 'ami-f2', name: 'AMI of CPS Research Center 2' }] });
    assert.equal(options(planStep('1.2', input(two))).get('name')?.default, 'AMI of CPS Research Center 3');
  });

  it("1.3: WebServer2 in an AZ other than WebServer's, 1d by default (seed 000)", () => {
    const o = options(planStep('1.3', input(finishedLab())));
    assert.equal(o.get('name')?.default, 'WebServer2');
    assert.equal(o.get('az')?.default, 'ap-northeast-1d');
    assert.deepEqual(
      o.get('az')?.choices?.map((c) => c.value),
      ['ap-northeast-1c', 'ap-northeast-1d'],
    );
    assert.throws(() => resolveOptions('1.3', input(finishedLab()), { az: 'ap-northeast-1a' }), /run\.badOption/);
  });

  it('1.6: LoadBalancer, WebServers, /index.html, a new alb-sg or an existing group', () => {
    const o = options(planStep('1.6', input(edit(finishedLab(), { loadBalancers: [], targetGroups: [] }))));
    assert.equal(o.get('loadBalancerName')?.default, 'LoadBalancer');
    assert.equal(o.get('targetGroupName')?.default, 'WebServers');
    assert.equal(o.get('healthCheckPath')?.default, '/index.html');
    assert.equal(o.get('securityGroup')?.default, 'new');
    assert.deepEqual(
      o.get('securityGroup')?.choices?.map((c) => c.value),
      ['new', 'sg-web'],
    );
  });

  it('1.6 after a load balancer made by hand: its names and its own groups by default (adopted, not doubled)', () => {
    const lab = finishedLab();
    const handMade = edit(lab, {
      loadBalancers: lab.loadBalancers.map((lb) => ({ ...lb, name: 'my-alb', tags: {} })),
      targetGroups: lab.targetGroups.map((tg) => ({ ...tg, name: 'tg-web', tags: {} })),
      securityGroups: lab.securityGroups.map((g) => (g.id === 'sg-alb' ? { ...g, name: 'elb-sg' } : g)),
    });
    const o = options(planStep('1.6', input(handMade)));
    assert.equal(o.get('loadBalancerName')?.default, 'my-alb');
    assert.equal(o.get('targetGroupName')?.default, 'tg-web');
    assert.equal(o.get('securityGroup')?.default, 'keep');
    assert.deepEqual(o.get('securityGroup')?.choices?.[0], {
      value: 'keep',
      code: 'choice.keepGroups',
      args: { names: 'elb-sg' },
    });
    // Not attached yet (no listener): the target group that holds WebServer is the one to finish.
    const loose = edit(handMade, {
      loadBalancers: [],
      targetGroups: handMade.targetGroups.map((tg) => ({ ...tg, loadBalancerArns: [] })),
    });
    assert.equal(options(planStep('1.6', input(loose))).get('targetGroupName')?.default, 'tg-web');
  });

  it('1.8 and 1.10: request counts; 1.10 stops WebServer2 by default', () => {
    assert.equal(options(planStep('1.8', input(finishedLab()))).get('requests')?.default, '20');
    const o = options(planStep('1.10', input(finishedLab())));
    assert.equal(o.get('stop')?.default, 'i-0clone');
    assert.deepEqual(resolveOptions('1.10', input(finishedLab()), {}), { stop: 'i-0clone', requests: '10' });
    assert.throws(() => resolveOptions('1.8', input(finishedLab()), { requests: '0' }), /run\.badOption/);
  });

  it('not ready: what is missing first; 1.5 needs the clone; 1.7 with nothing to fix', () => {
    const noWeb = planStep('1.1', input(edit(finishedLab(), { instances: [] })));
    assert.deepEqual(noWeb, { step: '1.1', ready: false, reason: { code: 'webServer.missing', args: {} } });
    const five = planStep('1.5', input(finishedLab()));
    assert.deepEqual(five.ready && five.options, [
      { key: 'keyFile', code: 'option.sshKeyFile', kind: 'file', default: '~/.ssh/ec2-key.pem' },
    ]);
    const noClone = planStep(
      '1.5',
      input(edit(finishedLab(), { instances: finishedLab().instances.filter((i) => i.name !== 'WebServer2') })),
    );
    assert.equal(noClone.ready === false && noClone.reason.code, 'clone.missing');
    assert.equal(noClone.ready === false && noClone.reason.args.image, 'AMI of CPS Research Center');
    // No AMI yet: no image argument at all (never an empty name: "from the AMI  in another Availability Zone").
    const noImage = planStep(
      '1.4',
      input(
        edit(finishedLab(), {
          images: [],
          instances: finishedLab().instances.filter((i) => i.name !== 'WebServer2'),
        }),
      ),
    );
    assert.deepEqual(noImage.ready === false && noImage.reason, { code: 'clone.missing', args: {} });
    const unnamed = edit(finishedLab(), {
      images: finishedLab().images.map((i) => ({ ...i, name: undefined })) as Inventory['images'],
      instances: finishedLab().instances.filter((i) => i.name !== 'WebServer2'),
    });
    const byId = planStep('1.4', input(unnamed));
    assert.equal(byId.ready === false && byId.reason.args.image, finishedLab().images[0]?.id);
    const seven = planStep('1.7', input(finishedLab()));
    assert.equal(seven.ready === false && seven.reason.code, 'targets.allHealthy');
    const noLb = planStep('1.8', input(withLoadBalancer(edit(finishedLab(), { loadBalancers: [] }), {})));
    assert.equal(noLb.ready === false && noLb.reason.code, 'alb.missing');
  });
});
