#!/usr/bin/env bash
# Runs PartnerPortal with demo data on http://127.0.0.1:5080 (README, first command).
# On a fresh Debian 12 machine with the .NET 10 SDK it installs PostgreSQL, creates the database and role,
# restores packages, applies the migrations and loads the demo organizations.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_postgres_service
dotnet restore PartnerPortal.sln --verbosity quiet

# Production: errors show the portal's error page, never a stack trace. Demo data is a setting, not an environment.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export DemoData__Load="${DemoData__Load:-true}"
# The demo relaxes one thing: partner users need not enrol an authenticator app before trying the portal (README).
export Mfa__RequiredForPartnerUsers="${Mfa__RequiredForPartnerUsers:-false}"
export ConnectionStrings__Portal="${ConnectionStrings__Portal:-Host=127.0.0.1;Port=5432;Database=${PARTNERPORTAL_DB_NAME:-partnerportal};Username=${PARTNERPORTAL_DB_USER:-partnerportal};Password=${PARTNERPORTAL_DB_PASSWORD:-partnerportal}}"
url="${PARTNERPORTAL_URL:-http://127.0.0.1:5080}"
# Emailed invitation links start with this address, whatever Host header a request carries.
export Portal__PublicUrl="${Portal__PublicUrl:-$url}"
if [ -n "${Mail__Host:-}" ]; then
  mail_note="mail goes to the SMTP server ${Mail__Host}:${Mail__Port:-25}"
else
  mail_note="mail is written as .eml files to src/PartnerPortal.Web/var/mail (set Mail__Host for an SMTP server)"
fi
cat <<EOF
PartnerPortal is starting on $url
  Sign in as adminagent@contoso.example with password PartnerPortal-2026 (every demo user: README.md, "Demo sign-ins").
  $mail_note.
EOF
exec dotnet run --project src/PartnerPortal.Web --no-launch-profile --urls "$url"
