/**
 * The emulator's notion of "now": real time plus an offset tests can advance, or a frozen instant.
 * State transitions are computed from it lazily, so advancing it is all a test needs to do.
 */
import type { CloudState } from './store';

export class EmulatorClock {
  constructor(private readonly state: () => CloudState) {}

  nowMs(): number {
    const s = this.state();
    return (s.frozenAt ?? Date.now()) + s.clockOffsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance(ms) needs a non-negative number of milliseconds, got ${ms}`);
    this.state().clockOffsetMs += ms;
  }

  /** Stops the clock at `at` (default: now); useful for deterministic timestamps. */
  freeze(at?: number): void {
    const s = this.state();
    const target = at ?? this.nowMs();
    s.frozenAt = target;
    s.clockOffsetMs = 0;
  }

  /** Lets the clock run again from the instant it shows now. */
  unfreeze(): void {
    const s = this.state();
    const shown = this.nowMs();
    s.frozenAt = undefined;
    s.clockOffsetMs = shown - Date.now();
  }
}
