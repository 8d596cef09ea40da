package dev.cognitocreds.daemon.http;

import java.util.Map;

/** What a route handler gets of a request: the decoded path parameters and the body. */
// The body is read by the handler, never compared.
@SuppressWarnings("ArrayRecordComponent")
record RouteRequest(Map<String, String> params, byte[] body) {

  String param(String name) {
    return params.get(name);
  }
}
