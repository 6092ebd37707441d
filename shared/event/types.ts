// audit.k8s.io/v1 Event and EventList, field for field, plus kadet's origin envelope.

export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';
export type AuditStage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';

export interface UserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface ObjectReference {
  resource?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiGroup?: string;
  apiVersion?: string;
  resourceVersion?: string;
  subresource?: string;
}

/** metav1.Status as it appears in responseStatus. */
export interface Status {
  metadata?: Record<string, unknown>;
  status?: string;
  message?: string;
  reason?: string;
  details?: Record<string, unknown>;
  code?: number;
}

export interface AuditEvent {
  kind?: 'Event';
  apiVersion?: string;
  level: AuditLevel;
  auditID: string;
  stage: AuditStage;
  requestURI: string;
  verb: string;
  user: UserInfo;
  impersonatedUser?: UserInfo;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: ObjectReference;
  responseStatus?: Status;
  requestObject?: unknown;
  responseObject?: unknown;
  requestReceivedTimestamp?: string;
  stageTimestamp?: string;
  annotations?: Record<string, string>;
}

export interface EventList {
  kind: 'EventList';
  apiVersion?: string;
  metadata?: Record<string, unknown>;
  items: AuditEvent[];
}

export type Provider = 'eks' | 'gke' | 'aks' | 'onprem' | 'file';

/** Where an event came from: enough to trace a finding back to its raw record. */
export interface Origin {
  provider: Provider;
  cluster?: string;
  /** AWS account, GCP project or Azure subscription. */
  account?: string;
  /** AWS region, GCP location or Azure region. */
  region?: string;
  resourceGroup?: string;
  /** Azure resource id exactly as the record carried it (upper-cased by Azure). */
  resourceId?: string;
  logGroup?: string;
  logStream?: string;
  eventId?: string;
  messageId?: string;
  partition?: string;
  sequenceNumber?: string;
  offset?: string;
  file?: string;
  line?: number;
}

export interface CanonicalEvent {
  event: AuditEvent;
  origin: Origin;
}
