package dev.cognitocreds.client.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one ObjectMapper, created on first use: {@code --help}, {@code --version} and a daemon that
 * is down never pay for loading Jackson.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
