import { LineCounter, isMap, parseAllDocuments, type Document, type Node } from 'yaml';
import { PolicyParseError } from './errors.ts';
import type { Pos } from './types.ts';

/** A policy document's top-level mapping and how to turn offsets into positions. */
export interface PolicyYaml {
  doc: Document.Parsed;
  root: Node;
  posOf: (node: Node | null | undefined) => Pos;
  /** Start of each further document in the stream: the apiserver reads only the first. */
  extraDocuments: Pos[];
}

/**
 * Parses with YAML 1.1 scalar rules because the apiserver's YAML reader (go-yaml v2 behind
 * sigs.k8s.io/yaml) resolves `yes`, `no`, `on`, `off`, `y`, `n` as booleans: `namespaces: [no]`
 * is a decode error there, and must be one here.
 */
export function readPolicyYaml(text: string, file: string): PolicyYaml {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', lineCounter: counter, uniqueKeys: false, prettyErrors: false });
  const at = (offset: number): Pos => {
    const { line, col } = counter.linePos(offset);
    return { line, column: col };
  };
  const posOf = (node: Node | null | undefined): Pos => at(node?.range?.[0] ?? 0);
  if (!Array.isArray(docs) || docs.length === 0) throw new PolicyParseError('the file is empty: expected an audit.k8s.io/v1 Policy', file, 1, 1);
  const doc = docs[0]!;
  const problem = docs.flatMap((d) => d.errors)[0];
  if (problem !== undefined) {
    const { line, column } = at(problem.pos[0]);
    throw new PolicyParseError(`invalid YAML: ${firstLine(problem.message)}`, file, line, column, { cause: problem });
  }
  const root = doc.contents;
  if (!isMap(root)) {
    const { line, column } = posOf(root);
    throw new PolicyParseError('expected a mapping with apiVersion, kind and rules (an audit Policy)', file, line, column);
  }
  const extraDocuments = docs.slice(1).flatMap((d) => (d.contents === null ? [] : [posOf(d.contents)]));
  return { doc, root, posOf, extraDocuments };
}

const firstLine = (s: string): string => s.split('\n', 1)[0]!;
