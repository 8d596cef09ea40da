package dev.cognitocreds.daemon.http;

import java.util.Map;
import java.util.Optional;

/**
 * What a route handler gets of a request: the decoded path parameters, the query parameters (first
 * value of each) and the body.
 */
record RouteRequest(Map<String, String> params, Map<String, String> query, byte[] body) {

  RouteRequest(Map<String, String> params, byte[] body) {
    this(params, Map.of(), body);
  }

  String param(String name) {
    return params.get(name);
  }

  Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name)).filter(value -> !value.isEmpty());
  }
}
