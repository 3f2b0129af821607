// Steps per handout: handout 004 (Test-VPC, WordPress on both servers) has no page of the clone to edit (1.5) and
// no answer to tell apart per server (1.8); its pages count as answers, set up or still asking for the setup.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { pageVariant } from '../../../src/lab/roles';
import { inHandout, labSteps, STEPS, stepsOfTrack } from '../../../src/lab/tracks';

describe('the steps of each handout', () => {
  it('the default-VPC handout has every step; Test-VPC has track 1 without 1.5 and 1.8', () => {
    assert.equal(labSteps('defaultVpc').length, STEPS.length);
    assert.equal(labSteps().length, STEPS.length);
    assert.deepEqual(
      stepsOfTrack('1', 'testVpc').map((s) => s.id),
      ['1.1', '1.2', '1.3', '1.4', '1.6', '1.7', '1.9', '1.10'],
    );
    assert.equal(inHandout('1.5', 'testVpc'), false);
    assert.equal(inHandout('1.5', 'defaultVpc'), true);
    assert.equal(inHandout('2.3', 'testVpc'), true);
  });

  it("WordPress's pages are its own variant: the setup redirect, its site, its database error", () => {
    assert.equal(pageVariant('', 'http://10.0.0.5/wp-admin/setup-config.php'), 'wordpress');
    assert.equal(pageVariant('<link href="/wp-content/themes/t/style.css"> WordPress'), 'wordpress');
    assert.equal(pageVariant('<h1>データベース接続確立エラー</h1>'), 'wordpress');
    assert.equal(pageVariant('<h1>CPS Research Center</h1>'), 'other');
    assert.equal(pageVariant(undefined), 'other');
  });
});
