#!/usr/bin/env bash
# make test: provision, lint, install collections_addon and collections_sale (with sale) on two
# fresh databases (with and without demo data), then ONE pytest run with the unit tests of both
# lib/ folders and the ORM/HTTP/tour tests (pytest-odoo) on the demo database, and a second run
# of the collections_sale tests on the database without demo data. Both databases are dropped after.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/provision.sh
ODOO_SRC="${ODOO_SRC:-/opt/odoo/18.0}"
PY="$ROOT/.venv/bin/python"
ADDONS="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$ROOT"
export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
RUN_ID="$(date +%s)_$$"
DB="collections_test_${RUN_ID}"
DB_NODEMO="collections_test_nodemo_${RUN_ID}"
LOGDIR="$ROOT/.test-logs"
mkdir -p "$LOGDIR"

cleanup() {
  for db in "$DB" "$DB_NODEMO"; do
    dropdb --if-exists "$db" >/dev/null 2>&1 || true
    rm -rf "${HOME}/.local/share/Odoo/filestore/$db"
  done
}
trap cleanup EXIT

ADDONS_TO_TEST="collections_addon,sale,collections_sale"

echo "== lint: ruff"
"$ROOT/.venv/bin/ruff" check collections_addon collections_sale tests bench
"$ROOT/.venv/bin/ruff" format --check collections_addon collections_sale tests bench
echo "== lint: pylint-odoo (mandatory checks)"
"$ROOT/.venv/bin/pylint" --rcfile=.pylintrc-mandatory collections_addon collections_sale

install_db() {  # install_db DB LOG [odoo args...]: fresh DB, addons installed, log checked
  local db="$1" log="$2"; shift 2
  dropdb --if-exists "$db" >/dev/null 2>&1 || true
  if ! "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS" -d "$db" -i "$ADDONS_TO_TEST" \
      --stop-after-init --log-level=info --http-port=0 --no-http "$@" >"$log" 2>&1; then
    tail -n 60 "$log"; echo "FAILED: install of $ADDONS_TO_TEST in $db (log: $log)"; return 1
  fi
  if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) " "$log"; then
    echo "FAILED: the install of $ADDONS_TO_TEST in $db logged the warnings above (log: $log)"
    return 1
  fi
  # Odoo ignores a module it cannot load (e.g. a bad version) and still exits 0.
  local addon state
  for addon in ${ADDONS_TO_TEST//,/ }; do
    state="$(psql -d "$db" -tAc "SELECT state FROM ir_module_module WHERE name = '$addon'")"
    if [ "$state" != "installed" ]; then
      echo "FAILED: $addon is '${state:-unknown}' in $db, not installed (log: $log)"; return 1
    fi
  done
  echo "installed $ADDONS_TO_TEST in $db ($*) with a clean log"
}
echo "== install: with demo data ($DB) and without ($DB_NODEMO)"
install_db "$DB" "$LOGDIR/install_demo.log" & p1=$!
install_db "$DB_NODEMO" "$LOGDIR/install_nodemo.log" --without-demo=all & p2=$!
rc=0; wait $p1 || rc=1; wait $p2 || rc=1
[ "$rc" -eq 0 ] || exit 1

echo "== pytest: unit tests of lib/ and ORM/HTTP/tour tests on $DB"
"$ROOT/.venv/bin/pytest" -c setup.cfg tests \
  --odoo-database="$DB" --odoo-addons-path="$ADDONS" --odoo-http --odoo-log-level=warn "$@"

echo "== pytest: the collections_sale tests again on $DB_NODEMO (no demo data)"
"$ROOT/.venv/bin/pytest" -c setup.cfg tests/unit/test_hold.py tests/test_sale_*.py \
  --odoo-database="$DB_NODEMO" --odoo-addons-path="$ADDONS" --odoo-http --odoo-log-level=warn "$@"
