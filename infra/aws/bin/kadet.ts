// The CDK app: `cd infra/aws && npx cdk deploy -c clusters=prod` (see infra/aws/README.md).
import { App } from 'aws-cdk-lib';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KadetStack } from '../lib/kadet-stack.ts';
import { readSettings } from '../lib/settings.ts';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const app = new App();
const functionsDir = resolve(String(app.node.tryGetContext('functionsDir') ?? join(repoRoot, 'dist', 'functions')));
for (const fn of ['eks-cloudwatch', 'onprem-webhook']) {
  if (!existsSync(join(functionsDir, fn, 'index.mjs'))) {
    throw new Error(`${join(functionsDir, fn, 'index.mjs')} is missing: run \`npm run build:functions\` in ${repoRoot}`);
  }
}
new KadetStack(app, String(app.node.tryGetContext('stackName') ?? 'kadet'), {
  description: 'kadet: Kubernetes audit-log threat detection (EKS + on-prem webhook)',
  settings: readSettings((key) => app.node.tryGetContext(key)),
  functionsDir,
});
app.synth();
