#!/usr/bin/env bash
# Release data cost: binary size, embedded catalog text and one-file check instructions
# of two flowlint binaries (e.g. before and after the per-release catalogs), measured in
# turns. Usage: scripts/bench_release_data.sh OLD_BINARY NEW_BINARY
# Instructions come from callgrind (repeatable on a loaded machine; this VM has no
# hardware counters); wall time is the median of RUNS (default 21) interleaved runs.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
runs=${RUNS:-21}
files=(blueprints/login-mfa.yaml)
upstream=../shared/corpus/authentik/default/flow-default-authentication-flow.yaml
[ -f "$upstream" ] && files+=("$upstream")

echo "binary bytes: old $(stat -c %s "$old"), new $(stat -c %s "$new")"
python3 - <<'PY'
import glob, json
texts = set()
for path in glob.glob("src/catalog/releases/*.json"):
    for model in json.load(open(path))["models"].values():
        texts.add(json.dumps(model["fields"], separators=(",", ":"), ensure_ascii=False, sort_keys=True))
        texts.add(" ".join(model.get("permissions", [])))
print(f"embedded catalog text now (distinct per-model texts, build.rs pooling): {sum(len(t.encode()) for t in texts)} bytes in {len(texts)} texts")
PY

instructions() {
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
median_ms() {
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs, cmds = int(sys.argv[1]), sys.argv[2:]
half = len(cmds) // 2
old, new = cmds[:half], cmds[half:]
times = {"old": [], "new": []}
for _ in range(runs):
    for name, cmd in (("old", old), ("new", new)):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append((time.perf_counter() - start) * 1000)
for name in ("old", "new"):
    values = sorted(times[name])
    print(f"{name} {values[len(values) // 2]:.1f}", end="  ")
print()
PY
}
for file in "${files[@]}"; do
  echo "$file:"
  echo "  instructions: old $(instructions "$old" check --no-config "$file"), new (newest release) $(instructions "$new" check --no-config "$file"), new --authentik-version 2025.12 $(instructions "$new" check --no-config --authentik-version 2025.12 "$file")"
  echo "  median wall ms ($runs interleaved runs): $(median_ms "$old" check --no-config "$file" "$new" check --no-config "$file")"
done
