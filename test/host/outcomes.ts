// What a host run found: one outcome per check, printed as it comes ("PASS name", or "FAIL name" and why), the
// figures the suite reported, and the end: "N passed, N failed", results.json beside the screenshots, the exit code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One check of a pass: its name says what was seen; `detail` is printed when it failed. */
export type RecordCheck = (name: string, ok: boolean, detail?: string) => void;

export interface Outcome {
  name: string;
  ok: boolean;
  detail?: string;
}

export class HostResults {
  readonly outcomes: Outcome[] = [];
  readonly metrics: Record<string, number> = {};

  constructor(private readonly artifacts: string) {}

  readonly record: RecordCheck = (name, ok, detail) => {
    this.outcomes.push({ name, ok, detail });
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail && !ok ? `\n  ${detail.replace(/\n/g, '\n  ')}` : ''}`);
  };

  /** Writes results.json, prints the counts and exits: non-zero on any failure, or when nothing was checked. */
  finish(extra?: string): never {
    if (extra) this.record(extra, false);
    const passed = this.outcomes.filter((o) => o.ok).length;
    const failed = this.outcomes.length - passed;
    mkdirSync(this.artifacts, { recursive: true });
    writeFileSync(
      join(this.artifacts, 'results.json'),
      JSON.stringify({ outcomes: this.outcomes, metrics: this.metrics }, null, 2),
    );
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed > 0 || this.outcomes.length === 0 ? 1 : 0);
  }
}
