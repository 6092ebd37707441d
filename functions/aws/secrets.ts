import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SecretResolver } from '../../shared/alerts/sinks/secrets.ts';
import type { SecretStore } from '../../shared/alerts/sinks/types.ts';

/** SDK clients by region (undefined: the function's own region); tests hand in mocked ones. */
export interface AwsSecretClients {
  ssm?: (region: string | undefined) => SSMClient;
  secretsManager?: (region: string | undefined) => SecretsManagerClient;
}

/** `arn:aws:ssm:eu-west-1:…` → `eu-west-1`, so a reference to another region's secret is fetched there. */
export function regionOfArn(id: string): string | undefined {
  const parts = id.startsWith('arn:') ? id.split(':') : [];
  return parts.length >= 6 && parts[3] !== '' ? parts[3] : undefined;
}

/**
 * Resolves `ssm:` (GetParameter WithDecryption) and `secretsmanager:` (GetSecretValue) references.
 * One instance lives per cold start: each reference is fetched once and cached, except failures,
 * which are forgotten so the next cold start attempt asks again. A missing value resolves to ''
 * (callers report it as empty); errors keep the SDK's name (ParameterNotFound, AccessDeniedException).
 */
export class AwsSecretResolver implements SecretResolver {
  private readonly cache = new Map<string, Promise<string>>();
  private readonly ssmClients = new Map<string, SSMClient>();
  private readonly smClients = new Map<string, SecretsManagerClient>();

  constructor(private readonly clients: AwsSecretClients = {}) {}

  /** The secret's value; concurrent and later calls for the same reference share one lookup. */
  resolve(store: SecretStore, id: string): Promise<string> {
    const key = `${store}\0${id}`;
    let pending = this.cache.get(key);
    if (pending === undefined) {
      pending = store === 'ssm' ? this.parameter(id) : this.secret(id);
      this.cache.set(key, pending);
      pending.catch(() => this.cache.delete(key));
    }
    return pending;
  }

  private async parameter(name: string): Promise<string> {
    const out = await this.ssm(regionOfArn(name)).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return out.Parameter?.Value ?? '';
  }

  private async secret(id: string): Promise<string> {
    const out = await this.secretsManager(regionOfArn(id)).send(new GetSecretValueCommand({ SecretId: id }));
    if (out.SecretString !== undefined) return out.SecretString;
    return out.SecretBinary === undefined ? '' : Buffer.from(out.SecretBinary).toString('utf8');
  }

  private ssm(region: string | undefined): SSMClient {
    return cached(this.ssmClients, region, () => this.clients.ssm?.(region) ?? new SSMClient(region === undefined ? {} : { region }));
  }

  private secretsManager(region: string | undefined): SecretsManagerClient {
    return cached(this.smClients, region, () => this.clients.secretsManager?.(region) ?? new SecretsManagerClient(region === undefined ? {} : { region }));
  }
}

function cached<T>(map: Map<string, T>, region: string | undefined, make: () => T): T {
  const key = region ?? '';
  let client = map.get(key);
  if (client === undefined) {
    client = make();
    map.set(key, client);
  }
  return client;
}
