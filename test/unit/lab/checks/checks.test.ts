// checkAll and checkStep over the finished lab (hand-built inventories): every step of tracks 0 and 1 passes,
// whichever way the resources were made; the track filter.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkAll, checkStep } from '../../../../src/lab/checks/checks';
import { EXERCISE_TAG, type StepId } from '../../../../src/lab/types';
import {
  finishedLab,
  openObservations,
  targetGroup,
  withInstance,
  withLoadBalancer,
  withTargets,
} from '../../../fixtures/labWorld';
import { input } from '../../../fixtures/labChecks';

describe('the finished lab', () => {
  it('passes every step of tracks 0 and 1 (web servers closed, ALB answering from both)', () => {
    const results = checkAll(input(finishedLab()), ['0', '1']);
    assert.deepEqual(
      results.map((r) => r.step),
      ['0.1', '0.2', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10'],
    );
    for (const r of results) assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
  });

  it('track filter', () => {
    assert.deepEqual(
      checkAll(input(finishedLab()), '0').map((r) => r.step),
      ['0.1', '0.2'],
    );
  });

  it('finds resources made by hand by their relations, not by our tags or names', () => {
    // Seed 001: image1server / image2server, an ELB named elb-user05, a target group tg-elb-user05.
    let inv = withInstance(finishedLab(), 'i-0clone', { name: 'image2server', tags: { Name: 'image2server' } });
    inv = withLoadBalancer(inv, { name: 'elb-user05', tags: { [EXERCISE_TAG]: 'passed' } });
    inv = withTargets(inv, targetGroup.targets, { name: 'tg-elb-user05' });
    for (const r of checkAll(input(inv), ['0', '1']))
      assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
  });

  it('passes 0.1, 0.2 and 1.5 from direct answers too (before 1.9 closes direct access)', () => {
    const obs = openObservations();
    for (const step of ['0.1', '0.2', '1.5'] as StepId[])
      assert.equal(checkStep(step, input(finishedLab(), obs)).status, 'passed', step);
    assert.equal(
      checkStep('0.1', input(finishedLab(), obs)).status === 'passed' &&
        (checkStep('0.1', input(finishedLab(), obs)) as { facts?: Record<string, string> }).facts?.via,
      'direct',
    );
  });
});
