output "function_app" {
  description = "The Function App running kadetAksAudit."
  value       = azurerm_linux_function_app.kadet.name
}

output "function_principal_id" {
  description = "The Function App's managed identity."
  value       = azurerm_linux_function_app.kadet.identity[0].principal_id
}

output "eventhub" {
  description = "Namespace/hub/consumer group the function reads."
  value       = "${azurerm_eventhub_namespace.kadet.name}/${azurerm_eventhub.audit.name}/${azurerm_eventhub_consumer_group.kadet.name}"
}

output "key_vault" {
  description = "Key Vault holding the sink secrets: az keyvault secret set --vault-name <this> --name <secret> --value <value>."
  value       = azurerm_key_vault.kadet.name
}

output "audit_log_category" {
  description = "What the clusters send: kube-audit-admin leaves out get and list."
  value       = var.audit_log_category
}

output "diagnostic_settings" {
  description = "Diagnostic setting id per cluster."
  value       = { for id, s in azurerm_monitor_diagnostic_setting.aks : id => s.id }
}
