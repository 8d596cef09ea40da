#!/usr/bin/env bash
# The bench's second reference for credential-process: the least a bash script can do, one raw
# HTTP/1.0 GET over /dev/tcp with the token read from its file (never in argv), the body printed.
# Usage: devtcp-get.sh PORT PATH TOKEN_FILE
read -r token <"$3"
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 3
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nAuthorization: %s\r\nConnection: close\r\n\r\n' "$2" "$1" "$token" >&3
IFS= read -r -d '' -t 10 answer <&3
exec 3<&-
printf '%s\n' "${answer#*$'\r\n\r\n'}"
