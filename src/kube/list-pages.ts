// Lists a collection page by page with `limit` and `continue`, as kubectl does. When a continue
// token has expired the API server answers 410 Gone ("Expired"); the list is then restarted from
// the beginning, discarding the pages already read, so the result is one consistent snapshot
// rather than a mix of two (the API conventions, "Retrieving large results sets in chunks").
//
// Items in an API server's list responses carry no kind or apiVersion (kubectl adds them when it
// prints); we set them from the list's own, since evaluation finds the pod by kind.

import type { KubeObject } from '../k8s/types';
import { ApiError, parseOk, type KubeApi } from './kube-api';

/** Restarts after expired continue tokens before giving up (each restart reads the list again). */
export const MAX_RESTARTS = 3;

/**
 * Pages read from one list before giving up, unless the user raises it (`--max-pages`). A
 * misbehaving API server (or a proxy in front of it) can invent continue tokens forever; every
 * page is kept until the namespace is evaluated, so without a cap the audit neither ends nor
 * stops growing. 10,000 pages of the default 500 objects is five million objects in one list.
 */
export const DEFAULT_MAX_PAGES = 10_000;

export interface Paging {
  /** Objects per page (`limit`). */
  readonly limit: number;
  /** Pages per list (per attempt, when an expired token restarts it). */
  readonly maxPages?: number;
}

interface ListBody {
  readonly kind?: unknown;
  readonly apiVersion?: unknown;
  readonly metadata?: { readonly continue?: unknown };
  readonly items?: unknown;
}

export interface ListResult {
  readonly items: KubeObject[];
  /** Pages read, and restarts after an expired continue token. */
  readonly pages: number;
  readonly restarts: number;
}

export async function listAll(api: KubeApi, path: string, paging: Paging, onPage?: (items: number) => void): Promise<ListResult> {
  const { limit } = paging;
  const maxPages = paging.maxPages ?? DEFAULT_MAX_PAGES;
  let items: KubeObject[] = [];
  let token: string | undefined;
  let pages = 0;
  let restarts = 0;
  // Tokens seen in this attempt: a server that hands one back again would loop forever.
  let seen = new Set<string>();
  let pagesThisAttempt = 0;
  for (;;) {
    const query: Record<string, string> = { limit: String(limit) };
    if (token !== undefined) query['continue'] = token;
    const res = await api.send({ method: 'GET', path, query });
    if (res.status === 410 && token !== undefined) {
      if (++restarts > MAX_RESTARTS)
        throw new ApiError(`the list of ${path} kept expiring (${MAX_RESTARTS} restarts); try a larger --chunk-size`, 410, 'Expired');
      items = [];
      token = undefined;
      seen = new Set();
      pagesThisAttempt = 0;
      continue;
    }
    const body = parseOk(res) as ListBody;
    pages++;
    pagesThisAttempt++;
    if (!body || !Array.isArray(body.items)) throw new ApiError(`the API server's answer for ${path} is not a list`, res.status);
    const listKind = typeof body.kind === 'string' && body.kind.endsWith('List') ? body.kind.slice(0, -'List'.length) : undefined;
    const apiVersion = typeof body.apiVersion === 'string' ? body.apiVersion : undefined;
    for (const item of body.items as unknown[]) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
      const obj = item as Record<string, unknown>;
      if (obj['kind'] === undefined && listKind !== undefined) obj['kind'] = listKind;
      if (obj['apiVersion'] === undefined && apiVersion !== undefined) obj['apiVersion'] = apiVersion;
      items.push(obj as KubeObject);
    }
    onPage?.(body.items.length);
    const next = body.metadata?.continue;
    if (typeof next !== 'string' || next === '') return { items, pages, restarts };
    if (seen.has(next)) {
      throw new ApiError(
        `the API server repeated a continue token while listing ${path} (after ${pagesThisAttempt} pages); the list would never end`,
        res.status,
      );
    }
    if (pagesThisAttempt >= maxPages) {
      throw new ApiError(
        `the list of ${path} has more than ${maxPages} pages of ${limit} (--max-pages); raise --max-pages or --chunk-size if the cluster really holds that many`,
        res.status,
      );
    }
    seen.add(next);
    token = next;
  }
}
