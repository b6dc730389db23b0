#!/usr/bin/env bash
# Runs every test: domain unit tests, integration tests on a real PostgreSQL, browser tests in Debian's Chromium
# (README, second command; .ci/run runs exactly this). Installs what a fresh Debian 12 machine lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# postgresql: each run creates a throwaway cluster; chromium: browser tests; python3-aiosmtpd: the loopback SMTP
# server that receives invitation emails; fonts-noto-cjk: Chinese pages in screenshots; nginx: the proxy in front of two nodes.
ensure_debian_packages postgresql chromium python3-aiosmtpd fonts-noto-cjk nginx

dotnet restore PartnerPortal.sln --verbosity quiet
dotnet build PartnerPortal.sln --no-restore --configuration Release --verbosity quiet -warnaserror
# Style: .editorconfig is the rule; `dotnet format PartnerPortal.sln` fixes what this reports.
dotnet format PartnerPortal.sln --verify-no-changes --no-restore
# Schema: every model change has its generated migration (dotnet-ef is pinned in dotnet-tools.json).
dotnet tool restore --verbosity quiet >/dev/null
dotnet ef migrations has-pending-model-changes --project src/PartnerPortal.Web --no-build --configuration Release

log=$(mktemp)
status=0
dotnet test PartnerPortal.sln --no-build --configuration Release --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# One closing line over both test projects, in the plain "N passed, N failed" form.
# Each project ends with "Total tests: N", "     Passed: N" and, when any failed, "     Failed: N".
passed=$({ grep -E '^ +Passed: +[0-9]+$' "$log" || true; } | awk '{ n += $2 } END { print n + 0 }')
failed=$({ grep -E '^ +Failed: +[0-9]+$' "$log" || true; } | awk '{ n += $2 } END { print n + 0 }')
rm -f "$log"
echo "Tests: ${passed:-0} passed, ${failed:-0} failed"
if [ "${passed:-0}" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
