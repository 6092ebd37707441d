output "function" {
  description = "The Cloud Run function (gen2) that evaluates the audit events."
  value       = google_cloudfunctions2_function.kadet.name
}

output "audit_topic" {
  description = "Pub/Sub topic the log sink publishes GKE audit entries to."
  value       = google_pubsub_topic.audit.id
}

output "log_filter" {
  description = "The log sink's filter: what reaches kadet."
  value       = google_logging_project_sink.k8s_audit.filter
}

output "sink_writer_identity" {
  description = "The identity the log sink publishes as."
  value       = google_logging_project_sink.k8s_audit.writer_identity
}

output "runtime_service_account" {
  description = "The identity the function runs as."
  value       = google_service_account.runtime.email
}

output "dead_letter_subscription" {
  description = "Pull subscription holding what the trigger gave up on."
  value       = google_pubsub_subscription.dead_letter.id
}

output "attach_dead_letter" {
  description = "Run once after apply: Eventarc creates the trigger's subscription itself, so its dead-letter policy is set here."
  value = join("\n", [
    "SUB=$(gcloud eventarc triggers describe ${google_cloudfunctions2_function.kadet.event_trigger[0].trigger} --location=${var.region} --format='value(transport.pubsub.subscription)')",
    "gcloud pubsub subscriptions update \"$SUB\" --dead-letter-topic=${google_pubsub_topic.dead_letter.id} --max-delivery-attempts=10",
    "gcloud pubsub subscriptions add-iam-policy-binding \"$SUB\" --member=${local.pubsub_agent} --role=roles/pubsub.subscriber",
  ])
}
