package dev.cognitocreds.localcognito.sigv4;

/**
 * Who signed a request whose signature checked out, and for which region its credential scope was
 * made (the region of the endpoint the caller meant to reach).
 */
public record VerifiedSigner(String accessKeyId, String region) {}
