// KADET_SINKS syntax (also used by KADET_DEAD_LETTER):
//
//   list   = entry *("," entry)                      blank entries are ignored
//   entry  = scheme [":" target] *(";" option)
//   target = "env:" NAME | "ssm:" PARAMETER | "secretsmanager:" SECRET-ID | literal
//   option = "min=" PRIORITY | "name=" NAME | "header=" HEADER-NAME ":" (same forms as target)
//
//   sns:arn:aws:sns:eu-west-1:123456789012:kadet;min=Warning,slack:env:SLACK_URL;min=Critical,
//   webhook:https://falcosidekick:2801/;header=Authorization:env:SIDEKICK_TOKEN,stdout
//
// A literal cannot contain "," or ";": put such a value in an environment variable and use env:,
// whose value is taken whole. env: is read now; ssm:/secretsmanager: are resolved at cold start by
// a SecretResolver. Nothing read from the environment or a secret store is ever echoed.
import { parsePriority } from '../../engine/priority.ts';
import { SinkConfigError } from '../errors.ts';
import { HIDDEN, redactUrl } from '../redact.ts';
import type { Ref, SecretStore, SinkSpec } from './types.ts';

/** A word that cannot be a credential: letters only, as long as a sink's name at most. */
const PLAIN_WORD = /^[a-z]{2,12}$/;

/** The environment variable that lists the sinks (syntax above and in the README). */
export const SINKS_VARIABLE = 'KADET_SINKS';

type Env = Readonly<Record<string, string | undefined>>;

const SCHEME = /^[a-z][a-z0-9+-]{0,20}$/i;
const SINK_NAME = /^[A-Za-z0-9_-]{1,40}$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STORES = new Map<string, SecretStore>([['ssm', 'ssm'], ['secretsmanager', 'secretsmanager']]);

/** Parses a sink list; `schemes` are the known sink types. Env references are resolved from `env`. */
export function parseSpecs(text: string, env: Env, variable: string, schemes: ReadonlySet<string>): SinkSpec[] {
  const specs: SinkSpec[] = [];
  text.split(',').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const entry = i + 1;
    const fail = (problem: string): never => {
      throw new SinkConfigError(variable, entry, problem);
    };
    const [head = '', ...options] = raw.split(';').map((p) => p.trim());
    const colon = head.indexOf(':');
    const scheme = (colon === -1 ? head : head.slice(0, colon)).toLowerCase();
    // The scheme is echoed only when it looks like one: a bare token pasted here must not be.
    if (!SCHEME.test(scheme)) fail(`expected scheme[:target], one of ${[...schemes].join(', ')}`);
    // Without a target a word may be a pasted secret (a short token looks like a scheme): name it only
    // when it has the scheme:target form, or reads as a plain word (letters only, no longer than a name).
    if (!schemes.has(scheme)) {
      const what = colon === -1 && !PLAIN_WORD.test(scheme) ? 'unknown sink' : `unknown sink "${scheme}"`;
      fail(`${what} (known: ${[...schemes].join(', ')})${scheme.startsWith('http') ? '; for a URL write webhook:<url>' : ''}`);
    }
    const spec: SinkSpec = { variable, entry, scheme, name: scheme, headers: [] };
    if (colon !== -1) spec.target = readRef(head.slice(colon + 1), env, (p) => fail(`${scheme}: ${p}`));
    for (const opt of options) {
      const eq = opt.indexOf('=');
      const key = eq === -1 ? opt : opt.slice(0, eq);
      const value = eq === -1 ? '' : opt.slice(eq + 1).trim();
      if (key === 'min') spec.minPriority = parsePriority(value) ?? fail(`min=${value} is not a priority (Emergency … Debug)`);
      else if (key === 'name') spec.name = SINK_NAME.test(value) ? value : fail(`name= takes letters, digits, "-" and "_"`);
      else if (key === 'header') spec.headers = [...spec.headers, readHeader(value, env, fail)];
      else fail(`unknown option "${SCHEME.test(key) ? key : '…'}" (expected min=, name=, header=)`);
    }
    specs.push(spec);
  });
  return uniqueNames(specs);
}

/** `env:NAME`, `ssm:/p`, `secretsmanager:id` or a literal, as a Ref with a printable form. */
function readRef(text: string, env: Env, fail: (problem: string) => never): Ref {
  const t = text.trim();
  if (t === '') fail('empty target');
  const colon = t.indexOf(':');
  const kind = colon === -1 ? '' : t.slice(0, colon);
  const rest = t.slice(colon + 1);
  if (kind === 'env') {
    if (!ENV_NAME.test(rest)) fail('env: needs a variable name');
    const value = env[rest];
    if (value === undefined || value.trim() === '') fail(`env:${rest} is not set`);
    return { kind: 'value', value: (value ?? '').trim(), shown: `env:${rest}` };
  }
  const store = STORES.get(kind);
  if (store !== undefined) {
    if (rest === '') fail(`${kind}: needs a name`);
    return { kind: 'secret', store, id: rest, shown: `${kind}:${rest}` };
  }
  return { kind: 'value', value: t, shown: shownLiteral(t) };
}

/** A literal is shown redacted if it is a URL, as is if it is an ARN, and not at all otherwise. */
function shownLiteral(t: string): string {
  if (t.includes('://')) return redactUrl(t);
  return /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:\d{12}:[A-Za-z0-9_.-]+$/.test(t) ? t : HIDDEN;
}

function readHeader(text: string, env: Env, fail: (problem: string) => never): [string, Ref] {
  const colon = text.indexOf(':');
  const name = colon === -1 ? '' : text.slice(0, colon).trim();
  if (!HEADER_NAME.test(name)) fail('header= takes NAME:VALUE with an HTTP header name');
  const ref = readRef(text.slice(colon + 1), env, (p) => fail(`header ${name}: ${p}`));
  // A header value is a credential until proven otherwise: never print a literal one.
  return [name, ref.kind === 'secret' || ref.shown.startsWith('env:') ? ref : { ...ref, shown: HIDDEN }];
}

/** Names must tell sinks apart in reports: a repeated default name (the scheme) gets `#entry`. */
function uniqueNames(specs: SinkSpec[]): SinkSpec[] {
  const seen = new Map<string, number>();
  for (const s of specs) seen.set(s.name, (seen.get(s.name) ?? 0) + 1);
  const taken = new Set<string>();
  for (const s of specs) {
    if (s.name === s.scheme && (seen.get(s.name) ?? 0) > 1) s.name = `${s.name}#${s.entry}`;
    if (taken.has(s.name)) throw new SinkConfigError(s.variable, s.entry, `name "${s.name}" is used twice`);
    taken.add(s.name);
  }
  return specs;
}
