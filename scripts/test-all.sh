#!/usr/bin/env bash
# `npm test`: every test. Type check, then the integration suite on SQLite,
# again on PostgreSQL when TEST_POSTGRES_URL is set (CI sets it), then the
# browser suite in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Prisma clients (from the committed schemas)"
npm run --silent db:generate > /dev/null
echo "== type check"
npx tsc --noEmit -p .
echo "== integration tests on SQLite"
npx vitest run --project integration
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  echo "== integration tests on PostgreSQL (${TEST_POSTGRES_URL%%\?*})"
  TEST_DB=postgresql npx vitest run --project integration
else
  echo "== PostgreSQL run skipped: set TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test to include it"
fi
echo "== browser tests (Chromium)"
npx vitest run --project e2e
