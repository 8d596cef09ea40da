/*
 * docker-credential-cognito-creds: the Docker credential helper protocol (get, list, store, erase,
 * version) as docker, podman, skopeo and buildah call it, answered by cognito-credsd.
 *
 * skopeo runs a helper twice per inspect and docker twice per pull, so the helper's start is on
 * every pull's path. That is why it is C, linked statically: it starts in about the time of
 * /bin/true, where a bash script costs three times that and a Go binary five (its runtime's
 * start). It sends one HTTP/1.0 GET over loopback and prints the daemon's answer; the daemon picks
 * the profile (cognito_registries, else AWS_PROFILE) and keeps each registry's password until
 * shortly before it expires. Every message matches the bash helper (lib/docker-helper/bash), the
 * portable archive's, and the Java client's DaemonClient.
 *
 * Bounded everywhere: at most 64 KiB from standard input, 4 KiB per file line, 1 MiB of answer,
 * 120 s per read or write to the daemon.
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <arpa/inet.h>

#ifndef HELPER_VERSION
#define HELPER_VERSION "0.0.0-dev"
#endif

#define EXIT_ERROR 1
#define MAX_INPUT (64 * 1024)
#define MAX_LINE 4096
#define MAX_ANSWER (1024 * 1024)
#define ANSWER_TIMEOUT_SECONDS 120

/* BEGIN contract: dev.cognitocreds.contract's FileLocations, Routes and DaemonService, checked by
 * contract's NativeHelperContractTest. */
#define APP_FOLDER "cognito-creds"
#define ENDPOINT_FILE "endpoint"
#define AUTH_TOKEN_FILE "auth-token"
#define AUTHORIZATION_HEADER "Authorization"
#define REGISTRY_ROUTE_PREFIX "/v1/registries/"
#define REGISTRY_ROUTE_SUFFIX "/credentials"
#define SYSTEMD_UNIT "cognito-credsd.service"
#define LAUNCHD_LABEL "dev.cognitocreds.cognito-credsd"
#define START_IN_BACKGROUND "cognito-credsd &"
#define START_WITH_SYSTEMD "systemctl --user start cognito-credsd"
#define START_WITH_LAUNCHD "launchctl kickstart gui/$(id -u)/" LAUNCHD_LABEL
#define SYSTEM_USER_UNIT_DIRS "/etc/systemd/user", "/usr/lib/systemd/user", "/usr/local/lib/systemd/user", "/lib/systemd/user"
/* END contract */

/* A growable string; on allocation failure the helper reports it and exits. */
typedef struct {
  char *text;
  size_t length, capacity;
} buffer;

static void fail(const char *format, ...);

static void append_bytes(buffer *b, const char *bytes, size_t n) {
  if (b->length + n + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 256;
    while (b->length + n + 1 > capacity) capacity *= 2;
    char *grown = realloc(b->text, capacity);
    if (!grown) fail("out of memory");
    b->text = grown;
    b->capacity = capacity;
  }
  memcpy(b->text + b->length, bytes, n);
  b->length += n;
  b->text[b->length] = '\0';
}

static void append(buffer *b, const char *s) { append_bytes(b, s, strlen(s)); }

static void append_char(buffer *b, char c) { append_bytes(b, &c, 1); }

static char *format_text(const char *format, va_list args) {
  va_list copy;
  va_copy(copy, args);
  int n = vsnprintf(NULL, 0, format, copy);
  va_end(copy);
  if (n < 0) return strdup("cannot format a message");
  char *text = malloc((size_t)n + 1);
  if (!text) {
    fputs("cognito-creds: out of memory\nout of memory\n", stderr);
    exit(EXIT_ERROR);
  }
  vsnprintf(text, (size_t)n + 1, format, args);
  return text;
}

/* A failure goes to stderr (what a person sees in a terminal; docker shows only that) and, as the
 * protocol's error message, to stdout (what podman and skopeo quote in their own error). */
static void fail(const char *format, ...) {
  va_list args;
  va_start(args, format);
  char *message = format_text(format, args);
  va_end(args);
  fprintf(stderr, "cognito-creds: %s\n", message);
  fprintf(stdout, "%s\n", message);
  exit(EXIT_ERROR);
}

