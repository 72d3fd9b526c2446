#!/usr/bin/env bash
# Builds the real engine's toolchain from Go modules into a cache outside the repository, and
# reuses it when present:
#   - the Pulumi CLI, pinned in sandbox/toolchain (stamped with its version: the Automation API
#     refuses a CLI that prints none),
#   - the sandbox DigitalOcean provider plugin (sandbox/provider), for tests and local trials only,
#   - the DigitalOcean API emulator (sandbox/emulator),
#   - an S3-compatible store (sandbox/s3), where the tests keep a shared Pulumi state backend,
#   - FerretDB, a server of MongoDB's wire protocol on SQLite, which the MongoDB check after an UP
#     is tested against (pinned below).
#
# usage: sandbox/build.sh [--if-go] [--link DIR]
#   --if-go     on a machine without Go, say so, record why in DIR/../unavailable, and exit 0
#   --link DIR  leave links to the five binaries in DIR (the tests look in target/sandbox/bin)
# The cache is $DBPLANE_SANDBOX_CACHE, or ~/.cache/dbplane-sandbox. A module the Go module proxy
# does not serve fails the build at once, with the go command's own error.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cache="${DBPLANE_SANDBOX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dbplane-sandbox}"
if_go=false
link=""
while [ $# -gt 0 ]; do
  case "$1" in
    --if-go) if_go=true ;;
    --link) link="$2"; shift ;;
    *) echo "usage: $0 [--if-go] [--link DIR]" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v go >/dev/null 2>&1; then
  why="no Go toolchain on this machine (go is not on PATH): the real-engine tests cannot build the Pulumi CLI, the sandbox provider and the emulator"
  if [ "$if_go" = true ]; then
    echo "sandbox: $why" >&2
    if [ -n "$link" ]; then mkdir -p "$link/.." && echo "$why" > "$link/../unavailable"; fi
    exit 0
  fi
  echo "sandbox: $why" >&2
  exit 1
fi

pulumi_version="$(grep -oE 'github.com/pulumi/pulumi/pkg/v3 v[0-9.]+' "$here/toolchain/go.mod" | head -n 1 | cut -d' ' -f2)"
[ -n "$pulumi_version" ] || { echo "sandbox: no github.com/pulumi/pulumi/pkg/v3 version in toolchain/go.mod" >&2; exit 1; }

# A module's build is reused while its sources are the same.
source_hash() {
  (cd "$1" && find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) -not -name '*_test.go' -print0 \
    | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

build() { # name, module dir, package, output, extra ldflags
  local name="$1" dir="$2" pkg="$3" out="$4" ldflags="${5:-}"
  if [ -x "$out" ]; then
    echo "sandbox: $name: cached $out"
    return
  fi
  echo "sandbox: building $name into $out"
  local started=$SECONDS
  mkdir -p "$(dirname "$out")"
  (cd "$dir" && go mod download && CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-w -s $ldflags" -o "$out.partial" "$pkg")
  mv "$out.partial" "$out"
  echo "sandbox: built $name in $((SECONDS - started)) s"
}

build "pulumi $pulumi_version" "$here/toolchain" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
  "$cache/pulumi-$pulumi_version/pulumi" "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pulumi_version"
build "sandbox provider" "$here/provider" . \
  "$cache/provider-$(source_hash "$here/provider")/pulumi-resource-digitalocean"
build "emulator" "$here/emulator" ./cmd/do-emulator \
  "$cache/emulator-$(source_hash "$here/emulator")/do-emulator"
build "S3-compatible store" "$here/s3" ./cmd/s3-server \
  "$cache/s3-$(source_hash "$here/s3")/s3-server"

ferretdb_version=v1.24.2
ferretdb="$cache/ferretdb-$ferretdb_version/ferretdb"
if [ -x "$ferretdb" ]; then
  echo "sandbox: FerretDB $ferretdb_version: cached $ferretdb"
else
  echo "sandbox: building FerretDB $ferretdb_version into $ferretdb"
  started=$SECONDS
  module="$(go mod download -json "github.com/FerretDB/FerretDB@$ferretdb_version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$module" ] || { echo "sandbox: the Go module proxy gave no FerretDB $ferretdb_version" >&2; exit 1; }
  work="$(mktemp -d)"
  cp -R "$module/." "$work"
  chmod -R u+w "$work"
  # FerretDB reads its version from a file its own build writes from git, which the module lacks.
  echo "$ferretdb_version" > "$work/build/version/version.txt"
  mkdir -p "$(dirname "$ferretdb")"
  (cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-w -s" -o "$ferretdb.partial" ./cmd/ferretdb)
  mv "$ferretdb.partial" "$ferretdb"
  rm -rf "$work"
  echo "sandbox: built FerretDB in $((SECONDS - started)) s"
fi

if [ -n "$link" ]; then
  mkdir -p "$link"
  rm -f "$link/../unavailable"
  ln -sfn "$cache/pulumi-$pulumi_version/pulumi" "$link/pulumi"
  ln -sfn "$cache/provider-$(source_hash "$here/provider")/pulumi-resource-digitalocean" "$link/pulumi-resource-digitalocean"
  ln -sfn "$cache/emulator-$(source_hash "$here/emulator")/do-emulator" "$link/do-emulator"
  ln -sfn "$cache/s3-$(source_hash "$here/s3")/s3-server" "$link/s3-server"
  ln -sfn "$ferretdb" "$link/ferretdb"
  echo "sandbox: binaries linked in $link"
fi
