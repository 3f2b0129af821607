// 1.2 and 1.3 planned under seed 001's layout: WebServer stopped before the AMI is made from it (the handout's ①②),
// then image1server and image2server launched from that AMI, whichever is missing; what each plan says it will do.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Instance, Inventory } from '../../../../src/aws/types';
import type { LayoutId } from '../../../../src/lab/layout';
import { planStep } from '../../../../src/lab/run/plan';
import type { StepId, StepOptions, StepPlan } from '../../../../src/lab/types';
import { clone, edit, finishedLab, webServer } from '../../../fixtures/labWorld';

/** The account before track 1 goes on: WebServer (in 1a) alone, its snapshot, and the AMI when `imaged`. */
function start(state: Instance['state'], imaged: boolean, others: Instance[] = []): Inventory {
  const inv = finishedLab();
  return edit(inv, {
    instances: [{ ...webServer, state }, ...others],
    images: imaged ? inv.images : [],
    loadBalancers: [],
    targetGroups: [],
    elasticIps: inv.elasticIps.filter((e) => e.instanceId === webServer.id),
  });
}

const server = (name: string, az: string, changes: Partial<Instance> = {}): Instance => ({
  ...clone,
  id: `i-0${name}`,
  name,
  az,
  subnetId: `subnet-${az.slice(-1)}`,
  elasticIp: undefined,
  tags: { Name: name },
  ...changes,
});

function plan(id: StepId, inv: Inventory, layout?: LayoutId, given: StepOptions = {}): StepPlan {
  return planStep(id, { inventory: inv, observations: new Map(), ...(layout ? { layout } : {}) }, given);
}

function ready(p: StepPlan) {
  assert.ok(p.ready, JSON.stringify(p));
  return { options: new Map(p.options.map((o) => [o.key, o])), keys: p.options.map((o) => o.key), preview: p.preview };
}

describe('1.2 under seed 001: WebServer stopped first', () => {
  it('makes the AMI from the instance, asks no NoReboot, and says it stops WebServer first', () => {
    const p = ready(plan('1.2', start('running', false), 'seed001'));
    assert.equal(p.options.get('method')?.default, 'instance');
    assert.ok(!p.options.has('noReboot'), 'a stopped instance is not rebooted');
    assert.deepEqual(p.preview, [
      { code: 'plan.stopOrigin', args: { name: 'WebServer', image: 'AMI of CPS Research Center' } },
    ]);
    // The name the student types is the one the preview names.
    const named = ready(plan('1.2', start('running', false), 'seed001', { name: 'image-server' }));
    assert.equal(named.preview?.[0]?.args.image, 'image-server');
  });

  it('says WebServer is stopped already, and nothing once the AMI is there', () => {
    const stopped = ready(plan('1.2', start('stopped', false), 'seed001'));
    assert.equal(stopped.preview?.[0]?.code, 'plan.originStopped');
    assert.equal(ready(plan('1.2', start('stopped', true), 'seed001')).preview, undefined);
  });

  it('other layouts: from the snapshot by default, NoReboot asked from the instance, no preview', () => {
    const p = ready(plan('1.2', start('running', false)));
    assert.equal(p.options.get('method')?.default, 'snapshot');
    assert.equal(p.preview, undefined);
    assert.ok(ready(plan('1.2', start('running', false), undefined, { method: 'instance' })).options.has('noReboot'));
  });
});

