#!/usr/bin/env bash
# The service on the real engine with no DigitalOcean account: the sandbox provider and the
# DigitalOcean API emulator (its PostgreSQL clusters are real databases on a server of its own).
#   bash sandbox/run.sh            the service on :8080, the emulator on 127.0.0.1:8090
# DBPLANE_SANDBOX_EMULATOR_PORT changes the emulator's port. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="$PWD/target/sandbox/bin"
data="${DBPLANE_DATA_DIR:-$PWD/data}"
port="${DBPLANE_SANDBOX_EMULATOR_PORT:-8090}"
# The emulator's token, and the server's default one: not a secret, it opens nothing but the emulator.
token="dop_v1_sandbox0000000000000000000000000000000000000000000000000000000"

bash sandbox/build.sh --link "$bin"

mkdir -p "$data/sandbox"
"$bin/do-emulator" --listen "127.0.0.1:$port" --token "$token" --postgres auto --data-dir "$data/sandbox" \
  --create-delay 10s >"$data/sandbox/emulator.log" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" "$data/sandbox/emulator.log" 2>/dev/null && break
  kill -0 "$emulator" 2>/dev/null || { cat "$data/sandbox/emulator.log" >&2; exit 1; }
  sleep 0.2
done
echo "sandbox: the DigitalOcean emulator listens on http://127.0.0.1:$port (log: $data/sandbox/emulator.log)"

PULUMI_HOME="$data/pulumi-home" PULUMI_SKIP_UPDATE_CHECK=true "$bin/pulumi" plugin install resource digitalocean 4.76.0 \
  --file "$(readlink -f "$bin/pulumi-resource-digitalocean")" --reinstall >/dev/null
echo "sandbox: the sandbox provider is installed as digitalocean 4.76.0 in $data/pulumi-home"

./mvnw -q spring-boot:run -Dspring-boot.run.arguments="\
--dbplane.data-dir=$data \
--dbplane.pulumi.cli=$bin/pulumi \
--dbplane.pulumi.home=$data/pulumi-home \
--dbplane.pulumi.digitalocean-api-endpoint=http://127.0.0.1:$port \
--dbplane.digitalocean.default-token=$token \
--dbplane.pulumi.environment.DIGITALOCEAN_SANDBOX_POLL_INTERVAL=1s"
