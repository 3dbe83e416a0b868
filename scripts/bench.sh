#!/usr/bin/env bash
# Reproducible benchmark: synthetic corpus throughput and scaling (in-process, median of
# BENCH_RUNS runs), single-file latency and peak RSS of the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_RUNS="${BENCH_RUNS:-5}" BENCH_MB="${BENCH_MB:-50}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cargo build --release --quiet
cargo bench --quiet --bench throughput 2>/dev/null | sed -n '/^|/,$p'

echo
echo "| single file | median wall ms (${BENCH_RUNS} runs, process start included) |"
echo "| --- | --- |"
# median wall time of a command in microseconds (output discarded, exit status ignored)
median_us() {
  local samples=() s e
  for _ in $(seq "$BENCH_RUNS"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    samples+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | sed -n "$(( (BENCH_RUNS + 1) / 2 ))p"
}
ms() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

f=blueprints/login-mfa.yaml
printf '| %s | %s |\n' "$f" "$(ms "$(median_us ./target/release/flowlint check "$f")")"

if [ -x /usr/bin/time ] && [ -d ../shared/corpus/authentik ]; then
  rss=$( { /usr/bin/time -v ./target/release/flowlint check --format json ../shared/corpus/authentik >/dev/null; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
  echo
  echo "peak RSS checking ../shared/corpus/authentik: ${rss} KB"
fi

# Peers on the same files: authentik's own blueprints outside legacy/.
corpus=../shared/corpus/authentik
if [ -d "$corpus" ]; then
  command -v yamllint >/dev/null 2>&1 || pip install --quiet yamllint check-jsonschema >/dev/null 2>&1 || true
  mapfile -t files < <(find "$corpus" -name '*.yaml' -not -path '*/legacy/*' | sort)
  bytes=$(cat "${files[@]}" | wc -c)
  fl=$(median_us ./target/release/flowlint check "${files[@]}")
  echo
  echo "| tool on ${#files[@]} upstream blueprints (${bytes} bytes) | median wall ms | flowlint speed-up |"
  echo "| --- | --- | --- |"
  echo "| flowlint check | $(ms "$fl") | 1x |"
  if command -v yamllint >/dev/null 2>&1; then
    yl=$(median_us yamllint -d relaxed "${files[@]}")
    echo "| yamllint -d relaxed (syntax and style only) | $(ms "$yl") | $((yl / fl))x |"
  fi
  if command -v check-jsonschema >/dev/null 2>&1; then
    # check-jsonschema cannot read custom tags: give it a copy with the tags removed.
    stripped=$(mktemp -d)
    for f in "${files[@]}"; do
      sed -E 's/![A-Za-z]+ ?//g' "$f" > "$stripped/$(echo "$f" | tr / _)"
    done
    cj=$(median_us check-jsonschema --schemafile ../shared/catalog/authentik-blueprint-schema.json "$stripped"/*)
    echo "| check-jsonschema (tag-stripped copies) | $(ms "$cj") | $((cj / fl))x |"
    rm -rf "$stripped"
  fi
fi
