import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCases, versionedAt } from '../../../test/support/check-cases';
import type { Volume } from '../../k8s/types';
import { restrictedVolumes } from './restrictedVolumes';

test('restrictedVolumes replaces hostPathVolumes at the restricted level from v1.0', () => {
  assert.deepEqual(versionedAt(restrictedVolumes, 'v1.0')?.overrides, ['hostPathVolumes']);
  assert.deepEqual(versionedAt(restrictedVolumes, 'v1.37')?.overrides, ['hostPathVolumes']);
});

const ALLOWED_VOLUMES: Volume[] = [
  { name: 'empty', emptyDir: {} },
  { name: 'secret', secret: { secretName: 's' } },
  { name: 'claim', persistentVolumeClaim: { claimName: 'c' } },
  { name: 'downward', downwardAPI: { items: [] } },
  { name: 'config', configMap: { name: 'c' } },
  { name: 'projected', projected: { sources: [] } },
  { name: 'csi', csi: { driver: 'd' } },
  { name: 'ephemeral', ephemeral: { volumeClaimTemplate: {} } },
  { name: 'image', image: { reference: 'registry.example/data:1' } },
];

/** Every restricted source, in the order of upstream's test table. */
const RESTRICTED = [
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
];

checkCases(restrictedVolumes, [
  { name: 'no volumes', version: 'v1.0', spec: { containers: [{ name: 'a' }] } },
  { name: 'every allowed source, image included, at v1.0', version: 'v1.0', spec: { volumes: ALLOWED_VOLUMES } },
  { name: 'every allowed source at the newest version', version: 'v1.37', spec: { volumes: ALLOWED_VOLUMES } },
  {
    name: 'a volume with no source is stored as an emptyDir; a null source is no source',
    version: 'v1.0',
    spec: { volumes: [{ name: 'defaulted' }, { name: 'nulled', hostPath: null as never }] },
  },
  {
    name: 'every restricted source, after the allowed ones; names as found, types sorted',
    version: 'v1.0',
    spec: { volumes: [...ALLOWED_VOLUMES, ...RESTRICTED.map((source, i) => ({ name: `r${i + 1}`, [source]: {} }))] },
    forbidden: {
      reason: 'restricted volume types',
      detail:
        'volumes "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "r16", "r17", "r18", "r19", "r20", "r21" ' +
        'use restricted volume types "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", ' +
        '"gcePersistentDisk", "gitRepo", "glusterfs", "hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", ' +
        '"scaleIO", "storageos", "vsphereVolume"',
      fields: RESTRICTED.map((source, i) => `spec.volumes[${ALLOWED_VOLUMES.length + i}].${source}`),
    },
  },
  {
    name: 'one hostPath volume',
    version: 'v1.37',
    spec: {
      volumes: [
        { name: 'cfg', configMap: { name: 'c' } },
        { name: 'host', hostPath: { path: '/var/run' } },
      ],
    },
    forbidden: { reason: 'restricted volume types', detail: 'volume "host" uses restricted volume type "hostPath"', fields: ['spec.volumes[1].hostPath'] },
  },
  {
    name: 'two volumes of one type: names repeat, the type does not',
    version: 'v1.25',
    spec: {
      volumes: [
        { name: 'n', nfs: { server: 'a', path: '/' } },
        { name: 'n', nfs: { server: 'b', path: '/' } },
      ],
    },
    forbidden: {
      reason: 'restricted volume types',
      detail: 'volumes "n", "n" use restricted volume type "nfs"',
      fields: ['spec.volumes[0].nfs', 'spec.volumes[1].nfs'],
    },
  },
  {
    name: 'an allowed source wins over a restricted one in the same (invalid) volume, as upstream checks it first',
    version: 'v1.0',
    spec: { volumes: [{ name: 'both', secret: {}, hostPath: { path: '/' } }] },
  },
  {
    name: 'several restricted sources in one (invalid) volume: the first in upstream order is reported',
    version: 'v1.0',
    spec: { volumes: [{ name: 'both', nfs: {}, hostPath: { path: '/' } }] },
    forbidden: { reason: 'restricted volume types', detail: 'volume "both" uses restricted volume type "hostPath"', fields: ['spec.volumes[0].hostPath'] },
  },
  {
    name: 'an unnamed volume prints as ""',
    version: 'v1.0',
    spec: { volumes: [{ gitRepo: { repository: 'https://example.com/r.git' } }] },
    forbidden: { reason: 'restricted volume types', detail: 'volume "" uses restricted volume type "gitRepo"', fields: ['spec.volumes[0].gitRepo'] },
  },
  {
    name: 'mistyped input: non-array volumes are ignored',
    version: 'v1.0',
    spec: { volumes: { name: 'x', hostPath: {} } as never },
  },
  {
    name: 'mistyped input: null and scalar entries are skipped',
    version: 'v1.0',
    spec: { volumes: [null as never, 'x' as never] },
  },
]);
