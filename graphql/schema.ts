import 'server-only';
import { enforceAuthorization } from './authz.ts';
import { builder } from './builder.ts';
import './session.ts';
import './user.ts';

/** The whole API; root fields without an authorization policy make this throw. */
export const schema = enforceAuthorization(builder.toSchema({ sortSchema: true }));
import './message.ts';
import './mail-account.ts';
import './settings.ts';
import './admin-mail-accounts.ts';
