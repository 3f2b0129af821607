// The checks of track 0 and of the clone (1.1-1.5) over hand-built inventories: each thing a student can get
// wrong with WebServer, its Elastic IP, the snapshot, the AMI or WebServer2 fails the right step with the right
// reason and fix.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkStep } from '../../../../src/lab/checks/checks';
import {
  CLONE_IP,
  DNS,
  PAGE,
  PAGE2,
  WEB_IP,
  clone,
  edit,
  finishedLab,
  finishedObservations,
  observation,
  openObservations,
  webServer,
  withInstance,
} from '../../../fixtures/labWorld';
import { failedWith, input } from '../../../fixtures/labChecks';

describe('track 0', () => {
  it('0.1 fails without WebServer, and later steps wait on it', () => {
    const inv = edit(finishedLab(), { instances: [] });
    failedWith(checkStep('0.1', input(inv)), 'webServer.missing');
    const r = checkStep('1.1', input(inv));
    assert.equal(r.status, 'waiting');
    assert.equal(r.status === 'waiting' && r.on, '0.1');
  });

  it('0.1 fails when WebServer is stopped, with a start fix', () => {
    const r = failedWith(
      checkStep('0.1', input(withInstance(finishedLab(), 'i-0web', { state: 'stopped' }))),
      'webServer.notRunning',
    );
    assert.deepEqual(r.fixes, [{ code: 'startInstance', args: { instanceId: 'i-0web', name: 'WebServer' } }]);
  });

  it('0.1 fails when the page does not answer, or is not the CPS page', () => {
    const obs = openObservations();
    obs.set(...observation(WEB_IP, '/', { error: 'timeout' }));
    obs.set(...observation(DNS, '/', { error: 'timeout' }));
    failedWith(checkStep('0.1', input(finishedLab(), obs)), 'page.unreachable');
    obs.set(...observation(WEB_IP, '/', { status: 200, body: '<h1>It works!</h1>' }));
    failedWith(checkStep('0.1', input(finishedLab(), obs)), 'page.wrong');
    obs.set(...observation(WEB_IP, '/', { status: 403, body: 'Forbidden' }));
    failedWith(checkStep('0.1', input(finishedLab(), obs)), 'page.status');
    obs.delete(`${WEB_IP}/`);
    failedWith(checkStep('0.1', input(finishedLab(), obs)), 'observation.missing');
  });

  it('0.1 finds an unnamed WebServer by the page it serves', () => {
    let inv = withInstance(finishedLab(), 'i-0web', { name: undefined, tags: {} });
    inv = edit(inv, { instances: inv.instances.filter((i) => i.id === 'i-0web') });
    const r = checkStep('0.1', input(inv, openObservations()));
    assert.equal(r.status, 'passed');
  });

  it('0.2 fails without an Elastic IP, and offers to associate a free one', () => {
    let inv = withInstance(finishedLab(), 'i-0web', { elasticIp: undefined, publicIp: '13.0.0.1' });
    inv = edit(inv, { elasticIps: inv.elasticIps.filter((e) => e.instanceId !== 'i-0web') });
    failedWith(checkStep('0.2', input(inv)), 'eip.missing');
    inv = edit(inv, {
      elasticIps: [...inv.elasticIps, { allocationId: 'eipalloc-free', publicIp: '54.0.0.9', tags: {} }],
    });
    const r = failedWith(checkStep('0.2', input(inv)), 'eip.notAssociated');
    assert.equal(r.fixes[0]?.code, 'associateAddress');
    assert.equal(r.fixes[0]?.args.allocationId, 'eipalloc-free');
  });

  it('0.2 fails when the page does not answer on the Elastic IP', () => {
    const obs = openObservations();
    obs.set(...observation(WEB_IP, '/', { status: 500 }));
    failedWith(checkStep('0.2', input(finishedLab(), obs)), 'page.status');
  });
});

