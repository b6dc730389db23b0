#!/usr/bin/env bash
# Issues 11 and 20: every list page of a large partner, and a customer's record fragment, under 32 concurrent connections,
# against /healthz in the same run.
#
# Builds its own database (partnerportal_bench): Contoso Cloud Partners with 100,000 customers, 300,000 subscriptions,
# 1,000,000 audit entries, 50,000 sent invitations and 2,000 users; Contoso Deutschland with 1,000 customers; Fabrikam (an
# indirect provider) with 10,000 customers, half of them resold by Northwind. Starts the portal (Release, Production) on
# 127.0.0.1:5090, signs in, checks that each URL really shows what its case says, then for each case runs
#   wrk -t2 -c32 -d${DURATION}s        the page itself: req/s, p50, p99, max
#   pgbench -c32 -j2 -M extended       the SQL one view of that page sends (captured from PostgreSQL's log): views/s
# and prints one line per case with the ratio to /healthz and, on each 1k line, the 100k partner's rate over the 1k one's.
# Usage: benchmarks/lists.sh            DURATION=15 by default; SKIP_LOAD=1 reuses the data of an earlier run;
#        ONLY='regex'                   times only the cases whose name matches (and /healthz, the reference).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

duration="${DURATION:-15}"
port=5090
db=partnerportal_bench
base="http://127.0.0.1:$port"
ensure_postgres_service
ensure_debian_packages curl wrk postgresql-contrib
psql_bench() { PGPASSWORD=partnerportal psql -h 127.0.0.1 -U partnerportal -d "$db" -v ON_ERROR_STOP=1 "$@"; }

if [[ "${SKIP_LOAD:-}" != 1 ]]; then
  as_postgres psql -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER partnerportal"
fi
conn="Host=127.0.0.1;Port=5432;Database=$db;Username=partnerportal;Password=partnerportal"

dotnet build src/PartnerPortal.Web -c Release --verbosity quiet >/dev/null
log=$(mktemp)
work=$(mktemp -d)
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Portal="$conn" DemoData__Load=true Serilog__MinimumLevel__Default=Warning \
  Mfa__RequiredForPartnerUsers=false Throttling__SignInPerAccount=100000 Throttling__SignInPerClient=100000 Api__RequestsPerMinute=100000000 \
  Mail__PickupDirectory="$work/mail" \
  dotnet src/PartnerPortal.Web/bin/Release/net10.0/PartnerPortal.Web.dll --urls "$base" --contentRoot "$PWD/src/PartnerPortal.Web" >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; as_postgres psql -qc "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true; rm -rf "$log" "$work"' EXIT
for _ in $(seq 1 90); do curl -sf "$base/healthz" >/dev/null && break; sleep 1; done

if [[ "${SKIP_LOAD:-}" != 1 ]]; then
  echo "Loading data (about a minute)..."
  psql_bench -q <<'SQL'
\o /dev/null
CREATE TEMP TABLE word AS SELECT ARRAY['Logistics','Health','Foods','Energy','Media','Systems','Partners','Retail'] AS sector, ARRAY['Inc.','Ltd','GmbH','LLC','Corp.'] AS form;

