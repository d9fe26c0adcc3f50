#!/usr/bin/env bash
# Until the first release, the schema has a single `init` migration per database.
# This rewrites it from prisma/schema.prisma (and regenerates the PostgreSQL schema
# and both clients). After the first release, use `npm run db:migrations -- <name>`.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/sync-pg-schema.ts
mkdir -p data
for kind in sqlite postgresql; do
  if [ "$kind" = sqlite ]; then dir=prisma/migrations; schema=prisma/schema.prisma; url="file:./data/unused.db";
  else dir=prisma/postgresql/migrations; schema=prisma/postgresql/schema.prisma; url="${PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/test}"; fi
  init="$(ls -d "$dir"/*_init)"
  DATABASE_URL="$url" npx prisma migrate diff --from-empty --to-schema-datamodel "$schema" --script > "$init/migration.sql.new"
  mv "$init/migration.sql.new" "$init/migration.sql"
  echo "rewrote $init/migration.sql"
done
npm run db:generate >/dev/null
