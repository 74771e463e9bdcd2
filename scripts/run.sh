#!/usr/bin/env bash
# make run: provision, create $DB (default collections_demo) with demo data on first run, serve Odoo.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/provision.sh
ODOO_SRC="${ODOO_SRC:-/opt/odoo/18.0}"
DB="${DB:-collections_demo}"
PORT="${PORT:-8069}"
PY="$ROOT/.venv/bin/python"
ADDONS="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$ROOT"
ODOO=("$PY" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS" -d "$DB" --db-filter="^${DB}\$")
installed="$(psql -d "$DB" -tAc "SELECT state FROM ir_module_module WHERE name = 'collections_addon'" 2>/dev/null || true)"
if [ "$installed" != "installed" ]; then
  echo "[run] creating database $DB with demo data and collections_addon (first run: about 2 minutes)"
  dropdb --if-exists "$DB" >/dev/null 2>&1 || true
  "${ODOO[@]}" -i collections_addon --stop-after-init --no-http --log-level=warn
  # Demo credentials: admin / admin, and a first run of the ledger so the kanban is populated.
  "${ODOO[@]}" shell --no-http --log-level=warn <<'PY'
env["res.users"].browse(2).password = "admin"
env["collection.debtor"].sudo()._refresh_companies(env["res.company"].search([]))
env.cr.commit()
PY
fi
echo "[run] serving $DB on http://localhost:$PORT (login admin / admin)"
exec "${ODOO[@]}" --http-port="$PORT" --dev=none -u "" "$@"
