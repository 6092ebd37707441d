// Falco's priorities, most severe first. Syslog numbering: Emergency = 0 … Debug = 7.

export const PRIORITIES = [
  'Emergency',
  'Alert',
  'Critical',
  'Error',
  'Warning',
  'Notice',
  'Informational',
  'Debug',
] as const;

export type Priority = (typeof PRIORITIES)[number];

const byLowerName = new Map<string, Priority>([
  ...PRIORITIES.map((p) => [p.toLowerCase(), p] as const),
  ['info', 'Informational'],
]);

/** Reads a priority name case-insensitively (`info` = Informational); undefined if unknown. */
export function parsePriority(text: string): Priority | undefined {
  return byLowerName.get(text.trim().toLowerCase());
}

/** Syslog severity number: lower is more severe. */
export function severity(p: Priority): number {
  return PRIORITIES.indexOf(p);
}

/** True when `p` is at least as severe as `threshold`. */
export function atLeast(p: Priority, threshold: Priority): boolean {
  return severity(p) <= severity(threshold);
}
