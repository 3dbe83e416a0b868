#!/usr/bin/env bash
# Reproducible benchmark, one command from a clean checkout: `scripts/bench.sh`.
#
# 1. in-process (benches/throughput.rs, median of BENCH_RUNS runs): parse-only and full
#    check throughput (the default, and each file its own world as `--per-file`) on a
#    generated synthetic corpus (1 MB, BENCH_MB/4, BENCH_MB),
#    the share of each phase, scaling at 1x/4x/16x entries;
# 2. the same generator writes the BENCH_MB corpus to disk once: the release binary
#    checks it end to end, by default and `--per-file` (wall time, peak RSS from
#    /usr/bin/time -v), and a copy whose files all relate (the worst case);
# 3. single-file latency (process start included) of typical blueprints;
# 4. peers on authentik's own blueprints (../shared/corpus/authentik, not legacy/):
#    yamllint and check-jsonschema (on tag-stripped copies: it cannot read tags).
# Ends with one table of every figure against its target. Environment: BENCH_RUNS
# (default 7), BENCH_MB (default 50), LATENCY_RUNS (default 21).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_RUNS="${BENCH_RUNS:-7}" BENCH_MB="${BENCH_MB:-50}"
LATENCY_RUNS="${LATENCY_RUNS:-21}"
bin=./target/release/flowlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(rustc --version)"
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other processes make every figure noisy)"
cargo build --release --quiet
cargo bench --quiet --bench throughput --no-run 2>/dev/null

echo
cargo bench --quiet --bench throughput 2>/dev/null | sed -n '/^|/,$p' | tee "$work/throughput.txt"

# median of a list of numbers on stdin
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# median wall time of a command in microseconds over $1 runs (output discarded;
# exit 1 is a verdict, any other failure stops the bench); the bench binary spawns the
# process itself, so no shell or `date` fork is inside the measured interval
median_us() {
  cargo bench --quiet --bench throughput -- time "$@"
}
ms() { awk -v us="$1" 'BEGIN {printf "%.1f", us / 1000}'; }
# A peer's time counts only if it really checked the files: exit 0 or 1 (its findings)
# and no crash, usage error or missing file in its output (a Python tool's uncaught
# exception exits 1 too, so the exit code alone cannot tell): run once first, and say
# why a figure is missing.
peer_ran() {
  local name=$1 out status=0
  shift
  out=$("$@" 2>&1) || status=$?
  if [ "$status" -gt 1 ] || grep -qE 'Traceback|No such file|[Uu]sage:' <<<"$out"; then
    echo "| $name did not run on the files (exit $status): no figure | | |" >&2
    printf '%s\n' "$out" | tail -3 >&2
    return 1
  fi
}

# The BENCH_MB corpus on disk, checked by the binary end to end.
corpus="$work/corpus"
cargo bench --quiet --bench throughput -- write "$corpus" "$BENCH_MB" 2>/dev/null >/dev/null
corpus_bytes=$(find "$corpus" -name '*.yaml' -print0 | xargs -0 cat | wc -c)
corpus_mb=$(awk -v b="$corpus_bytes" 'BEGIN {printf "%.1f", b / 1e6}')
e2e_runs=3
e2e=$(median_us "$e2e_runs" "$bin" check --format json "$corpus")
# peak RSS in KB of a command, median of 3 runs (threads make the peak vary)
rss_of() {
  for _ in 1 2 3; do
    { /usr/bin/time -v "$@" >/dev/null; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}'
  done | median
}
rss_kb=$(rss_of "$bin" check --format json "$corpus")
echo
echo "| end to end: flowlint check --format json on the ${corpus_mb} MB corpus on disk | value |"
echo "| --- | --- |"
echo "| median wall ms (${e2e_runs} runs) | $(ms "$e2e") |"
echo "| throughput MB/s | $(awk -v b="$corpus_bytes" -v us="$e2e" 'BEGIN {printf "%.1f", b / us}') |"
echo "| peak RSS MB | $(awk -v k="$rss_kb" 'BEGIN {printf "%.0f", k / 1024}') |"
# The same corpus with every file as a world of its own (`--per-file`): each tree is
# freed once its file is checked.
e2e_each=$(median_us "$e2e_runs" "$bin" check --per-file --format json "$corpus")
rss_each_kb=$(rss_of "$bin" check --per-file --format json "$corpus")
echo "| --per-file: median wall ms (${e2e_runs} runs) | $(ms "$e2e_each") |"
echo "| --per-file: throughput MB/s | $(awk -v b="$corpus_bytes" -v us="$e2e_each" 'BEGIN {printf "%.1f", b / us}') |"
echo "| --per-file: peak RSS MB | $(awk -v k="$rss_each_kb" 'BEGIN {printf "%.0f", k / 1024}') |"
# The worst case of the default: every file tied to every other (each password
# stage's `!Find` names file 0's first flow), so all files are parsed again and
# checked as one world.
tied="$work/tied"
cp -r "$corpus" "$tied"
find "$tied" -name '*.yaml' -exec sed -i 's/slug, default-password-change/slug, bench0-0/' {} +
e2e_tied=$(median_us "$e2e_runs" "$bin" check --format json "$tied")
rss_tied_kb=$(rss_of "$bin" check --format json "$tied")
echo "| every file tied to file 0 (one world of all): median wall ms (${e2e_runs} runs) | $(ms "$e2e_tied") |"
echo "| every file tied to file 0: peak RSS MB | $(awk -v k="$rss_tied_kb" 'BEGIN {printf "%.0f", k / 1024}') |"

