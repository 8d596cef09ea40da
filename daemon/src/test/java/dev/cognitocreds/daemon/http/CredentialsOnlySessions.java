package dev.cognitocreds.daemon.http;

import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.session.LoginOutcome;
import dev.cognitocreds.daemon.session.ProfileStatus;
import dev.cognitocreds.daemon.session.Sessions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions for tests of the credential routes alone: no sign-in, nothing to log out, no status. */
abstract class CredentialsOnlySessions implements Sessions {

  @Override
  public String defaultProfile() {
    return "acme";
  }

  @Override
  public LoginOutcome login(
      String profile, Optional<AuthFlow> flow, String username, String password) {
    throw new UnsupportedOperationException();
  }

  @Override
  public LoginOutcome answer(String profile, String conversation, Map<String, String> answers) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean logout(String profile, boolean everywhere) {
    return false;
  }

  @Override
  public List<ProfileStatus> status() {
    return List.of();
  }
}
