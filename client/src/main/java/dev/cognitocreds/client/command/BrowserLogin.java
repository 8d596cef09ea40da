package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.client.ClientContext;
import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.client.daemon.DaemonResponse;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client's half of a browser sign-in: asks the daemon for the sign-in address, listens on the
 * redirect URI, prints (and opens) the address, and brings the code back to the daemon. A callback
 * is judged by its {@code state} before anything else: another sign-in's is answered and ignored.
 */
final class BrowserLogin {
  private final ClientContext context;
  private final String profile;
  private final boolean open;
  private final boolean readPaste;
  private final Duration timeout;
  private final PrintWriter notes;

  BrowserLogin(
      ClientContext context,
      String profile,
      boolean open,
      boolean readPaste,
      Duration timeout,
      PrintWriter notes) {
    this.context = context;
    this.profile = profile;
    this.open = open;
    this.readPaste = readPaste;
    this.timeout = timeout;
    this.notes = notes;
  }

  /** Returns the daemon's SIGNED_IN answer. */
  JsonNode signIn() {
    ObjectNode start = JsonNodeFactory.instance.objectNode();
    start.put("timeoutSeconds", timeout.toSeconds());
    JsonNode started =
        context
            .daemon()
            .post(Routes.profile(profile, Routes.LOGIN_BROWSER), start)
            .orThrow()
            .json();
    String url = started.path("authorizeUrl").asText();
    URI redirectUri = URI.create(started.path("redirectUri").asText());
    BlockingQueue<Callback> arrivals = new LinkedBlockingQueue<>();
    try (RedirectListener listener = RedirectListener.bind(redirectUri, arrivals)) {
      notes.println("Sign in to profile " + profile + " in your browser at this address:");
      notes.println();
      notes.println("  " + url);
      notes.println();
      if (open && !SystemBrowser.open(url, context.osName())) {
        notes.println("(No browser could be opened: open the address above yourself.)");
      }
      if (readPaste) {
        notes.println(
            "On another machine's browser, the last page will not load: copy its address (it"
                + " starts with "
                + redirectUri
                + "?code=) and paste it here.");
        readPastedAddresses(arrivals);
      }
      notes.println("Waiting up to " + timeout.toSeconds() + " seconds for the sign-in…");
      notes.flush();
      return await(arrivals, started, url);
    }
  }

  private JsonNode await(BlockingQueue<Callback> arrivals, JsonNode started, String url) {
    String state = started.path("state").asText();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Callback callback;
      try {
        callback = arrivals.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClientException(ExitCodes.ERROR, "interrupted while waiting for the sign-in");
      }
      if (callback == null) {
        notes.println("No sign-in came back. The address was:");
        notes.println();
        notes.println("  " + url);
        notes.println();
        notes.flush();
        throw new ClientException(
            ExitCodes.TIMED_OUT,
            "the browser sign-in did not finish within "
                + timeout.toSeconds()
                + " seconds: run `cognito-creds login --browser --profile "
                + profile
                + "` again (--timeout SECONDS waits longer)");
      }
      if (!sameState(state, callback.get("state"))) {
        callback
            .page()
            .show(
                400,
                "Not this sign-in",
                "This page belongs to another sign-in; cognito-creds ignored it and is still"
                    + " waiting. Use the address it printed.");
        notes.println("Ignored an answer that belongs to another sign-in (wrong state); waiting.");
        notes.flush();
        continue;
      }
      String error = callback.get("error");
      if (error != null) {
        String description = callback.get("error_description");
        String reason =
            error + (description == null || description.isBlank() ? "" : ": " + description);
        callback.page().show(400, "Sign-in failed", "The sign-in was refused (" + reason + ").");
        throw new ClientException(
            ExitCodes.SIGN_IN_REFUSED, "the sign-in provider refused the sign-in (" + reason + ")");
      }
      String code = callback.get("code");
      if (code == null || code.isBlank()) {
        callback.page().show(400, "Sign-in failed", "The answer carries no code; still waiting.");
        continue;
      }
      return finish(callback, started, code);
    }
  }

  private JsonNode finish(Callback callback, JsonNode started, String code) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("attempt", started.path("attempt").asText());
    body.put("state", started.path("state").asText());
    body.put("code", code);
    DaemonResponse answer =
        context.daemon().post(Routes.profile(profile, Routes.LOGIN_BROWSER_CALLBACK), body);
    if (!answer.ok()) {
      callback
          .page()
          .show(
              400,
              "Sign-in failed",
              "cognito-creds could not finish the sign-in: see the terminal for why.");
      answer.orThrow();
    }
    JsonNode signedIn = answer.json();
    callback
        .page()
        .show(
            200,
            "Signed in",
            "cognito-creds is signed in to profile "
                + profile
                + " as "
                + signedIn.path("username").asText()
                + ". You can close this tab.");
    return signedIn;
  }

  /** Lines of stdin, each a possible pasted address, read while the listener waits. */
  private void readPastedAddresses(BlockingQueue<Callback> arrivals) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(context.stdin(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  Callback pasted = Callback.pasted(line);
                  if (pasted != null) {
                    arrivals.put(pasted);
                  } else if (!line.isBlank()) {
                    notes.println(
                        "That is not the whole address (with ?code=…&state=…); paste it again.");
                    notes.flush();
                  }
                }
              } catch (IOException | InterruptedException e) {
                // stdin closed: only the listener remains
              }
            },
            "pasted-address");
    reader.setDaemon(true);
    reader.start();
  }

  private static boolean sameState(String expected, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
