package dev.cognitocreds.localcognito.userpool;

enum UserStatus {
  UNCONFIRMED,
  CONFIRMED,
  FORCE_CHANGE_PASSWORD,
  RESET_REQUIRED,
  EXTERNAL_PROVIDER
}
