#!/usr/bin/env bash
# make bench: build (or reuse) the cached benchmark database of SIZE, restore it
# into a fresh database, update collections_addon, then measure.
#   SIZE=S|M (default S)   KEEP_DB=1 keeps the run database   BENCH_REBUILD=1
#   rebuilds the cache   BENCH_BUILD_ONLY=1 stops after the build   BENCH_ONLY=peer
#   measures the OCA peer only, BENCH_PEER=0 leaves it out. Figures: JSON lines
#   on stdout; the markdown table goes to bench/results/latest_<SIZE>.md and stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZE="${SIZE:-S}"
case "$SIZE" in S | M) ;; *) echo "[bench] SIZE must be S or M, not '$SIZE'" >&2; exit 2 ;; esac
ODOO_SRC="${ODOO_SRC:-/opt/odoo/18.0}"
PY="$ROOT/.venv/bin/python"
CACHE="$ROOT/bench/.cache"
export BENCH_DATA_DIR="${BENCH_DATA_DIR:-$CACHE/odoo-data}"
export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
ADDONS="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$ROOT"
ODOO=("$PY" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS" --data-dir="$BENCH_DATA_DIR"
      --no-http --log-level=warn --stop-after-init)
mkdir -p "$CACHE" "$BENCH_DATA_DIR/filestore" "$ROOT/bench/results"

