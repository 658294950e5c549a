#!/usr/bin/env bash
# Offline validation of what cannot run here (README, "What is tested for real"): docker-compose.yml
# against the Compose Specification schema; the Kubernetes manifests (deploy/kubernetes), rendered
# with kubectl's kustomize, against the Kubernetes schemas and the discovery rules. To show each
# check can fail, every fixture under fixtures/ must be refused with the message its first line expects.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error

# Each fixture must be refused by the checker, with the message its first line ("# expect: ...") names.
refuses() {
  local checker=$1 fixture=$2 expected output
  expected=$(head -1 "$fixture" | sed 's/^# expect: //')
  if output=$(node "$checker" "$fixture" 2>&1); then
    echo "$fixture was accepted, but it must be refused: $expected" >&2
    exit 1
  fi
  if ! grep -qF -- "$expected" <<< "$output"; then
    echo "$fixture was refused, but not with: $expected" >&2
    echo "$output" >&2
    exit 1
  fi
}

node compose.mjs ../../docker-compose.yml
for fixture in fixtures/invalid-*.yml; do
  refuses compose.mjs "$fixture"
done
echo "compose check: $(ls fixtures/invalid-*.yml | wc -l) invalid fixtures refused as expected"

command -v kubectl >/dev/null || { echo "kubectl is needed to render deploy/kubernetes (Debian: kubernetes-client)" >&2; exit 1; }
rendered=$(mktemp --suffix=.yaml)
trap 'rm -f "$rendered"' EXIT
kubectl kustomize ../../deploy/kubernetes > "$rendered"
node kubernetes.mjs "$rendered" ../../prometheus/prometheus.yml
for fixture in fixtures/k8s-invalid-*.yaml; do
  refuses kubernetes.mjs "$fixture"
done
echo "kubernetes check ($(kubectl version --client 2>/dev/null | head -1)): $(ls fixtures/k8s-invalid-*.yaml | wc -l) invalid fixtures refused as expected"
