#!/usr/bin/env node
// The `kadet` command: runs the TypeScript CLI in place through tsx's loader, so it works right
// after `npm install` with no build step and never runs stale compiled output.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
