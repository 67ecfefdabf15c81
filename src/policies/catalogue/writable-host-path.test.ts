import { policyCases } from '../../../test/support/policy-cases';
import { writableHostPath } from './writable-host-path';

policyCases(writableHostPath, [
  {
    name: 'mounted read-only',
    spec: {
      volumes: [{ name: 'logs', hostPath: { path: '/data' } }],
      containers: [{ name: 'a', volumeMounts: [{ name: 'logs', mountPath: '/d', readOnly: true }] }],
    },
  },
  { name: 'declared but not mounted', spec: { volumes: [{ name: 'logs', hostPath: { path: '/data' } }], containers: [{ name: 'a' }] } },
  {
    name: 'one writable mount among read-only ones, in an init container',
    spec: {
      volumes: [
        { name: 'cache', emptyDir: {} },
        { name: 'data', hostPath: { path: '/data/' } },
      ],
      initContainers: [
        {
          name: 'i',
          volumeMounts: [
            { name: 'cache', mountPath: '/c' },
            { name: 'data', mountPath: '/d' },
          ],
        },
      ],
      containers: [{ name: 'a', volumeMounts: [{ name: 'data', mountPath: '/d', readOnly: true }] }],
    },
    findings: [
      {
        detail: 'container "i" mounts host path "/data" (volume "data") writable',
        fields: ['spec.initContainers[0].volumeMounts[1].readOnly'],
        container: 'i',
      },
    ],
  },
]);
