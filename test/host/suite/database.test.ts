// Track 2 in the editor on the practice account: the database tier built through the step commands (the master
// password kept as the password box keeps it), Multi-AZ, a reboot with failover charted while it runs, and the
// Databases group of the explorer showing the primary moved to the other AZ.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, type StepOutcomeSeen } from './extensionApi';
import { listing, walk } from './treeRows';

async function run(id: string): Promise<StepOutcomeSeen> {
  const outcome = await vscode.commands.executeCommand<StepOutcomeSeen | undefined>(
    `scaleOutLab.runStep.${id.replace('.', '_')}`,
    { yes: true, quiet: true },
  );
  assert.ok(outcome, `${id} returned no outcome (see the log for the error)`);
  assert.equal(outcome.check.status, 'passed', `${id}: ${JSON.stringify(outcome.check)}`);
  return outcome;
}

export function databaseTests(): void {
  suite('database (track 2)', () => {
    test('db-sg, test-rds-1, Multi-AZ and a failover through the step commands; the chart and the tree follow', async () => {
      const api = await activated();
      await api.whenInventoryLoaded();
      await api.storeDatabasePassword('vg1daypassword');
      await run('2.1');
      const created = await run('2.2');
      assert.ok(
        created.created.some((id) => id === 'test-rds-1'),
        JSON.stringify(created),
      );
      await run('2.4');
      await run('2.5');
      const chart = api.failoverShown();
      assert.ok(chart, 'the failover chart was not opened');
      assert.ok(chart.requests > 0, `no request charted: ${JSON.stringify(chart)}`);
      assert.match(chart.moved ?? '', /^ap-northeast-1\w → ap-northeast-1\w$/, JSON.stringify(chart));
      const [from, to] = (chart.moved ?? '').split(' → ');
      assert.notEqual(from, to);
      await api.whenLabChecked();
      for (const id of ['2.1', '2.2', '2.4', '2.5']) assert.equal(api.isStepDone(id), true, `context key of ${id}`);
      const text = listing(await walk(api.explorer));
      assert.match(text, /test-rds-1/, text);
      assert.match(text, new RegExp(`primary[^\\n]*${to}`), text);
      assert.match(text, new RegExp(`standby[^\\n]*${from}`), text);
    });
  });
}
