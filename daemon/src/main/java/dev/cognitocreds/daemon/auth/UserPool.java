package dev.cognitocreds.daemon.auth;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.ServerClock;
import dev.cognitocreds.daemon.UpstreamFailures;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

/**
 * Sign-in against a Cognito user pool: the flows and every challenge up to the tokens. Knows
 * nothing about HTTP routes or sessions.
 */
public final class UserPool {

  private static final Logger log = LoggerFactory.getLogger(UserPool.class);
  private static final String MFA_SETUP = "MFA_SETUP";

  private final Function<CognitoProfile, CognitoIdentityProviderClient> clients;
  private final Clock clock;
  private final SecureRandom random;

  public UserPool(
      Function<CognitoProfile, CognitoIdentityProviderClient> clients,
      Clock clock,
      SecureRandom random) {
    this.clients = clients;
    this.clock = clock;
    this.random = random;
  }

  /** First step of a sign-in: the password is used here and not kept. */
  public SignInStep start(CognitoProfile profile, AuthFlow flow, String username, String password) {
    try {
      return flow == AuthFlow.USER_SRP_AUTH
          ? startSrp(profile, username, password)
          : startPassword(profile, username, password);
    } catch (SdkException e) {
      throw signInFailure(e, "sign-in", profile.name(), username);
    }
  }

  /** Answers the pending challenge with the person's {@code answers}, keyed by field name. */
  public SignInStep answer(
      CognitoProfile profile, PendingChallenge pending, Map<String, String> answers) {
    Map<String, String> responses = new LinkedHashMap<>();
    for (ChallengeField field : pending.challenge().fields()) {
      String value = answers.get(field.name());
      if (value == null || value.isEmpty()) {
        throw Failure.badRequest(
            "missing answer "
                + field.name()
                + " ("
                + field.label()
                + ") for "
                + pending.challenge().name());
      }
      responses.put(field.name(), value);
    }
    responses.put("USERNAME", pending.username());
    SecretHash.of(profile, pending.username())
        .ifPresent(hash -> responses.put("SECRET_HASH", hash));
    try {
      if (MFA_SETUP.equals(pending.challenge().name())) {
        return answerMfaSetup(profile, pending, responses.get("USER_CODE"));
      }
      RespondToAuthChallengeResponse response =
          clients
              .apply(profile)
              .respondToAuthChallenge(
                  request ->
                      request
                          .clientId(profile.clientId())
                          .challengeName(pending.challenge().name())
                          .session(pending.session())
                          .challengeResponses(responses));
      return next(
          profile,
          response.authenticationResult(),
          response.challengeNameAsString(),
          response.session(),
          response.challengeParameters(),
          pending.username());
    } catch (SdkException e) {
      throw signInFailure(e, pending.challenge().name(), profile.name(), pending.username());
    }
  }

  private SignInStep startSrp(CognitoProfile profile, String username, String password) {
    SrpProof srp = SrpProof.random(random);
    Map<String, String> parameters = new HashMap<>();
    parameters.put("USERNAME", username);
    parameters.put("SRP_A", srp.publicValueHex());
    SecretHash.of(profile, username).ifPresent(hash -> parameters.put("SECRET_HASH", hash));
    InitiateAuthResponse initiated =
        clients
            .apply(profile)
            .initiateAuth(
                request ->
                    request
                        .clientId(profile.clientId())
                        .authFlow("USER_SRP_AUTH")
                        .authParameters(parameters));
    if (initiated.challengeName() != ChallengeNameType.PASSWORD_VERIFIER) {
      return next(
          profile,
          initiated.authenticationResult(),
          initiated.challengeNameAsString(),
          initiated.session(),
          initiated.challengeParameters(),
          username);
    }
    Map<String, String> challenge = initiated.challengeParameters();
    String userId = challenge.getOrDefault("USER_ID_FOR_SRP", username);
    SrpProof.Claim claim =
        srp.claim(
            profile.userPoolName(),
            userId,
            password,
            challenge.get("SALT"),
            challenge.get("SRP_B"),
            challenge.get("SECRET_BLOCK"),
            onCognitosClock(profile, initiated));
    Map<String, String> responses = new HashMap<>();
    responses.put("USERNAME", userId);
    responses.put("PASSWORD_CLAIM_SECRET_BLOCK", claim.secretBlock());
    responses.put("PASSWORD_CLAIM_SIGNATURE", claim.signature());
    responses.put("TIMESTAMP", claim.timestamp());
    SecretHash.of(profile, userId).ifPresent(hash -> responses.put("SECRET_HASH", hash));
    RespondToAuthChallengeResponse verified =
        clients
            .apply(profile)
            .respondToAuthChallenge(
                request ->
                    request
                        .clientId(profile.clientId())
                        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                        .session(initiated.session())
                        .challengeResponses(responses));
    return next(
        profile,
        verified.authenticationResult(),
        verified.challengeNameAsString(),
        verified.session(),
        verified.challengeParameters(),
        userId);
  }

