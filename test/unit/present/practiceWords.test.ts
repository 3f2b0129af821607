// The practice state file's words, in English and Japanese: the CLI's notice and error lines, the extension's log
// lines, notification and explorer problem (each PracticeStateError code with what to do).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { practiceNoticeLine, practiceStateLine } from '../../../src/present/practiceWords';
import { errorLine } from '../../../src/cli/words';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import {
  practiceNoticeWords,
  practiceOpenedWords,
  practiceStateProblem,
} from '../../../src/vscode/services/practiceAccount';
import { problemMessage } from '../../../src/present/problemMessages';
import { PracticeStateError, type PracticeNotice } from '../../../src/practice/core/stateFile';

const en = bundleTranslator();
const ja = bundleTranslator(loadBundle('ja'));
const FILE = '/home/s/.scale-out-lab/practice-state.json';
const NOTICES: PracticeNotice[] = [
  { kind: 'stateReplaced', file: FILE, keptAs: `${FILE}.unreadable-1`, reason: 'corrupt', detail: 'Unexpected token' },
  { kind: 'staleLockTaken', file: FILE, pid: 4242 },
  { kind: 'temporaryFilesRemoved', files: [`${FILE}.77.tmp`] },
];

test('the CLI says each notice in one line, in both languages', () => {
  assert.deepEqual(
    NOTICES.map((n) => practiceNoticeLine(n, en)),
    [
      `The practice state file ${FILE} was damaged, so a fresh practice account was started. The old file is kept at ${FILE}.unreadable-1.`,
      `The practice state file ${FILE} was locked by process 4242, which is no longer running: the lock was taken over.`,
      `Removed temporary files left by an interrupted save of the practice state: ${FILE}.77.tmp`,
    ],
  );
  const newer = practiceNoticeLine({ ...NOTICES[0], reason: 'unknownFormat' } as PracticeNotice, ja);
  assert.equal(
    newer,
    `練習用アカウントの状態ファイル ${FILE} は新しいバージョンの scale-out-lab で書かれていたため、新しい練習用アカウントで始めました。元のファイルは ${FILE}.unreadable-1 に残してあります。`,
  );
  for (const n of NOTICES) assert.notEqual(practiceNoticeLine(n, ja), practiceNoticeLine(n, en));
});

test('the CLI words each PracticeStateError as the error line, saying what to do', () => {
  const lines = [
    new PracticeStateError('locked', FILE, 4242, undefined, 'http://127.0.0.1:5000'),
    new PracticeStateError('locked', FILE, 4242),
    new PracticeStateError('notWritable', FILE, undefined, new Error('EACCES')),
    new PracticeStateError('notReadable', FILE, undefined, new Error('EACCES')),
  ].map((e) => errorLine(e, en));
  assert.deepEqual(lines, [
    `The practice state file ${FILE} is already served by another program (pid 4242) at http://127.0.0.1:5000: use it (--endpoint-url http://127.0.0.1:5000) or stop that program first.`,
    `The practice state file ${FILE} is in use by another program (pid 4242) that does not answer as a practice account. Stop it, or choose another file with --state.`,
    `The practice state file ${FILE} cannot be saved: its folder is not writable. Fix the folder's permissions, or choose another file with --state.`,
    `The practice state file ${FILE} cannot be read (permission denied). Fix the file's permissions, or choose another file with --state.`,
  ]);
  assert.equal(
    practiceStateLine(new PracticeStateError('notWritable', FILE), ja),
    `練習用アカウントの状態ファイル ${FILE} を保存できません。フォルダーに書き込めません。フォルダーのアクセス許可を直すか、--state で別のファイルを指定してください。`,
  );
});

test('the extension shows each PracticeStateError as a problem with what to do, and a refresh', () => {
  const problems = [
    new PracticeStateError('locked', FILE, 4242),
    new PracticeStateError('notWritable', FILE),
    new PracticeStateError('notReadable', FILE),
  ].map(practiceStateProblem);
  assert.deepEqual(problems[0], { kind: 'practiceState', code: 'locked', file: FILE, pid: 4242 });
  const messages = problems.map((p) => (p ? problemMessage(p, en) : undefined));
  assert.deepEqual(
    messages.map((m) => m?.message),
    [
      'The practice account is held by another program (pid 4242) that does not answer. Close the other VS Code window or scale-out-lab practice serve, then refresh.',
      `The practice account cannot save its state: the folder of ${FILE} is not writable. Fix its permissions, then refresh.`,
      `The practice account cannot read its state file ${FILE} (permission denied). Fix its permissions, then refresh.`,
    ],
  );
  assert.ok(messages.every((m) => m?.action?.kind === 'refresh'));
  assert.equal(
    problems[0] && problemMessage(problems[0], ja).message,
    '練習用アカウントは、応答しない別のプログラム（pid 4242）が使用中です。もう一方の VS Code ウィンドウか scale-out-lab practice serve を閉じてから、更新してください。',
  );
  assert.equal(practiceStateProblem(new Error('locked')), undefined, 'only a PracticeStateError');
});

test('the extension logs every notice, notifies only a replaced file (where it is kept), and logs sharing', () => {
  const words = practiceNoticeWords(NOTICES, en);
  assert.deepEqual(words.log.slice(1), [
    `The practice state file ${FILE} was locked by process 4242, which is no longer running: the lock was taken over.`,
    `Removed temporary files left by an interrupted save of the practice state: ${FILE}.77.tmp`,
  ]);
  assert.equal(
    words.notify,
    `The saved practice account could not be read (the file was damaged), so it starts again from the beginning. The old file is kept at ${FILE}.unreadable-1.`,
  );
  assert.equal(words.log[0], words.notify);
  assert.equal(practiceNoticeWords(NOTICES.slice(1), en).notify, undefined);
  assert.deepEqual(practiceNoticeWords([], en), { log: [] });
  assert.deepEqual(practiceOpenedWords({ kind: 'shared', endpoint: 'http://127.0.0.1:5000', pid: 99 }, ja), {
    log: ['別のウィンドウ（pid 99）の練習用アカウントを http://127.0.0.1:5000 で使います'],
  });
});
