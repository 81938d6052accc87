import 'server-only';
import { getCompanies, type CompanyRecord } from '../lib/crm/companies.ts';
import type { GraphQLContext } from './context.ts';

const companyLoaders = new WeakMap<GraphQLContext, (id: string) => Promise<CompanyRecord | null>>();

/**
 * `Person.company` (and Project's, Sale's) for a whole page in one query: the ids asked for in one
 * tick are read together, once per request (a page of 100 persons is not 100 lookups).
 */
export function loadCompany(context: GraphQLContext, id: string): Promise<CompanyRecord | null> {
  let load = companyLoaders.get(context);
  if (!load) {
    const cache = new Map<string, Promise<CompanyRecord | null>>();
    let pending: Array<{ id: string; resolve: (c: CompanyRecord | null) => void; reject: (e: unknown) => void }> = [];
    const flush = () => {
      const batch = pending;
      pending = [];
      getCompanies(
        context.services.database.db,
        context.viewer!.tenant.id,
        batch.map((b) => b.id),
      ).then(
        (rows) => {
          const byId = new Map(rows.map((row) => [row.id, row]));
          for (const b of batch) b.resolve(byId.get(b.id) ?? null);
        },
        (error: unknown) => batch.forEach((b) => b.reject(error)),
      );
    };
    load = (companyId) => {
      let promise = cache.get(companyId);
      if (!promise) {
        promise = new Promise((resolve, reject) => {
          if (!pending.length) queueMicrotask(flush);
          pending.push({ id: companyId, resolve, reject });
        });
        cache.set(companyId, promise);
      }
      return promise;
    };
    companyLoaders.set(context, load);
  }
  return load(id);
}
