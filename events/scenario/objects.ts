// Kubernetes objects as they appear in requestObject/responseObject: Go struct field order,
// defaults applied by the decoder (requestObject) and by admission (responseObject).

import { secondTime, type Micros } from './time.ts';

type Obj = Record<string, unknown>;

const TERMINATION = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };

/** The projected service-account token volume the ServiceAccount admission plugin adds. */
function kubeApiAccessVolume(suffix: string): Obj {
  return {
    name: `kube-api-access-${suffix}`,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
      defaultMode: 420,
    },
  };
}

const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

export interface WebPodInput {
  generateName: string;
  namespace: string;
  hash: string;
  image: string;
  rsName: string;
  rsUid: string;
}

/** The web Deployment's pod template, as the ReplicaSet controller posts it (decoder defaults applied). */
export function webPodRequest(p: WebPodInput): Obj {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      generateName: p.generateName,
      namespace: p.namespace,
      creationTimestamp: null,
      labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop', 'pod-template-hash': p.hash },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: p.rsName, uid: p.rsUid, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      volumes: [{ name: 'tls', secret: { secretName: 'web-tls', defaultMode: 420 } }],
      containers: [
        {
          name: 'web',
          image: p.image,
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: [
            { name: 'DB_HOST', value: 'postgres.prod.svc.cluster.local' },
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
          ],
          resources: { limits: { memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
          volumeMounts: [{ name: 'tls', readOnly: true, mountPath: '/etc/tls' }],
          readinessProbe: {
            httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          ...TERMINATION,
          imagePullPolicy: 'IfNotPresent',
          securityContext: {
            capabilities: { drop: ['ALL'] },
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
          },
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'web',
      serviceAccount: 'web',
      securityContext: { runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      schedulerName: 'default-scheduler',
    },
    status: {},
  };
}

/** What the apiserver stored and returned: name, uid, admission-added volume, tolerations, priority. */
export function createdPod(request: Obj, name: string, uid: string, rv: string, created: Micros, volSuffix: string, qos: string): Obj {
  const meta = request.metadata as Obj;
  const spec = request.spec as Obj;
  const containers = (spec.containers as Obj[]).map((c) => ({
    ...c,
    volumeMounts: [
      ...((c.volumeMounts as Obj[] | undefined) ?? []),
      { name: `kube-api-access-${volSuffix}`, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ],
  }));
  const { generateName, namespace, creationTimestamp: _c, ...restMeta } = meta;
  const metadata: Obj = { name };
  if (generateName !== undefined) metadata.generateName = generateName;
  Object.assign(metadata, { namespace, uid, resourceVersion: rv, creationTimestamp: secondTime(created) }, restMeta);
  const out: Obj = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata,
    spec: {
      ...spec,
      volumes: [...((spec.volumes as Obj[] | undefined) ?? []), kubeApiAccessVolume(volSuffix)],
      containers,
      serviceAccountName: spec.serviceAccountName ?? 'default',
      serviceAccount: spec.serviceAccount ?? 'default',
      tolerations: [...((spec.tolerations as Obj[] | undefined) ?? []), ...DEFAULT_TOLERATIONS],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: { phase: 'Pending', qosClass: qos },
  };
  return out;
}

/** The attacker's pod: privileged, host PID and network, the node's root filesystem at /host. */
export function escapePodRequest(name: string, namespace: string): Obj {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace, creationTimestamp: null, labels: { run: name } },
    spec: {
      volumes: [{ name: 'host-root', hostPath: { path: '/', type: '' } }],
      containers: [
        {
          name: 'shell',
          image: 'docker.io/library/alpine:3.20',
          command: ['sleep', 'infinity'],
          resources: {},
          volumeMounts: [{ name: 'host-root', mountPath: '/host' }],
          ...TERMINATION,
          imagePullPolicy: 'IfNotPresent',
          securityContext: { privileged: true },
          stdin: true,
          tty: true,
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      hostNetwork: true,
      hostPID: true,
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: [{ operator: 'Exists' }],
    },
    status: {},
  };
}

export function serviceAccountRequest(name: string, namespace: string): Obj {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name, namespace, creationTimestamp: null } };
}

export function clusterRoleBindingRequest(name: string, clusterRole: string, saName: string, saNamespace: string): Obj {
  return {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name, creationTimestamp: null },
    subjects: [{ kind: 'ServiceAccount', name: saName, namespace: saNamespace }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
  };
}

export function clusterRoleBindingResponse(request: Obj, uid: string, rv: string, created: Micros): Obj {
  const meta = request.metadata as Obj;
  return {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: {
      name: meta.name,
      uid,
      resourceVersion: rv,
      creationTimestamp: secondTime(created),
      managedFields: [
        {
          manager: 'kubectl-create',
          operation: 'Update',
          apiVersion: 'rbac.authorization.k8s.io/v1',
          time: secondTime(created),
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:roleRef': {}, 'f:subjects': {} },
        },
      ],
    },
    subjects: request.subjects,
    roleRef: request.roleRef,
  };
}

/** `kubectl set image` sends a strategic merge patch naming only the changed container. */
export function setImagePatch(container: string, image: string): Obj {
  return { spec: { template: { spec: { containers: [{ image, name: container }] } } } };
}

/** `kubectl auth can-i --list -n <ns>`. */
export function selfSubjectRulesReview(namespace: string): Obj {
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: { resourceRules: null, nonResourceRules: null, incomplete: false },
  };
}

/** The report CronJob's pod, as the Job controller posts it (decoder defaults applied). */
export function jobPodRequest(jobName: string, jobUid: string, namespace: string): Obj {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      generateName: `${jobName}-`,
      namespace,
      creationTimestamp: null,
      labels: {
        'batch.kubernetes.io/controller-uid': jobUid,
        'batch.kubernetes.io/job-name': jobName,
        'controller-uid': jobUid,
        'job-name': jobName,
      },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: jobUid, controller: true, blockOwnerDeletion: true }],
      finalizers: ['batch.kubernetes.io/job-tracking'],
    },
    spec: {
      containers: [
        {
          name: 'report',
          image: 'registry.example.com/shop/report:2.3.1',
          args: ['--since=15m', '--out=s3://shop-reports/hourly'],
          resources: { limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
          ...TERMINATION,
          imagePullPolicy: 'IfNotPresent',
          securityContext: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true, allowPrivilegeEscalation: false },
        },
      ],
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'report',
      serviceAccount: 'report',
      securityContext: { runAsUser: 10002, seccompProfile: { type: 'RuntimeDefault' } },
      schedulerName: 'default-scheduler',
    },
    status: {},
  };
}
