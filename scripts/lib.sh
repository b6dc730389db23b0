#!/usr/bin/env bash
# Shared helpers for scripts/run.sh and scripts/test.sh: install what a fresh Debian 12 machine lacks.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# ensure_debian_packages PKG... : apt-get install only the packages that are missing.
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# as_postgres CMD...: run a command as the postgres OS user (PostgreSQL's tools refuse to run as root).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# ensure_postgres_service: start the Debian cluster on 127.0.0.1:5432 and create the portal's role and database.
ensure_postgres_service() {
  ensure_debian_packages postgresql
  local version
  version=$(basename "$(dirname "$(pg_bin_dir)")")
  if ! $SUDO pg_ctlcluster "$version" main status >/dev/null 2>&1; then
    $SUDO pg_ctlcluster "$version" main start
  fi
  local db="${PARTNERPORTAL_DB_NAME:-partnerportal}" user="${PARTNERPORTAL_DB_USER:-partnerportal}" pass="${PARTNERPORTAL_DB_PASSWORD:-partnerportal}"
  as_postgres psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='$user'" | grep -q 1 \
    || as_postgres psql -qc "CREATE ROLE \"$user\" LOGIN CREATEDB PASSWORD '$pass'"
  as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
    || as_postgres psql -qc "CREATE DATABASE \"$db\" OWNER \"$user\""
}