-- Customers of a partner: varied names ("Kqzvhiod Logistics GmbH": one in eight is in Logistics), unique domains.
CREATE FUNCTION pg_temp.customers(mpn text, how_many int, prefix text, country text, cloud text, reseller_mpn text, resold_share int) RETURNS void AS $$
  WITH partner AS (SELECT "Id" FROM "Partners" WHERE "MpnId" = mpn),
  reseller AS (SELECT "Id" FROM "Partners" WHERE "MpnId" = reseller_mpn),
  made AS (
    SELECT gen_random_uuid() AS id, n,
           initcap(translate(substr(md5(prefix || n), 1, 8), '0123456789', 'qwrtypsdkz')) || ' ' || (SELECT sector[1 + n % 8] FROM word) || ' ' || (SELECT form[1 + n % 5] FROM word) AS name,
           prefix || translate(substr(md5(prefix || n), 1, 6), '0123456789', 'qwrtypsdkz') || n AS domain
    FROM generate_series(1, how_many) AS n),
  c AS (
    INSERT INTO "Customers" ("Id", "CompanyName", "Domain", "Country", "Cloud", "CreatedAt", "AddressLine1", "City", "PostalCode", "ContactName", "ContactEmail", "ContactPhone", "AgreementVersion", "AgreementAcceptedBy", "AgreementAcceptedAt")
    SELECT id, name, domain || '.onmicrosoft.com', country, cloud, now(), '1 Main', 'Seattle', '98101', 'IT', 'it@' || domain || '.example', '+1 555 0100', 'MCA-2020-03', 'admin', now() FROM made
    RETURNING "Id", "CompanyName", "Domain")
  INSERT INTO "CustomerRelationships" ("Id", "CustomerId", "CustomerName", "CustomerDomain", "PartnerId", "IndirectResellerId", "EstablishedAt")
  SELECT gen_random_uuid(), c."Id", c."CompanyName", c."Domain", (SELECT "Id" FROM partner),
         CASE WHEN resold_share > 0 AND abs(hashtext(c."Id"::text)) % 100 < resold_share THEN (SELECT "Id" FROM reseller) END, now()
  FROM c;
$$ LANGUAGE sql;

SELECT pg_temp.customers('1000001', 100000, 'bench', 'US', 'Public', NULL, 0);
SELECT pg_temp.customers('1000003', 1000, 'benchde', 'DE', 'Germany', NULL, 0);
SELECT pg_temp.customers('2000001', 10000, 'benchfab', 'US', 'Public', '3000001', 50);
INSERT INTO "ResellerPartnerships" ("Id", "ProviderId", "ResellerId", "EstablishedAt")
SELECT gen_random_uuid(), f."Id", n."Id", now() FROM "Partners" f, "Partners" n
WHERE f."MpnId" = '2000001' AND n."MpnId" = '3000001'
  AND NOT EXISTS (SELECT 1 FROM "ResellerPartnerships" p WHERE p."ProviderId" = f."Id" AND p."ResellerId" = n."Id" AND p."RemovedAt" IS NULL);

-- 300,000 subscriptions: three for each of Contoso's new customers.
INSERT INTO "Subscriptions" ("Id", "CreatedAt", "CustomerId", "OfferId", "PartnerId", "Quantity", "Status")
SELECT gen_random_uuid(), now() - (k || ' days')::interval, r."CustomerId", (SELECT "Id" FROM "Offers" WHERE "Cloud" = 'Public' ORDER BY "Name" OFFSET k LIMIT 1), r."PartnerId", 5 + k, 'Active'
FROM "CustomerRelationships" r JOIN "Partners" p ON p."Id" = r."PartnerId" AND p."MpnId" = '1000001', generate_series(0, 2) AS k
WHERE r."CustomerName" <> '' AND r."CustomerId" IN (SELECT "Id" FROM "Customers" WHERE "Domain" LIKE 'bench%' AND "Domain" NOT LIKE 'benchde%' AND "Domain" NOT LIKE 'benchfab%');

-- 1,000,000 audit entries over the past year, each about one of Contoso's customers, in twelve kinds.
CREATE TEMP TABLE contoso_customers AS
SELECT row_number() OVER (ORDER BY r."CustomerId") - 1 AS rn, r."PartnerId", r."CustomerId", r."CustomerName"
FROM "CustomerRelationships" r JOIN "Partners" p ON p."Id" = r."PartnerId" AND p."MpnId" = '1000001';
CREATE INDEX ON contoso_customers (rn);
INSERT INTO "AuditEntries" ("Id", "Action", "Actor", "PartnerId", "CustomerId", "Subject", "At")
SELECT gen_random_uuid(),
       (ARRAY['RelationshipRequested','InvitationEmailSent','RelationshipAccepted','SubscriptionsAdded','SubscriptionUpdated','SignedIn','UserAdded','DelegatedAdminRemoved','RelationshipRemoved','PasswordChanged','UserRolesChanged','InvitationDeclined'])[1 + n % 12],
       'adminagent@contoso.example', c."PartnerId", c."CustomerId", c."CustomerName", now() - (n % 525600 || ' minutes')::interval
