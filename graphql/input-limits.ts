import {
  defaultFieldResolver,
  getNullableType,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isListType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { AppError } from '../lib/errors.ts';
import { toGraphQLError } from './errors.ts';
import { isUuid } from '../db/is-uuid.ts';
import {
  MAX_CRM_ADDRESS_LENGTH,
  MAX_CRM_ADDRESSES,
  MAX_CRM_DOMAIN_LENGTH,
  MAX_CRM_LOOKUP,
  MAX_CRM_SHORT_TEXT_LENGTH,
} from '../lib/crm/normalize-crm-input.ts';
import { MAX_FOLDER_NAME_LENGTH } from '../lib/mail-folders/plan-folder-action.ts';

/**
 * The longest values the API accepts (issue 8, item 2). Everything that enters the API is
 * bounded before any other work: no database query, no argon2, no rate-limit key, no DNS
 * lookup ever sees an oversize value.
 */
export const MAX_LENGTH = {
  /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
  email: 254,
  /** Generous for pass phrases; argon2 never hashes more than this. */
  password: 1024,
  /** Person and organisation names (lib/users/validate-new-user.ts allows 200). */
  name: 200,
  /** `host`, `host:port` or `[ipv6]:port`: a 253-character DNS name (RFC 1035 §2.3.4) plus `:65535`. */
  server: 260,
  /** IMAP/SMTP login names: often the address, sometimes `domain\user` or longer. */
  username: 512,
  /** A SHA-256 fingerprint as pasted: 95 characters `AB:CD:…`, or openssl's `sha256 Fingerprint=` line. */
  fingerprint: 160,
  /** What the search box sends (lib/search/parse-search-query.ts: MAX_SEARCH_QUERY_LENGTH). */
  searchQuery: 500,
  /** An opaque page cursor (graphql/message.ts: base64url of an ISO date and a UUID). */
  cursor: 100,
  /** One level of a folder name (lib/mail-folders/plan-folder-action.ts: MAX_FOLDER_NAME_LENGTH). */
  folderName: MAX_FOLDER_NAME_LENGTH,
  /** The one-time setup token the server prints (lib/auth/setup-token.ts: hex of 32 random bytes), with room to spare. */
  token: 256,
  /** A CRM page cursor (lib/crm/crm-page.ts: base64url of a UUID and a lower-cased name of up to 200 characters, UTF-8). */
  crmCursor: 1000,
  /** CRM phone numbers and job titles (lib/crm/normalize-crm-input.ts). */
  crmShortText: MAX_CRM_SHORT_TEXT_LENGTH,
  /** A company's postal address, several lines. */
  crmAddress: MAX_CRM_ADDRESS_LENGTH,
  /** RFC 1035 §2.3.4: a domain name as text. */
  domain: MAX_CRM_DOMAIN_LENGTH,
  /** ISO 4217 currency code, with room for stray spaces. */
  currency: 10,
} as const;

/**
 * The most items a list argument accepts.
 */
export const MAX_ITEMS = {
  /**
   * Messages one action (markMessages, moveMessages …) may name: a selected page or a bulk
   * selection; the UI sends larger selections in several requests. Each id is a row lookup and
   * 16 bytes of the action row; a UID set for the server stays short (uid-sets.ts).
   */
  actionMessages: 1000,
  /** A person's e-mail addresses, a company's domains (lib/crm/normalize-crm-input.ts). */
  crmAddresses: MAX_CRM_ADDRESSES,
  /** Addresses or domains one lookup may name: a message's senders and recipients (the sender card, archive suggestions). */
  crmLookup: MAX_CRM_LOOKUP,
} as const;

/** What an argument or input field declares in `extensions`. IDs need nothing: they must be UUIDs. */
export interface InputLimit {
  /** For strings (and custom scalars): the longest value, in UTF-16 code units. */
  maxLength?: number;
  /** For lists: the most items. */
  maxItems?: number;
}

/** `extensions` for a String argument or input field. */
export function maxLength(n: number): { maxLength: number } {
  return { maxLength: n };
}

/** `extensions` for a list argument or input field (its items still declare their own limit). */
export function maxItems(n: number, itemMaxLength?: number): InputLimit {
  return itemMaxLength === undefined ? { maxItems: n } : { maxItems: n, maxLength: itemMaxLength };
}

type Check = (value: unknown, field: string) => void;

/**
 * Bounded input first (STYLE.md rule 14): every argument of every field is checked against its
 * declared limit before the field's resolver (and its authorization guard) runs; IDs must be
 * UUIDs, so a malformed id is BAD_USER_INPUT instead of a database error carrying the value.
 * Like `enforceAuthorization`, it refuses to build a schema in which a String (or custom scalar)
 * argument or input field declares no `maxLength`, or a list no `maxItems`: a new field cannot
 * forget its bound. Apply it last, so that its wrapper runs first.
 */
export function enforceInputLimits(schema: GraphQLSchema): GraphQLSchema {
  const inputChecks = new Map<string, Check>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const isRoot = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type);
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const checks = field.args.map((arg) => {
        const where = `${type.name}.${field.name}(${arg.name})`;
        const check = compile(arg.type, arg.extensions as InputLimit, where, inputChecks);
        // A root field's `input` object is the form: name its fields as the form does (`imap.server`).
        const prefix = isRoot && arg.name === 'input' && isInputObjectType(getNullableType(arg.type)) ? '' : arg.name;
        return { name: arg.name, prefix, check };
      });
      const checkArgs = (args: Record<string, unknown>) => {
        for (const { name, prefix, check } of checks) check?.(args[name], prefix);
      };
      const config = field as unknown as GraphQLFieldConfig<unknown, unknown>;
      // A subscription's arguments are checked once, when it is set up.
      if (config.subscribe) config.subscribe = guarded(checkArgs, config.subscribe);
      else config.resolve = guarded(checkArgs, config.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}

function guarded(
  checkArgs: (args: Record<string, unknown>) => void,
  resolve: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    try {
      checkArgs(args);
    } catch (error) {
      throw toGraphQLError(error);
    }
    return resolve(source, args, context, info);
  };
}

