package dev.cognitocreds.localcognito.hostedui;

/** An app client's authorization request, kept while the person signs in. */
record AuthorizeRequest(
    String domain,
    String poolId,
    String clientId,
    String redirectUri,
    String state,
    String nonce,
    String scope,
    String challenge,
    String method) {}
