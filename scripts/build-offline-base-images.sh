#!/usr/bin/env bash
# Builds, from Debian's packages, the base images that clocklab's Dockerfile and docker-compose.yml
# name, and tags them with the very same names. For machines that reach Debian's mirror (or a local
# mirror) but no container registry. Images that already exist locally are left alone.
#
#   scripts/build-offline-base-images.sh            # build the missing ones
#   FORCE=1 scripts/build-offline-base-images.sh    # rebuild all of them
#   DEBIAN_MIRROR=http://mirror.local/debian scripts/build-offline-base-images.sh
#
# The host's extra CA certificates (EXTRA_CA_DIR, default /usr/local/share/ca-certificates) are
# trusted inside the images too, so a Maven build stage works behind a TLS-inspecting proxy.
#
# Needs root (debootstrap), debootstrap and a running Docker engine.
set -euo pipefail

MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=${DEBIAN_SUITE:-bookworm}
EXTRA_CA_DIR=${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}
WORK=$(mktemp -d /tmp/clocklab-base-images.XXXXXX)
trap 'umount "$WORK"/*/proc 2>/dev/null || true; rm -rf "$WORK"' EXIT

# name:tag | Debian packages | docker import --change lines (';'-separated)
# The first two stand in for eclipse-temurin (the Dockerfile's build and runtime stages); the third
# for prom/prometheus (Debian ships Prometheus 2.42, which has everything prometheus.yml uses).
IMAGES=(
  "eclipse-temurin:17-jdk|openjdk-17-jdk-headless,ca-certificates,passwd|ENV LANG=C.UTF-8"
  "eclipse-temurin:17-jre|openjdk-17-jre-headless,ca-certificates,passwd|ENV LANG=C.UTF-8"
  "prom/prometheus:v2.53.4|prometheus,ca-certificates|USER nobody;WORKDIR /prometheus;EXPOSE 9090;ENTRYPOINT [\"/bin/prometheus\"];CMD [\"--config.file=/etc/prometheus/prometheus.yml\",\"--storage.tsdb.path=/prometheus\"]"
)

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing: $1 ($2)" >&2; exit 2; }; }
need docker "install docker.io"
need debootstrap "apt-get install -y debootstrap"
[ "$(id -u)" = 0 ] || { echo "debootstrap needs root" >&2; exit 2; }

build_one() {
  local name=$1 packages=$2 changes=$3 root="$WORK/${1//[:\/]/_}"
  local args=()
  IFS=';' read -ra lines <<<"$changes"
  for line in "${lines[@]}"; do args+=(--change "$line"); done

  echo "[$name] debootstrap $SUITE with $packages"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$root" "$MIRROR" >"$root.log" 2>&1 \
    || { tail -20 "$root.log" >&2; return 1; }
  # The JVM needs /proc, even for keytool and for dumping its class-data archive.
  mount -t proc proc "$root/proc"
  if compgen -G "$EXTRA_CA_DIR/*.crt" >/dev/null; then
    cp "$EXTRA_CA_DIR"/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null 2>&1
    if [ -x "$root/usr/bin/keytool" ]; then
      # Debian's Java hook does not always catch up; import into the JDK's trust store directly.
      for crt in "$EXTRA_CA_DIR"/*.crt; do
        chroot "$root" keytool -importcert -noprompt -cacerts -storepass changeit \
          -alias "extra-$(basename "$crt" .crt)" -file "/usr/local/share/ca-certificates/$(basename "$crt")" >/dev/null
      done
    fi
  fi
  # Like the upstream images: a default CDS archive for faster JVM start, an empty /prometheus
  # owned by nobody, and no apt lists or caches.
  if [ -x "$root/usr/bin/java" ]; then chroot "$root" /usr/bin/java -Xshare:dump >/dev/null; fi
  umount "$root/proc"
  if [[ $name == prom/* ]]; then
    mkdir -p "$root/prometheus" "$root/etc/prometheus"
    chroot "$root" chown nobody:nogroup /prometheus
  fi
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
  tar -C "$root" -c . | docker import "${args[@]}" - "$name" >/dev/null
  echo "[$name] imported ($(docker image inspect -f '{{.Size}}' "$name" | awk '{printf "%.0f MB", $1/1e6}'))"
}

pids=()
for spec in "${IMAGES[@]}"; do
  IFS='|' read -r name packages changes <<<"$spec"
  if [ -z "${FORCE:-}" ] && docker image inspect "$name" >/dev/null 2>&1; then
    echo "[$name] already present"
    continue
  fi
  build_one "$name" "$packages" "$changes" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
