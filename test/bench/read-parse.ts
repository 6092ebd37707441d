// Baseline for the scan benchmark: the same streaming reader and JSON.parse, no validation, no rules.
import { openBytes, splitLineBatches } from '../../shared/adapters/logfile/lines.ts';

let events = 0;
for (const file of process.argv.slice(2)) {
  for await (const batch of splitLineBatches(openBytes(file))) {
    for (const item of batch) {
      if (item.kind === 'line' && item.text.length > 0) {
        JSON.parse(item.text);
        events++;
      }
    }
  }
}
process.stdout.write(`${events}\n`);
