import type { Priority } from '../../engine/priority.ts';
import { findingFacts } from '../facts.ts';
import type { Finding } from '../finding.ts';
import { truncateChars } from '../text.ts';

/** Attachment colour bar per priority: red at the severe end, pale at the informational end. */
export const SLACK_COLORS: Readonly<Record<Priority, string>> = Object.freeze({
  Emergency: '#e20b0b',
  Alert: '#ff5400',
  Critical: '#ff9000',
  Error: '#ffc700',
  Warning: '#ffff00',
  Notice: '#5bffb5',
  Informational: '#68c2ff',
  Debug: '#ccfff2',
});

// Block Kit limits: header text 150, section text 3000, field text 2000 characters.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;

/** Slack mrkdwn needs only &, < and > escaped. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Incoming-webhook payload: a coloured attachment with header, facts fields, output and trace-back. */
export function slackPayload(f: Finding, desc?: string): Record<string, unknown> {
  const x = findingFacts(f, desc);
  const title = truncateChars(`[${x.priority}] ${x.rule}`, HEADER_MAX);
  const field = (label: string, value: string | undefined) => ({ type: 'mrkdwn', text: truncateChars(`*${label}*\n${escapeMrkdwn(value ?? 'n/a')}`, FIELD_MAX) });
  const source = [x.sourceIPs, x.userAgent].filter((v) => v !== undefined).join(' · ') || undefined;
  // A ``` inside the output would close the code block early.
  const output = escapeMrkdwn(x.output).replace(/```/g, "'''");
  const trace = [`finding \`${x.id}\``, `audit \`${escapeMrkdwn(x.auditID)}\``, x.stage, escapeMrkdwn(x.coordinates)];
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: title, emoji: false } },
    ...(x.desc === undefined ? [] : [{ type: 'section', text: { type: 'mrkdwn', text: truncateChars(escapeMrkdwn(x.desc), SECTION_MAX) } }]),
    {
      type: 'section',
      fields: [field('User', x.user), field('Namespace', x.namespace), field('Resource', x.resource), field('Cluster', x.cluster), field('Source', source), field('Time', x.time)],
    },
    { type: 'section', text: { type: 'mrkdwn', text: truncateChars('```' + output, SECTION_MAX - 3, '…') + '```' } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncateChars(trace.join(' · '), SECTION_MAX) }] },
  ];
  // `text` is the notification fallback; the attachment carries the colour bar.
  return { text: title, attachments: [{ color: SLACK_COLORS[f.priority], blocks }] };
}
