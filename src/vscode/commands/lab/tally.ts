// The load-balancing chart while 1.8 or 1.10 runs: the runner's tally (src/lab/run/verify.ts) reports each answer
// through the context's onTally and the chart follows it live (1.10: only while the instance is stopped, with the
// progress of that phase as the note under the chart); the outcome's tally is the last word.
import * as vscode from 'vscode';
import { progressText } from '../../../present/lab/progress';
import type { StepContext, StepId, StepOutcome, Tally } from '../../../lab/types';
import type { CommandDeps } from '../deps';

const t = vscode.l10n.t;

/** The context to run step `id` with (the chart's hooks for 1.8 and 1.10), and what to do with its outcome. */
export function tallyChart(
  deps: CommandDeps,
  id: StepId,
  ctx: StepContext,
): { ctx: StepContext; finish(outcome: StepOutcome): void } {
  if (id !== '1.8' && id !== '1.10') return { ctx, finish: () => undefined };
  const inventory = deps.lab.input?.inventory;
  const names = new Map(inventory?.instances.map((i) => [i.id, i.name ?? i.id]));
  let note: string | undefined;
  let opened = false;
  const show = (tally: Tally, running: boolean, host?: string) => {
    if (!opened) deps.tally.open(host ?? inventory?.loadBalancers[0]?.dnsName ?? t('the load balancer'));
    opened = true;
    deps.tally.update(tally, running, note);
  };
  return {
    ctx: {
      ...ctx,
      onTally: (tally, host) => show(tally, true, host),
      progress: (p) => {
        ctx.progress(p);
        if (id === '1.10' && (p.code === 'progress.waitStopped' || p.code === 'progress.startInstance'))
          note = progressText(p, t);
      },
    },
    finish: (outcome) => {
      const tally = outcome.exercise?.whileStopped ?? outcome.tally;
      if (!tally) return;
      note = outcome.exercise ? exerciseNote(outcome, names) : undefined;
      show(tally, false);
    },
  };
}

/** 1.10's last line under the chart: which server was stopped, and that it is healthy again. */
function exerciseNote(outcome: StepOutcome, names: ReadonlyMap<string, string>): string {
  const e = outcome.exercise;
  if (!e) return '';
  const name = names.get(e.stoppedInstanceId) ?? e.stoppedInstanceId;
  return e.passed
    ? t('While {0} was stopped, every answer came from the other server; {0} is healthy again.', name)
    : t('While {0} was stopped, the load balancer did not answer every request.', name);
}
