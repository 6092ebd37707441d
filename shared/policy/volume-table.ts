/** Volume attributed to one key (a user, a resource, a policy rule). */
export interface VolumeRow {
  key: string;
  events: number;
  inputBytes: number;
  writtenEvents: number;
  writtenBytes: number;
}

/** Sums event volume per key; `top` ranks by bytes written, then by input bytes. */
export class VolumeTable {
  private readonly rows = new Map<string, VolumeRow>();

  /** Adds one event's input and written size under `key`. */
  add(key: string, e: { inputBytes: number; writtenBytes: number; written: boolean }): void {
    let row = this.rows.get(key);
    if (row === undefined) this.rows.set(key, (row = { key, events: 0, inputBytes: 0, writtenEvents: 0, writtenBytes: 0 }));
    row.events++;
    row.inputBytes += e.inputBytes;
    row.writtenBytes += e.writtenBytes;
    if (e.written) row.writtenEvents++;
  }

  /** The `n` heaviest rows. */
  top(n: number): VolumeRow[] {
    return [...this.rows.values()]
      .sort((a, b) => b.writtenBytes - a.writtenBytes || b.inputBytes - a.inputBytes || a.key.localeCompare(b.key))
      .slice(0, n)
      .map((r) => ({ ...r }));
  }
}
