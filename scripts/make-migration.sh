#!/usr/bin/env bash
# Writes a new migration for BOTH databases: the difference between the schema
# as committed (git HEAD, which the committed migrations describe) and the
# edited prisma/schema.prisma. Usage: npm run db:migrations -- <name> [git-ref]
# (Prisma's shadow database is not available with driver adapters, so the diff
# is taken schema-to-schema.)
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run db:migrations -- <name> [git-ref]}"
ref="${2:-HEAD}"
stamp="$(date -u +%Y%m%d%H%M%S)"
npx tsx scripts/sync-pg-schema.ts
mkdir -p data
old_dir="$(mktemp -d)"
trap 'rm -rf "$old_dir"' EXIT
for kind in sqlite postgresql; do
  if [ "$kind" = sqlite ]; then dir=prisma/migrations; schema=prisma/schema.prisma; url="file:./data/unused.db";
  else dir=prisma/postgresql/migrations; schema=prisma/postgresql/schema.prisma; url="${PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/test}"; fi
  mkdir -p "$old_dir/$kind"
  git show "$ref:$schema" > "$old_dir/$kind/schema.prisma"
  out="$dir/${stamp}_${name}"
  mkdir -p "$out"
  DATABASE_URL="$url" npx prisma migrate diff --from-schema-datamodel "$old_dir/$kind/schema.prisma" --to-schema-datamodel "$schema" --script > "$out/migration.sql"
  echo "wrote $out/migration.sql"
done
npm run --silent db:generate > /dev/null
