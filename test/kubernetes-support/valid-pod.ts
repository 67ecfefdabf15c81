// Turns a generated pod into one the API server's validation accepts more often, so that most of
// the side-by-side requests reach admission (validation runs before validating admission and
// would answer both namespaces alike with 422). What remains invalid is still compared.

import { Random } from './random';

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
  delete sc['windowsOptions'];
  if (Array.isArray(sc['sysctls'])) sc['sysctls'] = sc['sysctls'].filter((s: Obj) => s && typeof s['name'] === 'string' && s['name'] !== '');
  if (sc['privileged'] === true && sc['allowPrivilegeEscalation'] === false) delete sc['allowPrivilegeEscalation'];
  const caps = sc['capabilities'];
  if (caps && sc['allowPrivilegeEscalation'] === false && Array.isArray(caps['add']) && caps['add'].some((c: string) => /SYS_ADMIN/.test(c))) delete sc['allowPrivilegeEscalation'];
}

export function validPod(pod: Obj, r: Random): Obj {
  const p = JSON.parse(JSON.stringify(pod)) as Obj;
  const spec = p['spec'] as Obj;
  delete spec['ephemeralContainers']; // may not be set on create
  delete spec['os'];
  delete spec['hostUsers'];
  const ann = p['metadata']?.['annotations'];
  if (ann) {
    for (const k of Object.keys(ann)) if (k.startsWith('container.apparmor') || k.startsWith('seccomp.') || k.startsWith('container.seccomp')) delete ann[k];
  }
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
        if (h && typeof h === 'object' && h['tcpSocket'] && typeof h['tcpSocket']['host'] === 'string' && h['tcpSocket']['host'].trim() === '') delete h['tcpSocket']['host'];
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
  if (Array.isArray(spec['volumes'])) {
    const keep = new Set(['hostPath', 'emptyDir', 'secret', 'configMap', 'downwardAPI', 'projected', 'persistentVolumeClaim', 'csi', 'gcePersistentDisk', 'awsElasticBlockStore', 'nfs', 'cinder', 'azureFile', 'image']);
    spec['volumes'] = (spec['volumes'] as Obj[]).filter((v) => Object.keys(v).every((k) => k === 'name' || keep.has(k)));
  }
  return p;
}
