/*
In addition to restricting HostPath volumes, the restricted profile
limits usage of inline pod volume sources to:
* configMap
* downwardAPI
* emptyDir
* projected
* secret
* csi
* persistentVolumeClaim
* ephemeral
* image

Restricted Fields:
spec.volumes[*].hostPath
spec.volumes[*].gcePersistentDisk
spec.volumes[*].awsElasticBlockStore
spec.volumes[*].gitRepo
spec.volumes[*].nfs
spec.volumes[*].iscsi
spec.volumes[*].glusterfs
spec.volumes[*].rbd
spec.volumes[*].flexVolume
spec.volumes[*].cinder
spec.volumes[*].cephfs
spec.volumes[*].flocker
spec.volumes[*].fc
spec.volumes[*].azureFile
spec.volumes[*].vsphereVolume
spec.volumes[*].quobyte
spec.volumes[*].azureDisk
spec.volumes[*].portworxVolume
spec.volumes[*].photonPersistentDisk
spec.volumes[*].scaleIO
spec.volumes[*].storageos

Allowed Values: undefined/null

Upstream allows `image` volumes inside its single v1.0 function (added in Kubernetes 1.33), so they
are allowed at every policy version. A volume with no source is stored by the API server as an
emptyDir, so it is allowed too.

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_restrictedVolumes.go
*/

import type { Volume } from '../../k8s/types';
import { ALLOWED, forbidden, type PssCheck } from '../check';
import { sortedUnique } from '../go-strings';
import { joinQuote, pluralize } from '../helpers';

export const ALLOWED_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'] as const;

/** In upstream's order: a volume (invalidly) setting several is reported under the first. */
export const RESTRICTED_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
] as const;

/** A source is set when its field holds anything but null (Go decodes null to a nil pointer). */
function has(volume: Volume, source: string): boolean {
  const value = volume[source];
  return value !== undefined && value !== null;
}

/** The restricted source a volume uses, or undefined when it is allowed (or has no source: an emptyDir). */
function restrictedSource(volume: Volume): string | undefined {
  for (const source of ALLOWED_SOURCES) if (has(volume, source)) return undefined;
  for (const source of RESTRICTED_SOURCES) if (has(volume, source)) return source;
  return undefined;
}

export const restrictedVolumes: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  title: 'Volume Types',
  description:
    'The Restricted policy only permits the following volume types: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret.',
  versions: [
    {
      since: 'v1.0',
      overrides: ['hostPathVolumes'],
      check(_meta, spec) {
        const volumes = spec.volumes;
        if (!Array.isArray(volumes)) return ALLOWED;
        // Volume names are listed as found (not deduplicated); the types form a sorted set.
        let names: string[] | undefined;
        let types: string[] | undefined;
        let fields: string[] | undefined;
        for (let i = 0; i < volumes.length; i++) {
          const volume = volumes[i];
          if (volume === null || typeof volume !== 'object') continue;
          const source = restrictedSource(volume);
          if (source === undefined) continue;
          (names ??= []).push(typeof volume.name === 'string' ? volume.name : '');
          (types ??= []).push(source);
          (fields ??= []).push(`spec.volumes[${i}].${source}`);
        }
        if (names === undefined || types === undefined || fields === undefined) return ALLOWED;
        const sorted = sortedUnique(types);
        return forbidden(
          'restricted volume types',
          `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ` +
            `${pluralize('restricted volume type', 'restricted volume types', sorted.length)} ${joinQuote(sorted)}`,
          fields,
        );
      },
    },
  ],
};
