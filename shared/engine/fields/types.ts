import type { CanonicalEvent } from '../../event/types.ts';

/** Scalar type of a field's values; Falco's k8saudit fields are all `string`. */
export type FieldType = 'string' | 'uint64' | 'bool';

export type Scalar = string | number | boolean;

/** What an extractor returns: a scalar, a list of scalars, or `undefined` when absent. */
export type FieldValue = Scalar | readonly Scalar[] | undefined;

/** How a field takes a bracketed argument: `ka.uri.param[key]`, `ka.req.pod.containers.image[0]`. */
export interface FieldArgSpec {
  /** The argument must be given (`ka.uri.param`) or may be given (indexable list fields). */
  required: boolean;
  /** `key` = free text (query parameter, JSON pointer); `index` = a non-negative integer. */
  kind: 'key' | 'index';
}

/** One entry of the field registry: the name, its type and shape, and how to read it from an event. */
export interface FieldDef {
  name: string;
  type: FieldType;
  /**
   * The field yields a list. A list field given an `index` argument yields the single element
   * at that index instead (a scalar), as Falco's k8saudit plugin does.
   */
  isList: boolean;
  arg?: FieldArgSpec;
  /** Semantics in one or two sentences, including where kadet deliberately differs from upstream. */
  doc: string;
  /** Reads the value; never throws; returns undefined when the event does not carry it. */
  extract(ev: CanonicalEvent, arg: string | undefined): FieldValue;
}

/** Looks fields up by name; aliases (json.* → jevt.*) resolve to the same definition. */
export interface FieldRegistry {
  get(name: string): FieldDef | undefined;
  all(): readonly FieldDef[];
}
