# kadet on GCP: GKE audit logs → project log sink → Pub/Sub → Cloud Run function (gen2, Node 22).
# Three identities, each with only what it needs: the function runs as `runtime` (reads its own
# secrets, nothing else), Eventarc pushes as `trigger` (may invoke this one function), Cloud Build
# builds as `build` (reads the source object, writes the image and its logs).

locals {
  log_ids = concat(
    ["cloudaudit.googleapis.com%2Factivity"],
    var.data_access_logs ? ["cloudaudit.googleapis.com%2Fdata_access"] : [],
  )
  cluster_filter = length(var.cluster_names) == 0 ? "" : " AND resource.labels.cluster_name=(${join(" OR ", [for c in var.cluster_names : "\"${c}\""])})"
  # Kubernetes audit entries of GKE clusters, Admin Activity (writes) and optionally Data Access (reads).
  log_filter = join("", [
    "resource.type=\"k8s_cluster\" AND logName:\"cloudaudit.googleapis.com\"",
    " AND (${join(" OR ", [for id in local.log_ids : "logName=\"projects/${var.project_id}/logs/${id}\""])})",
    local.cluster_filter,
  ])
  environment = merge(
    { KADET_SINKS = var.sinks },
    var.min_priority == null ? {} : { KADET_MIN_PRIORITY = var.min_priority },
    var.dead_letter == null ? {} : { KADET_DEAD_LETTER = var.dead_letter },
  )
  pubsub_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  apis = [
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "eventarc.googleapis.com",
    "logging.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ]
}

data "google_project" "this" {
  project_id = var.project_id
}

resource "google_project_service" "apis" {
  for_each           = toset(local.apis)
  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

# ---------------------------------------------------------------------------------------------
# Audit logs → Pub/Sub
# ---------------------------------------------------------------------------------------------

resource "google_project_iam_audit_config" "k8s_data_access" {
  count   = var.data_access_logs ? 1 : 0
  project = var.project_id
  service = "k8s.io"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_pubsub_topic" "audit" {
  name                       = "${var.name}-gke-audit"
  project                    = var.project_id
  message_retention_duration = "86400s"
  depends_on                 = [google_project_service.apis]
}

resource "google_pubsub_topic" "dead_letter" {
  name                       = "${var.name}-gke-audit-dead-letter"
  project                    = var.project_id
  message_retention_duration = "604800s"
  depends_on                 = [google_project_service.apis]
}

# Holds what the trigger gave up on, for `gcloud pubsub subscriptions pull` and replay.
resource "google_pubsub_subscription" "dead_letter" {
  name                       = "${var.name}-gke-audit-dead-letter"
  project                    = var.project_id
  topic                      = google_pubsub_topic.dead_letter.id
  message_retention_duration = "604800s"
  ack_deadline_seconds       = 60
  expiration_policy {
    ttl = ""
  }
}

resource "google_logging_project_sink" "k8s_audit" {
  name                   = "${var.name}-gke-audit"
  project                = var.project_id
  destination            = "pubsub.googleapis.com/${google_pubsub_topic.audit.id}"
  filter                 = local.log_filter
  unique_writer_identity = true
}

# The sink writes as its own identity, which may publish to this topic and nowhere else.
resource "google_pubsub_topic_iam_member" "sink_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.audit.name
  role    = "roles/pubsub.publisher"
  member  = google_logging_project_sink.k8s_audit.writer_identity
}

# Pub/Sub moves messages the trigger's subscription gave up on into the dead-letter topic.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.dead_letter.name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_agent
}

# ---------------------------------------------------------------------------------------------
# Identities
# ---------------------------------------------------------------------------------------------

resource "google_service_account" "runtime" {
  project      = var.project_id
  account_id   = "${var.name}-gke-fn"
  display_name = "kadet gke-pubsub function (runtime)"
}

resource "google_service_account" "trigger" {
  project      = var.project_id
  account_id   = "${var.name}-gke-trigger"
  display_name = "kadet gke-pubsub Eventarc trigger"
}

resource "google_service_account" "build" {
  project      = var.project_id
  account_id   = "${var.name}-gke-build"
  display_name = "kadet gke-pubsub Cloud Build"
}

resource "google_secret_manager_secret_iam_member" "runtime" {
  for_each  = var.secret_env
  project   = var.project_id
  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.runtime.member
}

resource "google_project_iam_member" "trigger_receiver" {
  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = google_service_account.trigger.member
}

resource "google_cloud_run_v2_service_iam_member" "trigger_invoker" {
  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.kadet.name
  role     = "roles/run.invoker"
  member   = google_service_account.trigger.member
}

resource "google_project_iam_member" "build" {
  for_each = toset(["roles/logging.logWriter", "roles/artifactregistry.writer"])
  project  = var.project_id
  role     = each.value
  member   = google_service_account.build.member
}

resource "google_storage_bucket_iam_member" "build_source" {
  bucket = google_storage_bucket.source.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.build.member
}

# ---------------------------------------------------------------------------------------------
# The function
# ---------------------------------------------------------------------------------------------

resource "google_storage_bucket" "source" {
  name                        = "${var.project_id}-${var.name}-gcf-source"
  project                     = var.project_id
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
}

data "archive_file" "source" {
  type        = "zip"
  source_dir  = var.source_dir
  output_path = "${path.module}/.build/gke-pubsub.zip"
}

resource "google_storage_bucket_object" "source" {
  name   = "gke-pubsub-${data.archive_file.source.output_md5}.zip"
  bucket = google_storage_bucket.source.name
  source = data.archive_file.source.output_path
}

resource "google_cloudfunctions2_function" "kadet" {
  name        = "${var.name}-gke-audit"
  project     = var.project_id
  location    = var.region
  description = "kadet: GKE audit logs from Pub/Sub → rules → findings"

  build_config {
    runtime         = "nodejs22"
    entry_point     = "kadetPubSub"
    service_account = google_service_account.build.id
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    available_memory               = "512Mi"
    timeout_seconds                = 120
    max_instance_count             = var.max_instances
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.runtime.email
    environment_variables          = local.environment

    dynamic "secret_environment_variables" {
      for_each = var.secret_env
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
  }

  # Retries on: kadet throws only when a finding could not be delivered, and with retries off
  # Eventarc would drop that event. Redelivery backs off for up to the topic's retention (24 h).
  event_trigger {
    trigger_region        = var.region
    event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic          = google_pubsub_topic.audit.id
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = google_service_account.trigger.email
  }

  depends_on = [
    google_project_service.apis,
    google_project_iam_member.build,
    google_storage_bucket_iam_member.build_source,
    google_project_iam_member.trigger_receiver,
    google_secret_manager_secret_iam_member.runtime,
  ]
}
