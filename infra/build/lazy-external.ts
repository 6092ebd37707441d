// Loads a platform-provided package on first use instead of at import. The AWS SDK clients the
// Lambda functions import (SNS for the sink, SSM and Secrets Manager for secret references) take
// ~200 ms to load from the runtime's node_modules, more than the whole cold-import budget, and two
// of them are only needed when a secret reference is configured. Each import of such a package is
// served by a shim whose exports stand in for the real ones and `require` it the first time one is
// constructed, called or read. Unused exports are tree-shaken (`@__PURE__`).
import { createRequire } from 'node:module';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'kadet-lazy';

/** The shim's source for `pkg`, exporting `names`. */
export function lazyShim(pkg: string, names: readonly string[]): string {
  const lines = [
    `let m;`,
    `const load = () => (m ??= require(${JSON.stringify(pkg)}));`,
    `const lazy = (name) => {`,
    `  const real = () => load()[name];`,
    `  const proxy = new Proxy(function () {}, {`,
    `    construct: (_t, args, nt) => Reflect.construct(real(), args, nt === proxy ? real() : nt),`,
    `    apply: (_t, self, args) => Reflect.apply(real(), self, args),`,
    `    get: (_t, p) => real()[p],`,
    `    has: (_t, p) => p in real(),`,
    `  });`,
    `  return proxy;`,
    `};`,
    ...names.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default').map((n) => `export const ${n} = /* @__PURE__ */ lazy(${JSON.stringify(n)});`),
  ];
  return lines.join('\n');
}

/** esbuild plugin: each package in `packages` (left external) is imported through a lazy shim. */
export function lazyExternals(packages: readonly string[], resolveFrom: string): Plugin {
  const require = createRequire(resolveFrom);
  return {
    name: 'kadet-lazy-externals',
    setup(b) {
      const filter = new RegExp(`^(${packages.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
      // The shim's own require() of the package must stay external: only imports from other modules are redirected.
      b.onResolve({ filter }, (args) => (args.namespace === NAMESPACE ? { path: args.path, external: true } : { path: args.path, namespace: NAMESPACE }));
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const names = Object.keys(require(args.path) as Record<string, unknown>);
        return { contents: lazyShim(args.path, names), loader: 'js', resolveDir: process.cwd() };
      });
    },
  };
}
