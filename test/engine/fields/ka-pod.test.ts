import { describe, expect, it } from 'vitest';
import { container, field, podCreate, spec } from './helpers.ts';

const ev = podCreate();

describe('ka pod-level fields', () => {
  it('reads host namespace flags as true/false, absent when unset', () => {
    expect(field('ka.req.pod.host_network', ev)).toBe('true');
    expect(field('ka.req.container.host_network', ev)).toBe('true');
    expect(field('ka.req.pod.host_pid', ev)).toBe('false');
    expect(field('ka.req.pod.host_ipc', ev)).toBeUndefined();
  });

  it('reads the pod security context ids', () => {
    expect(field('ka.req.pod.run_as_user', ev)).toBe('1000');
    expect(field('ka.req.pod.run_as_group', ev)).toBe('3000');
    expect(field('ka.req.pod.fs_group', ev)).toBe('2000');
    expect(field('ka.req.pod.supplemental_groups', ev)).toEqual(['4000', '5000']);
  });

  it('does not read pod templates of workloads, as upstream', () => {
    const deploy = podCreate((e) => {
      e.objectRef = { resource: 'deployments', apiGroup: 'apps', namespace: 'payments', name: 'api' };
      e.requestObject = { kind: 'Deployment', spec: { replicas: 2, template: { spec: (e.requestObject as { spec: unknown }).spec } } };
    });
    expect(field('ka.req.pod.containers.image', deploy)).toBeUndefined();
    expect(field('ka.req.pod.host_network', deploy)).toBeUndefined();
  });
});

describe('ka.req.pod.containers.*', () => {
  it('lists names and images in container order, one by index', () => {
    expect(field('ka.req.pod.containers.name', ev)).toEqual(['app', 'sidecar']);
    expect(field('ka.req.pod.containers.image', ev)).toEqual(['quay.io/payments/api:1.4.2@sha256:0123abcd', 'nginx']);
    expect(field('ka.req.pod.containers.image', ev, '1')).toBe('nginx');
    expect(field('ka.req.pod.containers.image', ev, '2')).toBeUndefined();
  });

  it('does not reach into init or ephemeral containers', () => {
    const withDebug = podCreate((e) => {
      spec(e)['ephemeralContainers'] = [{ name: 'dbg', image: 'busybox', securityContext: { privileged: true } }];
    });
    expect(field('ka.req.pod.containers.image', withDebug)).not.toContain('busybox');
    expect(field('ka.req.pod.containers.image', withDebug)).not.toContain('registry.example.com:5000/tools/setup:2.1');
  });

  it('strips tag and digest from image repositories but keeps the registry and its port', () => {
    expect(field('ka.req.pod.containers.image.repository', ev)).toEqual(['quay.io/payments/api', 'nginx']);
    expect(field('ka.req.pod.initContainers.image.repository', ev)).toEqual(['registry.example.com:5000/tools/setup']);
  });

  it('keeps the deprecated first-container forms', () => {
    expect(field('ka.req.container.image', ev)).toBe('quay.io/payments/api:1.4.2@sha256:0123abcd');
    expect(field('ka.req.container.image.repository', ev)).toBe('quay.io/payments/api');
    const empty = podCreate((e) => (spec(e)['containers'] = []));
    expect(field('ka.req.container.image', empty)).toBeUndefined();
  });

  it('skips a container without an image instead of failing the field', () => {
    const noImage = podCreate((e) => delete container(e, 0)['image']);
    expect(field('ka.req.pod.containers.image', noImage)).toEqual(['nginx']);
    expect(field('ka.req.pod.containers.image', noImage, '0')).toBeUndefined();
  });

  it('flattens command and args words, index selecting a container', () => {
    expect(field('ka.req.pod.containers.command', ev)).toEqual(['/app/server']);
    expect(field('ka.req.pod.containers.args', ev)).toEqual(['--port', '8080']);
    expect(field('ka.req.pod.containers.args', ev, '0')).toEqual(['--port', '8080']);
    expect(field('ka.req.pod.containers.args', ev, '1')).toBeUndefined();
    expect(field('ka.req.pod.initContainers.command', ev)).toEqual(['/bin/sh', '-c', 'chmod 777 /data']);
  });

  it('lists security flags of the containers that set them', () => {
    expect(field('ka.req.pod.containers.privileged', ev)).toEqual(['true']);
    expect(field('ka.req.pod.containers.allow_privilege_escalation', ev)).toEqual(['true']);
    expect(field('ka.req.pod.containers.read_only_fs', ev)).toEqual(['false', 'true']);
    expect(field('ka.req.pod.containers.proc_mount', ev)).toEqual(['Unmasked']);
    expect(field('ka.req.pod.containers.run_as_user', ev)).toEqual(['101']);
    expect(field('ka.req.pod.containers.run_as_group', ev)).toEqual(['101']);
  });

  it('indexes security flags by container position, absent where unset', () => {
    expect(field('ka.req.pod.containers.privileged', ev, '0')).toBe('true');
    expect(field('ka.req.pod.containers.privileged', ev, '1')).toBeUndefined();
    expect(field('ka.req.pod.containers.run_as_user', ev, '1')).toBe('101');
  });

  it('is absent, not false, when no container sets privileged', () => {
    const plain = podCreate((e) => delete (container(e, 0)['securityContext'] as Record<string, unknown>)['privileged']);
    expect(field('ka.req.pod.containers.privileged', plain)).toBeUndefined();
  });

  it('combines container and pod security contexts for the effective uid and gid', () => {
    // app sets nothing → pod's 1000/3000; sidecar sets 101/101.
    expect(field('ka.req.pod.containers.eff_run_as_user', ev)).toEqual(['1000', '101']);
    expect(field('ka.req.pod.containers.eff_run_as_group', ev)).toEqual(['3000', '101']);
    expect(field('ka.req.pod.initContainers.eff_run_as_user', ev)).toEqual(['0']);
    expect(field('ka.req.pod.initContainers.eff_run_as_group', ev)).toEqual(['3000']);
  });

  it('uses 0 as the effective uid when neither context sets one', () => {
    const root = podCreate((e) => {
      delete spec(e)['securityContext'];
      delete (container(e, 1)['securityContext'] as Record<string, unknown>)['runAsUser'];
    });
    expect(field('ka.req.pod.containers.eff_run_as_user', root)).toEqual(['0', '0']);
    expect(field('ka.req.pod.containers.eff_run_as_user', root, '1')).toBe('0');
  });

  it('flattens added capabilities', () => {
    expect(field('ka.req.pod.containers.add_capabilities', ev)).toEqual(['NET_ADMIN', 'SYS_TIME']);
    expect(field('ka.req.pod.containers.add_capabilities', ev, '1')).toBeUndefined();
  });

  it('reads host ports, falling back to the container port', () => {
    expect(field('ka.req.pod.containers.host_port', ev)).toEqual(['80', '9090']);
    expect(field('ka.req.pod.containers.host_port', ev, '0')).toEqual(['80', '9090']);
  });

  describe('ka.req.container.privileged (deprecated)', () => {
    it('is true when any container is privileged', () => {
      expect(field('ka.req.container.privileged', ev)).toBe('true');
    });

    it('is false when no container is, even when an init container is', () => {
      const notPriv = podCreate((e) => ((container(e, 0)['securityContext'] as Record<string, unknown>)['privileged'] = false));
      expect(field('ka.req.container.privileged', notPriv)).toBe('false');
    });

    it('is absent when the request has no containers', () => {
      expect(field('ka.req.container.privileged', podCreate((e) => (e.requestObject = { kind: 'Secret' })))).toBeUndefined();
    });
  });
});

