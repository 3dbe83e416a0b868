#!/usr/bin/env bash
# The YAML layer's cost in instructions (repeatable under load, unlike wall time):
# `scripts/bench_yaml.sh [COMMIT]`. Builds benches/yaml_parse.rs (optimized, thin
# settings so it builds in a minute) at the working tree, and at COMMIT when given (in
# a temporary git worktree, removed afterwards, with this bench file copied in), writes
# a synthetic corpus (benches/throughput.rs `write`, BENCH_MB, default 4), and counts
# the instructions of reading vs reading + parsing each corpus under cachegrind.
# Corpora: the synthetic one, blueprints/ + tests/fixtures/, and ../shared/corpus when
# present. Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mb="${BENCH_MB:-4}"
work=$(mktemp -d)
cleanup() {
  if [ -n "${old_tree:-}" ]; then git worktree remove --force "$old_tree" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16

build() { # tree target-dir -> path of the bench binary
  (cd "$1" && CARGO_TARGET_DIR="$2" cargo bench --quiet --bench yaml_parse --no-run >/dev/null 2>&1)
  ls -t "$2"/release/deps/yaml_parse-* | grep -v '\.d$' | head -1
}

cargo bench --quiet --bench throughput -- write "$work/synthetic" "$mb" >/dev/null 2>&1
corpora=("$work/synthetic" "blueprints tests/fixtures")
[ -d ../shared/corpus ] && corpora+=("../shared/corpus")

count() { # binary mode paths... -> instructions
  local bin=$1
  shift
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$bin" "$@" 2>&1 |
    awk '/I *refs:/ {gsub(",", "", $NF); print $NF}'
}

report() { # label binary
  local label=$1 bin=$2
  for corpus in "${corpora[@]}"; do
    # shellcheck disable=SC2086
    read_only=$(count "$bin" read $corpus)
    # shellcheck disable=SC2086
    parsed=$(count "$bin" parse $corpus)
    # shellcheck disable=SC2086
    bytes=$(find $corpus -xtype f \( -name '*.yaml' -o -name '*.yml' \) -print0 | xargs -0 cat | wc -c)
    awk -v l="$label" -v c="$corpus" -v p="$((parsed - read_only))" -v b="$bytes" \
      'BEGIN {printf "| %s | %s | %.2f MB | %.1f M | %.0f |\n", l, c, b / 1e6, p / 1e6, p / b}'
  done
}

echo "| build | corpus | size | parse instructions | per byte |"
echo "| --- | --- | --- | --- | --- |"
report "working tree ($(git rev-parse --short HEAD))" "$(build "$root" "$root/target")"
if [ $# -ge 1 ]; then
  old_tree="$work/old"
  git worktree add --detach "$old_tree" "$1" >/dev/null 2>&1
  cp benches/yaml_parse.rs "$old_tree/benches/"
  grep -q 'name = "yaml_parse"' "$old_tree/Cargo.toml" ||
    printf '\n[[bench]]\nname = "yaml_parse"\nharness = false\n' >>"$old_tree/Cargo.toml"
  # The same target folder: the dependencies are built once for both.
  report "$(git rev-parse --short "$1")" "$(build "$old_tree" "$root/target")"
fi
