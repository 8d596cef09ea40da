package dev.cognitocreds.localcognito.identitypool;

/**
 * One identity; {@code login} is "providerName|sub" for authenticated identities, null otherwise.
 */
record Identity(String id, String poolId, String login) {}
