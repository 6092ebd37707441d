# kadet on Azure: AKS diagnostic setting (kube-audit-admin or kube-audit) → Event Hub → Azure
# Function (Node 22, v4 programming model, functions/aks-eventhub). The function reads the hub with
# its managed identity (Data Receiver on this hub only: no connection string), and its secrets
# through Key Vault references (Secrets User on this vault only).

locals {
  # Globally unique names, stable for a subscription and resource group.
  suffix = substr(sha1("${var.subscription_id}/${var.resource_group_name}"), 0, 8)
  key_vault_references = {
    for setting, secret in var.key_vault_secrets : setting => "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault.kadet.vault_uri}secrets/${secret}/)"
  }
  app_settings = merge(
    {
      # The trigger's connection, by identity: functions/aks-eventhub registers connection KADET_EVENTHUB_CONNECTION.
      KADET_EVENTHUB_CONNECTION__fullyQualifiedNamespace = "${azurerm_eventhub_namespace.kadet.name}.servicebus.windows.net"
      KADET_EVENTHUB_NAME                                = azurerm_eventhub.audit.name
      KADET_EVENTHUB_CONSUMER_GROUP                      = azurerm_eventhub_consumer_group.kadet.name
      KADET_SINKS                                        = var.sinks
      WEBSITE_RUN_FROM_PACKAGE                           = "1"
    },
    var.min_priority == null ? {} : { KADET_MIN_PRIORITY = var.min_priority },
    var.dead_letter == null ? {} : { KADET_DEAD_LETTER = var.dead_letter },
    local.key_vault_references,
  )
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "kadet" {
  name     = var.resource_group_name
  location = var.location
}

# ---------------------------------------------------------------------------------------------
# AKS audit logs → Event Hub
# ---------------------------------------------------------------------------------------------

resource "azurerm_eventhub_namespace" "kadet" {
  name                = "${var.name}-audit-${local.suffix}"
  location            = azurerm_resource_group.kadet.location
  resource_group_name = azurerm_resource_group.kadet.name
  sku                 = "Standard"
  capacity            = 1
  minimum_tls_version = "1.2"
}

resource "azurerm_eventhub" "audit" {
  name              = "aks-audit"
  namespace_id      = azurerm_eventhub_namespace.kadet.id
  partition_count   = var.partition_count
  message_retention = var.message_retention_days
}

resource "azurerm_eventhub_consumer_group" "kadet" {
  name                = "kadet"
  namespace_name      = azurerm_eventhub_namespace.kadet.name
  eventhub_name       = azurerm_eventhub.audit.name
  resource_group_name = azurerm_resource_group.kadet.name
}

# Diagnostic settings authenticate with a namespace rule, which Azure Monitor requires to hold
# Manage, Send and Listen. Only the diagnostic settings use it; the function does not.
resource "azurerm_eventhub_namespace_authorization_rule" "diagnostics" {
  name                = "aks-diagnostic-settings"
  namespace_name      = azurerm_eventhub_namespace.kadet.name
  resource_group_name = azurerm_resource_group.kadet.name
  listen              = true
  send                = true
  manage              = true
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  for_each                       = toset(var.aks_cluster_ids)
  name                           = "${var.name}-audit"
  target_resource_id             = each.value
  eventhub_name                  = azurerm_eventhub.audit.name
  eventhub_authorization_rule_id = azurerm_eventhub_namespace_authorization_rule.diagnostics.id

  enabled_log {
    category = var.audit_log_category
  }
}

# ---------------------------------------------------------------------------------------------
# Secrets
# ---------------------------------------------------------------------------------------------

resource "azurerm_key_vault" "kadet" {
  name                       = "${var.name}-kv-${local.suffix}"
  location                   = azurerm_resource_group.kadet.location
  resource_group_name        = azurerm_resource_group.kadet.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled   = true
  soft_delete_retention_days = 7
}

# Whoever applies may set the secret values (az keyvault secret set); they never pass through Terraform state.
resource "azurerm_role_assignment" "deployer_secrets" {
  scope                = azurerm_key_vault.kadet.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = data.azurerm_client_config.current.object_id
}

# ---------------------------------------------------------------------------------------------
# The function
# ---------------------------------------------------------------------------------------------

resource "azurerm_storage_account" "functions" {
  name                            = "${var.name}fn${local.suffix}"
  location                        = azurerm_resource_group.kadet.location
  resource_group_name             = azurerm_resource_group.kadet.name
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  min_tls_version                 = "TLS1_2"
  allow_nested_items_to_be_public = false
}

resource "azurerm_service_plan" "functions" {
  name                = "${var.name}-plan"
  location            = azurerm_resource_group.kadet.location
  resource_group_name = azurerm_resource_group.kadet.name
  os_type             = "Linux"
  sku_name            = "Y1"
}

resource "azurerm_log_analytics_workspace" "kadet" {
  name                = "${var.name}-logs"
  location            = azurerm_resource_group.kadet.location
  resource_group_name = azurerm_resource_group.kadet.name
  sku                 = "PerGB2018"
  retention_in_days   = 90
}

resource "azurerm_application_insights" "kadet" {
  name                = "${var.name}-insights"
  location            = azurerm_resource_group.kadet.location
  resource_group_name = azurerm_resource_group.kadet.name
  workspace_id        = azurerm_log_analytics_workspace.kadet.id
  application_type    = "Node.JS"
}

data "archive_file" "source" {
  type        = "zip"
  source_dir  = var.source_dir
  output_path = "${path.module}/.build/aks-eventhub.zip"
}

resource "azurerm_linux_function_app" "kadet" {
  name                        = "${var.name}-aks-audit-${local.suffix}"
  location                    = azurerm_resource_group.kadet.location
  resource_group_name         = azurerm_resource_group.kadet.name
  service_plan_id             = azurerm_service_plan.functions.id
  storage_account_name        = azurerm_storage_account.functions.name
  storage_account_access_key  = azurerm_storage_account.functions.primary_access_key
  functions_extension_version = "~4"
  https_only                  = true
  zip_deploy_file             = data.archive_file.source.output_path
  app_settings                = local.app_settings

  identity {
    type = "SystemAssigned"
  }

  site_config {
    application_insights_connection_string = azurerm_application_insights.kadet.connection_string
    ftps_state                             = "Disabled"
    minimum_tls_version                    = "1.2"
    application_stack {
      node_version = "22"
    }
  }
}

resource "azurerm_role_assignment" "function_eventhub" {
  scope                = azurerm_eventhub.audit.id
  role_definition_name = "Azure Event Hubs Data Receiver"
  principal_id         = azurerm_linux_function_app.kadet.identity[0].principal_id
}

resource "azurerm_role_assignment" "function_secrets" {
  scope                = azurerm_key_vault.kadet.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_linux_function_app.kadet.identity[0].principal_id
}
