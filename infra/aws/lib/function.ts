import { RemovalPolicy, type Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface KadetFunctionProps {
  /** Folder holding the bundle: index.mjs, package.json and rules/ (dist/functions/<name>). */
  codeDir: string;
  description: string;
  environment: Record<string, string>;
  timeout: Duration;
  memorySize: number;
  logRetentionDays: number;
}

/**
 * A kadet Lambda function: nodejs22.x on arm64 running the esbuild bundle's `index.handler`, with its
 * own log group (retention set, kept on stack deletion) and its own role that may write to that log
 * group and nothing else until a construct grants more. No managed policies: AWSLambdaBasicExecutionRole
 * would allow writing to every log group in the account.
 */
export class KadetFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: KadetFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `kadet ${id}: writes its own logs; other grants are added per resource`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(props.codeDir),
      description: props.description,
      environment: props.environment,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      recursiveLoop: lambda.RecursiveLoop.TERMINATE,
    });
  }
}