FROM generate_series(1, 1000000) AS n JOIN contoso_customers c ON c.rn = n % (SELECT count(*) FROM contoso_customers);

-- 50,000 invitations sent by Contoso, delivered.
INSERT INTO "InvitationLinks" ("Id", "Code", "CreatedAt", "IncludesDelegatedAdmin", "Kind", "PartnerId")
SELECT gen_random_uuid(), md5(random()::text), now(), true, 'ResellerRelationship', "Id" FROM "Partners" WHERE "MpnId" = '1000001'
  AND NOT EXISTS (SELECT 1 FROM "InvitationLinks" l JOIN "Partners" p ON p."Id" = l."PartnerId" AND p."MpnId" = '1000001' WHERE l."Kind" = 'ResellerRelationship' AND l."IncludesDelegatedAdmin" AND l."IndirectProviderId" IS NULL);
INSERT INTO "SentInvitations" ("Id", "LinkId", "PartnerId", "Recipients", "SentBy", "Language", "SentAt", "Kind", "IncludesDelegatedAdmin", "Subject", "Body", "DeliveryStatus", "Attempts", "NextAttemptAt", "DeliveredAt")
SELECT gen_random_uuid(), l."Id", l."PartnerId", 'it' || n || '@prospect.example', 'adminagent@contoso.example', 'en', now() - (n || ' minutes')::interval, 'ResellerRelationship', true, 'Invitation', 'Body', 'Sent', 1, now(), now()
FROM (SELECT l.* FROM "InvitationLinks" l JOIN "Partners" p ON p."Id" = l."PartnerId" AND p."MpnId" = '1000001' LIMIT 1) l, generate_series(1, 50000) AS n;

-- 2,000 users at Contoso.
INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "DisplayName", "PartnerId", "MustChangePassword")
SELECT gen_random_uuid(), 'staff' || n || '@contoso.example', upper('staff' || n || '@contoso.example'), 'staff' || n || '@contoso.example', upper('staff' || n || '@contoso.example'), true, md5(n::text), md5(n::text), false, false, false, 0, 'Staff ' || n, p."Id", false
FROM "Partners" p, generate_series(1, 2000) AS n WHERE p."MpnId" = '1000001';

-- One of Contoso's customers with what an expanded record shows: delegated admin for both services and three users (it has
-- three subscriptions like every other), for the record fragment's case.
INSERT INTO "DelegatedAdminGrants" ("Id", "CustomerId", "PartnerId", "Service", "GrantedAt")
SELECT gen_random_uuid(), c."Id", p."Id", s, now() FROM "Customers" c, "Partners" p, unnest(ARRAY['AzureActiveDirectory','Office365']) AS s
WHERE c."Domain" LIKE 'bench%31337.onmicrosoft.com' AND p."MpnId" = '1000001';
INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "DisplayName", "CustomerId", "MustChangePassword")
SELECT gen_random_uuid(), 'user' || n || '@' || c."Domain", upper('user' || n || '@' || c."Domain"), 'user' || n || '@' || c."Domain", upper('user' || n || '@' || c."Domain"), true, md5(n::text), md5(n::text), false, false, false, 0, 'User ' || n, c."Id", false
FROM "Customers" c, generate_series(1, 3) AS n WHERE c."Domain" LIKE 'bench%31337.onmicrosoft.com';

VACUUM ANALYZE "Customers", "CustomerRelationships", "Subscriptions", "AuditEntries", "InvitationLinks", "SentInvitations", "AspNetUsers", "ResellerPartnerships";
SQL
fi

