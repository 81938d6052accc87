/**
 * What a token endpoint answered, as the mail code stores it (sealed, with the account's
 * credentials). Plain data: no secrets leave lib/ except into the sealed column.
 */
export interface OAuthTokens {
  accessToken: string;
  /**
   * The refresh token to use next time. After a refresh it is the new one if the provider rotated
   * it (Microsoft does, RFC 6749 §6), otherwise the one that was used: always store this value.
   */
  refreshToken: string;
  /** When the access token stops working, from `expires_in` (RFC 6749 §5.1). */
  expiresAt: Date;
  /** As granted: the answer's `scope`, or what was asked for when the answer has none (§5.1). */
  scopes: string[];
}
