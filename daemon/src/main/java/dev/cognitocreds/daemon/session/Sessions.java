package dev.cognitocreds.daemon.session;

import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.identity.AwsCredentials;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the daemon offers its routes; every method throws {@link dev.cognitocreds.daemon.Failure}. */
public interface Sessions {

    String defaultProfile();

    /** Served from memory unless a renewal is due; see {@link RefreshAheadCache}. */
    AwsCredentials credentials(String profile);

    LoginOutcome login(String profile, Optional<AuthFlow> flow, String username, String password);

    LoginOutcome answer(String profile, String conversation, Map<String, String> answers);

    /** True when Cognito confirmed the revocation. */
    boolean logout(String profile, boolean everywhere);

    List<ProfileStatus> status();
}
