#!/bin/bash
# Container health probe for the dealer-platform images: GET /actuator/health on the
# app's own port and succeed only on "HTTP/1.x 200". Uses bash's /dev/tcp so the image
# needs neither curl nor wget. Port: $SERVER_PORT, else the module's default port.
set -u

port="${SERVER_PORT:-}"
if [ -z "$port" ]; then
  case "${DEALER_MODULE:-}" in
    gateway)              port=8080 ;;
    customer-service)     port=8081 ;;
    sales-service)        port=8082 ;;
    aftersales-service)   port=8083 ;;
    notification-service) port=8084 ;;
    *)                    port=8080 ;;
  esac
fi
path="${DEALER_HEALTH_PATH:-/actuator/health}"

exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&- 3>&-
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "unhealthy: ${status:-no response}" >&2; exit 1 ;;
esac
