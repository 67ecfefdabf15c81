// Fix for the hardening policy windows-container-administrator.

import { defineFix } from '../engine/fix';
import { setEachField } from './shared/each-field';

export const windowsContainerAdministrator = defineFix({
  id: 'windows-container-administrator',
  summary: 'Run Windows containers as ContainerUser.',
  remedies: {
    'container-user': {
      safe: false,
      change: 'changes windowsOptions.runAsUserName: ContainerAdministrator to ContainerUser, where it is set',
      rationale:
        'The process loses administrator rights in the container: installing software, writing to C:\\Windows or Program Files, and changing system settings fail.',
      verify: 'Run the image with `docker run --user ContainerUser` on Windows and exercise it.',
    },
  },
  plan: setEachField('container-user', 'ContainerUser'),
});
