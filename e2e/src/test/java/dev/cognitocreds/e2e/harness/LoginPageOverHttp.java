package dev.cognitocreds.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * local-cognito's login page (hosted UI or stand-in OIDC provider) walked without a browser, for
 * tests of the protocol that need no chromium.
 */
public final class LoginPageOverHttp {

  private static final Pattern REQUEST = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");
  private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** Signs in on the page at {@code address}; the query of the redirect to the client. */
  public Map<String, String> signIn(String address, String username, String password) {
    try {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(address)).build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher request = REQUEST.matcher(page.body());
      Matcher action = ACTION.matcher(page.body());
      if (!request.find() || !action.find()) {
        throw new IllegalStateException("not a login page: " + page.body());
      }
      StringJoiner form = new StringJoiner("&");
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("request", request.group(1));
      fields.put("username", username);
      fields.put("password", password);
      fields.put("action", "signIn");
      fields.forEach(
          (name, value) ->
              form.add(
                  URLEncoder.encode(name, StandardCharsets.UTF_8)
                      + "="
                      + URLEncoder.encode(value, StandardCharsets.UTF_8)));
      HttpResponse<String> redirect =
          http.send(
              HttpRequest.newBuilder(URI.create(address).resolve(action.group(1)))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return query(redirect.headers().firstValue("Location").orElseThrow());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String url) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return query;
  }
}
