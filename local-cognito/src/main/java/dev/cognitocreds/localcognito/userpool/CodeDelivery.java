package dev.cognitocreds.localcognito.userpool;

/** Where codes that Cognito would send by SMS or e-mail go instead. */
public interface CodeDelivery {
  void deliver(
      String poolId,
      String username,
      String medium,
      String destination,
      String code,
      String purpose);
}
