#!/usr/bin/env bash
# Language-server latency, one command from a clean checkout: `scripts/bench_lsp.sh`.
# Builds the bench without fat LTO (a few minutes less; the figures are the server's
# own work over stdio, not the link mode), then runs benches/lsp.rs: a workspace of
# LSP_FILES generated blueprints (default 500) with one ~1,000-entry file; initial load,
# edit -> diagnostics p50/p95 over LSP_EDITS edits (default 40), the server's peak RSS.
# LSP_BIG_FLOWS sizes the edited file (flows of 13 entries, default 100); LSP_MANIFESTS=M
# wraps 4M blueprints into M Kubernetes manifests; LSP_EDIT=manifest edits one of them.
# FLOWLINT_BENCH_BIN=PATH measures that binary's server instead (before/after figures).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores; load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16 \
  cargo bench --quiet --bench lsp 2>/dev/null
