import 'server-only';
import { readUserPreferences, writeUserPreferences, type UserPreferences } from '../db/queries/user-preferences.ts';
import { authz, builder } from './builder.ts';
import { ViewerRef } from './session.ts';

const ViewerSettingsRef = builder.objectRef<UserPreferences>('ViewerSettings').implement({
  description: 'The viewer’s own preferences, kept on the server (E-mail options).',
  fields: (t) => ({
    archiveSuggestReplies: t.exposeBoolean('archiveSuggestReplies', {
      description: 'Replying to or forwarding an archived message pre-selects Send and archive with the same targets.',
    }),
    archiveAutoSuggest: t.exposeBoolean('archiveAutoSuggest', {
      description: 'The archive dialogs pre-select the suggested persons and companies (archiveSuggestions).',
    }),
  }),
});

builder.objectField(ViewerRef, 'settings', (t) =>
  t.field({
    type: ViewerSettingsRef,
    resolve: (viewer, _args, { services }) => readUserPreferences(services.database.db, viewer.user.id),
  }),
);

const ViewerSettingsInput = builder.inputType('ViewerSettingsInput', {
  description: 'The preferences to change; a field left out keeps its value.',
  fields: (t) => ({
    archiveSuggestReplies: t.boolean(),
    archiveAutoSuggest: t.boolean(),
  }),
});

builder.mutationField('setViewerSettings', (t) =>
  t.field({
    type: ViewerSettingsRef,
    description: 'Changes the viewer’s own preferences.',
    extensions: authz('signedIn'),
    args: { input: t.arg({ type: ViewerSettingsInput, required: true }) },
    resolve: (_root, { input }, { services, viewer }) =>
      writeUserPreferences(services.database.db, viewer!.user.id, {
        archiveSuggestReplies: input.archiveSuggestReplies ?? undefined,
        archiveAutoSuggest: input.archiveAutoSuggest ?? undefined,
      }),
  }),
);
