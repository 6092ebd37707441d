import { listenOnLoopback } from '../helpers/loopback.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Finding } from '../../shared/alerts/finding.ts';
import type { SendResult, Sink } from '../../shared/alerts/sinks/types.ts';

/** An exec-into-kube-system finding from EKS, as the engine would build it; vary with `over`. */
export function sampleFinding(over: Partial<Finding> = {}, id = 'f0'): Finding {
  return {
    time: '2026-11-20T09:14:03.127890Z',
    rule: 'Exec into kube-system pod',
    priority: 'Critical',
    output: 'exec into kube-system pod (user=alice@example.com pod=coredns-7d8f ns=kube-system)',
    output_fields: {
      'ka.user.name': 'alice@example.com',
      'ka.verb': 'create',
      'ka.target.namespace': 'kube-system',
      'ka.target.resource': 'pods',
      'ka.target.name': 'coredns-7d8f',
      'ka.target.subresource': 'exec',
      'ka.sourceips': '203.0.113.7',
      'ka.useragent': 'kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46',
    },
    source: 'k8s_audit',
    tags: ['k8s', 'mitre_execution', 'T1609'],
    hostname: 'prod-eks',
    kadet: {
      id,
      auditID: '5f0b6d1e-2b7c-4f5e-9a51-0d7c1b1e2a33',
      stage: 'ResponseStarted',
      origin: {
        provider: 'eks',
        cluster: 'prod-eks',
        account: '123456789012',
        region: 'eu-west-1',
        logGroup: '/aws/eks/prod-eks/cluster',
        logStream: 'kube-apiserver-audit-0f3c',
        eventId: '37915263849265392028447366211734819930112',
      },
      mitre: ['T1609'],
    },
    ...over,
  };
}

/** `n` findings with distinct ids. */
export function findings(n: number, over: Partial<Finding> = {}): Finding[] {
  return Array.from({ length: n }, (_, i) => sampleFinding(over, `f${i}`));
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on 127.0.0.1 (port 0) that records requests and answers via `handler`. */
export async function startServer(handler: (req: Recorded, res: ServerResponse) => void = (_q, res) => res.end('ok')) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(rec);
      handler(rec, res);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    requests,
    close,
  };
}

/** Retry options that never wait, for tests. */
export const NO_WAIT = { sleep: async () => {}, random: () => 0.5 };

/** A sink whose `send` is scripted: each call takes the next behaviour (last one repeats). */
export function scriptedSink(name: string, script: ((findings: Finding[]) => Promise<SendResult>)[], minPriority?: Sink['minPriority']): Sink & { calls: Finding[][] } {
  const calls: Finding[][] = [];
  return {
    name,
    ...(minPriority === undefined ? {} : { minPriority }),
    calls,
    send: (fs) => {
      calls.push(fs);
      const step = script[Math.min(calls.length - 1, script.length - 1)];
      return step ? step(fs) : Promise.resolve({ sent: fs.length });
    },
  };
}
