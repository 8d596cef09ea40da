package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Renders the daemon's {@code /v1/status} for a person: one row per profile, then the problems. */
final class StatusTable {
  private static final String[] HEADER = {
    "PROFILE", "STATE", "USER", "EXPIRES", "NEXT REFRESH", "STORE"
  };

  private final Instant now;

  StatusTable(Instant now) {
    this.now = now;
  }

  String render(JsonNode status) {
    StringBuilder text = new StringBuilder();
    text.append("cognito-credsd ")
        .append(status.path("version").asText("?"))
        .append(" on 127.0.0.1:")
        .append(status.path("port").asText("?"))
        .append(", config ")
        .append(status.path("configFile").asText("?"))
        .append('\n');
    JsonNode profiles = status.path("profiles");
    if (profiles.isEmpty()) {
      return text.append("No cognito profiles: add cognito_user_pool_id, cognito_client_id and")
          .append(" cognito_identity_pool_id to a profile of the AWS config file.\n")
          .toString();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    List<String> notes = new ArrayList<>();
    for (JsonNode profile : profiles) {
      String name = profile.path("profile").asText();
      rows.add(
          new String[] {
            name,
            profile.path("state").asText("?"),
            orDash(profile.path("username")),
            relative(profile.path("expiration")),
            relative(profile.path("nextRefresh")),
            orDash(profile.path("store")),
          });
      for (JsonNode problem : profile.path("problems")) {
        notes.add(
            name
                + ": "
                + (problem.isValueNode()
                    ? problem.asText()
                    : problem.path("message").asText(problem.toString())));
      }
      for (JsonNode warning : profile.path("warnings")) {
        notes.add(name + ": warning: " + warning.asText());
      }
      if (!profile.path("lastError").isNull() && !profile.path("lastError").isMissingNode()) {
        JsonNode lastError = profile.path("lastError");
        notes.add(
            name
                + ": last error: "
                + (lastError.isValueNode()
                    ? lastError.asText()
                    : lastError.path("message").asText(lastError.toString())));
      }
    }
    appendAligned(text, rows);
    for (String note : notes) {
      text.append(note).append('\n');
    }
    return text.toString();
  }

  private static void appendAligned(StringBuilder text, List<String[]> rows) {
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int column = 0; column < row.length; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < row.length; column++) {
        line.append(row[column]).append(" ".repeat(widths[column] - row[column].length() + 2));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String orDash(JsonNode value) {
    return value.isNull() || value.isMissingNode() || value.asText().isBlank()
        ? "-"
        : value.asText();
  }

  /** "in 41m", "3m ago"; the exact instant stays in {@code --json}. */
  private String relative(JsonNode value) {
    if (value.isNull() || value.isMissingNode() || value.asText().isBlank()) {
      return "-";
    }
    Instant at;
    try {
      at = Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      return value.asText();
    }
    Duration delta = Duration.between(now, at);
    return delta.isNegative() ? humane(delta.negated()) + " ago" : "in " + humane(delta);
  }

  private static String humane(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m";
    }
    return seconds / 3600 + "h" + String.format("%02dm", (seconds % 3600) / 60);
  }
}
