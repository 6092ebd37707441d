import { describe, expect, it } from 'vitest';
import { field, podCreate, withEvent } from './helpers.ts';

describe('ka target, response and cluster fields', () => {
  const ev = podCreate();

  it('reads the target object reference', () => {
    expect(field('ka.target.name', ev)).toBe('debug');
    expect(field('ka.target.namespace', ev)).toBe('payments');
    expect(field('ka.target.resource', ev)).toBe('pods');
    expect(field('ka.target.subresource', ev)).toBeUndefined();
  });

  it('reads the response code as a decimal string and the failure reason', () => {
    expect(field('ka.response.code', ev)).toBe('201');
    expect(field('ka.response.reason', ev)).toBeUndefined();
    const denied = podCreate((e) => (e.responseStatus = { status: 'Failure', reason: 'Forbidden', code: 403 }));
    expect(field('ka.response.code', denied)).toBe('403');
    expect(field('ka.response.reason', denied)).toBe('Forbidden');
  });

  it('reads the response object name', () => {
    expect(field('ka.resp.name', ev)).toBe('debug');
  });

  it('reads the cluster name from the origin', () => {
    expect(field('ka.cluster.name', ev)).toBe('prod-eu');
    expect(field('ka.cluster.name', podCreate((_e, c) => delete c.origin.cluster))).toBeUndefined();
  });

  describe('ka.target.pod.name', () => {
    it('names the pod of a pod request, subresources included', () => {
      const exec = podCreate((e) => (e.objectRef = { resource: 'pods', subresource: 'exec', namespace: 'default', name: 'web-0' }));
      expect(field('ka.target.pod.name', exec)).toBe('web-0');
    });

    it('falls back to the response object name for a generateName create', () => {
      const gen = podCreate((e) => {
        e.objectRef = { resource: 'pods', namespace: 'payments' };
        e.responseObject = { metadata: { name: 'web-7d4b9-x2x5q' } };
      });
      expect(field('ka.target.pod.name', gen)).toBe('web-7d4b9-x2x5q');
    });

    it('is absent when the target is not a pod', () => {
      expect(field('ka.target.pod.name', podCreate((e) => (e.objectRef = { resource: 'secrets', name: 's' })))).toBeUndefined();
    });
  });

  describe('configmaps', () => {
    const cm = podCreate((e) => {
      e.verb = 'update';
      e.objectRef = { resource: 'configmaps', namespace: 'payments', name: 'app-config' };
      e.requestObject = { kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { 'db.yaml': 'password: hunter2', mode: 'prod' } };
    });

    it('names the configmap from the object reference', () => {
      expect(field('ka.req.configmap.name', cm)).toBe('app-config');
    });

    it('renders the configmap data as compact JSON text', () => {
      expect(field('ka.req.configmap.obj', cm)).toBe('{"db.yaml":"password: hunter2","mode":"prod"}');
    });
  });

  describe('services', () => {
    const svc = podCreate((e) => {
      e.objectRef = { resource: 'services', namespace: 'payments', name: 'api' };
      e.requestObject = {
        kind: 'Service',
        spec: {
          type: 'NodePort',
          ports: [
            { name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' },
            { name: 'metrics', port: 9090, protocol: 'TCP' },
          ],
        },
      };
    });

    it('reads the service type', () => {
      expect(field('ka.req.service.type', svc)).toBe('NodePort');
    });

    it('renders each port as JSON text, one by index', () => {
      expect(field('ka.req.service.ports', svc)).toEqual([
        '{"name":"http","port":80,"targetPort":8080,"nodePort":30080,"protocol":"TCP"}',
        '{"name":"metrics","port":9090,"protocol":"TCP"}',
      ]);
      expect(field('ka.req.service.ports', svc, '1')).toBe('{"name":"metrics","port":9090,"protocol":"TCP"}');
      expect(field('ka.req.service.ports', svc, '2')).toBeUndefined();
    });
  });

  it('reads nothing from an event that carries no such data', () => {
    const bare = withEvent({ auditID: 'a', stage: 'ResponseComplete', verb: 'get', requestURI: '/healthz', user: {} });
    for (const name of ['ka.target.name', 'ka.response.code', 'ka.resp.name', 'ka.req.service.ports', 'ka.req.configmap.obj']) {
      expect(field(name, bare), name).toBeUndefined();
    }
  });
});
