// A runner reads only its step's sections of the account: every section its check may read is among them, and a
// check given a scoped inventory without one refuses to judge instead of calling an unread section empty.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkStep, sectionsJudged } from '../../../../src/lab/checks/checks';
import { STEP_SECTIONS } from '../../../../src/lab/run/kit';
import { STEPS } from '../../../../src/lab/tracks';
import { finishedLab, finishedObservations, edit } from '../../../fixtures/labWorld';

describe('the sections a runner reads', () => {
  for (const step of STEPS) {
    it(`${step.id}: reads every section its check reads`, () => {
      const missing = sectionsJudged(step.id).filter((s) => !STEP_SECTIONS[step.id].includes(s));
      assert.deepEqual(missing, []);
    });
  }

  it('databases are read by track 2 only, Auto Scaling by track 3 only', () => {
    for (const step of STEPS) {
      assert.equal(STEP_SECTIONS[step.id].includes('databases'), step.track === '2', step.id);
      assert.equal(STEP_SECTIONS[step.id].includes('autoScaling'), step.track === '3', step.id);
    }
    assert.deepEqual(STEP_SECTIONS['4.1'], ['network']);
    // Track 3 observes no page: the Elastic IPs that give a page its address are not read.
    for (const step of STEPS.filter((s) => s.track === '3'))
      assert.equal(STEP_SECTIONS[step.id].includes('addresses'), false, step.id);
  });

  it('a check refuses an inventory that did not read a section it reads', () => {
    const lab = finishedLab();
    const input = (sections: Parameters<typeof edit>[1]['sections']) => ({
      inventory: edit(lab, { sections }),
      observations: finishedObservations(),
    });
    assert.equal(checkStep('1.6', input(STEP_SECTIONS['1.6'])).status, 'passed');
    assert.throws(() => checkStep('1.6', input(['instances', 'network'])), /1\.6 reads .*loadBalancing/);
    assert.equal(checkStep('1.6', { inventory: lab, observations: finishedObservations() }).status, 'passed');
  });
});