signin() {
  local jar="$work/$1.cookies" token
  token=$(curl -s -c "$jar" "$base/Account/SignIn" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Input.Email=$2" --data-urlencode "Input.Password=PartnerPortal-2026" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/Account/SignIn"
  awk '$6 == "PartnerPortal.Auth" { print $6 "=" $7 }' "$jar"
}
contoso="Cookie: $(signin contoso globaladmin@contoso.example)"
germany="Cookie: $(signin germany globaladmin@contosode.example)"
fabrikam="Cookie: $(signin fabrikam globaladmin@fabrikam.example)"
northwind="Cookie: $(signin northwind globaladmin@northwind.example)"

# The API (issue 12): an application of each partner with the Admin agent role, registered straight into the table with a
# known secret (the page shows a random one once), and a bearer token from the token endpoint.
api_token() {
  local mpn="$1" id secret="bench-secret-$1"
  id=$(psql_bench -tAc "INSERT INTO \"ApiApplications\" (\"Id\", \"PartnerId\", \"Name\", \"Roles\", \"SecretHash\", \"CreatedBy\", \"CreatedAt\", \"ExpiresAt\")
    SELECT gen_random_uuid(), \"Id\", 'Benchmark', ARRAY['AdminAgent'], sha256(convert_to('$secret', 'UTF8')), 'benchmark', now(), now() + interval '1 day'
    FROM \"Partners\" WHERE \"MpnId\" = '$mpn' RETURNING \"Id\"" | head -n 1)
  curl -s -X POST "$base/oauth2/token" -d grant_type=client_credentials -d "client_id=$id" -d "client_secret=$secret" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
contoso_api="Authorization: Bearer $(api_token 1000001)"
germany_api="Authorization: Bearer $(api_token 1000003)"

sql() { psql_bench -tAc "$1"; }
deep_cursor() { # the cursor of the row half-way down a partner's list, as the Next link would carry it
  printf '%s' "$(sql "SELECT r.\"CustomerName\" || E'\n' || replace(r.\"CustomerId\"::text, '-', '') FROM \"CustomerRelationships\" r JOIN \"Partners\" p ON p.\"Id\" = r.\"PartnerId\" AND p.\"MpnId\" = '$1' WHERE r.\"RemovedAt\" IS NULL ORDER BY r.\"CustomerName\", r.\"CustomerId\" OFFSET $2 LIMIT 1")" \
    | base64 -w0 | tr '+/' '-_' | tr -d '='
}
one_domain=$(sql "SELECT split_part(\"Domain\", '.', 1) FROM \"Customers\" WHERE \"Domain\" LIKE 'bench%42424.onmicrosoft.com'")
one_customer=$(sql "SELECT \"CompanyName\" FROM \"Customers\" WHERE \"Domain\" LIKE 'bench%31337.onmicrosoft.com'")
one_customer_id=$(sql "SELECT \"Id\" FROM \"Customers\" WHERE \"Domain\" LIKE 'bench%31337.onmicrosoft.com'")
northwind_id=$(sql "SELECT \"Id\" FROM \"Partners\" WHERE \"MpnId\" = '3000001'")
month_ago=$(date -u -d '-30 days' +%F); two_months_ago=$(date -u -d '-60 days' +%F)

# name | request header (a signed-in cookie, or an API bearer token) | path | text the page must show (checked before timing)
cases=(
  "healthz|$contoso|/healthz|Healthy"
  "customers 100k, first page|$contoso|/Customers|More than 1,000 in all"
  "customers 1k, first page|$germany|/Customers|More than 1,000 in all"
  "customers 100k, deep page|$contoso|/Customers?after=$(deep_cursor 1000001 50000)|rel=\"prev\""
  "customers 1k, deep page|$germany|/Customers?after=$(deep_cursor 1000003 500)|rel=\"prev\""
  "customers 100k, last page|$contoso|/Customers?last=true|rel=\"prev\""
  "customers 1k, last page|$germany|/Customers?last=true|rel=\"prev\""
  "customers 100k, search Logistics|$contoso|/Customers?q=Logistics|Logistics"
  "customers 1k, search Logistics|$germany|/Customers?q=Logistics|Logistics"
  "customers 100k, search one domain|$contoso|/Customers?q=$one_domain|1 in all"
  "customers 10k provider, reseller filter|$fabrikam|/Customers?reseller=$northwind_id|Northwind"
  "customers, the reseller's own view|$northwind|/Customers|More than 1,000 in all"
  "api customers 100k, first 25|$contoso_api|/v1/customers?size=25|\"companyProfile\""
  "api customers 1k, first 25|$germany_api|/v1/customers?size=25|\"companyProfile\""
  "customer record fragment (3 subs, DAP, users)|$contoso|/Customers/Record/$one_customer_id|user3@"
  "subscriptions of one customer|$contoso|/Customers/Subscriptions/$one_customer_id|$one_customer"
  "audit log 1M, newest|$contoso|/AuditLog|More than 1,000 in all"
  "audit log 1M, one action|$contoso|/AuditLog?action=UserAdded|User added"
  "audit log 1M, one customer|$contoso|/AuditLog?customer=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$one_customer")|$one_customer"
  "audit log 1M, date range|$contoso|/AuditLog?from=$two_months_ago&to=$month_ago|More than 1,000 in all"
  "invitations 50k|$contoso|/Invitations|More than 1,000 in all"
  "users 2k|$contoso|/Users|More than 1,000 in all"
)