describe('init and ephemeral container variants', () => {
  it('read their own list', () => {
    expect(field('ka.req.pod.initContainers.name', ev)).toEqual(['setup']);
    expect(field('ka.req.pod.initContainers.image', ev)).toEqual(['registry.example.com:5000/tools/setup:2.1']);
    expect(field('ka.req.pod.initContainers.privileged', ev)).toEqual(['true']);
    expect(field('ka.req.pod.initContainers.run_as_user', ev)).toEqual(['0']);
    expect(field('ka.req.pod.ephemeralContainers.name', ev)).toBeUndefined();
  });

  it('read ephemeral containers added through the ephemeralcontainers subresource', () => {
    const debug = podCreate((e) => {
      e.verb = 'patch';
      e.objectRef = { resource: 'pods', subresource: 'ephemeralcontainers', namespace: 'payments', name: 'debug' };
      e.requestObject = {
        kind: 'Pod',
        spec: { ephemeralContainers: [{ name: 'debugger-x1', image: 'busybox:1.36', targetContainerName: 'app', securityContext: { privileged: true } }] },
      };
    });
    expect(field('ka.req.pod.ephemeralContainers.name', debug)).toEqual(['debugger-x1']);
    expect(field('ka.req.pod.ephemeralContainers.image.repository', debug, '0')).toBe('busybox');
    expect(field('ka.req.pod.ephemeralContainers.privileged', debug)).toEqual(['true']);
    expect(field('ka.req.pod.ephemeralContainers.eff_run_as_user', debug)).toEqual(['0']);
    expect(field('ka.req.pod.containers.name', debug)).toBeUndefined();
  });
});

describe('ka volume fields', () => {
  it('lists host paths, flexvolume drivers and volume types', () => {
    expect(field('ka.req.pod.volumes.hostpath', ev)).toEqual(['/var/run/docker.sock']);
    expect(field('ka.req.pod.volumes.flexvolume_driver', ev)).toEqual(['example.com/lvm']);
    expect(field('ka.req.pod.volumes.volume_type', ev)).toEqual(['hostPath', 'configMap', 'flexVolume']);
  });

  it('indexes by volume position', () => {
    expect(field('ka.req.pod.volumes.hostpath', ev, '0')).toBe('/var/run/docker.sock');
    expect(field('ka.req.pod.volumes.hostpath', ev, '1')).toBeUndefined();
    expect(field('ka.req.pod.volumes.volume_type', ev, '2')).toBe('flexVolume');
  });

  describe('ka.req.volume.hostpath (deprecated)', () => {
    it('matches an exact path', () => {
      expect(field('ka.req.volume.hostpath', ev, '/var/run/docker.sock')).toBe('true');
      expect(field('ka.req.volume.hostpath', ev, '/var/run')).toBe('false');
    });

    it('matches a prefix when the key ends with *', () => {
      expect(field('ka.req.volume.hostpath', ev, '/var/run/*')).toBe('true');
      expect(field('ka.req.volume.hostpath', ev, '/etc/*')).toBe('false');
    });

    it('is absent when the request has no volumes', () => {
      expect(field('ka.req.volume.hostpath', podCreate((e) => delete spec(e)['volumes']), '/')).toBeUndefined();
    });
  });
});
