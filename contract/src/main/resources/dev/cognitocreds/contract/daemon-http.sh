# shellcheck shell=bash
# One authenticated GET to the local daemon over bash's /dev/tcp: no JVM, no child process (the
# token never appears in any process's arguments). Rendered into each launcher's contract block by
# dev.cognitocreds.contract.LauncherContract, so the credential-process fast path sources nothing.
# The launcher defines cc_die RC MESSAGE, which reports a failure its own way and exits. The
# messages match the Java client's dev.cognitocreds.client.daemon.DaemonClient.

cc_not_running() {
  cc_start_hint
  cc_die "$cc_exit_daemon_not_running" "cognito-credsd is not running ($1). $cc_hint"
}

# Decodes the escapes of a JSON string's content into cc_text (\uXXXX, surrogate pairs too, as UTF-8).
cc_json_unescape() {
  local rest=$1 c code low
  cc_text=
  while :; do
    case $rest in
      *\\*)
        cc_text+=${rest%%\\*}
        rest=${rest#*\\}
        c=${rest:0:1}
        rest=${rest:1}
        case $c in
          n) cc_text+=$'\n' ;;
          t) cc_text+=$'\t' ;;
          r) cc_text+=$'\r' ;;
          b) cc_text+=$'\b' ;;
          f) cc_text+=$'\f' ;;
          u)
            [[ ${rest:0:4} == [0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f] ]] || { cc_text+='\u'; continue; }
            code=$((16#${rest:0:4}))
            rest=${rest:4}
            if [ $code -ge 55296 ] && [ $code -lt 56320 ] &&
              [[ ${rest:0:6} == \\u[dD][c-fC-F][0-9A-Fa-f][0-9A-Fa-f] ]]; then
              low=$((16#${rest:2:4}))
              rest=${rest:6}
              code=$((65536 + ((code - 55296) << 10) + low - 56320))
            fi
            cc_utf8 "$code"
            cc_text+=$cc_char ;;
          *) cc_text+=$c ;;
        esac ;;
      *)
        cc_text+=$rest
        return ;;
    esac
  done
}

# The UTF-8 bytes of one code point, into cc_char.
cc_utf8() {
  local code=$1 format
  if [ "$code" -lt 128 ]; then
    printf -v format '\\x%02X' "$code"
  elif [ "$code" -lt 2048 ]; then
    printf -v format '\\x%02X\\x%02X' $((192 | code >> 6)) $((128 | (code & 63)))
  elif [ "$code" -lt 65536 ]; then
    printf -v format '\\x%02X\\x%02X\\x%02X' $((224 | code >> 12)) $((128 | (code >> 6 & 63))) $((128 | (code & 63)))
  else
    printf -v format '\\x%02X\\x%02X\\x%02X\\x%02X' $((240 | code >> 18)) $((128 | (code >> 12 & 63))) \
      $((128 | (code >> 6 & 63))) $((128 | (code & 63)))
  fi
  # shellcheck disable=SC2059 # the format is the escapes just built
  printf -v cc_char "$format"
}

# $1 as one URL path segment or query value (percent-encoding all but unreserved characters, byte
# by byte: the caller sets LC_ALL=C), into cc_segment.
cc_percent_encode() {
  local i c
  cc_segment=''
  for ((i = 0; i < ${#1}; i++)); do
    c=${1:i:1}
    case $c in
      [A-Za-z0-9._~-]) cc_segment+=$c ;;
      *) printf -v c '%%%02X' "'$c"; cc_segment+=$c ;;
    esac
  done
}

# GET $1 (path and query, already encoded) from the daemon; sets cc_status and cc_body, or calls
# cc_die when there is no daemon to ask or it does not answer in time.
# shellcheck disable=SC2034 # cc_status and cc_body are its results
cc_daemon_get() {
  cc_locations
  local endpoint_file=$cc_endpoint_file token_file=$cc_token_file endpoint token port
  [ -f "$endpoint_file" ] || cc_not_running "no endpoint file at $endpoint_file"
  read -r endpoint <"$endpoint_file"
  local loopback='^http://127\.0\.0\.1:([0-9]{1,5})/?$'
  [[ $endpoint =~ $loopback ]] ||
    cc_die "$cc_exit_error" "$endpoint_file does not hold a loopback address of the form http://127.0.0.1:PORT"
  port=${BASH_REMATCH[1]}
  endpoint=http://127.0.0.1:$port
  [ -f "$token_file" ] || cc_not_running "no endpoint token at $token_file"
  read -r token <"$token_file"

  trap "" PIPE
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || cc_not_running "nothing answers at $endpoint"
  # HTTP/1.0: the answer is never chunked. The body is read by its Content-Length when the
  # daemon sends one, else up to the close; every read is bounded in time.
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n%s: %s\r\nAccept: application/json\r\nConnection: close\r\n\r\n' \
    "$1" "$port" "$cc_authorization_header" "$token" >&3 2>/dev/null
  local line='' length='' rc=0
  local status_pattern='^HTTP/[0-9.]+ ([0-9][0-9][0-9])'
  cc_status=''
  cc_body=''
  IFS= read -r -t 120 line <&3 || rc=$?
  if [ $rc -le 128 ]; then
    [[ ${line%$'\r'} =~ $status_pattern ]] || cc_die "$cc_exit_daemon_not_running" "cannot talk to cognito-credsd at $endpoint: no HTTP answer"
    cc_status=${BASH_REMATCH[1]}
    while IFS= read -r -t 120 line <&3 || { rc=$?; false; }; do
      line=${line%$'\r'}
      [ -n "$line" ] || break
      case $line in
        [Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Ll][Ee][Nn][Gg][Tt][Hh]:*) length=${line#*:}; length=${length//[!0-9]/} ;;
      esac
    done
  fi
  if [ $rc -le 128 ] && [ "$length" != 0 ]; then
    if [ -n "$length" ]; then
      IFS= read -r -d '' -n "$length" -t 120 cc_body <&3 || rc=$?
    else
      IFS= read -r -d '' -t 120 cc_body <&3 || rc=$?
    fi
  fi
  exec 3<&-
  if [ $rc -gt 128 ]; then
    cc_start_hint
    cc_die "$cc_exit_daemon_not_running" "cognito-credsd at $endpoint did not answer in time. $cc_hint"
  fi
  # a cut answer is never passed on as credentials (bytes: the caller sets LC_ALL=C)
  if [ -n "$length" ] && [ "${#cc_body}" -lt "$length" ]; then
    cc_die "$cc_exit_daemon_not_running" "cannot talk to cognito-credsd at $endpoint: its answer ended early"
  fi
}

# The code and message of the daemon's error answer in cc_body, into cc_code and cc_message.
# shellcheck disable=SC2034 # cc_code and cc_message are its results
cc_daemon_error() {
  local code_pattern='"code"[[:space:]]*:[[:space:]]*"([^"]*)"'
  local message_pattern='"message"[[:space:]]*:[[:space:]]*"(([^"\\]|\\.)*)"'
  cc_code=''
  cc_message="cognito-credsd answered HTTP $cc_status"
  [[ $cc_body =~ $code_pattern ]] && cc_code=${BASH_REMATCH[1]}
  if [[ $cc_body =~ $message_pattern ]]; then
    cc_json_unescape "${BASH_REMATCH[1]}"
    cc_message=$cc_text
  fi
}
