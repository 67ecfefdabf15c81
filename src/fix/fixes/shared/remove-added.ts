// Removing from a container's capabilities.add what a check forbids, asking the check itself which
// capabilities those are. Shared by every fix whose finding names a capabilities.add list.

import type { PodLike } from '../../../k8s/types';
import type { Profile } from '../../../pss/evaluate';
import type { PlannedChange } from '../../engine/fix';
import { containerAt } from './pod-paths';
import { allowsAddedCapability } from './check-probe';
import { removeFromList } from './remove-from-list';

/** The changes removing, from the list at `field` (`…securityContext.capabilities.add`), what `checkId` forbids. */
export function removeForbiddenAdded(pod: PodLike, field: string, checkId: string, profile: Profile): PlannedChange<'remove-added'>[] {
  const ref = containerAt(pod, field);
  const add: unknown = ref?.container.securityContext?.capabilities?.add;
  if (!ref || !Array.isArray(add)) return [];
  return removeFromList(field, add, (c) => !allowsAddedCapability(checkId, profile, c)).map((change) => ({
    remedy: 'remove-added',
    subject: ref.subject,
    change,
  }));
}
