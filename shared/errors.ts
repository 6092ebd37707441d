/** Where a problem was found: any subset of file position, rule and delivery coordinates. */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
  rule?: string;
  field?: string;
  record?: number;
}

/** Base of every error kadet raises on purpose; `code` is stable, `location` says where. */
export class KadetError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly location: Location = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Renders a location as `file:line:col` (the parts that are known), or '' when none are. */
export function formatLocation(loc: Location): string {
  if (loc.file === undefined) return loc.line !== undefined ? `line ${loc.line}` : '';
  let out = loc.file;
  if (loc.line !== undefined) out += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) out += `:${loc.column}`;
  return out;
}
