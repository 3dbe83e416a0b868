#!/usr/bin/env bash
# `check` on related blueprints against `--per-file`, one command: `scripts/bench_related.sh`.
# The synthetic corpus of benches/throughput.rs at 1, 13 and 50 MB (RELATED_MB), with
# every password stage's `!Find` naming file 0's first flow, so every file relates to
# every other (the workspace checks them as one group); wall time of the release binary
# end to end, median of RELATED_RUNS runs (default 3), and peak RSS.
# Target (issue 20): check <= 1.3x --per-file at each size.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RELATED_RUNS:-3}"
sizes="${RELATED_MB:-1 13 50}"
echo "machine: $(nproc) cores; load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
export CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16
cargo bench --quiet --bench throughput --no-run 2>/dev/null
bin=./target/release/flowlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rss_mb() {
  { /usr/bin/time -v "$@" >/dev/null; } 2>&1 \
    | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); printf "%.0f", $2 / 1024}'
}
echo "| corpus (all files related) | check ms | --per-file ms | ratio | check peak RSS MB | --per-file peak RSS MB |"
echo "| --- | --- | --- | --- | --- | --- |"
for mb in $sizes; do
  dir="$work/$mb"
  cargo bench --quiet --bench throughput -- write "$dir" "$mb" 2>/dev/null >/dev/null
  find "$dir" -name '*.yaml' -exec sed -i 's/slug, default-password-change/slug, bench0-0/' {} +
  bytes=$(find "$dir" -name '*.yaml' -print0 | xargs -0 cat | wc -c)
  check=$(cargo bench --quiet --bench throughput -- time "$runs" "$bin" check --format json "$dir" 2>/dev/null)
  each=$(cargo bench --quiet --bench throughput -- time "$runs" "$bin" check --per-file --format json "$dir" 2>/dev/null)
  echo "| $(awk -v b="$bytes" 'BEGIN {printf "%.1f MB", b / 1e6}') | $(awk -v u="$check" 'BEGIN {printf "%.0f", u / 1000}') | $(awk -v u="$each" 'BEGIN {printf "%.0f", u / 1000}') | $(awk -v a="$check" -v b="$each" 'BEGIN {printf "%.2fx", a / b}') | $(rss_mb "$bin" check --format json "$dir") | $(rss_mb "$bin" check --per-file --format json "$dir") |"
  rm -rf "$dir"
done