/* docker's own words for "no credentials here": docker, podman and skopeo then go on without. */
static void not_found(const char *message) {
  fprintf(stderr, "cognito-creds: %s\n", message);
  fputs("credentials not found in native keychain\n", stdout);
  exit(EXIT_ERROR);
}

static const char *env(const char *name) {
  const char *value = getenv(name);
  return value && *value ? value : NULL;
}

static char *join(const char *a, const char *b) {
  buffer out = {0};
  append(&out, a);
  append(&out, b);
  return out.text;
}

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* FileLocations: the daemon's endpoint file and its endpoint token. */
static void locate(char **endpoint_file, char **token_file) {
  const char *home = env("HOME") ? env("HOME") : "";
  char *state;
  if (env("XDG_STATE_HOME")) {
    state = join(env("XDG_STATE_HOME"), "/" APP_FOLDER);
  } else {
#ifdef __APPLE__
    state = join(home, "/Library/Application Support/" APP_FOLDER);
#else
    state = join(home, "/.local/state/" APP_FOLDER);
#endif
  }
  char *runtime_dir = env("XDG_RUNTIME_DIR") ? join(env("XDG_RUNTIME_DIR"), "/" APP_FOLDER) : state;
  *endpoint_file = join(runtime_dir, "/" ENDPOINT_FILE);
  *token_file = join(state, "/" AUTH_TOKEN_FILE);
}

/* DaemonService.startSentence: the command that starts the daemon the way this machine runs it. */
static char *start_hint(void) {
  const char *home = env("HOME") ? env("HOME") : "";
  const char *command = START_IN_BACKGROUND;
#ifdef __APPLE__
  if (is_file(join(home, "/Library/LaunchAgents/" LAUNCHD_LABEL ".plist")))
    command = START_WITH_LAUNCHD;
#else
  char *config = env("XDG_CONFIG_HOME") ? strdup(env("XDG_CONFIG_HOME")) : join(home, "/.config");
  const char *dirs[] = {join(config, "/systemd/user"), SYSTEM_USER_UNIT_DIRS};
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
    if (is_file(join(dirs[i], "/" SYSTEMD_UNIT))) {
      command = START_WITH_SYSTEMD;
      break;
    }
  }
#endif
  buffer hint = {0};
  append(&hint, "Start it with `");
  append(&hint, command);
  append(&hint, "`.");
  return hint.text;
}

static void not_running(const char *why) {
  fail("cognito-credsd is not running (%s). %s", why, start_hint());
}

/* The file's first line without surrounding blanks, as bash's `read -r` gives it. */
static char *first_line(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return strdup("");
  char line[MAX_LINE];
  if (!fgets(line, sizeof line, f)) line[0] = '\0';
  fclose(f);
  char *start = line;
  while (*start == ' ' || *start == '\t') start++;
  size_t n = strcspn(start, "\n");
  while (n > 0 && (start[n - 1] == ' ' || start[n - 1] == '\t' || start[n - 1] == '\r')) n--;
  start[n] = '\0';
  return strdup(start);
}

/* The port of "http://127.0.0.1:PORT" (a slash may follow), or 0. */
static int loopback_port(const char *endpoint) {
  const char *prefix = "http://127.0.0.1:";
  if (strncmp(endpoint, prefix, strlen(prefix)) != 0) return 0;
  const char *p = endpoint + strlen(prefix);
  int port = 0, digits = 0;
  while (*p >= '0' && *p <= '9' && digits < 6) port = port * 10 + (*p++ - '0'), digits++;
  if (digits == 0 || digits > 5 || port > 65535) return 0;
  if (*p == '/') p++;
  return *p == '\0' ? port : 0;
}

/* One URL path segment or query value: every byte but the unreserved ones percent-encoded. */
static void percent_encode(buffer *out, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
        *p == '.' || *p == '_' || *p == '~' || *p == '-') {
      append_char(out, (char)*p);
    } else {
      char escaped[4];
      snprintf(escaped, sizeof escaped, "%%%02X", *p);
      append(out, escaped);
    }
  }
}

