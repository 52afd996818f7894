#!/usr/bin/env bash
# Local credentials: creates $CREDENTIALS_FILE (default var/credentials.env, mode 600, git-ignored)
# on first use with random secrets, adds keys an older file lacks, and keeps every other line (an
# OFFICE_TOKEN another part adds, values an operator edited). `make start`, the engine scripts and
# the test setup all read this one file, so the engine and the service agree.
#   ENGINE_URL, ENGINE_USER, ENGINE_PASSWORD        the engine REST API and the service account
#   ENGINE_ADMIN_USER, ENGINE_ADMIN_PASSWORD        the engine's administrator (Tasklist, Cockpit, Admin; groups and grants)
#   ENGINE_DEPLOY_USER, ENGINE_DEPLOY_PASSWORD      the deploy account (deployments only)
#   API_URL, API_TOKEN                              the HTTP API and the local portal's bearer token
#   PAYMENT_SECRET                                  the payment provider's signing secret
#   DOCUMENT_LINK_KEY                               the key that signs expiring document links
#   REVIEW_TICKET_KEY                               the key of the engine's review tickets (engine and API)
# Usage: scripts/credentials.sh [file]; prints the file's path.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
file="${1:-${CREDENTIALS_FILE:-$top/var/credentials.env}}"
mkdir -p "$(dirname "$file")"
umask 077
[[ -f $file ]] || : >"$file"
chmod 600 "$file"

secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }
has() { grep -qE "^$1=" "$file"; }
add() { has "$1" || printf '%s=%s\n' "$1" "$2" >>"$file"; }

add ENGINE_URL "${ENGINE_URL:-http://localhost:${ENGINE_PORT:-8080}/engine-rest}"
add ENGINE_USER title-review-service
add ENGINE_PASSWORD "$(secret)"
add ENGINE_ADMIN_USER admin
add ENGINE_ADMIN_PASSWORD "$(secret)"
add ENGINE_DEPLOY_USER title-review-deployer
add ENGINE_DEPLOY_PASSWORD "$(secret)"
add API_URL "http://localhost:${API_PORT:-3000}"
add API_TOKEN "$(secret)"
add PAYMENT_SECRET "$(secret)"
add DOCUMENT_LINK_KEY "$(secret)"
add REVIEW_TICKET_KEY "$(secret)"
echo "$file"
