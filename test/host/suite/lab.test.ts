// The lab in the editor: the checklist shows why a step fails, a step run through its command (with its
// defaults, and once through the real QuickPick) passes its check, and the walkthrough's context key follows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, type StepOutcomeSeen } from './extensionApi';
import { listing, walk, type Row } from './treeRows';

const stepRow = (rows: Row[], id: string) =>
  rows.find((r) => r.label.startsWith(`${id} `) && /\bstep\b/.test(r.contextValue));

async function settled(): Promise<void> {
  const api = await activated();
  await api.whenInventoryLoaded();
  await api.whenLabChecked();
}

/** Polls until `ok()` holds (the checklist updates after the run's refresh and page checks). */
async function eventually(ok: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function labTests(): void {
  suite('lab', () => {
    test('the checklist starts at the practice account’s state: track 0 done, 1.1 failing with its reason', async () => {
      const api = await activated();
      await settled();
      const rows = await walk(api.checklist);
      const text = listing(rows);
      for (const id of ['0.1', '0.2']) {
        assert.match(stepRow(rows, id)?.contextValue ?? '', /\bpassed\b/, `${id} should pass:\n${text}`);
        assert.equal(api.isStepDone(id), true, `context key of ${id}`);
      }
      const snapshot = stepRow(rows, '1.1');
      assert.ok(snapshot, `no 1.1 row:\n${text}`);
      assert.match(snapshot.contextValue, /\bfailed\b/, text);
      assert.match(snapshot.description, /There is no snapshot of WebServer's root volume/, text);
      assert.match(snapshot.tooltip, /There is no snapshot of WebServer's root volume/);
      assert.equal(api.isStepDone('1.1'), false);
    });

    test('step 1.1 run through its command with the defaults passes, and its walkthrough key is set', async () => {
      const api = await activated();
      await settled();
      assert.equal(api.isStepDone('1.1'), false, 'the practice account starts without a snapshot');
      const outcome = await vscode.commands.executeCommand<StepOutcomeSeen | undefined>('scaleOutLab.runStep.1_1', {
        yes: true,
      });
      assert.ok(outcome, 'the command returned no outcome (see the log for the error)');
      assert.equal(outcome.check.status, 'passed', JSON.stringify(outcome.check));
      assert.ok(outcome.created.length > 0, `nothing created: ${JSON.stringify(outcome)}`);
      assert.equal(api.isStepDone('1.1'), true);
      await settled();
      const row = stepRow(await walk(api.checklist), '1.1');
      assert.match(row?.contextValue ?? '', /\bpassed\b/);
    });

    test('step 1.2 through the real QuickPick: Enter accepts the handouts’ settings', async () => {
      const api = await activated();
      await settled();
      const run = vscode.commands.executeCommand<StepOutcomeSeen | undefined>('scaleOutLab.runStep.1_2');
      // The settings list opens with "Run" first: accept it as a student pressing Enter would.
      await new Promise((r) => setTimeout(r, 1_000));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const outcome = await run;
      assert.ok(outcome, 'no outcome: the QuickPick was not accepted, or the run failed (see the log)');
      assert.equal(outcome.check.status, 'passed', JSON.stringify(outcome.check));
      await eventually(async () => api.isStepDone('1.2'), 'the 1.2 context key');
      // Next in line: 1.3, whose row now says what is missing.
      await settled();
      const rows = await walk(api.checklist);
      const clone = stepRow(rows, '1.3');
      assert.match(clone?.contextValue ?? '', /\bfailed\b/, listing(rows));
      assert.match(clone?.description ?? '', /There is no WebServer2/, listing(rows));
      assert.equal(api.isStepDone('1.3'), false);
    });

    test('running 1.1 again creates nothing new (idempotent)', async () => {
      await settled();
      const outcome = await vscode.commands.executeCommand<StepOutcomeSeen | undefined>('scaleOutLab.runStep.1_1', {
        yes: true,
      });
      assert.ok(outcome);
      assert.deepEqual(outcome.created, []);
      assert.ok(outcome.reused.length > 0);
      assert.equal(outcome.check.status, 'passed');
    });

    test('choosing handout 004 judges the web tier inside Test-VPC: without one, 1.1 waits for 0.1; back again', async () => {
      const api = await activated();
      const config = () => vscode.workspace.getConfiguration('scaleOutLab');
      const row11 = async () => stepRow(await walk(api.checklist), '1.1')?.contextValue ?? '';
      try {
        await vscode.commands.executeCommand('scaleOutLab.chooseLayout', 'testVpc');
        assert.equal(config().get('lab.layout'), 'testVpc');
        // No Test-VPC on the practice account: WebServer of the default VPC is not handout 004's web server.
        await eventually(async () => /\bwaiting\b/.test(await row11()), '1.1 waiting under handout 004');
      } finally {
        await vscode.commands.executeCommand('scaleOutLab.chooseLayout', 'defaultVpc');
      }
      assert.equal(config().get('lab.layout'), 'defaultVpc');
      await eventually(async () => /\bpassed\b/.test(await row11()), '1.1 passed again under the default handout');
    });
  });
}