log() { printf '[bench] %s\n' "$*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# Run odoo-bin; show its output (minus the root warning), fail when it fails.
odoo_run() {
  local out status=0
  out="$(mktemp)"
  "${ODOO[@]}" "$@" >"$out" 2>&1 || status=$?
  grep -v "security risk" "$out" >&2 || true
  rm -f "$out"
  return "$status"
}
addon_state() {
  psql -d "$1" -tAc "SELECT state FROM ir_module_module WHERE name = 'collections_addon'"
}

# The cache key is the generator's code: change it and the data are rebuilt.
HASH="$(cat bench/generate.py bench/common.py | sha256sum | cut -c1-12)"
BASE="$CACHE/bench_${SIZE}_${HASH}"
DUMP="$BASE.dump"
HOOKS="$BASE.hooks.json"
FILESTORE="$BASE.filestore.tar"
BUILD_LOG="$BASE.build.jsonl"

RUN_DB="bench_run_${SIZE}_$$"
BUILD_DB="bench_build_${SIZE}_$$"
HTTP_PID=""
cleanup() {
  if [ -n "$HTTP_PID" ]; then kill "$HTTP_PID" 2>/dev/null || true; wait "$HTTP_PID" 2>/dev/null || true; fi
  dropdb --if-exists "$BUILD_DB" >/dev/null 2>&1 || true
  rm -rf "${BENCH_DATA_DIR:?}/filestore/$BUILD_DB"
  if [ "${KEEP_DB:-0}" != "1" ]; then
    dropdb --if-exists "$RUN_DB" >/dev/null 2>&1 || true
    rm -rf "${BENCH_DATA_DIR:?}/filestore/$RUN_DB"
  else
    log "kept database $RUN_DB"
  fi
}
trap cleanup EXIT

# --- build (only when no cached dump of this generator exists) ---------------
if [ "${BENCH_REBUILD:-0}" = "1" ] || [ ! -f "$DUMP" ]; then
  log "building size $SIZE into $BUILD_DB (cache $DUMP)"
  t0="$(now)"
  odoo_run -d "$BUILD_DB" -i collections_addon --without-demo=all
  [ "$(addon_state "$BUILD_DB")" = "installed" ] || { log "collections_addon did not install"; exit 1; }
  install_s="$(since "$t0")"
  log "installed in ${install_s} s; generating"
  t1="$(now)"
  "$PY" bench/generate.py --db "$BUILD_DB" --size "$SIZE" --hooks "$HOOKS.tmp" \
    | tee "$BUILD_LOG.tmp"
  generate_s="$(since "$t1")"
  log "generated in ${generate_s} s; dumping"
  t2="$(now)"
  pg_dump -Fc -f "$DUMP.tmp" "$BUILD_DB"
  tar -C "$BENCH_DATA_DIR/filestore" -cf "$FILESTORE.tmp" "$BUILD_DB" 2>/dev/null \
    || tar -cf "$FILESTORE.tmp" --files-from /dev/null
  dump_s="$(since "$t2")"
  total_s="$(since "$t0")"
  printf '{"figure": "build", "size": "%s", "install_s": %s, "generate_s": %s, "dump_s": %s, "total_s": %s, "dump_mb": %s, "date": "%s"}\n' \
    "$SIZE" "$install_s" "$generate_s" "$dump_s" "$total_s" \
    "$(du -m "$DUMP.tmp" | cut -f1)" "$(date -u +%Y-%m-%dT%H:%MZ)" | tee -a "$BUILD_LOG.tmp"
  mv "$DUMP.tmp" "$DUMP"
  mv "$HOOKS.tmp" "$HOOKS"
  mv "$FILESTORE.tmp" "$FILESTORE"
  mv "$BUILD_LOG.tmp" "$BUILD_LOG"
  dropdb "$BUILD_DB"
  rm -rf "${BENCH_DATA_DIR:?}/filestore/$BUILD_DB"
  # Older dumps of this size belong to older generators.
  find "$CACHE" -maxdepth 1 -name "bench_${SIZE}_*" ! -name "bench_${SIZE}_${HASH}*" -delete
else
  log "using cached $DUMP"
  grep '"figure": "build"' "$BUILD_LOG" 2>/dev/null | sed 's/"figure": "build"/"figure": "build.cached"/' || true
fi

[ "${BENCH_BUILD_ONLY:-0}" = "1" ] && { log "build only: done"; exit 0; }

# --- restore into a fresh database, update the addon ----------------------------
t0="$(now)"
createdb "$RUN_DB"
pg_restore --no-owner -j 2 -d "$RUN_DB" "$DUMP"
mkdir -p "$BENCH_DATA_DIR/filestore/$RUN_DB"
tar -C "$BENCH_DATA_DIR/filestore/$RUN_DB" --strip-components=1 -xf "$FILESTORE" 2>/dev/null || true
vacuumdb --quiet --analyze -d "$RUN_DB"
restore_s="$(since "$t0")"
t1="$(now)"
odoo_run -d "$RUN_DB" -u collections_addon
[ "$(addon_state "$RUN_DB")" = "installed" ] || { log "collections_addon update failed"; exit 1; }
update_s="$(since "$t1")"
printf '{"figure": "restore", "db": "%s", "restore_s": %s, "update_addon_s": %s}\n' \
  "$RUN_DB" "$restore_s" "$update_s"

# --- the peer: OCA's account_credit_control (bench/peer_oca.py) -------------------
# A pinned wheel (bench/peer_oca.txt, version and hash) downloaded once into
# bench/.cache/peer/ and unzipped there; its addons folder goes on the addons
# path of the run database only (install, HTTP server, measure), never into the
# venv. Measured when BENCH_ONLY is empty or names "peer"; BENCH_PEER=0 skips it.
# A failure to fetch or install it is reported and the other sections go on.
PEER_REQ="$ROOT/bench/peer_oca.txt"
PEER_ADDONS=""
peer_wanted() {
  [ "${BENCH_PEER:-1}" != "0" ] || return 1
  [ -z "${BENCH_ONLY:-}" ] && return 0
  case ",$BENCH_ONLY," in *,peer,*) return 0 ;; *) return 1 ;; esac
}
peer_fetch() {  # prints the addons folder of the unzipped wheel
  local version dir
  version="$(sed -n 's/^odoo-addon-account-credit-control==\([^ ]*\).*/\1/p' "$PEER_REQ")"
  dir="$CACHE/peer/account_credit_control-$version"
  if [ ! -f "$dir/odoo/addons/account_credit_control/__manifest__.py" ]; then
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp/wheel"
    "$PY" -m pip download --quiet --no-deps --require-hashes -r "$PEER_REQ" \
      -d "$dir.tmp/wheel" >&2 || return 1
    "$PY" -m zipfile -e "$dir.tmp/wheel/"*.whl "$dir.tmp" || return 1
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
  fi
  printf '%s\n' "$dir/odoo/addons"
}
PEER_VERSION=""
if peer_wanted; then
  t1="$(now)"
  if PEER_ADDONS="$(peer_fetch)"; then
    PEER_VERSION="$(basename "$(dirname "$(dirname "$PEER_ADDONS")")")"
    fetch_s="$(since "$t1")"
    t2="$(now)"
    peer_status=0
    "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS,$PEER_ADDONS" \
      --data-dir="$BENCH_DATA_DIR" --no-http --log-level=warn --stop-after-init \
      -d "$RUN_DB" -i account_credit_control >"$CACHE/peer_install_$$.log" 2>&1 || peer_status=$?
    grep -v "security risk" "$CACHE/peer_install_$$.log" >&2 || true
    rm -f "$CACHE/peer_install_$$.log"
    state="$(psql -d "$RUN_DB" -tAc "SELECT state FROM ir_module_module WHERE name = 'account_credit_control'")"
    printf '{"figure": "peer.oca.install", "wheel": "%s", "addons": "%s", "fetch_s": %s, "install_s": %s, "exit": %s, "state": "%s"}\n' \
      "$PEER_VERSION" "$PEER_ADDONS" "$fetch_s" "$(since "$t2")" "$peer_status" "$state"
    [ "$state" = "installed" ] || { log "account_credit_control did not install: no peer"; PEER_ADDONS=""; }
  else
    log "could not fetch the peer wheel (bench/peer_oca.txt): no peer"
    PEER_ADDONS=""
  fi
