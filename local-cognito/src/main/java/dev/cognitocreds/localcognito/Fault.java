package dev.cognitocreds.localcognito;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;

/**
 * Misbehaviour injected into one operation: added latency, a share of throttling (400 {@code
 * TooManyRequestsException}), of server errors (500), of dropped connections, and an outage window
 * (every call dropped) counted from the moment the fault is set.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Fault(
    long latencyMs,
    double throttleRate,
    double serverErrorRate,
    double dropRate,
    long outageSeconds) {
  public static final Fault NONE = new Fault(0, 0, 0, 0, 0);

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
