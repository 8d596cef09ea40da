package dev.cognitocreds.localcognito;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;

/**
 * Misbehaviour injected into one operation: added latency, a share of throttling (400 {@code
 * TooManyRequestsException}), of server errors (500), of dropped connections, an outage window
 * (every call dropped) counted from the moment the fault is set, and {@code hang}: every call is
 * held without an answer until the fault is cleared or replaced, then answered at once, as by a
 * Cognito frozen and resumed (SIGSTOP, SIGCONT) or a network that stalls and recovers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Fault(
    long latencyMs,
    double throttleRate,
    double serverErrorRate,
    double dropRate,
    long outageSeconds,
    boolean hang) {
  public static final Fault NONE = new Fault(0, 0, 0, 0, 0, false);

  public Fault(
      long latencyMs,
      double throttleRate,
      double serverErrorRate,
      double dropRate,
      long outageSeconds) {
    this(latencyMs, throttleRate, serverErrorRate, dropRate, outageSeconds, false);
  }

  public static Fault hangUntilCleared() {
    return new Fault(0, 0, 0, 0, 0, true);
  }

  public static Fault latency(Duration latency) {
    return new Fault(latency.toMillis(), 0, 0, 0, 0);
  }

  public static Fault throttle(double rate) {
    return new Fault(0, rate, 0, 0, 0);
  }

  public static Fault serverError(double rate) {
    return new Fault(0, 0, rate, 0, 0);
  }

  public static Fault drop(double rate) {
    return new Fault(0, 0, 0, rate, 0);
  }

  public static Fault outage(Duration length) {
    return new Fault(0, 0, 0, 0, length.toSeconds());
  }
}
