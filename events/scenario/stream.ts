// Turns the scenario into a stream of log lines: one simulated hour at a time, so millions of
// events can be written without holding more than an hour in memory.

import { attackStory, STORY_SPAN } from './attack.ts';
import { benignHour } from './benign.ts';
import { makeCluster } from './cluster.ts';
import { mixSeed, Prng } from './prng.ts';
import { Timeline, type Entry } from './timeline.ts';
import { HOUR, MINUTE, SCENARIO_START, SECOND, type Micros } from './time.ts';

export const DEFAULT_SEED = 20261120;

/** Where the story starts in each hour when no `attackEvery` is given: 09:06:12 in the sample. */
export const STORY_OFFSET: Micros = 6 * MINUTE + 12 * SECOND;

export interface GenerateOptions {
  /** Lines to produce. */
  events: number;
  seed?: number;
  /**
   * Start an attack story about every this many events (0: none). Default: one story per simulated
   * hour, at the sample's offsets.
   */
  attackEvery?: number;
}

/** The simulated hour number `hour` (0 = the sample hour) as chronological entries, story included. */
export function scenarioHour(seed = DEFAULT_SEED, hour = 0, withStory = true): Entry[] {
  const start = SCENARIO_START + hour * HOUR;
  const { tl, cluster } = simulate(seed, hour);
  if (withStory) attackStory(tl, cluster, start + STORY_OFFSET);
  return tl.window(start, start + HOUR);
}

function simulate(seed: number, hour: number): { tl: Timeline; cluster: ReturnType<typeof makeCluster> } {
  const start = SCENARIO_START + hour * HOUR;
  // Same inventory every hour (nodes, uids); fresh traffic randomness per hour.
  const cluster = makeCluster(new Prng(mixSeed(seed, 0xc1)));
  const tl = new Timeline(new Prng(mixSeed(seed, hour, 0x7a)));
  benignHour(tl, cluster, start);
  return { tl, cluster };
}

/** Audit log lines (JSON, no newline), chronological, `opts.events` of them. */
export function* generateAuditLog(opts: GenerateOptions): Generator<string, void, undefined> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const every = opts.attackEvery;
  if (!Number.isFinite(opts.events) || opts.events < 0) throw new RangeError('events must be a finite number ≥ 0');
  if (every !== undefined && (!Number.isFinite(every) || every < 0)) throw new RangeError('attackEvery must be a finite number ≥ 0');
  let emitted = 0;
  let nextAttack = every === undefined || every === 0 ? Infinity : every;
  let pending: Entry[] = []; // story events that fall after the hour that started them
  for (let hour = 0; emitted < opts.events; hour++) {
    const start = SCENARIO_START + hour * HOUR;
    const end = start + HOUR;
    const { tl, cluster } = simulate(seed, hour);
    if (every === undefined) attackStory(tl, cluster, start + STORY_OFFSET);
    else {
      const benign = tl.window(start, end);
      while (nextAttack - emitted < benign.length) {
        const s = (benign[nextAttack - emitted] as Entry).t;
        attackStory(tl, cluster, s);
        nextAttack += every as number;
      }
    }
    const current = tl.window(start, end);
    const spill = every === undefined ? [] : tl.window(end, end + STORY_SPAN + HOUR);
    const due = pending.filter((e) => e.t < end);
    pending = [...pending.filter((e) => e.t >= end), ...spill];
    const lines = due.length === 0 ? current : [...current, ...due].sort((a, b) => a.t - b.t);
    for (const e of lines) {
      if (emitted >= opts.events) return;
      yield JSON.stringify(e.event);
      emitted++;
    }
  }
}
