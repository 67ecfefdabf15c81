// What the webhook answers when it cannot decide (a bug, or a cluster it cannot reach): the
// explicit fail-open / fail-closed choice for each kind of request, documented in docs/webhook.md.
//
//   /validate, pods              fail closed: denied, HTTP-style 500 status, like Pod Security
//                                Admission when it cannot look up a pod's namespace
//   /validate, anything else     fail open: allowed, the error in the `error` audit annotation,
//                                like PSA for workloads (their pods are still judged)
//   /mutate                      fail open: allowed unchanged (/validate still judges the pod)

import { internalErrorStatus } from '../../psa/api-status';
import { AUDIT } from '../decision/decide';
import type { Webhook } from './metrics';
import type { AdmissionRequest, Verdict } from '../decision/review';

export function failureVerdict(webhook: Webhook, req: AdmissionRequest, error: Error): Verdict {
  const isPod = req.resource.group === '' && req.resource.resource === 'pods';
  if (webhook === 'validate' && isPod) {
    const status = internalErrorStatus(`podguard could not evaluate the pod: ${error.message}`);
    return { allowed: false, status, auditAnnotations: { [AUDIT.error]: status.message } };
  }
  const what = webhook === 'mutate' ? 'mutation failed; the object was left unchanged' : 'evaluation failed; allowed (fail open)';
  return { allowed: true, auditAnnotations: { [AUDIT.error]: `podguard ${what}: ${error.message}` } };
}
