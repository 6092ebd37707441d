import { formatWhere } from '../adapters/reject.ts';
import type { Finding } from './finding.ts';
import { truncateChars } from './text.ts';

// The facts a person needs to act on a finding, read once for every human-facing formatter.
// Who/where/from-where come from Falco's k8s_audit output fields, so they are present when the
// rule's output names them (`%ka.user.name`, `%ka.target.namespace`, ...), as in Falcosidekick.

/** Longest a single fact may be, so facts always fit a message and only the raw JSON is cut. */
export const FACT_MAX_CHARS = 1000;
export const OUTPUT_MAX_CHARS = 8000;

export interface FindingFacts {
  rule: string;
  priority: string;
  desc?: string;
  output: string;
  user?: string;
  impersonated?: string;
  verb?: string;
  namespace?: string;
  /** `pods/web-1/exec`: resource, name and subresource as known. */
  resource?: string;
  cluster?: string;
  time: string;
  sourceIPs?: string;
  userAgent?: string;
  provider: string;
  /** Account/project/subscription and region, when the origin has them. */
  account?: string;
  region?: string;
  /** Delivery coordinates of the raw record: log group/stream/event id, message id, file:line… */
  coordinates: string;
  auditID: string;
  stage: string;
  id: string;
  mitre: string[];
  tags: string[];
}

/** The facts of a finding, each capped in length; absent ones are left out. */
export function findingFacts(f: Finding, desc?: string): FindingFacts {
  const field = (name: string): string | undefined => {
    const v = Object.hasOwn(f.output_fields, name) ? f.output_fields[name] : undefined;
    return v === null || v === undefined || v === '' || v === '<NA>' ? undefined : cap(v);
  };
  const resource = [field('ka.target.resource'), field('ka.target.name'), field('ka.target.subresource')].filter((s) => s !== undefined).join('/');
  const { origin } = f.kadet;
  const facts: FindingFacts = {
    rule: cap(f.rule),
    priority: f.priority,
    output: truncateChars(f.output, OUTPUT_MAX_CHARS),
    time: cap(f.time),
    provider: origin.provider,
    coordinates: cap(formatWhere(origin)),
    auditID: cap(f.kadet.auditID),
    stage: f.kadet.stage,
    id: f.kadet.id,
    mitre: f.kadet.mitre ?? [],
    tags: f.tags,
  };
  const optional: Partial<FindingFacts> = {
    desc: desc === undefined ? undefined : cap(desc),
    user: field('ka.user.name'),
    impersonated: field('ka.impuser.name'),
    verb: field('ka.verb'),
    namespace: field('ka.target.namespace'),
    resource: resource === '' ? undefined : resource,
    cluster: origin.cluster === undefined ? field('kadet.cluster') : cap(origin.cluster),
    sourceIPs: field('ka.sourceips'),
    userAgent: field('ka.useragent'),
    account: origin.account,
    region: origin.region,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(facts, { [k]: v });
  return facts;
}

function cap(s: string): string {
  return truncateChars(s, FACT_MAX_CHARS);
}
