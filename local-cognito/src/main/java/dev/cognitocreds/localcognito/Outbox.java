package dev.cognitocreds.localcognito;

import dev.cognitocreds.localcognito.userpool.CodeDelivery;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for SMS and e-mail: every code lands here and in the log, where tests and the demo read
 * it.
 */
public final class Outbox implements CodeDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private final List<OutboxMessage> messages = new CopyOnWriteArrayList<>();
  private final Clock clock;

  Outbox(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void deliver(
      String poolId,
      String username,
      String medium,
      String destination,
      String code,
      String purpose) {
    messages.add(
        new OutboxMessage(poolId, username, medium, destination, code, purpose, clock.instant()));
    // The outbox is the emulated phone/mailbox of a test fixture; the code is what the user would
    // read there.
    LOG.info(
        "outbox: {} code {} for user {} ({}) via {} to {}",
        purpose,
        code,
        username,
        poolId,
        medium,
        destination);
  }

  public List<OutboxMessage> messages() {
    return List.copyOf(messages);
  }

  public List<OutboxMessage> messages(String username) {
    return messages.stream().filter(m -> m.username().equals(username)).toList();
  }

  /** The newest code sent to this user, if any. */
  public Optional<String> latestCode(String username) {
    List<OutboxMessage> forUser = messages(username);
    return forUser.isEmpty()
        ? Optional.empty()
        : Optional.of(forUser.get(forUser.size() - 1).code());
  }
}
