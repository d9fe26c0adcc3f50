#!/usr/bin/env bash
# `npm test`: every test. Type check, lint, then the integration suite on SQLite,
# again on PostgreSQL when TEST_POSTGRES_URL is set (CI sets it), then the
# browser suite in Chromium. Ends with one line counting every test run.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/summary-*.json
run() { # run <name> <vitest args…>: the default report on screen, a JSON one for the closing count
  local name="$1"; shift
  npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="test-results/summary-$name.json"
}
echo "== Prisma clients (from the committed schemas)"
npm run --silent db:generate > /dev/null
echo "== type check"
npx tsc --noEmit -p .
echo "== lint and format (Biome; any warning fails)"
npx biome check --error-on-warnings .
echo "== feature boundaries (faces only, no loops between features)"
npx tsx scripts/check-boundaries.ts
echo "== integration tests on SQLite"
run sqlite --project integration
# Every test that stores or serves uploaded files, again with the files in the database
# (FILE_STORAGE=database; the default run above keeps them in DATA_DIR/uploads).
STORAGE_TESTS=(tests/features/uploads tests/features/drafts/draft-files.test.ts tests/features/reports/reports.test.ts
  tests/features/reports/kept-evidence.test.ts tests/features/obstacles/obstacles.test.ts tests/features/comments/offline.test.ts
  tests/features/documents/results-report.test.ts tests/features/documents/bad-input.test.ts tests/features/plans/triggers.test.ts
  tests/features/plans/permissions.test.ts tests/features/ops/caching.test.ts tests/features/ops/backup-restore.test.ts
  tests/features/register/register.test.ts)
echo "== file storage tests with FILE_STORAGE=database on SQLite"
TEST_FILE_STORAGE=database run sqlite-dbfiles --project integration "${STORAGE_TESTS[@]}"
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  echo "== integration tests on PostgreSQL (${TEST_POSTGRES_URL%%\?*})"
  TEST_DB=postgresql run postgresql --project integration
  echo "== file storage tests with FILE_STORAGE=database on PostgreSQL"
  TEST_DB=postgresql TEST_FILE_STORAGE=database run postgresql-dbfiles --project integration "${STORAGE_TESTS[@]}"
else
  echo "== PostgreSQL run skipped: set TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test to include it"
fi
echo "== browser tests (Chromium)"
run e2e --project e2e
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of fs.readdirSync("test-results").filter((f) => f.startsWith("summary-"))) {
    const r = JSON.parse(fs.readFileSync("test-results/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
'