capture_sql() { # the statements one view of a page sends, with their parameters filled in, as a pgbench script
  local header="$1" path="$2" out="$3" pglog start
  pglog=$(ls -t /var/log/postgresql/postgresql-15-main.log 2>/dev/null | head -n 1)
  as_postgres psql -qc "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 0.3
  start=$(stat -c %s "$pglog")
  curl -s -H "$header" -o /dev/null "$base$path"
  sleep 0.3
  as_postgres psql -qc "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
  tail -c +"$((start + 1))" "$pglog" | python3 benchmarks/pglog_to_pgbench.py "$db" >"$out"
}

wrk -t2 -c32 -d3s "$base/healthz" >/dev/null   # warm-up: JIT, connection pool
printf '%-42s %9s %9s %9s %9s %9s %11s %10s\n' case req/s p50 p99 max vs-healthz 100k/1k pgbench/s
declare -A rate
for case in "${cases[@]}"; do
  IFS='|' read -r name header path expect <<<"$case"
  if [[ -n "${ONLY:-}" && "$name" != healthz && ! "$name" =~ $ONLY ]]; then continue; fi
  body=$(curl -s -H "$header" -w '\n%{http_code}' "$base$path")
  if [[ "$(tail -n 1 <<<"$body")" != 200 ]] || ! grep -qF -- "$expect" <<<"$body"; then
    echo "$name: $path did not show \"$expect\" (status $(tail -n 1 <<<"$body")); not timed" >&2
    continue
  fi
  wrk -t2 -c32 -d2s -H "$header" "$base$path" >/dev/null   # warm-up: the page's code compiled and tiered up
  result=$(wrk -t2 -c32 -d"${duration}s" --latency -H "$header" "$base$path")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$result")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$result")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$result")
  max=$(awk '$1 == "Latency" { print $4 }' <<<"$result")
  errors=$(awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }' <<<"$result")
  rate[$name]=$rps
  vs_health=$(python3 -c "print(f'{float(\"$rps\") / float(\"${rate[healthz]:-$rps}\") * 100:.0f} %')")
  vs_size="-"
  if [[ "$name" == *"customers 1k,"* ]]; then
    big="${name/1k/100k}"
    [[ -n "${rate[$big]:-}" ]] && vs_size=$(python3 -c "print(f'{float(\"${rate[$big]}\") / float(\"$rps\"):.2f}')")
  fi
  pg="-"
  if [[ "$name" != healthz ]]; then
    capture_sql "$header" "$path" "$work/view.sql"
    if [[ -s "$work/view.sql" ]]; then
      pg=$(PGPASSWORD=partnerportal pgbench -n -h 127.0.0.1 -U partnerportal -c32 -j2 -M extended -T "$((duration < 10 ? duration : 10))" -f "$work/view.sql" "$db" 2>"$work/pgbench.err" \
        | awk '/^tps/ { printf "%.0f", $3 }' || true)
      [[ -n "$pg" ]] || { pg="failed"; head -n 3 "$work/pgbench.err" >&2; }
    fi
  fi
  printf '%-42s %9s %9s %9s %9s %9s %11s %10s %s\n' "$name" "$rps" "$p50" "$p99" "$max" "$vs_health" "$vs_size" "$pg" "$errors"
done
echo "Portal RSS after the run: $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' /proc/$app/status)"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), PostgreSQL $(sql 'SHOW server_version')"
