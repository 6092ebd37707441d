// Frozen limits of the condition language, each tested at N and N+1. They keep a hostile or
// runaway rule file from exhausting the stack or memory at load time.

/** Deepest nesting of parenthesised groups and transformers inside one condition text. */
export const MAX_CONDITION_DEPTH = 128;

/** Most AST nodes in one condition text, and in one rule once its macros are inlined. */
export const MAX_CONDITION_NODES = 10_000;

/** Deepest chain of macros referencing macros. */
export const MAX_MACRO_DEPTH = 64;