fi
export BENCH_PEER_ADDONS="$PEER_ADDONS" BENCH_PEER_WHEEL="$PEER_VERSION"

# --- an HTTP server for wkhtmltopdf ----------------------------------------------
# Reports (demand letters attached to mails) are rendered by wkhtmltopdf, which
# fetches the CSS from Odoo over HTTP: without a server every render fails after
# a timeout. Serve the run database on a free local port, crons off.
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$PY" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS${PEER_ADDONS:+,$PEER_ADDONS}" \
  --data-dir="$BENCH_DATA_DIR" -d "$RUN_DB" --db-filter="^${RUN_DB}\$" --http-interface=127.0.0.1 --http-port="$PORT" \
  --max-cron-threads=0 --workers=0 --log-level=warn >"$CACHE/http_${RUN_DB}.log" 2>&1 &
HTTP_PID=$!
psql -q -d "$RUN_DB" -c "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid,
  create_date, write_date) VALUES ('report.url', 'http://127.0.0.1:$PORT', 1, 1, NOW(), NOW())
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
for _ in $(seq 1 60); do
  "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/web/health', timeout=2)" \
    2>/dev/null && break
  sleep 1
done

# --- measure --------------------------------------------------------------------
# BENCH_ONLY=phases,panel measures some sections only, into a separate table.
OUT="$ROOT/bench/results/latest_${SIZE}${BENCH_ONLY:+_partial}.md"
"$PY" bench/measure.py --db "$RUN_DB" --size "$SIZE" --hooks "$HOOKS" \
  --build-log "$BUILD_LOG" --out "$OUT" ${BENCH_ONLY:+--only "$BENCH_ONLY"} \
  --command "SIZE=$SIZE ${BENCH_ONLY:+BENCH_ONLY=$BENCH_ONLY }make bench"
rm -f "$CACHE/http_${RUN_DB}.log"
