import type { DecodeContext } from './decode-context.ts';
import { decodePolicy } from './decode.ts';
import { diagnostic, type Diagnostic } from './diagnostic.ts';
import { readPolicyYaml } from './read-yaml.ts';
import type { Policy } from './types.ts';

/** A policy and the structural problems found while reading it (unknown keys, wrong types…). */
export interface ParsedPolicy {
  policy: Policy;
  diagnostics: Diagnostic[];
}

/**
 * Parses audit Policy YAML (audit.k8s.io/v1, also v1beta1) keeping positions; throws
 * PolicyParseError only when the text cannot be read as a mapping at all.
 */
export function parsePolicy(text: string, file: string): ParsedPolicy {
  const yaml = readPolicyYaml(text, file);
  const ctx: DecodeContext = { file, doc: yaml.doc, posOf: yaml.posOf, diagnostics: [] };
  for (const pos of yaml.extraDocuments) {
    const message = 'a policy file holds one Policy: this further YAML document is not part of it';
    ctx.diagnostics.push(diagnostic('warning', 'multiple-documents', file, pos, '', message));
  }
  return { policy: decodePolicy(ctx, yaml.root), diagnostics: ctx.diagnostics };
}