# Scaling end to end: the 1x/4x/16x worlds of the in-process table on disk, each
# checked by a fresh process (as a user runs it), in turns, median of 11.
echo
echo "| entries scale, end to end (fresh process each) | median wall ms (11 runs, in turns) | ratio to 1x |"
echo "| --- | --- | --- |"
scale_e2e=""
for flows in 5 20 80; do
  cargo bench --quiet --bench throughput -- write "$work/scale$flows" "$(awk -v f="$flows" 'BEGIN {print 20 * 3050 * f / 1e6}')" "$flows" 2>/dev/null >/dev/null
done
declare -A scale_samples=()
for _ in $(seq 11); do
  for flows in 5 20 80; do
    scale_samples[$flows]+="$(median_us 1 "$bin" check --format json "$work/scale$flows") "
  done
done
for flows in 5 20 80; do
  t=$(echo "${scale_samples[$flows]}" | tr ' ' '\n' | grep . | median)
  [ "$flows" = 5 ] && base_t=$t
  ratio=$(awk -v a="$t" -v b="$base_t" 'BEGIN {printf "%.2f", a / b}')
  [ "$flows" = 80 ] && scale_e2e=$ratio
  echo "| $((flows / 5))x | $(ms "$t") | ${ratio} |"
done

echo
echo "| single file (process start included) | bytes | median wall ms (${LATENCY_RUNS} runs) |"
echo "| --- | --- | --- |"
latency_files=(blueprints/login-mfa.yaml)
[ -f ../shared/corpus/authentik/default/flow-default-authentication-flow.yaml ] &&
  latency_files+=(../shared/corpus/authentik/default/flow-default-authentication-flow.yaml)
# The target is about typical blueprints (one flow, a few KB); a synthetic file with
# ten flows (~30 KB) is measured too, for scale, and not judged.
worst_latency=0
for f in "${latency_files[@]}"; do
  t=$(median_us "$LATENCY_RUNS" "$bin" check "$f")
  [ "$t" -gt "$worst_latency" ] && worst_latency=$t
  printf '| %s | %s | %s |\n' "$f" "$(wc -c <"$f")" "$(ms "$t")"
done
large="$(find "$corpus" -name '*.yaml' | sort | sed -n 1p)"
printf '| %s (10 flows, not judged) | %s | %s |\n' "${large#"$work"/}" "$(wc -c <"$large")" "$(ms "$(median_us "$LATENCY_RUNS" "$bin" check "$large")")"

