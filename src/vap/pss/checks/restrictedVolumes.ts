// restrictedVolumes, in CEL: src/pss/checks/restrictedVolumes.ts (its source lists are used as they are).
import { ALLOWED_SOURCES, RESTRICTED_SOURCES } from '../../../pss/checks/restrictedVolumes';
import { joinQuote, pluralize, violation } from '../cel';
import type { CelCheck } from '../generator';

// A volume with an allowed source is allowed; otherwise it is reported under its first restricted source.
const RESTRICTED = `!(${ALLOWED_SOURCES.map((s) => `has(v.${s})`).join(' || ')}) && (${RESTRICTED_SOURCES.map((s) => `has(v.${s})`).join(' || ')})`;
const FIRST_SOURCE = RESTRICTED_SOURCES.reduceRight((rest, s) => `has(v.${s}) ? '${s}' : ${rest}`, "''");
const VOLUMES = `object.spec.?volumes.orValue([]).filter(v, ${RESTRICTED})`;
const NAMES = `${VOLUMES}.map(v, v.name)`;
const TYPES = `${VOLUMES}.map(v, ${FIRST_SOURCE}).distinct().sort()`;

export const restrictedVolumes: CelCheck = {
  id: 'restrictedVolumes',
  versions: [
    {
      since: 'v1.0',
      violation: violation(
        `${VOLUMES}.size() > 0`,
        'restricted volume types',
        `${pluralize('volume', 'volumes', NAMES)} + ' ' + ${joinQuote(NAMES)} + ' ' + ${pluralize('uses', 'use', NAMES)} + ' ' + ` +
          `${pluralize('restricted volume type', 'restricted volume types', TYPES)} + ' ' + ${joinQuote(TYPES)}`,
      ),
    },
  ],
};