describe('1.3 under seed 001: image1server and image2server from the AMI', () => {
  it('asks both names and AZs (WebServer’s AZ for the first, another for the second) and says what it launches', () => {
    const p = ready(plan('1.3', start('stopped', true), 'seed001'));
    assert.deepEqual(p.keys, ['firstName', 'firstAz', 'name', 'az']);
    assert.equal(p.options.get('firstName')?.default, 'image1server');
    assert.equal(p.options.get('firstAz')?.default, 'ap-northeast-1a');
    assert.equal(p.options.get('name')?.default, 'image2server');
    assert.equal(p.options.get('az')?.default, 'ap-northeast-1d');
    assert.ok(!p.options.get('az')?.choices?.some((c) => c.value === 'ap-northeast-1a'), 'not with image1server');
    assert.deepEqual(p.preview, [
      {
        code: 'plan.launchServers',
        args: {
          first: 'image1server',
          firstAz: 'ap-northeast-1a',
          second: 'image2server',
          secondAz: 'ap-northeast-1d',
          image: 'AMI of CPS Research Center',
          origin: 'WebServer',
        },
      },
    ]);
  });

  it('moving image1server to the second’s AZ moves the second away from it', () => {
    const p = ready(plan('1.3', start('stopped', true), 'seed001', { firstAz: 'ap-northeast-1d' }));
    assert.equal(p.options.get('az')?.default, 'ap-northeast-1a');
    assert.equal(p.preview?.[0]?.args.firstAz, 'ap-northeast-1d');
    assert.equal(p.preview?.[0]?.args.secondAz, 'ap-northeast-1a');
  });

  it('WebServer still running with no second server: both are launched as well', () => {
    assert.equal(ready(plan('1.3', start('running', true), 'seed001')).preview?.[0]?.code, 'plan.launchServers');
  });

  it('image2server there already (in 1a): only image1server, away from it', () => {
    const p = ready(plan('1.3', start('stopped', true, [server('image2server', 'ap-northeast-1a')]), 'seed001'));
    assert.deepEqual(p.keys, ['firstName', 'firstAz']);
    assert.equal(p.options.get('firstAz')?.default, 'ap-northeast-1c');
    assert.deepEqual(p.preview, [
      {
        code: 'plan.launchServer',
        args: { name: 'image1server', az: 'ap-northeast-1c', image: 'AMI of CPS Research Center' },
      },
    ]);
  });

  it('image1server launched by hand (another key, in 1d) is the web server: only image2server, not in 1d', () => {
    const first = server('image1server', 'ap-northeast-1d', { keyName: 'my-key' });
    const p = ready(plan('1.3', start('stopped', true, [first]), 'seed001'));
    assert.deepEqual(p.keys, ['name', 'az']);
    assert.equal(p.options.get('name')?.default, 'image2server');
    assert.notEqual(p.options.get('az')?.default, 'ap-northeast-1d');
    assert.deepEqual(p.preview, [
      {
        code: 'plan.launchServer',
        args: { name: 'image2server', az: p.options.get('az')?.default ?? '', image: 'AMI of CPS Research Center' },
      },
    ]);
  });

  it('both there: nothing to launch, nothing previewed', () => {
    const both = [server('image1server', 'ap-northeast-1a'), server('image2server', 'ap-northeast-1d')];
    assert.equal(ready(plan('1.3', start('stopped', true, both), 'seed001')).preview, undefined);
  });

  it('other layouts: WebServer2 alone, as before', () => {
    const p = ready(plan('1.3', start('running', true)));
    assert.deepEqual(p.keys, ['name', 'az']);
    assert.equal(p.options.get('name')?.default, 'WebServer2');
    assert.equal(p.preview, undefined);
  });
});

describe('the steps on both servers under seed 001 wait for image1server', () => {
  it('1.5-1.10 are not ready while WebServer is the web server; 1.4 and 1.6 are once both servers run', () => {
    const inv = start('stopped', true, [server('image2server', 'ap-northeast-1d')]);
    for (const id of ['1.5', '1.6', '1.7', '1.8', '1.9', '1.10'] as StepId[]) {
      const p = plan(id, inv, 'seed001');
      assert.equal(p.ready, false, id);
      assert.equal(!p.ready && p.reason.code, 'origin.firstMissing', id);
    }
    assert.equal(plan('1.4', inv, 'seed001').ready, true, "image2server's Elastic IP needs no image1server");
    const both = start('stopped', true, [
      server('image1server', 'ap-northeast-1a'),
      server('image2server', 'ap-northeast-1d'),
    ]);
    assert.equal(plan('1.6', both, 'seed001').ready, true);
  });

  it('a running WebServer with WebServer2 beside it stays a lab of two under seed 001', () => {
    assert.equal(plan('1.6', edit(finishedLab(), { loadBalancers: [], targetGroups: [] }), 'seed001').ready, true);
  });
});
