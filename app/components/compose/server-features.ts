/**
 * Parts of the issue 11 API the composer is ready for but the server on this branch does not
 * have yet (the drafts helper's branch adds both). Asking for them now would only earn a
 * validation error per keystroke or per save. Turn each on once graphql/schema.graphql has it.
 */
export const SERVER_HAS = {
  /** Query.addressSuggestions: To/Cc/Bcc autocomplete. */
  addressSuggestions: false,
  /** Mutation.saveDraft / discardDraft and ComposeInput.draftId: autosave. */
  drafts: false,
} as const;
