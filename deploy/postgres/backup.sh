#!/usr/bin/env bash
# PostgreSQL backup for Printernizer (the CLI's `backup` covers SQLite only).
# pg_dump's custom format is consistent while the app runs (one snapshot transaction).
# Usage: DATABASE_URL=postgresql://... deploy/postgres/backup.sh [backup dir]
# Keeps PRINTERNIZER_BACKUP_KEEP_DAILY (default 7) dumps; the files root is archived beside it.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
dir="${1:-${PRINTERNIZER_BACKUP_DIR:-${PRINTERNIZER_DATA_DIR:-./data}/backups}}"
keep="${PRINTERNIZER_BACKUP_KEEP_DAILY:-7}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dir"
# Prisma's ?schema= is not a libpq parameter.
url="$(printf '%s' "$DATABASE_URL" | sed -E 's/([?&])schema=[^&]*&?/\1/; s/[?&]$//')"
target="$dir/printernizer-$stamp.pgdump"
pg_dump --format=custom --no-owner --no-privileges --file="$target.partial" "$url"
# Verify: the archive's table of contents must be readable.
pg_restore --list "$target.partial" >/dev/null
mv "$target.partial" "$target"
files="${PRINTERNIZER_DATA_DIR:-./data}/files"
if [[ -d "$files" ]]; then tar -C "$(dirname "$files")" -czf "$dir/printernizer-$stamp-files.tar.gz" files; fi
ls -1t "$dir"/printernizer-*.pgdump | tail -n +"$((keep + 1))" | while read -r old; do
  rm -f -- "$old" "${old%.pgdump}-files.tar.gz"
done
echo "backup $target ($(stat -c %s "$target") bytes)"
