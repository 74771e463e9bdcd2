#!/usr/bin/env bash
# make run: provision, create $DB (default collections_demo) with demo data, Sales and both addons
# (collections_addon, collections_sale) on first run, serve Odoo.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/provision.sh
ODOO_SRC="${ODOO_SRC:-/opt/odoo/18.0}"
DB="${DB:-collections_demo}"
PORT="${PORT:-8069}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
PY="$ROOT/.venv/bin/python"
ADDONS="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$ROOT"
ODOO=("$PY" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS" -d "$DB" --db-filter="^${DB}\$")
state_of() { psql -d "$DB" -tAc "SELECT state FROM ir_module_module WHERE name = '$1'" 2>/dev/null || true; }
# A reused database is updated to the current code of both addons on start; a
# database installed just now already is.
UPDATE=(-u collections_addon,collections_sale)
if [ "$(state_of collections_addon)" != "installed" ]; then
  echo "[run] creating database $DB with demo data, Sales, collections_addon and collections_sale (first run: 3 to 6 minutes on 2 cores, depending on the load)"
  dropdb --if-exists "$DB" >/dev/null 2>&1 || true
  "${ODOO[@]}" -i collections_addon,sale,collections_sale --stop-after-init --no-http --log-level=warn
  UPDATE=()
  # The first escalation run happens in the server's cron thread a minute after it
  # starts: letters are rendered to PDF through the running server.
  psql -q -d "$DB" -c "UPDATE ir_cron SET nextcall = (now() at time zone 'utc')
    WHERE id IN (SELECT res_id FROM ir_model_data
                  WHERE module = 'collections_addon' AND model = 'ir.cron')"
elif [ "$(state_of collections_sale)" != "installed" ]; then
  # A database made before collections_sale existed: add Sales and the bridge.
  echo "[run] installing Sales and collections_sale in $DB"
  "${ODOO[@]}" -i sale,collections_sale --stop-after-init --no-http --log-level=warn
fi
echo "[run] serving $DB on http://localhost:$PORT (logins: admin / admin, collector1 / collector1,"
echo "      manager / manager, demo / demo)"
exec "${ODOO[@]}" --http-port="$PORT" "${UPDATE[@]}" "$@"
