// The Auto Scaling chart in a webview panel: opened by 3.4's run or by "Watch Auto Scaling" at any time, updated
// live as the scaling watch samples the group. One panel and one watch at a time: opening it again, or closing it,
// stops the watch that fed it (its signal aborts). The page is built by scalingHtml.ts; the plumbing is
// liveWebview.ts.
import * as vscode from 'vscode';
import type { ScalingTimeline } from '../../lab/scaling/samples';
import { scalingPageHtml, scalingUpdate, scalingWords, type ScalingView } from '../../present/scalingHtml';
import { LiveWebview } from './liveWebview';

export const SCALING_VIEW_TYPE = 'scaleOutLab.scaling';

/** Posts at most this often (the watch samples every second or so; the load's rate changes in between). */
const UPDATE_EVERY_MS = 250;

export class ScalingPanel implements vscode.Disposable {
  private readonly live = new LiveWebview<ScalingView>(SCALING_VIEW_TYPE, UPDATE_EVERY_MS);
  private note: string | undefined;
  private watch: AbortController | undefined;
  private readonly closing = this.live.onClose(() => this.stopWatch());

  /** The view shown last (host tests read it). */
  get current(): ScalingView | undefined {
    return this.live.current;
  }

  get visible(): boolean {
    return this.live.visible;
  }

  /**
   * Opens (or reuses) the panel on `groupName`, empty and live until the first sample. The signal aborts when the
   * panel is closed or opened again: the watch feeding it stops then.
   */
  open(groupName: string): AbortSignal {
    this.stopWatch();
    this.watch = new AbortController();
    const words = scalingWords(vscode.l10n.t, groupName);
    this.note = undefined;
    const view: ScalingView = { timeline: { groupName, samples: [], thresholds: {} }, live: true };
    this.live.open(words.title, view, {
      html: (v, nonce, csp) => scalingPageHtml(v, words, nonce, csp),
      update: (v) => scalingUpdate(v, words),
    });
    return this.watch.signal;
  }

  /** A new timeline (and, when given, a new line under the chart). */
  update(timeline: ScalingTimeline, live: boolean, note?: string): void {
    if (note !== undefined) this.note = note;
    this.live.update({ timeline, live, ...(this.note !== undefined ? { note: this.note } : {}) }, live);
  }

  /** The last timeline, marked done (a watch that ended). */
  finish(note?: string): void {
    const last = this.live.current;
    if (last) this.update(last.timeline, false, note);
  }

  private stopWatch(): void {
    this.watch?.abort(new Error('The Auto Scaling chart was closed.'));
    this.watch = undefined;
  }

  dispose(): void {
    this.stopWatch();
    this.closing.dispose();
    this.live.dispose();
  }
}
