// The deployable functions, as a table: adding one is one entry. Each says where its code starts,
// which platform runs it (what the platform provides, and so stays out of the bundle) and which
// cloud SDKs may end up inside.

export type Platform = 'aws-lambda' | 'gcp-functions' | 'azure-functions';

/** A family of cloud SDK packages, matched on package name. */
export type SdkFamily = 'aws' | 'gcp' | 'azure';

export const SDK_FAMILIES: ReadonlyMap<SdkFamily, RegExp> = new Map<SdkFamily, RegExp>([
  ['aws', /^(@aws-sdk\/|@aws\/|@smithy\/|@aws-crypto\/|aws-sdk$)/],
  ['gcp', /^(@google-cloud\/|google-gax$|google-auth-library$|googleapis)/],
  ['azure', /^@azure\//],
]);

export interface PlatformSpec {
  /** Packages the platform provides at run time: left as imports (prefix match on `x/*`). */
  external: readonly string[];
  /** What the function folder's package.json adds to `{"type":"module","name","private"}`. */
  packageJson: Readonly<Record<string, unknown>>;
  /** Provided packages loaded on first use rather than at import (see lazy-external.ts). */
  lazy?: readonly string[];
  /** Bundles over this many bytes fail the build (Lambda: the 1 MB budget). */
  maxBytes?: number;
}

export const PLATFORMS: ReadonlyMap<Platform, PlatformSpec> = new Map<Platform, PlatformSpec>([
  // nodejs22.x ships the AWS SDK v3; the handler is index.handler.
  [
    'aws-lambda',
    {
      external: ['@aws-sdk/*'],
      lazy: ['@aws-sdk/client-sns', '@aws-sdk/client-ssm', '@aws-sdk/client-secrets-manager'],
      packageJson: {},
      maxBytes: 1024 * 1024,
    },
  ],
  // The runtime starts `functions-framework --target=<entry point>` from node_modules, and our module
  // must register with that same copy, so the framework is a dependency Cloud Build installs, not bundled.
  [
    'gcp-functions',
    {
      external: ['@google-cloud/functions-framework'],
      packageJson: { main: 'index.mjs', dependencies: { '@google-cloud/functions-framework': '5.0.5' } },
    },
  ],
  // The Node worker provides @azure/functions-core; @azure/functions itself is bundled.
  ['azure-functions', { external: ['@azure/functions-core'], packageJson: { main: 'index.mjs' } }],
]);

export interface FunctionSpec {
  /** Folder name under functions/ and dist/functions/. */
  name: string;
  /** Entry file, relative to the repository root. */
  entry: string;
  platform: Platform;
  /** SDK families allowed inside the bundle (externals are not inside). */
  sdks: readonly SdkFamily[];
  /** Packages never allowed inside, even from an allowed family. */
  forbidden?: readonly string[];
  /** Files copied beside index.mjs, relative to the repository root. */
  extraFiles?: readonly string[];
}

// On GCP and Azure the runtime's sink registry still offers `sns:` (findings to an SNS topic from
// anywhere), so the SNS client is the one AWS package those bundles may carry; the SSM and Secrets
// Manager clients serve AWS secret references, which only the Lambda functions resolve.
const AWS_SECRET_CLIENTS = ['@aws-sdk/client-ssm', '@aws-sdk/client-secrets-manager'];

export const FUNCTIONS: readonly FunctionSpec[] = [
  { name: 'eks-cloudwatch', entry: 'functions/eks-cloudwatch/handler.ts', platform: 'aws-lambda', sdks: [] },
  { name: 'onprem-webhook', entry: 'functions/onprem-webhook/handler.ts', platform: 'aws-lambda', sdks: [] },
  { name: 'gke-pubsub', entry: 'functions/gke-pubsub/index.ts', platform: 'gcp-functions', sdks: ['aws'], forbidden: AWS_SECRET_CLIENTS },
  {
    name: 'aks-eventhub',
    entry: 'functions/aks-eventhub/index.ts',
    platform: 'azure-functions',
    sdks: ['azure', 'aws'],
    forbidden: AWS_SECRET_CLIENTS,
    extraFiles: ['functions/aks-eventhub/host.json'],
  },
];
