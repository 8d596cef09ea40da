package dev.cognitocreds.localcognito.userpool;

import dev.cognitocreds.localcognito.CognitoException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * All user pools and the state shared by the operation groups: clock, randomness, sign-ins,
 * sessions.
 */
final class UserPools {
  final Map<String, UserPool> pools = new LinkedHashMap<>();
  private final Clock clock;
  private final SecureRandom random;
  private final SignIns signIns;
  private final AuthSessions sessions;
  private final CodeDelivery delivery;
  private final String accountId;

  UserPools(Clock clock, SecureRandom random, CodeDelivery delivery, String accountId) {
    this.clock = clock;
    this.random = random;
    this.delivery = delivery;
    this.accountId = accountId;
    this.signIns = new SignIns(random);
    this.sessions = new AuthSessions(random);
  }

  Instant now() {
    return clock.instant();
  }

  SecureRandom random() {
    return random;
  }

  SignIns signIns() {
    return signIns;
  }

  AuthSessions sessions() {
    return sessions;
  }

  String accountId() {
    return accountId;
  }

  UserPool pool(String poolId) {
    UserPool pool = pools.get(poolId);
    if (pool == null) {
      throw CognitoException.resourceNotFound("User pool " + poolId + " does not exist.");
    }
    return pool;
  }

  Optional<UserPool> byIssuer(String issuer) {
    return pools.values().stream().filter(p -> p.issuer().equals(issuer)).findFirst();
  }

  UserPool poolOfClient(String clientId) {
    return pools.values().stream()
        .filter(p -> p.clients.containsKey(clientId))
        .findFirst()
        .orElseThrow(
            () ->
                CognitoException.resourceNotFound(
                    "User pool client " + clientId + " does not exist."));
  }

  AppClient client(String clientId) {
    return poolOfClient(clientId).client(clientId);
  }

  User user(UserPool pool, String username) {
    return pool.findUser(username)
        .orElseThrow(() -> new CognitoException("UserNotFoundException", "User does not exist."));
  }

  /**
   * Sends a six-digit code through the outbox and returns where it went, as CodeDeliveryDetails.
   */
  String sendCode(UserPool pool, User user, String medium, String purpose) {
    String code = String.format("%06d", random.nextInt(1_000_000));
    String destination =
        "SMS".equals(medium) ? user.attributes.get("phone_number") : user.attributes.get("email");
    delivery.deliver(pool.id, user.username, medium, destination, code, purpose);
    return code;
  }
}