/** The check for one argument or input field of `type`; null when the type is bounded by itself. */
function compile(type: GraphQLInputType, limit: InputLimit, where: string, inputChecks: Map<string, Check>): Check | null {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const max = limit.maxItems;
    if (max === undefined) throw new Error(`${where} is a list without a maximum (extensions: maxItems(n))`);
    const item = compile(nullable.ofType as GraphQLInputType, limit, `${where}[]`, inputChecks);
    return (value, field) => {
      if (!Array.isArray(value)) return item?.(value, field);
      if (value.length > max) throw invalid(field, `${field} must have at most ${max} items.`);
      if (item) for (const entry of value) item(entry, field);
    };
  }
  if (nullable === GraphQLID) {
    return (value, field) => {
      if (value != null && !isUuid(String(value))) throw invalid(field, `${field} is not a valid id.`);
    };
  }
  if (nullable === GraphQLInt || nullable === GraphQLFloat || nullable === GraphQLBoolean || isEnumType(nullable)) return null;
  if (isInputObjectType(nullable)) {
    const name = nullable.name;
    if (!inputChecks.has(name)) {
      inputChecks.set(name, () => {}); // placeholder: an input type may refer to itself
      const fields = Object.values(nullable.getFields()).map((f) => ({
        name: f.name,
        check: compile(f.type, f.extensions as InputLimit, `${name}.${f.name}`, inputChecks),
      }));
      inputChecks.set(name, (value, field) => {
        if (value == null || typeof value !== 'object') return;
        for (const f of fields) f.check?.((value as Record<string, unknown>)[f.name], field ? `${field}.${f.name}` : f.name);
      });
    }
    return (value, field) => inputChecks.get(name)!(value, field);
  }
  // String, and custom scalars (their parseValue sees the raw value first: keep it cheap).
  const max = limit.maxLength;
  if (max === undefined)
    throw new Error(`${where} of type ${nullable.toString()} declares no maximum (extensions: maxLength(n))`);
  return (value, field) => {
    if (typeof value === 'string' && value.length > max) throw invalid(field, `${field} must be at most ${max} characters.`);
  };
}

function invalid(field: string, message: string): AppError {
  return new AppError('BAD_USER_INPUT', { field, message });
}
