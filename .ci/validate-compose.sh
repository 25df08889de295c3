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

# A developer's .env in the repo root is NOT read here (an empty --env-file is passed
# instead) so the result does not depend on local settings.

env_file_args=()
if docker-compose --help 2>/dev/null | grep -q -- '--env-file'; then
  empty_env="$(mktemp)"
  trap 'rm -f "$empty_env"' EXIT
  env_file_args=(--env-file "$empty_env")
fi

echo "validate-compose: $(docker-compose version --short 2>/dev/null || docker-compose version | head -n1)"
if docker-compose "${env_file_args[@]}" -f docker-compose.yml config -q; then
  echo "validate-compose: docker-compose.yml is valid"
else
  status=$?
  echo "validate-compose: docker-compose.yml is INVALID" >&2
  exit "$status"
fi
