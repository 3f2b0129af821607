// The cost commands: the breakdown panel, and the cleanup (plan -> a list with the hourly cost each deletion
// stops, the lab's checked and the others to pick one by one -> a modal confirmation -> cancellable progress item
// by item -> refresh -> what is left and why). The engine (src/lab/cleanup.ts) plans, deletes and checks.
import * as vscode from 'vscode';
import { cleanupIncomplete } from '../../lab/cleanup/plan';
import type { CleanupItem, CleanupPlan, CleanupProgress, CleanupResult } from '../../lab/cleanup/types';
import { cleanupKindLabel, cleanupUnreadText, keptChangeText } from '../../present/lab/cleanupText';
import { problemMessage } from '../../present/problemMessages';
import { formatRate, type Money } from '../../present/costModel';
import { moneyOf } from '../views/costStatusBar';
import type { CommandDeps } from './deps';

const t = vscode.l10n.t;

export function showCost(deps: CommandDeps): void {
  deps.costPanel.open();
  // The meter shows once the account is read; the panel follows.
  void deps.explorer.scheduler.ensureLoaded();
}

/** "WebServer2 (i-0abc…)" or the id alone; ARNs shortened to their last part. */
function itemName(item: CleanupItem): string {
  const id = item.id.startsWith('arn:') ? item.id.split('/').slice(-2).join('/') || item.id : item.id;
  return item.name && item.name !== item.id ? `${item.name} (${id})` : id;
}

type PickItem = vscode.QuickPickItem & { readonly item?: CleanupItem };

function pickItem(c: CleanupItem, money: Money, picked: boolean): PickItem {
  return {
    label: itemName(c),
    description:
      cleanupKindLabel(c.kind, t) +
      (c.hourlyUsd > 0 ? ` · ${t('stops {0}', formatRate(c.hourlyUsd, money, t, true))}` : ''),
    ...(c.labCreated ? {} : { detail: t('not created by the lab — pick one by one to delete it too') }),
    picked,
    item: c,
  };
}

