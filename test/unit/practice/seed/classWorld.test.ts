// A practice class (seed 003): classRoster(N) is deterministic and has every stage from six students on, half of
// each stage by hand and half by the runners; createClassState(N) is the same state for the same N and time, fast,
// and its records carry exactly the tags the roster says (the lab's own tag names, a console-made one a Name only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STUDENT_TAG } from '../../../../src/aws/student';
import { LAB_ID, LAB_TAG, STEP_TAG } from '../../../../src/lab/types';
import { namesOf } from '../../../../src/lab/layout';
import { CLASS_TAGS } from '../../../../src/practice/seed/classNetwork';
import { classRoster, checkClassSize, type ClassStage } from '../../../../src/practice/seed/classRoster';
import { createClassState, WRONG_HEALTH_PATH } from '../../../../src/practice/seed/classWorld';

const NOW = Date.parse('2026-11-23T10:00:00Z');

test("the seeded tags are the lab's own: LAB_TAG, LAB_ID, STEP_TAG and STUDENT_TAG", () => {
  assert.deepEqual(CLASS_TAGS, { lab: LAB_TAG, labId: LAB_ID, step: STEP_TAG, student: STUDENT_TAG });
});

test('the roster: user01..userNN, a third done, every stage, half of each by hand, Aurora for every fourth done', () => {
  const roster = classRoster(40);
  assert.deepEqual(
    roster.students.map((s) => s.student),
    Array.from({ length: 40 }, (_, i) => `user${String(i + 1).padStart(2, '0')}`),
  );
  assert.deepEqual(classRoster(40), roster, 'deterministic');
  const count = (stage: ClassStage, madeBy?: string) =>
    roster.students.filter((s) => s.stage === stage && (!madeBy || s.madeBy === madeBy)).length;
  assert.deepEqual(
    Object.fromEntries(
      (['done', 'webServerOnly', 'cloned', 'wrongGroup', 'wrongPath', 'leftovers'] as const).map((s) => [s, count(s)]),
    ),
    { done: 14, webServerOnly: 7, cloned: 6, wrongGroup: 6, wrongPath: 6, leftovers: 1 },
  );
  for (const stage of ['done', 'webServerOnly', 'cloned', 'wrongGroup', 'wrongPath'] as const)
    assert.ok(Math.abs(count(stage, 'console') - count(stage, 'runner')) <= 1, `${stage}: half by hand`);
  assert.deepEqual(
    roster.students.filter((s) => s.aurora).map((s) => s.student),
    ['user01', 'user13', 'user25', 'user37'],
  );
  assert.equal(roster.students[39]?.stage, 'leftovers');
  assert.equal(roster.students[4]?.stage, 'cloned', 'user05: up to webserver#2');
  assert.deepEqual(roster.unowned, ['teacher-bastion', 'teacher-bastion-sg', 'teacher-key']);
  assert.equal(classRoster(1).students[0]?.stage, 'done', 'a class of one is one done student');
});

test("a student's names are seed 003's, as the lab's seed003 layout gives them", () => {
  const names = classRoster(5).students[4]?.names;
  const layout = namesOf('seed003', 'user05');
  assert.ok(names);
  assert.deepEqual(
    [names.webServer, names.clone, names.loadBalancer, names.targetGroup, names.albGroup, names.webGroup],
    [
      layout.webServer,
      layout.clone,
      layout.loadBalancer,
      layout.targetGroup,
      layout.albSecurityGroup,
      layout.webSecurityGroup,
    ],
  );
  assert.deepEqual(
    [names.keyPair, names.image, names.dbGroup, names.dbSubnetGroup],
    [layout.keyPair, layout.image, layout.database.securityGroup, layout.database.subnetGroup],
  );
  assert.deepEqual(
    [names.vpc, names.cluster, names.writer, names.reader],
    ['vpc-user05', 'wp-user05-cluster', 'wp-user05', 'wp-user05-slave'],
  );
});

test('1 to 60 students', () => {
  assert.throws(() => checkClassSize(0), RangeError);
  assert.throws(() => checkClassSize(61), RangeError);
  assert.throws(() => checkClassSize(2.5), RangeError);
  assert.throws(() => classRoster(0), RangeError);
  assert.equal(classRoster(60).students.length, 60);
});

test('the same class for the same size and time, built in well under two seconds for 40', () => {
  const started = performance.now();
  const state = createClassState(40, NOW);
  const ms = performance.now() - started;
  assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
  assert.equal(JSON.stringify(createClassState(40, NOW)), JSON.stringify(state));
  assert.notEqual(JSON.stringify(createClassState(39, NOW)), JSON.stringify(state));
});

test('every record named for a student carries the tags of how they made it, and only their own', () => {
  const roster = classRoster(40);
  const region = createClassState(40, NOW).regions['ap-northeast-1'];
  assert.ok(region);
  const tagged = [
    ...region.vpcs,
    ...region.subnets,
    ...region.internetGateways,
    ...region.routeTables,
    ...region.instances,
    ...region.loadBalancers,
    ...region.targetGroups,
    ...region.addresses,
  ];
  let checked = 0;
  for (const student of roster.students) {
    const mine = tagged.filter((r) => r.tags.Name?.split(/[^a-z0-9]+/).includes(student.student));
    assert.ok(mine.length >= 9, `${student.student}: network, servers`);
    for (const r of mine) {
      checked++;
      if (student.madeBy === 'console') assert.deepEqual(Object.keys(r.tags), ['Name'], r.tags.Name);
      else assert.equal(r.tags[STUDENT_TAG], student.student, r.tags.Name);
    }
  }
  assert.ok(checked > 400);
  assert.ok(
    tagged.every((r) => !r.tags[STUDENT_TAG] || r.tags.Name?.includes(r.tags[STUDENT_TAG])),
    'no record tagged for another student than its name says',
  );
  const teacher = region.instances.find((i) => i.tags.Name === 'teacher-bastion');
  assert.deepEqual(teacher?.tags, { Name: 'teacher-bastion' });
  const wrongPath = roster.students.find((s) => s.stage === 'wrongPath');
  assert.equal(
    region.targetGroups.find((g) => g.name === wrongPath?.names.targetGroup)?.healthCheck.path,
    WRONG_HEALTH_PATH,
  );
  const leftovers = roster.students.find((s) => s.stage === 'leftovers');
  const loose = region.addresses.find((a) => a.tags.Name === leftovers?.names.elasticIp);
  assert.ok(loose && !loose.association, 'the leftover Elastic IP is not associated');
});
