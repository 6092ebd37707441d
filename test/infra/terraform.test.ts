import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FUNCTIONS } from '../../infra/build/functions.ts';
import { block, loadModule, referenced, resource, strings } from './hcl.ts';

const root = join(import.meta.dirname, '../..');
const gcp = await loadModule(join(root, 'infra/gcp'));
const azure = await loadModule(join(root, 'infra/azure'));

describe.each([
  ['infra/gcp', gcp, /^(google|archive)_/],
  ['infra/azure', azure, /^(azurerm|archive)_/],
] as const)('%s: module hygiene', (_dir, m, provider) => {
  it('has the idiomatic files, and every file parses', () => {
    expect(Object.keys(m.files)).toEqual(['main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']);
  });

  it('declares every var.X it uses, and uses every variable it declares', () => {
    const used = referenced(m, /\bvar\.([A-Za-z_][A-Za-z0-9_]*)/g, (f) => f !== 'variables.tf');
    const everywhere = referenced(m, /\bvar\.([A-Za-z_][A-Za-z0-9_]*)/g);
    const declared = new Set(Object.keys(m.variable));
    expect([...everywhere].filter((v) => !declared.has(v))).toEqual([]);
    expect([...declared].filter((v) => !used.has(v))).toEqual([]);
  });

  it('gives every variable a description and a type', () => {
    for (const [name, v] of Object.entries(m.variable)) {
      expect(v['description'], name).toEqual(expect.any(String));
      expect(v['type'], name).toEqual(expect.stringMatching(/^\$\{/));
    }
  });

  it('references only resources, data sources and locals it declares', () => {
    const resources = referenced(m, /(?<![\w.])((?:google|azurerm|archive)_\w+\.\w+)/g);
    const missing = [...resources].filter((r) => {
      const [type, name] = r.split('.') as [string, string];
      return m.resource[type]?.[name] === undefined;
    });
    expect(missing).toEqual([]);
    const data = [...referenced(m, /\bdata\.(\w+\.\w+)/g)].filter((r) => {
      const [type, name] = r.split('.') as [string, string];
      return m.data[type]?.[name] === undefined;
    });
    expect(data).toEqual([]);
    const locals = [...referenced(m, /\blocal\.(\w+)/g)].filter((l) => !(l in m.locals));
    expect(locals).toEqual([]);
    for (const type of Object.keys(m.resource)) expect(type).toMatch(provider);
  });

  it('builds the function from the bundle folder npm run build:functions writes', () => {
    const archive = m.data['archive_file']!['source']!;
    expect(archive['source_dir']).toBe('${var.source_dir}');
    const dflt = m.variable['source_dir']!['default'] as string;
    const fn = FUNCTIONS.find((f) => dflt === `../../dist/functions/${f.name}`);
    expect(fn?.platform).toBe(m === gcp ? 'gcp-functions' : 'azure-functions');
  });
});

describe('infra/gcp: GKE audit logs → Pub/Sub → Cloud Function', () => {
  const sink = resource(gcp, 'google_logging_project_sink', 'k8s_audit');

  it('sinks Kubernetes audit entries of the project into the audit topic', () => {
    expect(sink['destination']).toBe('pubsub.googleapis.com/${google_pubsub_topic.audit.id}');
    expect(sink['filter']).toBe('${local.log_filter}');
    expect(sink['unique_writer_identity']).toBe(true);
    const filter = strings(gcp.locals['log_filter']).join(' ');
    expect(filter).toContain('resource.type=\\"k8s_cluster\\" AND logName:\\"cloudaudit.googleapis.com\\"');
    expect(filter).toContain('logName=\\"projects/${var.project_id}/logs/${id}\\"');
  });

  it('routes Admin Activity always and Data Access only when asked, turning it on for k8s.io', () => {
    expect(gcp.locals['log_ids']).toBe(
      '${concat(\n    ["cloudaudit.googleapis.com%2Factivity"],\n    var.data_access_logs ? ["cloudaudit.googleapis.com%2Fdata_access"] : [],\n  )}',
    );
    const audit = resource(gcp, 'google_project_iam_audit_config', 'k8s_data_access');
    expect(audit['count']).toBe('${var.data_access_logs ? 1 : 0}');
    expect(audit['service']).toBe('k8s.io');
    expect((audit['audit_log_config'] as { log_type: string }[]).map((c) => c.log_type)).toEqual(['ADMIN_READ', 'DATA_READ', 'DATA_WRITE']);
    expect(gcp.variable['data_access_logs']!['default']).toBe(false);
  });

  it('lets the sink’s own writer identity publish to the audit topic, and only there', () => {
    const iam = resource(gcp, 'google_pubsub_topic_iam_member', 'sink_publisher');
    expect(iam).toMatchObject({ topic: '${google_pubsub_topic.audit.name}', role: 'roles/pubsub.publisher', member: '${google_logging_project_sink.k8s_audit.writer_identity}' });
    expect(strings(gcp.resource['google_project_iam_member']).join(' ')).not.toContain('writer_identity');
  });

  it('has a dead-letter topic the Pub/Sub service agent may publish to, a subscription keeping it, and the attach command', () => {
    expect(resource(gcp, 'google_pubsub_subscription', 'dead_letter')['topic']).toBe('${google_pubsub_topic.dead_letter.id}');
    expect(resource(gcp, 'google_pubsub_topic_iam_member', 'dead_letter_publisher')).toMatchObject({
      topic: '${google_pubsub_topic.dead_letter.name}',
      role: 'roles/pubsub.publisher',
      member: '${local.pubsub_agent}',
    });
    expect(gcp.locals['pubsub_agent']).toBe('serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com');
    const attach = strings(gcp.output['attach_dead_letter']).join('\n');
    expect(attach).toContain('--dead-letter-topic=${google_pubsub_topic.dead_letter.id}');
    expect(attach).toContain('${google_cloudfunctions2_function.kadet.event_trigger[0].trigger}');
  });

  it('runs the gke-pubsub bundle on nodejs22 with the CloudEvent entry point the function registers', () => {
    const fn = resource(gcp, 'google_cloudfunctions2_function', 'kadet');
    const build = block(fn, 'build_config');
    expect(build).toMatchObject({ runtime: 'nodejs22', entry_point: 'kadetPubSub', service_account: '${google_service_account.build.id}' });
    expect(block(block(build, 'source'), 'storage_source')).toEqual({ bucket: '${google_storage_bucket.source.name}', object: '${google_storage_bucket_object.source.name}' });
    expect(readFileSync(join(root, 'functions/gke-pubsub/index.ts'), 'utf8')).toMatch(/cloudEvent\('kadetPubSub'/);
  });

  it('triggers on the audit topic through Eventarc, with retries on, as the trigger identity', () => {
    const trigger = block(resource(gcp, 'google_cloudfunctions2_function', 'kadet'), 'event_trigger');
    expect(trigger).toEqual({
      trigger_region: '${var.region}',
      event_type: 'google.cloud.pubsub.topic.v1.messagePublished',
      pubsub_topic: '${google_pubsub_topic.audit.id}',
      retry_policy: 'RETRY_POLICY_RETRY',
      service_account_email: '${google_service_account.trigger.email}',
    });
  });

  it('runs as its own identity, internal ingress only, configured from variables', () => {
    const service = block(resource(gcp, 'google_cloudfunctions2_function', 'kadet'), 'service_config');
    expect(service).toMatchObject({
      service_account_email: '${google_service_account.runtime.email}',
      ingress_settings: 'ALLOW_INTERNAL_ONLY',
      environment_variables: '${local.environment}',
    });
    const env = strings(gcp.locals['environment']).join(' ');
    for (const v of ['KADET_SINKS = var.sinks', 'KADET_MIN_PRIORITY = var.min_priority', 'KADET_DEAD_LETTER = var.dead_letter']) expect(env).toContain(v);
    const secrets = (service['dynamic'] as Record<string, { for_each: string; content: unknown[] }[]>)['secret_environment_variables']![0]!;
    expect(secrets.for_each).toBe('${var.secret_env}');
    expect(secrets.content[0]).toMatchObject({ key: '${secret_environment_variables.key}', secret: '${secret_environment_variables.value}', version: 'latest' });
  });

  it('grants each identity only its part: runtime reads its secrets, trigger invokes this function, build reads the source', () => {
    expect(resource(gcp, 'google_secret_manager_secret_iam_member', 'runtime')).toMatchObject({
      for_each: '${var.secret_env}',
      secret_id: '${each.value}',
      role: 'roles/secretmanager.secretAccessor',
      member: '${google_service_account.runtime.member}',
    });
    expect(resource(gcp, 'google_cloud_run_v2_service_iam_member', 'trigger_invoker')).toMatchObject({
      name: '${google_cloudfunctions2_function.kadet.name}',
      role: 'roles/run.invoker',
      member: '${google_service_account.trigger.member}',
    });
    expect(resource(gcp, 'google_storage_bucket_iam_member', 'build_source')).toMatchObject({ bucket: '${google_storage_bucket.source.name}', role: 'roles/storage.objectViewer' });
    const projectRoles = Object.values(gcp.resource['google_project_iam_member']!).map((r) => `${String(r['member'])} ${String(r['role'] === '${each.value}' ? r['for_each'] : r['role'])}`);
    expect(projectRoles.sort()).toEqual([
      '${google_service_account.build.member} ${toset(["roles/logging.logWriter", "roles/artifactregistry.writer"])}',
      '${google_service_account.trigger.member} roles/eventarc.eventReceiver',
    ]);
    expect(strings(gcp.resource).some((s) => /roles\/(owner|editor)\b/.test(s))).toBe(false);
  });
});

describe('infra/azure: AKS diagnostic setting → Event Hub → Function App', () => {
  const app = resource(azure, 'azurerm_linux_function_app', 'kadet');
  const settings = azure.locals['app_settings'] as string;

  it('creates namespace, hub and consumer group, wired by reference', () => {
    expect(resource(azure, 'azurerm_eventhub', 'audit')).toMatchObject({
      namespace_id: '${azurerm_eventhub_namespace.kadet.id}',
      partition_count: '${var.partition_count}',
      message_retention: '${var.message_retention_days}',
    });
    expect(resource(azure, 'azurerm_eventhub_consumer_group', 'kadet')).toMatchObject({
      namespace_name: '${azurerm_eventhub_namespace.kadet.name}',
      eventhub_name: '${azurerm_eventhub.audit.name}',
    });
    expect(resource(azure, 'azurerm_eventhub_namespace', 'kadet')).toMatchObject({ sku: 'Standard', minimum_tls_version: '1.2' });
  });

  it('sends each cluster’s kube-audit-admin (default) or kube-audit category to the hub', () => {
    const diag = resource(azure, 'azurerm_monitor_diagnostic_setting', 'aks');
    expect(diag).toMatchObject({
      for_each: '${toset(var.aks_cluster_ids)}',
      target_resource_id: '${each.value}',
      eventhub_name: '${azurerm_eventhub.audit.name}',
      eventhub_authorization_rule_id: '${azurerm_eventhub_namespace_authorization_rule.diagnostics.id}',
      enabled_log: [{ category: '${var.audit_log_category}' }],
    });
    expect(azure.variable['audit_log_category']!['default']).toBe('kube-audit-admin');
    expect(strings(azure.variable['audit_log_category']!['validation']).join(' ')).toContain('contains(["kube-audit-admin", "kube-audit"], var.audit_log_category)');
    expect(resource(azure, 'azurerm_eventhub_namespace_authorization_rule', 'diagnostics')).toMatchObject({ listen: true, send: true, manage: true });
  });

  it('runs the aks-eventhub bundle on Node 22, Functions v4, HTTPS only, with a managed identity', () => {
    expect(app).toMatchObject({
      functions_extension_version: '~4',
      https_only: true,
      zip_deploy_file: '${data.archive_file.source.output_path}',
      app_settings: '${local.app_settings}',
      identity: [{ type: 'SystemAssigned' }],
    });
    const site = block(app, 'site_config');
    expect(block(site, 'application_stack')).toEqual({ node_version: '22' });
    expect(site).toMatchObject({ ftps_state: 'Disabled', minimum_tls_version: '1.2', application_insights_connection_string: '${azurerm_application_insights.kadet.connection_string}' });
  });

  it('gives the trigger the settings the function registers with: connection by identity, hub and consumer group', async () => {
    // Outside the Functions host @azure/functions registers nothing and says so on stderr.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { kadetAksAudit, EVENTHUB_RETRY } = await import('../../functions/aks-eventhub/index.ts');
    warn.mockRestore();
    const setting = (s: string): string => s.replace(/^%(.*)%$/, '$1');
    const assigned = (name: string, value: string): RegExp => new RegExp(`\\b${name}\\s*=\\s*${value.replace(/[.$[\]{}]/g, '\\$&')}\\s*\\n`);
    expect(settings).toMatch(assigned(`${kadetAksAudit.connection}__fullyQualifiedNamespace`, '"${azurerm_eventhub_namespace.kadet.name}.servicebus.windows.net"'));
    expect(settings).toMatch(assigned(setting(kadetAksAudit.eventHubName), 'azurerm_eventhub.audit.name'));
    expect(settings).toMatch(assigned(setting(String(kadetAksAudit.consumerGroup)), 'azurerm_eventhub_consumer_group.kadet.name'));
    expect(settings).not.toMatch(/ConnectionString|SharedAccessKey/i);
    // The retry policy is the function's own (v4 programming model): finite, exponential.
    expect(kadetAksAudit.retry).toBe(EVENTHUB_RETRY);
    expect(EVENTHUB_RETRY).toMatchObject({ strategy: 'exponentialBackoff', maxRetryCount: expect.any(Number) });
  });

  it('turns key_vault_secrets into Key Vault references to versionless secret URIs', () => {
    expect(azure.locals['key_vault_references']).toBe(
      '${{\n    for setting, secret in var.key_vault_secrets : setting => "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault.kadet.vault_uri}secrets/${secret}/)"\n  }}',
    );
    expect(settings).toContain('local.key_vault_references');
    expect(resource(azure, 'azurerm_key_vault', 'kadet')).toMatchObject({ rbac_authorization_enabled: true, purge_protection_enabled: true });
  });

  it('lets the function identity receive from this hub and read this vault’s secrets, nothing more', () => {
    const assignments = azure.resource['azurerm_role_assignment']!;
    expect(assignments['function_eventhub']).toEqual({
      scope: '${azurerm_eventhub.audit.id}',
      role_definition_name: 'Azure Event Hubs Data Receiver',
      principal_id: '${azurerm_linux_function_app.kadet.identity[0].principal_id}',
    });
    expect(assignments['function_secrets']).toEqual({
      scope: '${azurerm_key_vault.kadet.id}',
      role_definition_name: 'Key Vault Secrets User',
      principal_id: '${azurerm_linux_function_app.kadet.identity[0].principal_id}',
    });
    const fnRoles = Object.values(assignments).filter((a) => String(a['principal_id']).includes('azurerm_linux_function_app'));
    expect(fnRoles).toHaveLength(2);
    expect(strings(assignments).some((s) => /\b(Owner|Contributor)\b/.test(s))).toBe(false);
  });
});
