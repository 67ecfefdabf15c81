import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PodSpec } from '../k8s/types';
import { ALLOWED, forbidden } from './check';
import {
  anyContainer,
  badSetters,
  containerField,
  containersWhere,
  exempting,
  inUserNamespace,
  isWindowsPod,
  joinQuote,
  profileOf,
  quotedContainers,
  visitContainers,
} from './helpers';
import { podFacts, type ContainerFields } from './pod-facts';

/** Lists with holes upstream never sees: null entries, a string, and a list that is not an array. */
const SPEC = {
  containers: [{ name: 'c0' }, null, { name: 'c2', securityContext: { privileged: true } }],
  initContainers: [{ name: 'i0', securityContext: { privileged: true } }, 'junk'],
  ephemeralContainers: 'not a list',
} as unknown as PodSpec;

const isPrivileged = (c: ContainerFields) => c.securityContext?.privileged === true;

describe('visiting containers', () => {
  test('init, regular, then ephemeral containers, each with its list and index; entries that are not objects are skipped', () => {
    const seen: string[] = [];
    visitContainers(SPEC, (c, list, i) => seen.push(`${list}[${i}]=${String(c.name)}`));
    assert.deepEqual(seen, ['initContainers[0]=i0', 'containers[0]=c0', 'containers[2]=c2']);
  });

  test('anyContainer asks every list and skips entries that are not objects', () => {
    assert.equal(anyContainer(podFacts(SPEC), isPrivileged), true);
    assert.equal(
      anyContainer(podFacts(SPEC), (c) => c.name === 'c1'),
      false,
    );
    assert.equal(
      anyContainer(podFacts({ ephemeralContainers: [{ name: 'e' }] }), (c) => c.name === 'e'),
      true,
    );
    assert.equal(
      anyContainer(podFacts({}), () => true),
      false,
    );
  });

  test('containersWhere gives names and field paths in visiting order, or undefined', () => {
    assert.deepEqual(containersWhere(podFacts(SPEC), isPrivileged, 'securityContext.privileged'), {
      names: ['i0', 'c2'],
      fields: ['spec.initContainers[0].securityContext.privileged', 'spec.containers[2].securityContext.privileged'],
    });
    assert.equal(
      containersWhere(podFacts(SPEC), () => false, 'x'),
      undefined,
    );
  });

  test('containerField builds the pod-relative path', () => {
    assert.equal(containerField('ephemeralContainers', 3, 'ports[1].hostPort'), 'spec.ephemeralContainers[3].ports[1].hostPort');
  });
});

describe('messages as upstream words them', () => {
  test('joinQuote and quotedContainers', () => {
    assert.equal(joinQuote([]), '');
    assert.equal(joinQuote(['a', 'b']), '"a", "b"');
    assert.equal(quotedContainers(['a']), 'container "a"');
    assert.equal(quotedContainers(['a', 'b']), 'containers "a", "b"');
  });

  test('badSetters: the pod, the containers, or both', () => {
    assert.equal(badSetters(true, undefined), 'pod');
    assert.equal(badSetters(true, []), 'pod');
    assert.equal(badSetters(false, ['a']), 'container "a"');
    assert.equal(badSetters(true, ['a', 'b']), 'pod and containers "a", "b"');
  });
});

test('profileOf: a profile set to an object; null and other values are unset', () => {
  const profile = { type: 'Localhost' };
  assert.equal(profileOf({ seccompProfile: profile }, 'seccompProfile'), profile);
  assert.equal(profileOf({ seccompProfile: profile }, 'appArmorProfile'), undefined);
  assert.equal(profileOf({ appArmorProfile: null } as never, 'appArmorProfile'), undefined);
  assert.equal(profileOf({ appArmorProfile: 'Unconfined' } as never, 'appArmorProfile'), undefined);
  assert.equal(profileOf(undefined, 'seccompProfile'), undefined);
});

test('exempting admits the pods it picks out and judges the rest with the older version', () => {
  const denyAll = () => forbidden('r', 'd', []);
  const windows = exempting(isWindowsPod, denyAll);
  assert.equal(windows({}, { os: { name: 'windows' } }), ALLOWED);
  assert.equal(windows({}, { os: { name: 'linux' } }).allowed, false);
  const userNamespace = exempting(inUserNamespace, denyAll);
  assert.equal(userNamespace({}, { hostUsers: false }), ALLOWED);
  assert.equal(userNamespace({}, { hostUsers: true }).allowed, false);
  assert.equal(userNamespace({}, {}).allowed, false);
});
