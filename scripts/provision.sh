#!/usr/bin/env bash
# Idempotent provisioning for collections_addon: PostgreSQL, Debian packages, Odoo source, .venv.
# A second run with nothing to do takes a few seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-/opt/odoo/18.0}"
VENV="$ROOT/.venv"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

log() { printf '[provision] %s\n' "$*" >&2; }
die() { printf '\n[provision] ERROR: %s\n\n' "$*" >&2; exit 1; }

# --- Debian packages -------------------------------------------------------
DEB_PKGS=(libldap2-dev libsasl2-dev libpq-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev
          wkhtmltopdf chromium fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 poppler-utils)
missing=()
for p in "${DEB_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  missing+=(postgresql postgresql-client)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq || die "apt-get update failed; install by hand: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
fi

# --- PostgreSQL --------------------------------------------------------------
if command -v pg_lsclusters >/dev/null 2>&1; then
  if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    ver="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
    log "creating PostgreSQL $ver cluster"
    $SUDO pg_createcluster "$ver" main >/dev/null
  fi
  while read -r ver name _port status _rest; do
    if [ "$status" != "online" ]; then
      log "starting PostgreSQL cluster $ver/$name"
      $SUDO pg_ctlcluster "$ver" "$name" start || die "could not start PostgreSQL $ver/$name"
    fi
  done < <(pg_lsclusters -h)
fi
for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
pg_isready -q || die "PostgreSQL is not accepting connections (pg_isready failed)"
ME="$(id -un)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
if ! psql -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
  log "creating PostgreSQL superuser role '$ME'"
  as_pg psql -q -d postgres -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ME')
    THEN CREATE ROLE \"$ME\" LOGIN SUPERUSER; END IF; END\$\$;" || die "could not create role $ME"
fi
psql -d postgres -tAc "SELECT 1" >/dev/null || die "role '$ME' cannot connect to PostgreSQL"

# --- Odoo source -------------------------------------------------------------
if [ ! -f "$ODOO_SRC/odoo-bin" ] || [ ! -f "$ODOO_SRC/odoo/release.py" ]; then
  log "no Odoo source at $ODOO_SRC; trying a shallow clone of the official 18.0 branch"
  if timeout 600 git clone -q --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$ODOO_SRC" 2>/dev/null; then
    log "cloned Odoo 18.0 into $ODOO_SRC"
  else
    rm -rf "$ODOO_SRC" 2>/dev/null || true
    die "Odoo 18.0 source not found at ODOO_SRC=$ODOO_SRC and it could not be cloned.
  Provide it in one of these ways, then run the command again:
    - git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git $ODOO_SRC
    - or check out an existing Odoo 18.0 git directory there:
        mkdir -p $ODOO_SRC && git --git-dir=<odoo-18-git-dir> --work-tree=$ODOO_SRC checkout -f HEAD -- .
    - or point ODOO_SRC at an Odoo 18.0 checkout: ODOO_SRC=/path/to/odoo make test"
  fi
fi
grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" || die "$ODOO_SRC is not Odoo 18.0 (see odoo/release.py)"

# --- Python virtualenv -----------------------------------------------------------
STAMP="$VENV/.provisioned"
want="$(cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements-dev.txt" | sha256sum | cut -c1-16)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ]; then
  PY="${PYTHON:-python3.11}"
  command -v "$PY" >/dev/null 2>&1 || PY=python3
  "$PY" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
    || die "Python 3.11 is required ($PY is $("$PY" --version 2>&1))"
  [ -x "$VENV/bin/python" ] || { log "creating $VENV"; "$PY" -m venv "$VENV"; }
  req="$VENV/odoo-requirements.txt"
  # Workaround: cbor2 5.4.2 ships only as an sdist that builds as version 0.0.0 on 3.11; use 5.6.2.
  sed -E "s/^cbor2==5\.4\.2 *;.*/cbor2==5.6.2/" "$ODOO_SRC/requirements.txt" > "$req"
  log "installing Odoo requirements into .venv (first run takes a few minutes)"
  "$VENV/bin/pip" install -q --disable-pip-version-check "pip<25" "setuptools<70" wheel
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$req" || die "pip install of Odoo requirements failed"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements-dev.txt" \
    || die "pip install of requirements-dev.txt failed"
  echo "$want" > "$STAMP"
fi
log "ready: Odoo $ODOO_SRC, venv $VENV, PostgreSQL $(psql -d postgres -tAc 'SHOW server_version')"