describe('1.1 - 1.5: the clone', () => {
  it('1.1 snapshot missing, pending with progress, completed', () => {
    const inv = finishedLab();
    failedWith(checkStep('1.1', input(edit(inv, { snapshots: [], images: [] }))), 'snapshot.missing');
    const pending = failedWith(
      checkStep('1.1', input(edit(inv, { snapshots: [{ ...inv.snapshots[0]!, state: 'pending', progress: '42%' }] }))),
      'snapshot.pending',
    );
    assert.equal(pending.reason.args.progress, '42%');
    // A snapshot of another volume is not WebServer's.
    failedWith(
      checkStep('1.1', input(edit(inv, { snapshots: [{ ...inv.snapshots[0]!, volumeId: 'vol-other' }] }))),
      'snapshot.missing',
    );
  });

  it('1.2 AMI missing, pending, or not made from WebServer', () => {
    const inv = finishedLab();
    failedWith(checkStep('1.2', input(edit(inv, { images: [] }))), 'image.missing');
    failedWith(
      checkStep('1.2', input(edit(inv, { images: [{ ...inv.images[0]!, state: 'pending' }] }))),
      'image.pending',
    );
    const r = failedWith(
      checkStep('1.2', input(edit(inv, { images: [{ ...inv.images[0]!, snapshotIds: ['snap-other'] }] }))),
      'image.notFromWebServer',
    );
    assert.equal(r.reason.args.webServer, 'WebServer');
  });

  it('1.3 fails for a clone in the same AZ as WebServer, even while it is pending', () => {
    const inv = withInstance(finishedLab(), 'i-0clone', {
      az: 'ap-northeast-1a',
      subnetId: 'subnet-a',
      state: 'pending',
    });
    const r = failedWith(checkStep('1.3', input(inv)), 'clone.sameAz');
    assert.equal(r.reason.args.az, 'ap-northeast-1a');
    assert.deepEqual(r.fixes, []);
  });

  it('1.3 prefers a clone in another AZ when the student launched a second one', () => {
    let inv = withInstance(finishedLab(), 'i-0clone', { az: 'ap-northeast-1a' });
    inv = edit(inv, { instances: [...inv.instances, { ...clone, id: 'i-0clone2', az: 'ap-northeast-1c' }] });
    assert.equal(checkStep('1.3', input(inv)).status, 'passed');
  });

  it('1.3 pending, status checks initializing, other security group', () => {
    failedWith(
      checkStep('1.3', input(withInstance(finishedLab(), 'i-0clone', { state: 'pending' }))),
      'clone.notRunning',
    );
    const checks = failedWith(
      checkStep(
        '1.3',
        input(withInstance(finishedLab(), 'i-0clone', { statusChecks: { system: 'ok', instance: 'initializing' } })),
      ),
      'clone.statusChecks',
    );
    assert.equal(checks.reason.args.instance, 'initializing');
    const sg = failedWith(
      checkStep(
        '1.3',
        input(withInstance(finishedLab(), 'i-0clone', { securityGroups: [{ id: 'sg-2', name: 'launch-wizard-2' }] })),
      ),
      'clone.otherSecurityGroups',
    );
    assert.equal(sg.reason.args.groups, 'launch-wizard-2');
    assert.equal(sg.reason.args.expected, 'launch-wizard-1');
  });

  it('1.3 finds an unnamed clone by its AMI', () => {
    const inv = withInstance(finishedLab(), 'i-0clone', { name: undefined, tags: {} });
    assert.equal(checkStep('1.3', input(inv)).status, 'passed');
    failedWith(checkStep('1.3', input(edit(inv, { instances: [webServer] }))), 'clone.missing');
  });

  it('1.4 clone without an Elastic IP', () => {
    let inv = withInstance(finishedLab(), 'i-0clone', { elasticIp: undefined });
    inv = edit(inv, { elasticIps: inv.elasticIps.filter((e) => e.instanceId !== 'i-0clone') });
    const r = failedWith(checkStep('1.4', input(inv)), 'clone.noElasticIp');
    assert.deepEqual(r.fixes, [{ code: 'associateAddress', args: { instanceId: 'i-0clone', name: 'WebServer2' } }]);
  });

  it("1.5: the clone's page not edited, or the original's edited instead", () => {
    const obs = openObservations();
    obs.set(...observation(CLONE_IP, '/', { status: 200, body: PAGE }));
    failedWith(checkStep('1.5', input(finishedLab(), obs)), 'clone.pageNotEdited');
    obs.set(...observation(WEB_IP, '/', { status: 200, body: PAGE2 }));
    obs.set(...observation(CLONE_IP, '/', { status: 200, body: PAGE2 }));
    failedWith(checkStep('1.5', input(finishedLab(), obs)), 'webServer.pageEdited');
  });

  it('1.5 through the load balancer on AWS, where no header says which instance answered', () => {
    const obs = finishedObservations();
    obs.set(
      ...observation(DNS, '/', {
        status: 200,
        body: PAGE,
        samples: [
          { status: 200, variant: 'vision' },
          { status: 200, variant: 'vision2' },
        ],
      }),
    );
    assert.equal(checkStep('1.5', input(finishedLab(), obs)).status, 'passed');
    obs.set(
      ...observation(DNS, '/', {
        status: 200,
        body: PAGE,
        samples: [
          { status: 200, variant: 'vision' },
          { status: 200, variant: 'vision' },
        ],
      }),
    );
    failedWith(checkStep('1.5', input(finishedLab(), obs)), 'page.unreachable');
  });
});
