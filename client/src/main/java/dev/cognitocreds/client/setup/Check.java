package dev.cognitocreds.client.setup;

/**
 * One line of {@code doctor}: what was checked, what was found and, when it is not fine, the fix.
 */
record Check(String name, Outcome outcome, String detail, String fix) {

  enum Outcome {
    /** Fine. */
    OK,
    /** Worth fixing, but a pull works without it. */
    WARN,
    /** A pull needs this. */
    FAIL
  }

  static Check ok(String name, String detail) {
    return new Check(name, Outcome.OK, detail, null);
  }

  static Check warn(String name, String detail, String fix) {
    return new Check(name, Outcome.WARN, detail, fix);
  }

  static Check fail(String name, String detail, String fix) {
    return new Check(name, Outcome.FAIL, detail, fix);
  }

  boolean critical() {
    return outcome == Outcome.FAIL;
  }

  /**
   * @param unicode whether the terminal can show ✔ and ✘ (else: "ok" and "FAIL"/"WARN")
   */
  String line(boolean unicode) {
    String mark =
        unicode
            ? (outcome == Outcome.OK ? "✔" : "✘")
            : (outcome == Outcome.OK ? "ok" : outcome.name());
    String text = mark + " " + name + ": " + detail;
    return fix == null ? text : text + "\n    fix: " + fix;
  }
}
