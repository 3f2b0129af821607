// A lab check result as the CLI prints it, for `check` and for the check that ends `run`: a JSON entry (codes and
// the sentences made of them) and the text lines (mark, title, reason, fixes, notes).
import { stepTitle } from '../present/lab/steps';
import { reasonText } from '../present/lab/reasons';
import { fixTitle } from '../present/lab/fixes';
import { isLayoutId, LAYOUT_IDS, type LayoutId } from '../lab/layout';
import type { CheckResult } from '../lab/types';
import type { Translate } from '../present/translate';
import { UsageError } from './words';

/** `--layout`, for the commands that check or run lab steps. */
export const LAB_OPTIONS = { layout: { type: 'string' } } as const;

export const LAYOUT_USAGE = `      --layout defaultVpc|testVpc|seed001|seed003   the handout you follow (default defaultVpc; SCALE_OUT_LAB_LAYOUT)\n`;

/** The handout named by --layout, else by SCALE_OUT_LAB_LAYOUT, else the default one. */
export function layoutOption(value: string | undefined, env: NodeJS.ProcessEnv, t: Translate): LayoutId | undefined {
  const given = value ?? env.SCALE_OUT_LAB_LAYOUT;
  if (given === undefined || given === '') return undefined;
  if (!isLayoutId(given)) throw new UsageError(t('--layout must be one of {0}: {1}', LAYOUT_IDS.join(', '), given));
  return given;
}

/** One check result as the CLI prints it in JSON. */
export function checkEntry(r: CheckResult, t: Translate) {
  return {
    id: r.step,
    title: stepTitle(r.step, t),
    passed: r.status === 'passed',
    status: r.status,
    ...(r.status === 'passed' ? { facts: r.facts ?? {} } : {}),
    ...(r.status !== 'passed'
      ? { reason: reasonText(r.reason, t), reasonCode: r.reason.code, args: r.reason.args }
      : {}),
    ...(r.status === 'waiting' ? { waitingOn: r.on } : {}),
    ...((r.status === 'passed' || r.status === 'failed') && r.notes?.length
      ? { notes: r.notes.map((n) => ({ code: n.code, args: n.args, text: reasonText(n, t) })) }
      : {}),
    ...(r.status === 'failed'
      ? {
          fixes: r.fixes.map((f) => ({ code: f.code, args: f.args, title: fixTitle(f, t) })),
          details: (r.details ?? []).map((d) => ({ code: d.code, args: d.args, text: reasonText(d, t) })),
        }
      : {}),
  };
}

export function checkLine(r: CheckResult, t: Translate): string {
  // 'unknown' (a section could not be read) is a warning, not a failure: '!' and "could not be checked".
  const mark = r.status === 'passed' ? '✓' : r.status === 'waiting' ? '·' : r.status === 'unknown' ? '!' : '✗';
  const head = `${mark} ${stepTitle(r.step, t)}`;
  const notes =
    r.status === 'passed' || r.status === 'failed'
      ? (r.notes ?? []).map((n) => `\n      ${t('Note: {0}', reasonText(n, t))}`).join('')
      : '';
  if (r.status === 'passed') return `${head}${notes}`;
  const more = r.status === 'failed' ? r.fixes.map((f) => `\n      ${t('Fix: {0}', fixTitle(f, t))}`).join('') : '';
  const rest =
    r.status === 'failed'
      ? (r.details ?? [])
          .slice(1)
          .map((d) => `\n      ${t('Also: {0}', reasonText(d, t))}`)
          .join('')
      : '';
  const why = reasonText(r.reason, t);
  return `${head}\n    ${r.status === 'unknown' ? t('could not be checked: {0}', why) : why}${rest}${more}${notes}`;
}