# Peers on the same files: authentik's own blueprints outside legacy/.
peers=../shared/corpus/authentik
yl_ratio="" cj_ratio=""
if [ -d "$peers" ]; then
  for peer in yamllint check-jsonschema; do
    command -v "$peer" >/dev/null 2>&1 || pip install --quiet "$peer" >/dev/null 2>&1 || true
  done
  mapfile -t files < <(find "$peers" -name '*.yaml' -not -path '*/legacy/*' | sort)
  bytes=$(cat "${files[@]}" | wc -c)
  peer_runs=5
  fl=$(median_us "$peer_runs" "$bin" check "${files[@]}")
  echo
  echo "| tool on ${#files[@]} upstream blueprints (${bytes} bytes), median of ${peer_runs} | median wall ms | flowlint is faster by |"
  echo "| --- | --- | --- |"
  echo "| flowlint check (all rules, all files one world) | $(ms "$fl") | 1x |"
  if command -v yamllint >/dev/null 2>&1 && peer_ran "yamllint" yamllint -d relaxed "${files[@]}"; then
    yl=$(median_us "$peer_runs" yamllint -d relaxed "${files[@]}")
    yl_ratio=$(awk -v a="$yl" -v b="$fl" 'BEGIN {printf "%.0f", a / b}')
    echo "| yamllint -d relaxed (syntax and style only) | $(ms "$yl") | ${yl_ratio}x |"
  fi
  schema=../shared/catalog/authentik-blueprint-schema.json
  if command -v check-jsonschema >/dev/null 2>&1 && [ -f "$schema" ]; then
    # check-jsonschema cannot read custom tags: give it copies with the tags removed.
    # Numbered names: a name made from "../shared/..." would start with a dot, and a
    # glob skips dotfiles (the runs before 2026-12-05 timed a FileNotFoundError).
    stripped="$work/stripped"
    mkdir -p "$stripped"
    stripped_files=()
    for i in "${!files[@]}"; do
      copy="$stripped/$(printf '%03d' "$i")-$(basename "${files[$i]}")"
      sed -E 's/![A-Za-z]+ ?//g' "${files[$i]}" > "$copy"
      stripped_files+=("$copy")
    done
    if peer_ran "check-jsonschema" check-jsonschema --schemafile "$schema" "${stripped_files[@]}"; then
      cj=$(median_us "$peer_runs" check-jsonschema --schemafile "$schema" "${stripped_files[@]}")
      cj_ratio=$(awk -v a="$cj" -v b="$fl" 'BEGIN {printf "%.0f", a / b}')
      echo "| check-jsonschema (schema only, tag-stripped copies) | $(ms "$cj") | ${cj_ratio}x |"
    fi
  fi
fi

# Every figure against its target.
check_pct=$(awk -F'|' -v mb="$BENCH_MB" '$2 ~ " "mb" MB " {gsub(/[ %]/,"",$8); print $8}' "$work/throughput.txt")
each_pct=$(awk -F'|' -v mb="$BENCH_MB" '$2 ~ " "mb" MB " {gsub(/[ %]/,"",$10); print $10}' "$work/throughput.txt")
# the cold-cache ratio (column 5); the warm-repeat ratio is column 7
scale16=$(awk -F'|' '$2 ~ /16x/ {gsub(/ /,"",$5); print $5}' "$work/throughput.txt")
rss_mb=$(awk -v k="$rss_kb" 'BEGIN {printf "%.0f", k / 1024}')
rss_each_mb=$(awk -v k="$rss_each_kb" 'BEGIN {printf "%.0f", k / 1024}')
rss_limit=$(awk -v b="$corpus_bytes" 'BEGIN {printf "%.0f", 3 * b / 1048576 + 30}')
verdict() { if awk "BEGIN {exit !($1)}"; then echo met; else echo "NOT met"; fi; }
echo
echo "| target | measured | goal | |"
echo "| --- | --- | --- | --- |"
echo "| check throughput / parse-only (${BENCH_MB} MB, all cores) | ${check_pct}% | >= 60% | $(verdict "${check_pct:-0} >= 60") |"
echo "| the same, --per-file (each file its own world; not the default) | ${each_pct}% | >= 60% | $(verdict "${each_pct:-0} >= 60") |"
echo "| time at 16x entries / 1x, fresh process each | ${scale_e2e}x | <= 17x | $(verdict "${scale_e2e:-99} <= 17") |"
echo "| time at 16x entries / 1x, in process (cold caches) | ${scale16}x | <= 17x | $(verdict "${scale16:-99} <= 17") |"
echo "| slowest typical single-file check | $(ms "$worst_latency") ms | < 10 ms | $(verdict "$worst_latency < 10000") |"
echo "| peak RSS, ${corpus_mb} MB corpus (median of 3) | ${rss_mb} MB | <= ${rss_limit} MB | $(verdict "$rss_mb <= $rss_limit") |"
echo "| the same, --per-file (not the default) | ${rss_each_mb} MB | <= ${rss_limit} MB | $(verdict "$rss_each_mb <= $rss_limit") |"
[ -n "$yl_ratio" ] && echo "| speed-up over yamllint | ${yl_ratio}x | >= 50x | $(verdict "$yl_ratio >= 50") |"
[ -n "$cj_ratio" ] && echo "| speed-up over check-jsonschema | ${cj_ratio}x | >= 200x | $(verdict "$cj_ratio >= 200") |"
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
