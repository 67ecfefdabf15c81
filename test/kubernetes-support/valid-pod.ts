// Turns a generated pod into one the API server's validation accepts more often, so that most of
// the side-by-side requests reach admission (validation runs before validating admission and
// would answer both namespaces alike with 422). What remains invalid is still compared.

import { Random } from '../support/random';

type Obj = Record<string, any>;

const VALID_SECCOMP = ['RuntimeDefault', 'Localhost', 'Unconfined'];
const VALID_APPARMOR = ['RuntimeDefault', 'Localhost', 'Unconfined'];

function fixProfile(p: Obj | null | undefined, valid: readonly string[], r: Random): void {
  if (!p || typeof p !== 'object') return;
  if (!valid.includes(p['type'])) p['type'] = r.pick(valid);
  if (p['type'] === 'Localhost') p['localhostProfile'] = p['localhostProfile'] || 'profile.json';
  else delete p['localhostProfile'];
}

function fixSecurityContext(sc: Obj | null | undefined, r: Random): void {
  if (!sc || typeof sc !== 'object') return;
  fixProfile(sc['seccompProfile'], VALID_SECCOMP, r);
  fixProfile(sc['appArmorProfile'], VALID_APPARMOR, r);
  for (const k of ['runAsUser', 'runAsGroup', 'fsGroup']) if (typeof sc[k] === 'number' && (sc[k] < 0 || sc[k] > 2147483647)) sc[k] = 1000;
  if (sc['procMount'] !== undefined) sc['procMount'] = 'Default';
  if (Array.isArray(sc['sysctls'])) sc['sysctls'] = sc['sysctls'].filter((s: Obj) => s && typeof s['name'] === 'string' && s['name'] !== '');
  if (sc['privileged'] === true && sc['allowPrivilegeEscalation'] === false) delete sc['allowPrivilegeEscalation'];
  const caps = sc['capabilities'];
  if (caps && sc['allowPrivilegeEscalation'] === false && Array.isArray(caps['add']) && caps['add'].some((c: string) => /SYS_ADMIN/.test(c)))
    delete sc['allowPrivilegeEscalation'];
}

export function validPod(pod: Obj, r: Random): Obj {
  const p = JSON.parse(JSON.stringify(pod)) as Obj;
  const spec = p['spec'] as Obj;
  delete spec['ephemeralContainers']; // may not be set on create
  // os, hostUsers and the legacy annotations stay (what validation still refuses, it refuses in
  // both namespaces alike); annotations are pointed at containers that exist, with values the
  // API accepts, since the generator's names are replaced below.
  if (spec['os'] && spec['os']['name'] !== 'linux' && spec['os']['name'] !== 'windows') delete spec['os'];
  fixSecurityContext(spec['securityContext'], r);
  let n = 0;
  for (const list of ['containers', 'initContainers']) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    for (const c of cs as Obj[]) {
      c['name'] = `c${n++}`;
      fixSecurityContext(c['securityContext'], r);
      if (list === 'initContainers') {
        for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) delete c[k];
      }
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const h = c[probe];
        if (h && typeof h === 'object' && h['tcpSocket'] && typeof h['tcpSocket']['host'] === 'string' && h['tcpSocket']['host'].trim() === '')
          delete h['tcpSocket']['host'];
      }
      if (Array.isArray(c['ports'])) {
        const seen = new Set<string>();
        c['ports'] = (c['ports'] as Obj[]).filter((port) => {
          if (spec['hostNetwork'] === true && port['hostPort']) port['hostPort'] = port['containerPort'];
          const key = `${port['containerPort']}/${port['protocol'] ?? 'TCP'}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      }
    }
  }
  const annotations = p['metadata']?.['annotations'];
  if (annotations && typeof annotations === 'object') {
    const names = [...(spec['containers'] ?? []), ...(spec['initContainers'] ?? [])].map((c: Obj) => c['name'] as string);
    const fixed: Obj = {};
    for (const [key, value] of Object.entries(annotations as Obj)) {
      const seccomp = key.startsWith('container.seccomp.security.alpha.kubernetes.io/') || key === 'seccomp.security.alpha.kubernetes.io/pod';
      const apparmor = key.startsWith('container.apparmor.security.beta.kubernetes.io/');
      if (!seccomp && !apparmor) {
        fixed[key] = value;
        continue;
      }
      const target = key === 'seccomp.security.alpha.kubernetes.io/pod' ? key : `${key.slice(0, key.indexOf('/') + 1)}${r.pick(names)}`;
      const allowed = seccomp
        ? ['runtime/default', 'docker/default', 'unconfined', 'localhost/p.json']
        : ['runtime/default', 'localhost/profile', 'unconfined'];
      fixed[target] = allowed.includes(value as string) ? value : r.pick(allowed);
    }
    p['metadata']['annotations'] = fixed;
  }
  if (Array.isArray(spec['volumes'])) {
    const keep = new Set([
      'hostPath',
      'emptyDir',
      'secret',
      'configMap',
      'downwardAPI',
      'projected',
      'persistentVolumeClaim',
      'csi',
      'gcePersistentDisk',
      'awsElasticBlockStore',
      'nfs',
      'cinder',
      'azureFile',
      'image',
    ]);
    spec['volumes'] = (spec['volumes'] as Obj[]).filter((v) => Object.keys(v).every((k) => k === 'name' || keep.has(k)));
  }
  return p;
}
