#!/usr/bin/env bash
# Runs the whole suite on PostgreSQL: a fresh database on the local server for this run
# (PG_URL, default postgres://postgres@127.0.0.1:5432), dropped afterwards.
set -euo pipefail
base="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
db="hxg_run_$(date +%s)_$$"
psql "$base/postgres" -qc "create database $db"
trap 'psql "$base/postgres" -qc "drop database if exists $db with (force)" >/dev/null' EXIT
TEST_DATABASE_URL="$base/$db" npx jest "$@"
