package dev.cognitocreds.daemon.http;

/**
 * One route's work: from a request to the JSON answer of a 200; failures are thrown as {@link
 * dev.cognitocreds.daemon.Failure} or {@link ApiError}.
 */
@FunctionalInterface
interface Route {

  byte[] answer(RouteRequest request);
}
