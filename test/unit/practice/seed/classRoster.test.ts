// The roster's expectations name every step of seed 003's handout, in its order, and agree with themselves: what
// passes is `passes`, the stage's own failure is among the steps that do not pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSteps } from '../../../../src/lab/tracks';
import { classRoster } from '../../../../src/practice/seed/classRoster';

const HANDOUT = labSteps('seed003').map((s) => s.id);

test("every student's expected verdicts cover seed 003's steps exactly, in the handout's order", () => {
  for (const s of classRoster(40).students) {
    assert.deepEqual(Object.keys(s.expected.steps), HANDOUT, s.student);
    assert.deepEqual(
      s.expected.passes,
      HANDOUT.filter((id) => s.expected.steps[id] === 'passed'),
      s.student,
    );
    for (const verdict of Object.values(s.expected.steps))
      assert.match(verdict, /^(passed|(failed|waiting) [a-zA-Z]+\.[a-zA-Z]+)$/, `${s.student} ${verdict}`);
    const fails = s.expected.fails;
    if (fails) assert.notEqual(s.expected.steps[fails.step], 'passed', `${s.student} ${fails.step}`);
  }
});

test('the stages as the checks judge them: the web tier passes but for the stopped server; the ALB steps by stage', () => {
  const byStage = new Map(classRoster(12).students.map((s) => [s.stage, s.expected.steps]));
  assert.equal(byStage.get('done')?.['1.9'], 'passed');
  assert.equal(byStage.get('wrongGroup')?.['1.3'], 'passed', 'webserver#2 was launched right: 1.7 names the group');
  assert.equal(byStage.get('wrongGroup')?.['4.3'], 'passed');
  assert.equal(byStage.get('wrongGroup')?.['1.7'], 'failed diagnosis.securityGroup');
  assert.equal(byStage.get('wrongPath')?.['1.7'], 'failed diagnosis.healthCheckPath');
  assert.equal(byStage.get('cloned')?.['1.6'], 'failed alb.missing');
  assert.equal(byStage.get('webServerOnly')?.['1.3'], 'waiting image.missing');
  assert.equal(byStage.get('leftovers')?.['4.3'], 'failed webServer.notRunning');
  const aurora = classRoster(12).students.find((s) => s.aurora);
  assert.deepEqual(
    ['2.1', '2.6', '2.7'].map((id) => aurora?.expected.steps[id]),
    ['passed', 'passed', 'failed auroraFailover.none'],
  );
});