/** The list: the lab's items checked, the others unchecked below them. Undefined: cancelled. */
async function chooseItems(plan: CleanupPlan, money: Money): Promise<CleanupItem[] | undefined> {
  const items: PickItem[] = [
    ...(plan.items.length > 0
      ? [{ label: t('Created by the lab'), kind: vscode.QuickPickItemKind.Separator } satisfies PickItem]
      : []),
    ...plan.items.map((c) => pickItem(c, money, true)),
    ...(plan.others.length > 0
      ? [{ label: t('Not created by the lab'), kind: vscode.QuickPickItemKind.Separator } satisfies PickItem]
      : []),
    ...plan.others.map((c) => pickItem(c, money, false)),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Clean up the lab (it costs {0} now)', formatRate(plan.hourlyUsd, money, t)),
    placeHolder: t('The lab’s resources are checked. Check others one by one to delete them too; Enter to go on.'),
    canPickMany: true,
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  return picked?.flatMap((p) => (p.item ? [p.item] : []));
}

/** The result in words: nothing billable left, or what is left and why (and what could not be checked). */
function resultMessage(result: CleanupResult, money: Money): { ok: boolean; message: string; detail: string } {
  const lines: string[] = result.changed.map((c) => t('Changed: {0}', keptChangeText(c, t)));
  for (const f of result.changeFailed)
    lines.push(t('Could not change: {0}: {1}', keptChangeText(f.change, t), problemMessage(f.problem, t).message));
  for (const u of result.unread) lines.push(cleanupUnreadText(u, t));
  for (const f of result.failed)
    lines.push(`${cleanupKindLabel(f.item.kind, t)} ${itemName(f.item)}: ${problemMessage(f.problem, t).message}`);
  const failedIds = new Set(result.failed.map((f) => f.item.id));
  for (const l of result.leftBillable.filter((i) => !failedIds.has(i.id))) {
    lines.push(
      `${cleanupKindLabel(l.kind, t)} ${itemName(l)}: ${t('still there ({0})', formatRate(l.hourlyUsd, money, t, true))}`,
    );
  }
  if (!cleanupIncomplete(result)) {
    return {
      ok: true,
      message: t('Cleanup done: {0} resources deleted. Nothing billable of the lab is left.', result.deleted.length),
      detail: lines.join('\n'),
    };
  }
  if (result.failed.length === 0 && result.leftBillable.length === 0) {
    return {
      ok: false,
      message: t(
        'Cleanup: {0} deleted, but part of the account could not be read: what of the lab is left there is unknown. Run the cleanup again.',
        result.deleted.length,
      ),
      detail: lines.join('\n'),
    };
  }
  const left = result.leftBillable.reduce((n, i) => n + i.hourlyUsd, 0);
  return {
    ok: false,
    message: t(
      'Cleanup: {0} deleted, {1} could not be deleted; the lab still costs {2}.',
      result.deleted.length,
      result.failed.length + result.leftBillable.filter((i) => !failedIds.has(i.id)).length,
      formatRate(left, money, t),
    ),
    detail: lines.join('\n'),
  };
}

export async function cleanUp(deps: CommandDeps): Promise<CleanupResult | undefined> {
  const money = moneyOf(deps.settings.current);
  const domain = await import('../domain.js');
  const { clients, account } = await deps.service.session();
  const { plan, prices, inventory, keyPairs } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Clean up the lab'), cancellable: true },
    async (progress, token) => {
      progress.report({ message: t('Listing what the lab created…') });
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        const inventory = await deps.service.fetchFresh(abort.signal);
        const keyPairs = await domain.listKeyPairs({ clients, signal: abort.signal });
        const prices = await deps.cost.prices(account.region);
        return {
          plan: domain.planCleanup(inventory, { keyPairs, ...(prices ? { prices } : {}) }),
          prices,
          inventory,
          keyPairs,
        };
      } finally {
        cancel.dispose();
      }
    },
  );
  if (plan.items.length === 0 && plan.others.length === 0) {
    if (plan.unread.length > 0)
      void vscode.window.showWarningMessage(t('Nothing to clean up in {0} among what could be read.', account.region), {
        detail: plan.unread.map((u) => cleanupUnreadText(u, t)).join('\n'),
      });
    else void vscode.window.showInformationMessage(t('Nothing to clean up in {0}.', account.region));
    return undefined;
  }
  const chosen = await chooseItems(plan, money);
  if (!chosen || chosen.length === 0) return undefined;
  // Replan with the others picked (their parts follow them) and the unchecked left out: the changes to kept
  // groups follow from what is really deleted.
  const keep = new Set(chosen.map((c) => c.id));
  const include = chosen.filter((c) => !c.labCreated).map((c) => c.id);
  const exclude = [...plan.items, ...plan.others].map((i) => i.id).filter((id) => !keep.has(id));
  const final = domain.planCleanup(inventory, { include, exclude, keyPairs, ...(prices ? { prices } : {}) });
  const changes = final.changes.map((c) => `${t('Change')}: ${keptChangeText(c, t)}`);
  const unread = final.unread.map((u) => cleanupUnreadText(u, t));

  const del = t('Delete');
  const answer = await vscode.window.showWarningMessage(
    t('Delete {0} resources? This stops {1}.', final.items.length, formatRate(final.hourlyUsd, money, t)),
    {
      modal: true,
      detail:
        [
          ...changes,
          ...final.items.map(
            (i) =>
              `${cleanupKindLabel(i.kind, t)}: ${itemName(i)}${i.labCreated ? '' : ` (${t('not created by the lab')})`}${i.deletionProtection ? ` ${t('(deletion protection on: turned off first)')}` : ''}`,
          ),
        ].join('\n') +
        (unread.length > 0
          ? '\n\n' +
            t('Unknown: part of the account could not be read, so this plan may miss resources of the lab:') +
            '\n' +
            unread.join('\n')
          : '') +
        '\n\n' +
        t('Deleted resources cannot be brought back.'),
    },
    del,
  );
  if (answer !== del) return undefined;

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Cleaning up the lab'), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      let done = 0;
      const report = (p: CleanupProgress) => {
        if ('change' in p) {
          deps.log.info(
            `Cleanup: ${p.phase} ${p.change.groupId} ${p.change.action}${p.problem ? ` (${p.problem.kind})` : ''}`,
          );
          return;
        }
        const what = `${cleanupKindLabel(p.item.kind, t)} ${itemName(p.item)}`;
        if (p.phase === 'deleted' || p.phase === 'failed') done += 1;
        const message =
          p.phase === 'deleting'
            ? t('Deleting {0}…', what)
            : p.phase === 'waiting'
              ? t('Waiting until {0} is gone…', what)
              : p.phase === 'retrying'
                ? t('{0} is still in use; trying again…', what)
                : p.phase === 'deleted'
                  ? t('Deleted {0}', what)
                  : t('Could not delete {0}', what);
        deps.log.info(`Cleanup: ${p.phase} ${p.item.kind} ${p.item.id}${p.problem ? ` (${p.problem.kind})` : ''}`);
        progress.report({
          message: `${message} (${done}/${final.items.length})`,
          ...(p.phase === 'deleted' || p.phase === 'failed' ? { increment: 100 / final.items.length } : {}),
        });
      };
      try {
        return await domain.runCleanup(final, {
          clients,
          inventory: () => deps.service.fetchFresh(abort.signal),
          signal: abort.signal,
          progress: report,
          ...(prices ? { prices } : {}),
        });
      } finally {
        cancel.dispose();
        await deps.explorer.scheduler.refreshNow();
      }
    },
  );
  const { ok, message, detail } = resultMessage(result, money);
  deps.log.info(`Cleanup: ${message}${detail ? `\n${detail}` : ''}`);
  const stillRunning = deps.cost.current?.estimate.items.filter((i) => i.hourlyUsd > 0 && !i.labCreated) ?? [];
  const others =
    stillRunning.length > 0
      ? ' ' +
        t(
          'Still billing and not the lab’s: {0} ({1}); run the cleanup again and pick them to delete them too.',
          stillRunning.map((i) => i.name ?? i.resourceId).join(', '),
          formatRate(
            stillRunning.reduce((n, i) => n + i.hourlyUsd, 0),
            money,
            t,
          ),
        )
      : '';
  const showLogs = t('Show Logs');
  if (ok) void vscode.window.showInformationMessage(message + others);
  else {
    void vscode.window.showWarningMessage(message + others, { detail }, showLogs).then((choice) => {
      if (choice === showLogs) deps.log.show(true);
    });
  }
  return result;
}
