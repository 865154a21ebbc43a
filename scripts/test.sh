#!/usr/bin/env bash
# The whole test suite: unit tests (*Test, Surefire) and integration tests against the real
# local services (*IT, Failsafe), after making sure those services run and are set up.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl opendms-engine -am.
# Exits with Maven's exit code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The server's integration tests drive the real AWS CLI v2 (Debian's awscli package).
if [ ! -x /usr/bin/aws ]; then
  echo "installing the AWS CLI (apt-get install awscli) for the DMS API tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
fi

bash scripts/services.sh up
bash scripts/enable-cdc-postgres.sh
bash scripts/enable-binlog-mariadb.sh
exec mvn -B --no-transfer-progress verify "$@"
