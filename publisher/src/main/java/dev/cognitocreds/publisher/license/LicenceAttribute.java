package dev.cognitocreds.publisher.license;

/** The user attribute the identity pool's rule reads, and its two values. */
public final class LicenceAttribute {
  public static final String NAME = "custom:isLicensed";
  public static final String LICENSED = "1";
  public static final String NOT_LICENSED = "0";

  private LicenceAttribute() {}

  public static String value(boolean licensed) {
    return licensed ? LICENSED : NOT_LICENSED;
  }
}
