package dev.cognitocreds.localcognito;

import dev.cognitocreds.localcognito.sigv4.SigV4Verifier;
import java.util.Map;

/**
 * A service behind SigV4 (ECR, …): every call's signature is checked by its verifier before the
 * operation runs.
 */
public record SignedService(SigV4Verifier verifier, Map<String, SignedOperation> operations) {}
