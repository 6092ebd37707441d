import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KadetStack } from '../../../infra/aws/lib/kadet-stack.ts';
import { readSettings } from '../../../infra/aws/lib/settings.ts';

const cdkJson = JSON.parse(readFileSync(join(import.meta.dirname, '../../../infra/aws/cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/** A functions folder with a stub bundle per Lambda function, so tests need no `npm run build:functions`. */
export function stubFunctionsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kadet-cdk-'));
  for (const fn of ['eks-cloudwatch', 'onprem-webhook']) {
    mkdirSync(join(dir, fn));
    writeFileSync(join(dir, fn, 'index.mjs'), 'export const handler = async () => undefined;\n');
  }
  return dir;
}

const functionsDir = stubFunctionsDir();

/** The stack as `cdk synth -c key=value …` builds it: cdk.json's context (feature flags too), then `context`. */
export function synth(context: Record<string, unknown> = {}): { stack: KadetStack; template: Template } {
  const merged = { ...cdkJson.context, ...context };
  const app = new App({ context: merged });
  const stack = new KadetStack(app, 'kadet', { settings: readSettings((k) => app.node.tryGetContext(k)), functionsDir });
  return { stack, template: Template.fromStack(stack) };
}

/** The one logical id of `type` whose properties match `props` (throws unless exactly one). */
export function logicalId(template: Template, type: string, props: Record<string, unknown> = {}): string {
  const found = Object.keys(template.findResources(type, { Properties: props }));
  if (found.length !== 1) throw new Error(`expected one ${type} matching ${JSON.stringify(props)}, found ${found.length}`);
  return found[0]!;
}

/** Logical id of the function whose description starts with `prefix` (`kadet: EKS`, `kadet: kube-apiserver`). */
export function functionId(template: Template, which: 'eks' | 'webhook'): string {
  const all = template.findResources('AWS::Lambda::Function');
  const want = which === 'eks' ? 'kadet: EKS' : 'kadet: kube-apiserver';
  const ids = Object.keys(all).filter((id) => String((all[id] as { Properties: { Description?: string } }).Properties.Description ?? '').startsWith(want));
  if (ids.length !== 1) throw new Error(`expected one ${which} function, found ${ids.length}`);
  return ids[0]!;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of every inline policy attached to the role with this logical id. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .map((p) => (p as { Properties: { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } } }).Properties)
    .filter((p) => p.Roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.PolicyDocument.Statement);
}

/** `Fn::GetAtt [id, Arn]` / `Ref id`, for wiring assertions. */
export const arnOf = (id: string): unknown => ({ 'Fn::GetAtt': [id, 'Arn'] });
export const refOf = (id: string): unknown => ({ Ref: id });
