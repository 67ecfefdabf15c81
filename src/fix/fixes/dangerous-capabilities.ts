// Fix for the hardening policy dangerous-capabilities.

import { defineFix } from '../engine/fix';
import { REMOVE_ADDED_REMEDY } from './capabilities_restricted';
import { removeForbiddenAdded } from './shared/remove-added';

export const dangerousCapabilities = defineFix({
  id: 'dangerous-capabilities',
  summary: 'Remove the dangerous capabilities (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, …) from capabilities.add.',
  remedies: { 'remove-added': REMOVE_ADDED_REMEDY },
  plan: ({ pod, finding, profile }) => ({
    changes: finding.fields.flatMap((f) => removeForbiddenAdded(pod, f, 'dangerous-capabilities', profile)),
    manual: [],
  }),
});
