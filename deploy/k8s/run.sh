#!/bin/sh
# One year's consolidation on the cluster: every district at once (Indexed Job), then the city roll-up once all
# of them completed, then retention (purge-job.yaml: runs older than 400 days). Once per cluster before the first run:
#   kubectl apply -f volumes.yaml   and create the nianbao-db Secret (see secret.example.yaml)
# Usage: deploy/k8s/run.sh [namespace]        Exit: 0 every Job completed, 1 a Job failed or timed out.
# Not run on a cluster by the author (see docs/scale-out.md).
set -eu
cd "$(dirname "$0")"
ns="${1:-default}"
k() { kubectl --namespace "$ns" "$@"; }

# Waits until a Job is Complete (0) or Failed (1); `kubectl wait` alone would sit out its timeout on a failure.
wait_job() {
  deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    state=$(k get job "$1" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}')
    case "$state" in
      *Complete*) echo "$1: Complete"; return 0 ;;
      *Failed*) echo "$1: Failed" >&2; k logs "job/$1" --tail=50 >&2 || true; return 1 ;;
    esac
    sleep 15
  done
  echo "$1: not finished after $2 s" >&2
  return 1
}

k apply -f configmap.yaml
# A Job's pod template cannot be changed in place: last run's Jobs go (their outputs and database rows stay).
k delete job nianbao-districts-2020 nianbao-city-2020 nianbao-purge --ignore-not-found --wait=true
k apply -f district-job.yaml
wait_job nianbao-districts-2020 14400 || exit 1
k apply -f city-job.yaml
wait_job nianbao-city-2020 3600 || exit 1
# the year's outputs are written: old runs can go (each job's latest completed run always stays)
k apply -f purge-job.yaml
wait_job nianbao-purge 1800 || exit 1
