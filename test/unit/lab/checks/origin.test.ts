// Seed 001's WebServer, stopped and imaged, under its layout: never a failure (0.1 and 0.2 pass with a note), while
// it is still the web server 1.3 asks for image1server (and image2server) and the steps on both servers wait; once
// both run, they are the web servers and the stopped WebServer keeps only its Elastic IP.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Instance, Inventory } from '../../../../src/aws/types';
import { checkAll, checkStep } from '../../../../src/lab/checks/checks';
import { findRoles } from '../../../../src/lab/roles';
import type { CheckResult, StepId } from '../../../../src/lab/types';
import { clone, edit, finishedLab, webServer, webSg, withGroup } from '../../../fixtures/labWorld';

const seed001 = (inventory: Inventory) => ({ inventory, observations: new Map(), layout: 'seed001' as const });

/** Before 1.6: the web group admits HTTP from anywhere, as the console's wizard makes it. */
const beforeBalancer = (inv: Inventory) =>
  withGroup(edit(inv, { loadBalancers: [], targetGroups: [] }), webSg.id, {
    inbound: [
      { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } },
      ...webSg.inbound.filter((r) => r.fromPort === 22),
    ],
  });

/** WebServer stopped with its Elastic IP, its snapshot and AMI, and the servers given. */
function imaged(servers: Instance[] = []): Inventory {
  const inv = finishedLab();
  return beforeBalancer(
    edit(inv, {
      instances: [{ ...webServer, state: 'stopped', publicIp: undefined }, ...servers],
      elasticIps: inv.elasticIps.filter((e) => e.instanceId === webServer.id),
    }),
  );
}

const server = (name: string, az: string): Instance => ({
  ...clone,
  id: `i-0${name}`,
  name,
  az,
  subnetId: `subnet-${az.slice(-1)}`,
  elasticIp: undefined,
  tags: { Name: name },
});

function codeOf(r: CheckResult): string | undefined {
  return r.status === 'failed' || r.status === 'waiting' ? r.reason.code : undefined;
}

describe("seed 001's stopped WebServer", () => {
  it('passes 0.1 and 0.2 with notes, and 1.1 and 1.2 judge its snapshot and AMI', () => {
    const inv = imaged();
    const r01 = checkStep('0.1', seed001(inv));
    assert.equal(r01.status, 'passed', JSON.stringify(r01));
    assert.deepEqual(r01.status === 'passed' && r01.notes?.map((n) => n.code), ['note.originStopped']);
    const r02 = checkStep('0.2', seed001(inv));
    assert.equal(r02.status, 'passed', JSON.stringify(r02));
    assert.equal(r02.status === 'passed' && r02.notes?.[0]?.code, 'note.originAddress');
    for (const id of ['1.1', '1.2'] as StepId[]) assert.equal(checkStep(id, seed001(inv)).status, 'passed', id);
  });

  it('1.3 asks for both servers from its AMI; 1.5-1.10 wait on 1.3 and name no stopped instance', () => {
    const inv = imaged();
    const r = checkStep('1.3', seed001(inv));
    assert.equal(codeOf(r), 'origin.serversMissing');
    assert.deepEqual(r.status === 'failed' && r.reason.args, {
      first: 'image1server',
      second: 'image2server',
      origin: 'WebServer',
      image: 'AMI of CPS Research Center',
    });
    for (const id of ['1.5', '1.6', '1.7', '1.8', '1.9', '1.10'] as StepId[]) {
      const w = checkStep(id, seed001(inv));
      assert.equal(w.status, 'waiting', id);
      assert.equal(w.status === 'waiting' && w.on, '1.3', id);
      assert.equal(codeOf(w), 'origin.serversMissing', id);
    }
  });

  it('with image2server alone, 1.3 asks for image1server beside it', () => {
    const inv = imaged([server('image2server', 'ap-northeast-1d')]);
    const r = checkStep('1.3', seed001(inv));
    assert.equal(codeOf(r), 'origin.firstMissing');
    assert.equal(r.status === 'failed' && r.reason.args.clone, 'image2server');
  });

  it('once image1server and image2server run, they are the web servers; 0.2 stays on the stopped WebServer', () => {
    const inv = imaged([server('image1server', 'ap-northeast-1a'), server('image2server', 'ap-northeast-1d')]);
    const roles = findRoles(inv, undefined, 'seed001');
    assert.equal(roles.webServer?.name, 'image1server');
    assert.equal(roles.clone?.name, 'image2server');
    assert.equal(roles.origin?.name, 'WebServer');
    assert.equal(roles.images[0]?.id, 'ami-0lab', "the AMI is still WebServer's");
    const r02 = checkStep('0.2', seed001(inv));
    assert.equal(r02.status, 'passed', JSON.stringify(r02));
    assert.deepEqual(r02.status === 'passed' && r02.notes?.[0]?.args, {
      origin: 'WebServer',
      publicIp: webServer.elasticIp ?? '',
      name: 'image1server',
    });
    const r13 = checkStep('1.3', seed001(inv));
    assert.equal(r13.status, 'passed', JSON.stringify(r13));
    // The load balancer is what is missing now, for image1server and image2server.
    assert.equal(codeOf(checkStep('1.6', seed001(inv))), 'clb.missing');
  });

  it('no step of tracks 0 and 1 fails for the stopped WebServer', () => {
    for (const inv of [imaged(), imaged([server('image2server', 'ap-northeast-1d')])]) {
      for (const r of checkAll(seed001(inv), ['0', '1'])) {
        const args = r.status === 'failed' ? JSON.stringify([r.reason, ...(r.details ?? [])]) : '';
        assert.doesNotMatch(args, /notRunning|instanceStopped/, `${r.step}: ${args}`);
      }
    }
  });

  it('other layouts still fail 0.1 on a stopped WebServer, and a running WebServer with WebServer2 is a lab of two', () => {
    assert.equal(codeOf(checkStep('0.1', { inventory: imaged(), observations: new Map() })), 'webServer.notRunning');
    const two = beforeBalancer(finishedLab());
    assert.notEqual(codeOf(checkStep('1.3', seed001(two))), 'origin.firstMissing');
    assert.equal(checkStep('1.3', seed001(two)).status, 'passed');
  });
});