typedef struct {
  int status;
  const char *body;
  size_t body_length;
} answer;

/* Through a volatile pointer, so the compiler cannot drop the stores to memory never read again. */
static void wipe(char *p, size_t n) {
  volatile char *v = p;
  while (n--) *v++ = 0;
}

static int is_timeout(int error) { return error == EAGAIN || error == EWOULDBLOCK; }

/* One authenticated GET to the local daemon; the token is read from its 0600 file and never
 * appears in any process's arguments. Fails (exits) when there is no daemon to ask or it does not
 * answer in time. */
static answer daemon_get(const char *target) {
  char *endpoint_file, *token_file;
  locate(&endpoint_file, &token_file);
  if (!is_file(endpoint_file)) not_running(join("no endpoint file at ", endpoint_file));
  int port = loopback_port(first_line(endpoint_file));
  if (!port)
    fail("%s does not hold a loopback address of the form http://127.0.0.1:PORT", endpoint_file);
  char endpoint[40];
  snprintf(endpoint, sizeof endpoint, "http://127.0.0.1:%d", port);
  if (!is_file(token_file)) not_running(join("no endpoint token at ", token_file));
  char *token = first_line(token_file);

  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) fail("cannot open a socket: %s", strerror(errno));
  struct timeval timeout = {ANSWER_TIMEOUT_SECONDS, 0};
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  struct sockaddr_in address = {0};
  address.sin_family = AF_INET;
  address.sin_port = htons((unsigned short)port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(s, (struct sockaddr *)&address, sizeof address) != 0)
    not_running(join("nothing answers at ", endpoint));

  /* HTTP/1.0: the answer is never chunked; its body is read by its Content-Length when the daemon
   * sends one, else up to the close. */
  buffer request = {0};
  char port_text[12];
  snprintf(port_text, sizeof port_text, "%d", port);
  append(&request, "GET ");
  append(&request, target);
  append(&request, " HTTP/1.0\r\nHost: 127.0.0.1:");
  append(&request, port_text);
  append(&request, "\r\n" AUTHORIZATION_HEADER ": ");
  append(&request, token);
  append(&request, "\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
  for (size_t sent = 0; sent < request.length;) {
    ssize_t n = send(s, request.text + sent, request.length - sent, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && is_timeout(errno))
      fail("cognito-credsd at %s did not answer in time. %s", endpoint, start_hint());
    if (n < 0) fail("cannot talk to cognito-credsd at %s: no HTTP answer", endpoint);
    sent += (size_t)n;
  }
  wipe(request.text, request.length); /* the token */

  buffer in = {0};
  long content_length = -1;
  size_t body_start = 0;
  for (;;) {
    char chunk[16384];
    ssize_t n = recv(s, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && is_timeout(errno))
      fail("cognito-credsd at %s did not answer in time. %s", endpoint, start_hint());
    if (n <= 0) break;
    if (in.length + (size_t)n > MAX_ANSWER)
      fail("cannot talk to cognito-credsd at %s: its answer is over %d bytes", endpoint, MAX_ANSWER);
    append_bytes(&in, chunk, (size_t)n);
    if (!body_start) {
      char *end = strstr(in.text, "\r\n\r\n");
      size_t separator = 4;
      if (!end) end = strstr(in.text, "\n\n"), separator = 2;
      if (!end) continue;
      body_start = (size_t)(end - in.text) + separator;
      for (char *line = strchr(in.text, '\n'); line && line < end; line = strchr(line + 1, '\n')) {
        if (strncasecmp(line + 1, "Content-Length:", 15) == 0) {
          char *number = line + 16;
          while (*number == ' ' || *number == '\t') number++;
          char *after;
          long length = strtol(number, &after, 10);
          if (after != number && length >= 0) content_length = length;
        }
      }
    }
    if (body_start && content_length >= 0 && in.length - body_start >= (size_t)content_length) break;
  }
  close(s);

  int status = 0;
  if (!in.text || sscanf(in.text, "HTTP/%*[0-9.] %3d", &status) != 1 || status < 100 || !body_start)
    fail("cannot talk to cognito-credsd at %s: no HTTP answer", endpoint);
  answer a = {status, in.text + body_start, in.length - body_start};
  if (content_length >= 0 && (size_t)content_length > a.body_length)
    fail("cannot talk to cognito-credsd at %s: its answer ended early", endpoint);
  if (content_length >= 0) a.body_length = (size_t)content_length;
  return a;
}

