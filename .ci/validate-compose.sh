#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine, using Debian's docker-compose
# (`docker-compose config -q` parses the file, checks it against the compose schema and
# resolves variables and anchors).
#
#   .ci/validate-compose.sh          # from anywhere inside the repository
#
# Exit status: non-zero when the file is invalid. When docker-compose is missing and the
# package cannot be installed (no network, no root), prints a warning and exits 0 so
# offline machines are not blocked.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "validate-compose: docker-compose not found; installing Debian's docker-compose package..." >&2
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo -n)
  fi
  if ! { command -v apt-get >/dev/null 2>&1 \
         && "${sudo_cmd[@]}" apt-get update -qq >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq docker-compose >/dev/null 2>&1 \
         && command -v docker-compose >/dev/null 2>&1; }; then
    echo "WARNING: validate-compose: could not install docker-compose (no network, no apt-get or no root?)." >&2
    echo "WARNING: docker-compose.yml was NOT validated." >&2
    exit 0
  fi
fi

# A developer's .env in the repo root is NOT read here, so the result does not depend on local settings.
# Instead every variable .env.example names gets a dummy value (the file requires them all: SEC-6), and a
# second check proves the file refuses to start without them.

dummy_env="$(mktemp)"
empty_env="$(mktemp)"
trap 'rm -f "$dummy_env" "$empty_env"' EXIT
sed -n 's/^#\{0,1\}\([A-Z][A-Z0-9_]*\)=.*/\1=validate-compose-dummy-value/p' .env.example \
  | grep -v -e '^SPRING_PROFILES_ACTIVE=' -e '^DEALER_SMS_SIMULATOR=' > "$dummy_env"

env_file_args=()
empty_env_args=()
if docker-compose --help 2>/dev/null | grep -q -- '--env-file'; then
  env_file_args=(--env-file "$dummy_env")
  empty_env_args=(--env-file "$empty_env")
else
  set -a; . "$dummy_env"; set +a
fi

if [ "${#empty_env_args[@]}" -gt 0 ] \
    && docker-compose "${empty_env_args[@]}" -f docker-compose.yml config -q >/dev/null 2>&1; then
  echo "validate-compose: docker-compose.yml starts without its secrets (SEC-6: each must be required)" >&2
  exit 1
fi

echo "validate-compose: $(docker-compose version --short 2>/dev/null || docker-compose version | head -n1)"
if docker-compose "${env_file_args[@]}" -f docker-compose.yml config -q; then
  echo "validate-compose: docker-compose.yml is valid"
else
  status=$?
  echo "validate-compose: docker-compose.yml is INVALID" >&2
  exit "$status"
fi
