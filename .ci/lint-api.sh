#!/usr/bin/env bash
# Issue 12: lints the four services' OpenAPI documents with Spectral (spectral:oas and the OWASP API Security ruleset,
# tools/spectral/.spectral.yaml) and fails on any error. The documents are the ones the services serve at /v3/api-docs,
# written to <service>/target/openapi/<service>.json by each service's OpenApiDocumentTest during `mvn verify`.
# --install-only installs the pinned Spectral and stops (.ci/run does that while Maven runs).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
fi

install_only=false
if [ "${1:-}" = "--install-only" ]; then
  install_only=true
fi

documents=()
for service in customer-service sales-service aftersales-service notification-service; do
  document="$service/target/openapi/$service.json"
  if [ "$install_only" = false ] && [ ! -s "$document" ]; then
    echo "lint-api: $document is missing: $service's OpenApiDocumentTest did not run" >&2
    exit 1
  fi
  documents+=("../../$document")
done

cd tools/spectral
# The versions package-lock.json pins, installed once per lock file into a cache outside the clone (a fresh clone then
# links it instead of downloading again); install scripts are not needed (the one there only reports usage).
lock_hash="$(sha256sum package-lock.json | cut -c1-16)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/dealer-platform/spectral-$lock_hash"
if [ ! -x "$cache/node_modules/.bin/spectral" ]; then
  rm -rf "$cache.tmp" && mkdir -p "$cache.tmp"
  cp package.json package-lock.json "$cache.tmp/"
  (cd "$cache.tmp" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  rm -rf "$cache" && mv "$cache.tmp" "$cache"
fi
if [ ! -d node_modules ] || [ -L node_modules ]; then
  ln -sfn "$cache/node_modules" node_modules
fi
if [ "$install_only" = true ]; then
  exit 0
fi
npx --no-install spectral lint --ruleset .spectral.yaml --fail-severity error --display-only-failures "${documents[@]}"
