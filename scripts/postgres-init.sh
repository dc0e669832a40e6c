#!/usr/bin/env bash
# Run once by the pgvector/pgvector image on a new data volume (compose.yaml mounts it into
# /docker-entrypoint-initdb.d): Verity's own role, not a superuser, owning its database, and the
# vector extension, which only a superuser may create.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
     -v role="${VERITY_DB_USER:-verity}" -v password="${VERITY_DB_PASSWORD:-verity}" <<'SQL'
select format('create role %I login nosuperuser nocreatedb nocreaterole password %L', :'role', :'password') \gexec
select format('create database verity owner %I', :'role') \gexec
SQL
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d verity -c "create extension if not exists vector"
