// Entry point of the built CLI (`npm run build` → dist/kadet.js): runs main with the process arguments.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
