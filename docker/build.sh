#!/usr/bin/env bash
# Builds the static magemock binary and the image magemock:<version> + magemock:latest.
#
#   docker/build.sh              cargo build (static, release) then docker build
#   docker/build.sh --no-cargo   image only, from the binary already built
#
# The binary always goes to <workspace>/target/x86_64-unknown-linux-gnu/release/magemock
# (CARGO_TARGET_DIR is ignored here on purpose: that is the path docker/Dockerfile documents).
# The classic builder is used (DOCKER_BUILDKIT=0), so no buildx and no pull are needed:
# the image is FROM scratch. Idempotent: an unchanged binary gives the same cached layers.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
triple=x86_64-unknown-linux-gnu
binary=$repo/target/$triple/release/magemock

build_binary=1
for arg in "$@"; do
  case $arg in
    --no-cargo) build_binary=0 ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

if [[ $build_binary == 1 ]]; then
  echo "==> static binary ($binary)"
  (cd "$repo" && CARGO_TARGET_DIR="$repo/target" RUSTFLAGS="-C target-feature=+crt-static" \
    cargo build --release --locked --target "$triple" -p magemock)
fi
[[ -x $binary ]] || { echo "build.sh: no binary at $binary (run without --no-cargo)" >&2; exit 1; }
if ! file "$binary" 2>/dev/null | grep -q 'static'; then
  if command -v file >/dev/null 2>&1; then
    echo "build.sh: $binary is not statically linked; it would not start FROM scratch" >&2
    exit 1
  fi
fi
version=$("$binary" --version | awk '{print $2}')

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
mkdir -p "$context"/rootfs/{tmp,fixtures,modules,usr/share/magemock/fixtures} "$context/data"
chmod 1777 "$context/rootfs/tmp"
chmod 0755 "$context"/rootfs/{fixtures,modules} "$context/data"
# Symbols are a third of the file and nobody debugs inside the image.
strip --strip-all -o "$context/rootfs/magemock" "$binary" 2>/dev/null || cp "$binary" "$context/rootfs/magemock"
cp "$repo/fixtures/default.xml" "$context/rootfs/usr/share/magemock/fixtures/default.xml"
chmod 0644 "$context/rootfs/usr/share/magemock/fixtures/default.xml"
cp "$repo/docker/Dockerfile" "$context/Dockerfile"

echo "==> image magemock:$version and magemock:latest"
DOCKER_BUILDKIT=0 docker build --quiet --build-arg "VERSION=$version" \
  -t "magemock:$version" -t magemock:latest "$context" >/dev/null
size=$(docker image inspect magemock:latest --format '{{.Size}}')
echo "built magemock:$version ($((size / 1024)) KiB)"
