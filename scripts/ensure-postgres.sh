#!/usr/bin/env bash
# Makes sure a local PostgreSQL with the pgvector extension is installed, running and has Verity's
# database. Idempotent: when everything is already there it only checks, in well under a second.
#
#   scripts/ensure-postgres.sh            # database "verity" (VERITY_DB overrides)
#   scripts/ensure-postgres.sh --fresh    # drop and recreate the database first (test runs)
#
# The service connects as its own role (VERITY_DB_USER, default "verity"; password
# VERITY_DB_PASSWORD if set): not a superuser, owner of its database and of everything in it. The
# vector extension, which only a superuser may create, is created here once per database.
#
# Order of preference for pgvector: already installed > postgresql-<major>-pgvector package
# (Ubuntu, PGDG) > build from Debian's source package of a newer suite (Debian bookworm has no
# binary package), fetched through a private apt configuration so the system's own package set
# and lists stay untouched.
set -euo pipefail

DB="${VERITY_DB:-verity}"
DB_USER="${VERITY_DB_USER:-verity}"
FRESH=""
[ "${1:-}" = "--fresh" ] && FRESH=1
PGVECTOR_SUITE="${PGVECTOR_SUITE:-trixie}"
log() { printf 'ensure-postgres: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_major() { ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1; }

ensure_server() {
  if [ -z "$(pg_major)" ]; then
    log "no PostgreSQL server found: installing Debian's postgresql package"
    apt_install postgresql postgresql-contrib
  fi
}

start_cluster() {
  local major; major="$(pg_major)"
  if ! pg_lsclusters -h 2>/dev/null | awk -v m="$major" '$1==m && $4=="online"' | grep -q .; then
    log "starting PostgreSQL $major"
    as_root pg_ctlcluster --skip-systemctl-redirect "$major" main start
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 1
  done
  log "PostgreSQL did not become ready on 127.0.0.1:5432"; exit 1
}

pgvector_installed() {
  local sharedir; sharedir="$(pg_config_for_major --sharedir 2>/dev/null || true)"
  [ -n "$sharedir" ] && [ -f "$sharedir/extension/vector.control" ]
}

pg_config_for_major() {
  local major; major="$(pg_major)"
  if [ -x "/usr/lib/postgresql/$major/bin/pg_config" ]; then
    "/usr/lib/postgresql/$major/bin/pg_config" "$@"
  else
    [ -f "/usr/share/postgresql/$major/extension/plpgsql.control" ] && {
      case "$1" in --sharedir) echo "/usr/share/postgresql/$major";; *) return 1;; esac; }
  fi
}

build_pgvector_from_source() {
  local major work lists
  major="$(pg_major)"
  work="$(mktemp -d)"; lists="$work/lists"
  chmod 755 "$work"   # apt's download user must be able to write there
  mkdir -p "$lists/partial"
  local uri
  # Reuse the URI of the machine's own Debian source (deb822 or one-line format).
  uri="$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
         | grep -E '^(URIs:|deb )' | grep -v security | awk 'NR==1 {print $2}' || true)"
  [ -n "$uri" ] || uri="http://deb.debian.org/debian"
  echo "deb-src $uri $PGVECTOR_SUITE main" > "$work/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-"
              -o "Dir::State::Lists=$lists" -o "APT::Get::List-Cleanup=0")
  log "building pgvector from Debian $PGVECTOR_SUITE source for PostgreSQL $major"
  apt_install "postgresql-server-dev-$major" make gcc dpkg-dev
  # Installing the dev package may upgrade the server package and stop the cluster.
  start_cluster
  as_root apt-get "${opts[@]}" update -qq
  (cd "$work" && apt-get "${opts[@]}" source --download-only -qq pgvector >/dev/null \
     && dpkg-source -x --no-check ./pgvector_*.dsc src >/dev/null)
  make -s -C "$work/src" PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" OPTFLAGS="" >/dev/null
  as_root make -s -C "$work/src" PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" install >/dev/null
  rm -rf "$work"
}

ensure_pgvector() {
  pgvector_installed && return 0
  local major; major="$(pg_major)"
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  if apt-cache show "postgresql-$major-pgvector" >/dev/null 2>&1; then
    log "installing postgresql-$major-pgvector"
    apt_install "postgresql-$major-pgvector"
  else
    build_pgvector_from_source
  fi
  pgvector_installed || { log "pgvector is still missing after installation"; exit 1; }
}

ensure_role() {
  local psql=(psql -h 127.0.0.1 -U postgres -d postgres -tAq -v ON_ERROR_STOP=1)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname = '$DB_USER'")" != 1 ]; then
    log "creating role $DB_USER (login, not a superuser)"
    "${psql[@]}" -c "create role \"$DB_USER\" login nosuperuser nocreatedb nocreaterole"
  fi
  if [ -n "${VERITY_DB_PASSWORD:-}" ]; then
    "${psql[@]}" -v password="$VERITY_DB_PASSWORD" <<<"alter role \"$DB_USER\" password :'password'"
  fi
}

ensure_database() {
  local psql=(psql -h 127.0.0.1 -U postgres -d postgres -tAq -v ON_ERROR_STOP=1)
  if [ -n "$FRESH" ]; then
    "${psql[@]}" -c "drop database if exists \"$DB\" with (force)"
  fi
  if [ "$("${psql[@]}" -c "select 1 from pg_database where datname = '$DB'")" != 1 ]; then
    log "creating database $DB owned by $DB_USER"
    "${psql[@]}" -c "create database \"$DB\" owner \"$DB_USER\""
  fi
  # A database made before the service had its own role: hand it and its objects over.
  psql -h 127.0.0.1 -U postgres -d "$DB" -tAq -v ON_ERROR_STOP=1 -v owner="$DB_USER" <<'SQL'
select format('alter database %I owner to %I', current_database(), :'owner') \gexec
select format('alter schema public owner to %I', :'owner') \gexec
select format('alter table %I.%I owner to %I', schemaname, tablename, :'owner')
  from pg_tables where schemaname = 'public' and tableowner <> :'owner' \gexec
select format('alter sequence %I.%I owner to %I', schemaname, sequencename, :'owner')
  from pg_sequences where schemaname = 'public' and sequenceowner <> :'owner' \gexec
select format('alter function %s owner to %I', p.oid::regprocedure, :'owner')
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
  where n.nspname = 'public' and d.objid is null and pg_get_userbyid(p.proowner) <> :'owner' \gexec
create extension if not exists vector;
SQL
}

ensure_server
start_cluster
ensure_pgvector
start_cluster
ensure_role
ensure_database
log "PostgreSQL $(pg_major) with pgvector is ready; database $DB on 127.0.0.1:5432, owned by $DB_USER"
