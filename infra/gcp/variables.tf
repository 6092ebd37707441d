variable "project_id" {
  description = "Project whose GKE clusters' audit logs kadet reads; everything is created in it."
  type        = string
}

variable "region" {
  description = "Region of the function, its trigger and the source bucket."
  type        = string
  default     = "europe-west1"
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "kadet"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}$", var.name))
    error_message = "name: 2-15 lower-case letters, digits or hyphens, starting with a letter (service account ids are short)."
  }
}

variable "source_dir" {
  description = "The gke-pubsub bundle folder written by `npm run build:functions`."
  type        = string
  default     = "../../dist/functions/gke-pubsub"
}

variable "cluster_names" {
  description = "Only these GKE clusters (resource.labels.cluster_name); empty means every cluster in the project."
  type        = list(string)
  default     = []
}

variable "data_access_logs" {
  description = "Also route Data Access audit logs (reads: get, list, watch) and turn them on for k8s.io. The secret-read rules need them; they are much larger than Admin Activity."
  type        = bool
  default     = false
}

variable "sinks" {
  description = "KADET_SINKS, e.g. \"stdout,slack:env:SLACK_URL;min=Error\" (secrets as env: references, see secret_env)."
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

variable "secret_env" {
  description = "Environment variable → Secret Manager secret id (latest version), for env: references in sinks, e.g. { SLACK_URL = \"kadet-slack-url\" }."
  type        = map(string)
  default     = {}
}

variable "max_instances" {
  description = "Upper bound on concurrent function instances."
  type        = number
  default     = 10
}
