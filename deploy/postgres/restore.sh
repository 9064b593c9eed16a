#!/usr/bin/env bash
# Restores a pg_dump custom-format backup into the Printernizer database.
# Stop the worker(s) and web first (scale both to 0 in Kubernetes). Objects are dropped
# and recreated inside one transaction, so a failed restore leaves the database as it was.
# Usage: DATABASE_URL=postgresql://... deploy/postgres/restore.sh <file.pgdump>
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
file="${1:?usage: restore.sh <file.pgdump>}"
url="$(printf '%s' "$DATABASE_URL" | sed -E 's/([?&])schema=[^&]*&?/\1/; s/[?&]$//')"
holder="$(psql "$url" -Atc "SELECT holder FROM \"Lease\" WHERE name = 'worker' AND \"expiresAt\" > now()" 2>/dev/null || true)"
if [[ -n "$holder" ]]; then
  echo "worker $holder holds a live lease: stop the worker (and the web) before restoring" >&2
  exit 1
fi
pg_restore --list "$file" >/dev/null
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$url" "$file"
echo "restored $file"
