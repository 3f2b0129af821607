// The practice account's world: its JSON state (every region's records), a clock, and the ID source.
// Handlers read `world.region(name)`; write actions (later) change records through
// `world.writableRegion(name)` and call `world.changed()`, which the server turns into a state-file save.
import { emptyRegion, type RegionState } from './records';

export const WORLD_FORMAT = 1;

export interface WorldState {
  format: typeof WORLD_FORMAT;
  /** The ID generator's state: IDs stay deterministic across restarts. */
  rng: number;
  /** Regions that hold anything; any other region is empty. */
  regions: Record<string, RegionState>;
}

/** What a change wrote: any records, or only a request's traffic (World.changed). */
export type WorldChange = 'records' | 'traffic';

/** How fast simulated transitions run: 1 = AWS's typical durations, 10 = ten times faster, instant = no wait. */
export type Speed = number | 'instant';

export interface Clock {
  readonly speed: Speed;
  now(): Date;
  /** When something that takes `awsMs` on AWS is done, at this speed. */
  after(awsMs: number): Date;
}

export function systemClock(speed: Speed = 1): Clock {
  if (speed !== 'instant' && !(speed > 0))
    throw new RangeError(`speed must be a positive number or 'instant', got ${speed}`);
  return {
    speed,
    now: () => new Date(),
    after: (awsMs) => new Date(Date.now() + (speed === 'instant' ? 0 : awsMs / speed)),
  };
}

export class World {
  private readonly listeners = new Set<(kind: WorldChange) => void>();

  constructor(
    public state: WorldState,
    public clock: Clock = systemClock(),
  ) {}

  /** A region's records, for reading. A region with nothing in it reads as empty. */
  region(name: string): RegionState {
    return this.state.regions[name] ?? emptyRegion();
  }

  /** A region's records, for changing (created on first write). */
  writableRegion(name: string): RegionState {
    return (this.state.regions[name] ??= emptyRegion());
  }

  /** Next 32 random bits (mulberry32), advancing the persisted generator state. */
  nextRandom(): number {
    let t = (this.state.rng = (this.state.rng + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Random lowercase hex of the given length. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.nextRandom().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** An AWS-style ID: `i-0123456789abcdef0` (prefix + 17 hex digits). */
  newId(prefix: string, hexLength = 17): string {
    return `${prefix}-${this.hex(hexLength)}`;
  }

  /**
   * Records changed: listeners (the state file) are told. `traffic`: only what serving a request writes (access
   * logs, request counts), which no health check meets, so health need not be evaluated again for it.
   */
  changed(kind: WorldChange = 'records'): void {
    for (const listener of this.listeners) listener(kind);
  }

  onChange(listener: (kind: WorldChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Swap in another state (reset, load) and tell listeners. */
  replaceState(state: WorldState): void {
    this.state = state;
    this.changed();
  }

  toJSON(): WorldState {
    return this.state;
  }
}

/** Reads a state file's JSON; throws on anything that is not a practice world of a known format. */
export function parseWorldState(json: string): WorldState {
  const value = JSON.parse(json) as Partial<WorldState>;
  if (
    value?.format !== WORLD_FORMAT ||
    typeof value.rng !== 'number' ||
    typeof value.regions !== 'object' ||
    !value.regions
  ) {
    throw new Error(`not a practice account state (format ${String(value?.format)})`);
  }
  // Regions written by an older build may miss newer collections: fill them in.
  for (const [name, region] of Object.entries(value.regions)) value.regions[name] = { ...emptyRegion(), ...region };
  return value as WorldState;
}
