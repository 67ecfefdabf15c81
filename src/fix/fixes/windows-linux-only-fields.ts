// Fix for the hardening policy windows-linux-only-fields.

import { defineFix } from '../engine/fix';
import { removeEachField } from './shared/each-field';

export const windowsLinuxOnlyFields = defineFix({
  id: 'windows-linux-only-fields',
  summary: 'Remove Linux-only security settings from Windows pods.',
  remedies: {
    'remove-linux-fields': {
      safe: true,
      change: 'removes the Linux-only fields (runAsUser, capabilities, seccompProfile, seLinuxOptions, …) from a Windows pod',
      rationale:
        'Windows nodes ignore them, so the pod runs exactly as before; with spec.os.name: windows the API server ' +
        'rejects them, so the pod could not even be created.',
    },
  },
  plan: removeEachField('remove-linux-fields'),
});
