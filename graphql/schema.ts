import 'server-only';
import { enforceAuthorization } from './authz.ts';
import { builder } from './builder.ts';
import { enforceInputLimits } from './input-limits.ts';
import './session.ts';
import './user.ts';

/**
 * The whole API. It refuses to build when a root field has no authorization policy, or an
 * argument no input limit. Input limits wrap last so they run first: before authorization,
 * before any database access.
 */
export const schema = enforceInputLimits(enforceAuthorization(builder.toSchema({ sortSchema: true })));
import './message.ts';
import './message-detail.ts';
import './mail-actions.ts';
import './mail-folders.ts';
import './search.ts';
import './mail-account.ts';
import './settings.ts';
import './admin-mail-accounts.ts';
import './trusted-image-senders.ts';
import './outbox.ts';
import './drafts.ts';
import './address-suggestions.ts';
import './sent-copy.ts';
import './signature.ts';
import './outbox-edit.ts';
import './archive.ts';
import './archive-mutations.ts';
import './archive-events.ts';
import './archive-search.ts';
import './user-preferences.ts';
import './archive-on-send.ts';
import './crm-companies.ts';
import './crm-persons.ts';
import './crm-projects.ts';
import './crm-sales.ts';
