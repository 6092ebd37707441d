// Module customization hook (runs in Node's loader thread): appends every resolved module URL to the
// file named by KADET_RESOLVE_LOG, so a test can see the whole ESM graph a command loads.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (process.env.KADET_RESOLVE_LOG) appendFileSync(process.env.KADET_RESOLVE_LOG, `${result.url}\n`);
  return result;
}