/* Appends the UTF-8 bytes of one code point. */
static void append_utf8(buffer *out, unsigned long code) {
  char bytes[4];
  size_t n;
  if (code < 0x80) {
    bytes[0] = (char)code, n = 1;
  } else if (code < 0x800) {
    bytes[0] = (char)(0xC0 | code >> 6), bytes[1] = (char)(0x80 | (code & 0x3F)), n = 2;
  } else if (code < 0x10000) {
    bytes[0] = (char)(0xE0 | code >> 12), bytes[1] = (char)(0x80 | (code >> 6 & 0x3F));
    bytes[2] = (char)(0x80 | (code & 0x3F)), n = 3;
  } else {
    bytes[0] = (char)(0xF0 | code >> 18), bytes[1] = (char)(0x80 | (code >> 12 & 0x3F));
    bytes[2] = (char)(0x80 | (code >> 6 & 0x3F)), bytes[3] = (char)(0x80 | (code & 0x3F)), n = 4;
  }
  append_bytes(out, bytes, n);
}

static int hex4(const char *p, const char *end, unsigned long *value) {
  if (end - p < 4) return 0;
  char digits[5] = {p[0], p[1], p[2], p[3], '\0'};
  if (strspn(digits, "0123456789abcdefABCDEF") != 4) return 0;
  *value = strtoul(digits, NULL, 16);
  return 1;
}

/* The decoded value of the JSON string member "name" of the daemon's error answer, or NULL. Only
 * what the daemon sends is read: a flat object of string members. */
static char *json_member(const char *json, size_t length, const char *name) {
  const char *end = json + length;
  size_t name_length = strlen(name);
  for (const char *p = json; p + name_length + 2 <= end; p++) {
    if (*p != '"' || strncmp(p + 1, name, name_length) != 0 || p[name_length + 1] != '"') continue;
    const char *q = p + name_length + 2;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')) q++;
    if (q >= end || *q++ != ':') continue;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')) q++;
    if (q >= end || *q++ != '"') continue;
    buffer out = {0};
    append(&out, "");
    while (q < end && *q != '"') {
      if (*q != '\\') {
        append_char(&out, *q++);
        continue;
      }
      if (++q >= end) break;
      char c = *q++;
      unsigned long code, low;
      switch (c) {
        case 'n': append_char(&out, '\n'); break;
        case 't': append_char(&out, '\t'); break;
        case 'r': append_char(&out, '\r'); break;
        case 'b': append_char(&out, '\b'); break;
        case 'f': append_char(&out, '\f'); break;
        case 'u':
          if (!hex4(q, end, &code)) {
            append(&out, "\\u");
            break;
          }
          q += 4;
          if (code >= 0xD800 && code < 0xDC00 && end - q >= 6 && q[0] == '\\' && q[1] == 'u' &&
              hex4(q + 2, end, &low) && low >= 0xDC00 && low < 0xE000) {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            q += 6;
          }
          append_utf8(&out, code);
          break;
        default: append_char(&out, c);
      }
    }
    return out.text;
  }
  return NULL;
}

/* The registry host of what the client sent: a bare host, host:port, https://host/v2/, a path. */
static char *registry_host(const char *server) {
  const char *scheme = strstr(server, "://");
  const char *start = scheme ? scheme + 3 : server;
  size_t n = strcspn(start, "/");
  char *host = strndup(start, n);
  char *at = strrchr(host, '@');
  return at ? strdup(at + 1) : host;
}

