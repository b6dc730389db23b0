#!/usr/bin/env bash
# Prints how fast the Customers page answers for a partner with 100,000 customers (issue 3, item 13).
# Builds its own database (partnerportal_bench), starts the portal on 127.0.0.1:5090, signs in as a demo Admin agent,
# and times each request with curl. Usage: benchmarks/customers-page.sh [customers] [requests per case]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

customers="${1:-100000}"
runs="${2:-20}"
port=5090
db=partnerportal_bench
ensure_postgres_service
ensure_debian_packages curl
as_postgres psql -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER partnerportal"
conn="Host=127.0.0.1;Port=5432;Database=$db;Username=partnerportal;Password=partnerportal"

dotnet build src/PartnerPortal.Web -c Release --verbosity quiet >/dev/null
log=$(mktemp)
ConnectionStrings__Portal="$conn" DemoData__Load=true Serilog__MinimumLevel__Default=Warning \
  dotnet src/PartnerPortal.Web/bin/Release/net10.0/PartnerPortal.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/PartnerPortal.Web" >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; rm -f "$log" /tmp/pp-bench-cookies' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

echo "Loading $customers customers for Contoso Cloud Partners..."
PGPASSWORD=partnerportal psql -h 127.0.0.1 -U partnerportal -d "$db" -q <<SQL
WITH contoso AS (SELECT "Id" FROM "Partners" WHERE "MpnId" = '1000001'),
new_customers AS (
  INSERT INTO "Customers" ("Id", "CompanyName", "Domain", "Country", "Cloud", "CreatedAt", "AddressLine1", "City", "PostalCode", "ContactName", "ContactEmail", "ContactPhone")
  -- Varied names, like real ones: a random word, a sector and a legal form, e.g. "Kqzvhiod Logistics GmbH".
  SELECT gen_random_uuid(),
         initcap(translate(substr(md5(n::text), 1, 8), '0123456789', 'qwrtypsdkz')) || ' ' ||
           (ARRAY['Logistics','Health','Foods','Energy','Media','Systems','Partners','Retail'])[1 + n % 8] || ' ' ||
           (ARRAY['Inc.','Ltd','GmbH','LLC','Corp.'])[1 + n % 5],
         translate(substr(md5(n::text), 1, 8), '0123456789', 'qwrtypsdkz') || n || '.onmicrosoft.com',
         'US', 'Public', now(), '1 Main', 'Seattle', '98101', 'IT', 'it@customer' || n || '.example', '+1 555 0100'
  FROM generate_series(1, $customers) AS n
  RETURNING "Id")
INSERT INTO "CustomerRelationships" ("Id", "CustomerId", "PartnerId", "EstablishedAt")
SELECT gen_random_uuid(), c."Id", contoso."Id", now() FROM new_customers c, contoso;
ANALYZE "Customers"; ANALYZE "CustomerRelationships";
SQL

base="http://127.0.0.1:$port"
token=$(curl -s -c /tmp/pp-bench-cookies "$base/Account/SignIn" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
curl -s -b /tmp/pp-bench-cookies -c /tmp/pp-bench-cookies -o /dev/null \
  --data-urlencode "Input.Email=adminagent@contoso.example" --data-urlencode "Input.Password=PartnerPortal-2026" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/Account/SignIn"

measure() {
  local name="$1" path="$2" out bad
  out=$(mktemp)
  curl -s -b /tmp/pp-bench-cookies -o /dev/null "$base$path"   # warm-up
  for _ in $(seq 1 "$runs"); do
    curl -s -b /tmp/pp-bench-cookies -o /dev/null -w '%{http_code} %{time_total}\n' "$base$path" >>"$out"
  done
  bad=$(awk '$1 != 200' "$out" | wc -l)
  awk '{ print $2 * 1000 }' "$out" | sort -n | awk -v name="$name" -v bad="$bad" '
    { t[NR] = $1 }
    END { printf "%-32s median %7.1f ms   p95 %7.1f ms   max %7.1f ms   (%d requests, %d not 200)\n", name, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[NR], NR, bad }'
  rm -f "$out"
}

echo "Customers page, $customers customers, $runs requests each:"
measure "first page" "/Customers"
measure "page 2000 of 4000" "/Customers?page=2000"
name=$(PGPASSWORD=partnerportal psql -h 127.0.0.1 -U partnerportal -d "$db" -tAc "SELECT split_part(\"CompanyName\", ' ', 1) FROM \"Customers\" WHERE \"Domain\" LIKE '%42424.onmicrosoft.com'")
measure "search by name ($name)" "/Customers?q=$name"
measure "search by domain (42424.onmicrosoft)" "/Customers?q=42424.onmicrosoft"
measure "search by sector (1 in 8 match)" "/Customers?q=Logistics"
measure "search, no match" "/Customers?q=nothing-like-this"
