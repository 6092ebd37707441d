variable "subscription_id" {
  description = "Subscription to deploy into (the AKS clusters may live in others of the same tenant)."
  type        = string
}

variable "location" {
  description = "Azure region of everything kadet creates; diagnostic settings need the Event Hub in the clusters' region."
  type        = string
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "kadet"
  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,9}$", var.name))
    error_message = "name: 2-10 lower-case letters or digits, starting with a letter (storage account names allow nothing else)."
  }
}

variable "resource_group_name" {
  description = "Resource group created for kadet."
  type        = string
  default     = "kadet"
}

variable "aks_cluster_ids" {
  description = "Resource ids of the AKS clusters whose audit logs kadet reads (az aks show --query id -o tsv)."
  type        = list(string)
}

variable "audit_log_category" {
  description = "kube-audit-admin (writes only: much smaller) or kube-audit (reads too: needed by the secret-read rules)."
  type        = string
  default     = "kube-audit-admin"
  validation {
    condition     = contains(["kube-audit-admin", "kube-audit"], var.audit_log_category)
    error_message = "audit_log_category: kube-audit-admin or kube-audit."
  }
}

variable "partition_count" {
  description = "Event Hub partitions: the most function instances reading in parallel."
  type        = number
  default     = 4
}

variable "message_retention_days" {
  description = "How long the Event Hub keeps events (1-7 on Standard): how long an outage can last without losing any."
  type        = number
  default     = 3
}

variable "source_dir" {
  description = "The aks-eventhub bundle folder written by `npm run build:functions` (index.mjs, package.json, host.json, rules/)."
  type        = string
  default     = "../../dist/functions/aks-eventhub"
}

variable "sinks" {
  description = "KADET_SINKS, e.g. \"stdout,slack:env:SLACK_URL;min=Error\"; secrets come from key_vault_secrets as env: references."
  type        = string
  default     = "stdout"
}

variable "min_priority" {
  description = "KADET_MIN_PRIORITY: rules below it are not loaded (Emergency … Debug); null loads all."
  type        = string
  default     = null
}

variable "dead_letter" {
  description = "KADET_DEAD_LETTER: where rejected records go besides the log, e.g. \"webhook:env:REJECTS_URL\"; null for the log only."
  type        = string
  default     = null
}

variable "key_vault_secrets" {
  description = "App setting → Key Vault secret name, e.g. { SLACK_URL = \"slack-url\" }; the setting becomes a Key Vault reference. Set the values with az keyvault secret set."
  type        = map(string)
  default     = {}
}