static int get(void) {
  buffer input = {0};
  append(&input, "");
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
    if (input.length + n > MAX_INPUT) fail("get: over %d bytes on standard input", MAX_INPUT);
    append_bytes(&input, chunk, n);
  }
  buffer server = {0};
  append(&server, "");
  for (size_t i = 0; i < input.length; i++) {
    char c = input.text[i];
    if (c != '\r' && c != '\n' && c != '\t' && c != ' ') append_char(&server, c);
  }
  if (server.length == 0)
    fail("get: no registry on standard input (expected a server URL such as "
         "111122223333.dkr.ecr.us-east-2.amazonaws.com)");
  char *host = registry_host(server.text);
  if (!*host) fail("get: '%s' names no registry host", server.text);

  buffer target = {0};
  append(&target, REGISTRY_ROUTE_PREFIX);
  percent_encode(&target, host);
  append(&target, REGISTRY_ROUTE_SUFFIX);
  if (env("AWS_PROFILE")) {
    append(&target, "?profile=");
    percent_encode(&target, env("AWS_PROFILE"));
  }
  answer a = daemon_get(target.text);
  if (a.status >= 200 && a.status < 300) {
    fwrite(a.body, 1, a.body_length, stdout);
    fputc('\n', stdout);
    return fflush(stdout) == 0 ? 0 : EXIT_ERROR;
  }
  char *code = json_member(a.body, a.body_length, "code");
  char *message = json_member(a.body, a.body_length, "message");
  char status[48];
  if (!message) {
    snprintf(status, sizeof status, "cognito-credsd answered HTTP %d", a.status);
    message = status;
  }
  if (code && strcmp(code, "RegistryUnknown") == 0) not_found(message);
  fail("%s", message);
  return EXIT_ERROR;
}

static void append_json_string(buffer *out, const char *s) {
  append_char(out, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      append_char(out, '\\');
      append_char(out, (char)*p);
    } else if (*p < 0x20) {
      char escaped[8];
      snprintf(escaped, sizeof escaped, "\\u%04x", *p);
      append(out, escaped);
    } else {
      append_char(out, (char)*p);
    }
  }
  append_char(out, '"');
}

/* The registries the AWS config file's profiles name in cognito_registries, each with user AWS. */
static int list(void) {
  const char *file = env("AWS_CONFIG_FILE");
  char *path = file ? strdup(file) : join(env("HOME") ? env("HOME") : "", "/.aws/config");
  buffer out = {0}, seen = {0};
  append(&out, "{");
  append(&seen, "\n");
  FILE *f = fopen(path, "r");
  if (f) {
    char line[MAX_LINE];
    while (fgets(line, sizeof line, f)) {
      char *equals = strchr(line, '=');
      if (!equals) continue;
      buffer key = {0};
      append(&key, "");
      for (char *p = line; p < equals; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') append_char(&key, *p);
      if (strcmp(key.text, "cognito_registries") != 0) continue;
      for (char *p = equals + 1; *p; p++)
        if (*p == ',') *p = ' ';
      for (char *word = strtok(equals + 1, " \t\r\n"); word; word = strtok(NULL, " \t\r\n")) {
        char *host = registry_host(word);
        char *marker = join(join("\n", host), "\n");
        if (!*host || strstr(seen.text, marker)) continue;
        append(&seen, marker + 1);
        if (out.length > 1) append(&out, ",");
        append_json_string(&out, host);
        append(&out, ":\"AWS\"");
      }
    }
    fclose(f);
  }
  append(&out, "}\n");
  fputs(out.text, stdout);
  return fflush(stdout) == 0 ? 0 : EXIT_ERROR;
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  const char *verb = argc > 1 ? argv[1] : "";
  if (strcmp(verb, "get") == 0) return get();
  if (strcmp(verb, "list") == 0) return list();
  if (strcmp(verb, "store") == 0 || strcmp(verb, "erase") == 0) {
    /* The password always comes from the daemon: what `docker login` would store is read and
     * dropped, so a login neither fails nor changes what `get` answers. */
    char chunk[4096];
    while (fread(chunk, 1, sizeof chunk, stdin) > 0) {
    }
    return 0;
  }
  if (strcmp(verb, "version") == 0) {
    puts("docker-credential-cognito-creds " HELPER_VERSION);
    return 0;
  }
  fputs("usage: docker-credential-cognito-creds get|list|store|erase|version\n"
        "(docker, podman, skopeo and buildah call it: see \"credHelpers\" in cognito-creds "
        "configure docker)\n",
        stderr);
  return EXIT_ERROR;
}
