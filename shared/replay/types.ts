import type { AdapterResult } from '../adapters/types.ts';
import type { RecordKey } from './cursor.ts';
import type { Cloud } from './errors.ts';
import type { TimeRange } from './time-range.ts';

/** One page read from a log store, already through the live adapter's mapping. */
export interface ReplayPage {
  /** Events, rejects and skipped records of the page's new records (those not done before a resume). */
  result: AdapterResult;
  /** Every record of the page in source order, new or not: what the checkpoint cursor advances over. */
  keys: RecordKey[];
  /** Records dropped because a resumed checkpoint had processed them already. */
  alreadyDone: number;
  /** Records without a usable key (time): in `result.rejects`, not in `keys`; fetched all the same. */
  invalid?: number;
  /** The source has read everything before this time (epoch ms): the progress bar's "covered up to". */
  coveredUntilMs: number;
}

/** What a source gets from the driver. */
export interface PageRequest {
  /** The range still to read (its start is moved up to the checkpoint cursor on resume). */
  range: TimeRange;
  /** True for a record a previous run already processed; the source drops it before adapting. */
  isDone: (key: RecordKey) => boolean;
  signal?: AbortSignal;
}

/** A log store read for a time range: pages in non-decreasing time order. */
export interface ReplaySource {
  cloud: Cloud;
  /** Stable identity of what is read (cloud, account/project/workspace, group/cluster, mode): the checkpoint's `source`. */
  id: string;
  /** Human label for progress and summary lines. */
  label: string;
  pages(request: PageRequest): AsyncGenerator<ReplayPage>;
}

/** Options every source takes: an alternative endpoint (VPC endpoint, emulator, test fake). */
export interface EndpointOption {
  endpoint?: URL;
}
