// The cost meter on the practice account's starting state (WebServer: t2.micro, 8 GiB gp2, an Elastic IP, in
// Tokyo): the status bar shows the rate the price table gives, labelled as the practice account, without warning
// colours; the breakdown and the cleanup commands are there. Runs before the lab tests create anything.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { priceTable } from '../../../src/cost/prices';
import { activated } from './extensionApi';

export function costTests(): void {
  suite('cost', () => {
    test('the meter shows the practice account’s rate: t2.micro + 8 GiB gp2 + one public IPv4 in Tokyo', async () => {
      const api = await activated();
      await api.whenInventoryLoaded();
      await api.whenCostEstimated();
      const prices = priceTable('ap-northeast-1');
      assert.ok(prices, 'no Tokyo price table');
      const t2 = prices.instanceHour['t2.micro']?.usd;
      const gp2 = prices.ebsGbMonth.gp2?.usd;
      assert.ok(t2 !== undefined && gp2 !== undefined);
      const expected = t2 + (8 * gp2) / 730 + prices.publicIpv4Hour.usd;
      const shown = api.costShown();
      assert.equal(shown.visible, true, 'the meter is hidden');
      assert.ok(
        shown.hourlyUsd !== undefined && Math.abs(shown.hourlyUsd - expected) < 1e-6,
        `hourly ${shown.hourlyUsd}, expected ${expected}`,
      );
      assert.match(
        shown.text,
        new RegExp(
          `^\\$\\(credit-card\\) ${expected.toFixed(3).replace('.', '\\.')} USD/h · \\d+\\.\\d\\d USD \\(practice\\)$`,
        ),
        shown.text,
      );
      assert.equal(shown.warning, false, `${expected} USD/h is under the 0.05 default threshold`);
      assert.match(shown.tooltip, /Practice account: what it would cost on AWS/);
      assert.match(shown.tooltip, /\| EC2 instances \(1\) \| 0\.0152 \|/);
      assert.match(shown.tooltip, /Public IPv4: 1 address,/);
      assert.match(shown.tooltip, /command:scaleOutLab\.cleanUp/);
    });

    test('a threshold under the rate turns the meter to warning colours, and back', async () => {
      const api = await activated();
      const config = vscode.workspace.getConfiguration('scaleOutLab');
      await config.update('cost.warnAtUsdPerHour', 0.01, vscode.ConfigurationTarget.Global);
      try {
        await eventually(() => api.costShown().warning, 'warning colours at 0.01 USD/h');
      } finally {
        await config.update('cost.warnAtUsdPerHour', undefined, vscode.ConfigurationTarget.Global);
      }
      await eventually(() => !api.costShown().warning, 'no warning colours at the default threshold');
    });

    test('yen at the student’s rate', async () => {
      const api = await activated();
      const config = vscode.workspace.getConfiguration('scaleOutLab');
      await config.update('cost.currency', 'JPY', vscode.ConfigurationTarget.Global);
      await config.update('cost.yenPerUsd', 100, vscode.ConfigurationTarget.Global);
      try {
        const hourly = api.costShown().hourlyUsd ?? 0;
        const expected = `$(credit-card) ${(hourly * 100).toFixed(1)} JPY/h · `;
        await eventually(
          () => api.costShown().text.startsWith(expected),
          `the meter in yen at 100 JPY/USD: ${expected}`,
        ).catch((e: Error) => {
          throw new Error(`${e.message}; it reads ${api.costShown().text}`);
        });
      } finally {
        await config.update('cost.currency', undefined, vscode.ConfigurationTarget.Global);
        await config.update('cost.yenPerUsd', undefined, vscode.ConfigurationTarget.Global);
      }
      await eventually(() => /USD\/h/.test(api.costShown().text), 'the meter back in USD');
    });
  });
}

async function eventually(ok: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