  /**
   * Now on Cognito's clock, which refuses a proof whose TIMESTAMP is about five minutes off its own
   * time: the InitiateAuth answer that asked for the proof tells how far this machine's clock is.
   */
  private Instant onCognitosClock(CognitoProfile profile, InitiateAuthResponse initiated) {
    Instant now = clock.instant();
    Optional<Duration> skew = ServerClock.skew(initiated, now);
    if (skew.isEmpty()) {
      return now;
    }
    log.warn(
        "profile {}: this machine's clock is {} Cognito's: the sign-in's password proof is"
            + " stamped on Cognito's clock (set the clock right, e.g. with NTP)",
        profile.name(),
        ServerClock.describe(skew.get()));
    return now.minus(skew.get());
  }

  private SignInStep startPassword(CognitoProfile profile, String username, String password) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("USERNAME", username);
    parameters.put("PASSWORD", password);
    SecretHash.of(profile, username).ifPresent(hash -> parameters.put("SECRET_HASH", hash));
    InitiateAuthResponse response =
        clients
            .apply(profile)
            .initiateAuth(
                request ->
                    request
                        .clientId(profile.clientId())
                        .authFlow("USER_PASSWORD_AUTH")
                        .authParameters(parameters));
    return next(
        profile,
        response.authenticationResult(),
        response.challengeNameAsString(),
        response.session(),
        response.challengeParameters(),
        username);
  }

  private SignInStep next(
      CognitoProfile profile,
      AuthenticationResultType result,
      String challengeName,
      String session,
      Map<String, String> parameters,
      String username) {
    if (result != null && result.idToken() != null) {
      return new SignInStep.SignedIn(Tokens.from(result));
    }
    if (challengeName == null) {
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          ErrorCodes.UPSTREAM_ERROR,
          "Cognito answered the sign-in with neither tokens nor a challenge");
    }
    // Cognito names the user by its real username from here on, even after an alias sign-in
    String cognitoUsername =
        Optional.ofNullable(parameters.get("USER_ID_FOR_SRP"))
            .or(() -> Optional.ofNullable(parameters.get("USERNAME")))
            .orElse(username);
    if (MFA_SETUP.equals(challengeName)
        && parameters
            .getOrDefault("MFAS_CAN_SETUP", "SOFTWARE_TOKEN_MFA")
            .contains("SOFTWARE_TOKEN_MFA")) {
      return mfaSetup(profile, session, parameters, cognitoUsername);
    }
    return new SignInStep.ChallengeRequired(
        new PendingChallenge(
            session, cognitoUsername, ChallengePrompts.describe(challengeName, parameters)));
  }

  /**
   * TOTP enrolment: the secret comes from AssociateSoftwareToken, shown as text and as an otpauth
   * URI.
   */
  private SignInStep mfaSetup(
      CognitoProfile profile, String session, Map<String, String> parameters, String username) {
    AssociateSoftwareTokenResponse associated =
        clients.apply(profile).associateSoftwareToken(request -> request.session(session));
    // the pool is the issuer: it is what the person signs in to, and the same on every machine
    String issuer = profile.userPoolId();
    Map<String, String> shown = new HashMap<>(parameters);
    shown.put("secretCode", associated.secretCode());
    shown.put(
        "otpauthUri",
        "otpauth://totp/"
            + uriEncode(issuer)
            + ":"
            + uriEncode(username)
            + "?secret="
            + associated.secretCode()
            + "&issuer="
            + uriEncode(issuer));
    return new SignInStep.ChallengeRequired(
        new PendingChallenge(
            associated.session(), username, ChallengePrompts.describe(MFA_SETUP, shown)));
  }

  /**
   * Verifies the first TOTP code, then finishes the MFA_SETUP challenge with the session that
   * proves it.
   */
  private SignInStep answerMfaSetup(CognitoProfile profile, PendingChallenge pending, String code) {
    VerifySoftwareTokenResponse verified =
        clients
            .apply(profile)
            .verifySoftwareToken(
                request ->
                    request
                        .session(pending.session())
                        .userCode(code)
                        .friendlyDeviceName("cognito-creds"));
    if (verified.status() != VerifySoftwareTokenResponseType.SUCCESS) {
      throw new Failure(
          Failure.Kind.SIGN_IN_REJECTED,
          "CodeMismatchException",
          "the authenticator code was not accepted" + hint("CodeMismatchException"));
    }
    Map<String, String> responses = new HashMap<>();
    responses.put("USERNAME", pending.username());
    SecretHash.of(profile, pending.username())
        .ifPresent(hash -> responses.put("SECRET_HASH", hash));
    RespondToAuthChallengeResponse response =
        clients
            .apply(profile)
            .respondToAuthChallenge(
                request ->
                    request
                        .clientId(profile.clientId())
                        .challengeName(MFA_SETUP)
                        .session(verified.session())
                        .challengeResponses(responses));
    return next(
        profile,
        response.authenticationResult(),
        response.challengeNameAsString(),
        response.session(),
        response.challengeParameters(),
        pending.username());
  }

  private static String uriEncode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Failure signInFailure(
      SdkException e, String step, String profile, String username) {
    String code = UpstreamFailures.code(e);
    String message = UpstreamFailures.message(e);
    if ("NotAuthorizedException".equals(code)
        && message != null
        && message.toLowerCase(Locale.ROOT).contains("session")) {
      return new Failure(
          Failure.Kind.CONVERSATION_EXPIRED,
          ErrorCodes.CONVERSATION_EXPIRED,
          // expired, or used up by earlier wrong answers: either way only a new sign-in helps
          "Cognito ended this sign-in ("
              + message
              + "): run `cognito-creds login --profile "
              + profile
              + "` again");
    }
    if ("NotAuthorizedException".equals(code) || "UserNotFoundException".equals(code)) {
      return new Failure(
          Failure.Kind.SIGN_IN_REFUSED,
          "NotAuthorizedException",
          "UserNotFoundException".equals(code) ? "Incorrect username or password." : message);
    }
    if ("LimitExceededException".equals(code) || "TooManyFailedAttemptsException".equals(code)) {
      // not an outage: Cognito wants this user to wait, so say so instead of "unavailable"
      return new Failure(
          Failure.Kind.SIGN_IN_REJECTED,
          code,
          message + " (Cognito refuses more attempts for now: wait a few minutes, then try again)");
    }
    if (code == null || UpstreamFailures.isTransient(e)) {
      return UpstreamFailures.translate(e, step);
    }
    if ("InvalidPasswordException".equals(code)) {
      return new Failure(
          Failure.Kind.SIGN_IN_REJECTED,
          code,
          "the user pool refuses this password: " + PasswordPolicyWords.plain(message));
    }
    return new Failure(
        Failure.Kind.SIGN_IN_REJECTED, code, message + hint(code, profile, username));
  }

  private static String hint(String code) {
    return hint(code, null, null);
  }

  private static String hint(String code, String profile, String username) {
    String who = profile == null ? "" : " --profile " + profile + " --username " + username;
    return switch (code) {
      case "CodeMismatchException", "EnableSoftwareTokenMFAException" ->
          " (check the code and try again while the sign-in lasts, a few minutes)";
      case "ExpiredCodeException" -> " (the code has expired: sign in again to get a new one)";
      case "PasswordResetRequiredException" ->
          " (the publisher requires a new password: run `cognito-creds reset-password" + who + "`)";
      case "UserNotConfirmedException" ->
          " (confirm the account with the code you received: run `cognito-creds signup --confirm"
              + who
              + "`)";
      default -> "";
    };
  }
}
