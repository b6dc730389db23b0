#!/usr/bin/env bash
# Sign-in answer time for existing vs missing accounts (issue 8, finding 4): prints the median of each, which should match.
# Usage: benchmarks/sign-in-timing.sh [base-url]. Start the portal with the throttles lifted, or it answers 429 quickly for both:
#   Throttling__SignInPerClient=100000 Throttling__SignInPerAccount=100000 scripts/run.sh
set -euo pipefail
base="${1:-http://127.0.0.1:5080}"
measure() { # $1 = email
  jar=$(mktemp)
  token=$(curl -s -c "$jar" $base/Account/SignIn | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
  curl -s -o /dev/null -b "$jar" -w "%{time_total}\n" --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=wrong-password" --data-urlencode "__RequestVerificationToken=$token" $base/Account/SignIn
  rm -f "$jar"
}
existing=(); missing=()
for p in contoso fabrikam northwind tailspin wideworld contosogov contosode contosocn wingtipcn; do
  for r in globaladmin usermanager adminagent billing; do
    existing+=($(measure "$r@$p.example")); missing+=($(measure "ghost-$r@$p.example"))
  done
done
printf '%s\n' "${existing[@]}" | sort -n | awk '{a[NR]=$1} END {printf "existing accounts: n=%d median %.1f ms\n", NR, a[int(NR/2)+1]*1000}'
printf '%s\n' "${missing[@]}" | sort -n | awk '{a[NR]=$1} END {printf "missing accounts:  n=%d median %.1f ms\n", NR, a[int(NR/2)+1]*1000}'
