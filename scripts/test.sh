#!/usr/bin/env bash
# The whole test suite: unit tests (*Test, Surefire) and integration tests against the real
# local services (*IT, Failsafe), after making sure those services run and are set up.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl opendms-engine -am.
# Exits with Maven's exit code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The server's integration tests drive the real AWS CLI (Debian's awscli package, aws-cli 1.x).
if [ ! -x /usr/bin/aws ]; then
  echo "installing the AWS CLI (apt-get install awscli) for the DMS API tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
fi

# The console's browser test (ConsoleBrowserIT) drives Debian's chromium with playwright-core.
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (apt-get install chromium) for the console's browser test"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
browser_tests=opendms-server/src/test/browser
if [ ! -f "$browser_tests/node_modules/.package-lock.json" ] \
    || ! cmp -s "$browser_tests/package-lock.json" "$browser_tests/node_modules/.opendms-lock"; then
  echo "installing the browser test's npm packages (npm ci in $browser_tests)"
  (cd "$browser_tests" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.opendms-lock)
fi

bash scripts/services.sh up
bash scripts/enable-cdc-postgres.sh
bash scripts/enable-ssl-postgres.sh
bash scripts/enable-binlog-mariadb.sh
exec mvn -B --no-transfer-progress verify "$@"
