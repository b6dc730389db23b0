#!/usr/bin/env bash
# Runs PartnerPortal with demo data on http://127.0.0.1:5080 (README, first command).
# On a fresh Debian 12 machine with the .NET 10 SDK it installs PostgreSQL, creates the database and role,
# restores packages, applies the migrations and loads the demo organizations.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_postgres_service
dotnet restore PartnerPortal.sln --verbosity quiet

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DemoData__Load="${DemoData__Load:-true}"
export ConnectionStrings__Portal="${ConnectionStrings__Portal:-Host=127.0.0.1;Port=5432;Database=${PARTNERPORTAL_DB_NAME:-partnerportal};Username=${PARTNERPORTAL_DB_USER:-partnerportal};Password=${PARTNERPORTAL_DB_PASSWORD:-partnerportal}}"
url="${PARTNERPORTAL_URL:-http://127.0.0.1:5080}"
echo "PartnerPortal: $url (demo sign-ins in README.md; mail without SMTP goes to src/PartnerPortal.Web/var/mail)"
exec dotnet run --project src/PartnerPortal.Web --no-launch-profile --urls "$url"
