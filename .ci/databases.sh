# Sourced by .ci/run: makes a real PostgreSQL and MariaDB available on loopback for the storage
# contract tests, and exports their connection settings. Any failure stops CI with the reason;
# the tests are never silently skipped (CADBRIDGE_REQUIRE_DBS=1).
#
# A developer who already has servers can export CADBRIDGE_TEST_PG_URL / CADBRIDGE_TEST_MARIADB_URL
# (with _USER and _PASSWORD) before running .ci/run; that database is then used as it is.

TEST_DB_NAME=cadbridge_test
TEST_DB_USER=cadbridge_test
TEST_DB_PASSWORD="${CADBRIDGE_TEST_DB_PASSWORD:-cadbridge-test-only}"

ci_fail() {
  echo "ERROR: $*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    ci_fail "need root (or sudo) to run: $*"
  fi
}

install_missing_database_packages() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || ci_fail "${missing[*]} not installed and apt-get is not available to install it"
  echo "Installing ${missing[*]} from Debian packages..."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
    || ci_fail "apt-get update failed; cannot install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
    || ci_fail "apt-get install ${missing[*]} failed"
}

start_postgresql() {
  local version port status
  version="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
  [ -n "$version" ] || ci_fail "PostgreSQL is installed but no server version was found under /usr/lib/postgresql"
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    as_root pg_createcluster "$version" main >/dev/null || ci_fail "pg_createcluster $version main failed"
  fi
  status="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}')"
  if [ "$status" != "online" ]; then
    as_root pg_ctlcluster "$version" main start \
      || ci_fail "PostgreSQL $version did not start; see /var/log/postgresql/postgresql-$version-main.log"
  fi
  port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"
  local psql=(as_root runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -p "$port")
  "${psql[@]}" -tAc "SELECT 1" >/dev/null || ci_fail "PostgreSQL on port $port does not answer"
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$TEST_DB_USER'" | grep -q 1; then
    "${psql[@]}" -c "CREATE ROLE $TEST_DB_USER LOGIN" || ci_fail "could not create PostgreSQL role $TEST_DB_USER"
  fi
  "${psql[@]}" -c "ALTER ROLE $TEST_DB_USER PASSWORD '$TEST_DB_PASSWORD'" || ci_fail "could not set the PostgreSQL test password"
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$TEST_DB_NAME'" | grep -q 1; then
    "${psql[@]}" -c "CREATE DATABASE $TEST_DB_NAME OWNER $TEST_DB_USER" || ci_fail "could not create PostgreSQL database $TEST_DB_NAME"
  fi
  export CADBRIDGE_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/$TEST_DB_NAME"
  export CADBRIDGE_TEST_PG_USER="$TEST_DB_USER"
  export CADBRIDGE_TEST_PG_PASSWORD="$TEST_DB_PASSWORD"
  echo "PostgreSQL $version ready on 127.0.0.1:$port"
}

mariadb_answers() {
  as_root mariadb-admin --protocol=socket ping >/dev/null 2>&1
}

start_mariadb() {
  if ! mariadb_answers; then
    # Containers have no systemd; the Debian package's init script works without it.
    as_root service mariadb start >/dev/null 2>&1 || true
  fi
  if ! mariadb_answers; then
    as_root install -d -o mysql -g mysql /run/mysqld
    as_root sh -c 'nohup mariadbd-safe --bind-address=127.0.0.1 >/tmp/cadbridge-mariadb.log 2>&1 &'
  fi
  local waited=0
  until mariadb_answers; do
    [ "$waited" -ge 30 ] && ci_fail "MariaDB did not start within 30 s; see /var/log/mysql/error.log and /tmp/cadbridge-mariadb.log"
    sleep 1
    waited=$((waited + 1))
  done
  as_root mariadb --protocol=socket -e "
    CREATE DATABASE IF NOT EXISTS $TEST_DB_NAME;
    CREATE USER IF NOT EXISTS '$TEST_DB_USER'@'localhost';
    CREATE USER IF NOT EXISTS '$TEST_DB_USER'@'127.0.0.1';
    ALTER USER '$TEST_DB_USER'@'localhost' IDENTIFIED BY '$TEST_DB_PASSWORD';
    ALTER USER '$TEST_DB_USER'@'127.0.0.1' IDENTIFIED BY '$TEST_DB_PASSWORD';
    GRANT ALL PRIVILEGES ON $TEST_DB_NAME.* TO '$TEST_DB_USER'@'localhost';
    GRANT ALL PRIVILEGES ON $TEST_DB_NAME.* TO '$TEST_DB_USER'@'127.0.0.1';" \
    || ci_fail "could not provision the MariaDB test database and user"
  local port
  port="$(as_root mariadb --protocol=socket -N -B -e 'SELECT @@port')"
  [ "$(as_root mariadb --protocol=socket -N -B -e 'SELECT @@skip_networking')" = "0" ] \
    || ci_fail "MariaDB runs with skip-networking; the tests connect over TCP on 127.0.0.1"
  export CADBRIDGE_TEST_MARIADB_URL="jdbc:mariadb://127.0.0.1:$port/$TEST_DB_NAME"
  export CADBRIDGE_TEST_MARIADB_USER="$TEST_DB_USER"
  export CADBRIDGE_TEST_MARIADB_PASSWORD="$TEST_DB_PASSWORD"
  echo "MariaDB ready on 127.0.0.1:$port"
}

provide_test_databases() {
  if [ -n "${CADBRIDGE_TEST_PG_URL:-}" ] && [ -n "${CADBRIDGE_TEST_MARIADB_URL:-}" ]; then
    echo "Using the test databases given in CADBRIDGE_TEST_PG_URL and CADBRIDGE_TEST_MARIADB_URL"
  else
    install_missing_database_packages
    [ -n "${CADBRIDGE_TEST_PG_URL:-}" ] || start_postgresql
    [ -n "${CADBRIDGE_TEST_MARIADB_URL:-}" ] || start_mariadb
  fi
  export CADBRIDGE_REQUIRE_DBS=1
}
