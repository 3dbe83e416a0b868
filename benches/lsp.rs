//! `flowlint lsp` latency, end to end over stdio (`scripts/bench_lsp.sh` prints it):
//! a workspace of `LSP_FILES` generated blueprints (default 500) of which one holds
//! `LSP_BIG_FLOWS` flows of 13 entries (default 100: about 1,300 entries); the time
//! from `didOpen` to its diagnostics (initial load), then from each `didChange` of
//! that file to its diagnostics (p50/p95 over `LSP_EDITS` edits, debounce set to 0),
//! and the server's peak memory. `LSP_MANIFESTS=M` wraps files 1..=4M into M
//! Kubernetes manifests of four ConfigMap blueprints each (a folder with manifests);
//! `LSP_EDIT=manifest` then edits the first manifest, open, instead of that file.

#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;
mod synthetic;

use std::time::Instant;

use serde_json::json;

fn main() {
    let files: usize = env_or("LSP_FILES", 500);
    let edits: usize = env_or("LSP_EDITS", 40);
    let shape = synthetic::Shape::new(files, 1);
    let mut corpus = synthetic::corpus(&shape);
    let big_flows: usize = env_or("LSP_BIG_FLOWS", 100);
    let big = synthetic::blueprint(files, &synthetic::Shape::new(1, big_flows));
    let entries = big.matches("- model:").count();
    corpus[0] = ("bench/big.yaml".to_string(), big.clone());
    let manifests: usize = env_or("LSP_MANIFESTS", 0).min((files - 1) / 4);
    let wrapped: Vec<(String, String)> = (0..manifests)
        .map(|m| {
            let parts = &corpus[1 + 4 * m..1 + 4 * (m + 1)];
            (format!("bench/manifest-{m:04}.yaml"), manifest(m, parts))
        })
        .collect();
    corpus.drain(1..1 + 4 * manifests);
    corpus.extend(wrapped);
    let edit_manifest = manifests > 0 && std::env::var("LSP_EDIT").is_ok_and(|v| v == "manifest");
    let (edited, edited_text) = if edit_manifest {
        let (path, text) = &corpus[corpus.len() - manifests];
        (path.clone(), text.clone())
    } else {
        ("bench/big.yaml".to_string(), big.clone())
    };
    let refs: Vec<(&str, &str)> = corpus
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (_dir, root) = lsp_client::workspace(&refs);
    let bytes: usize = corpus.iter().map(|(_, t)| t.len()).sum();

    let mut client = lsp_client::Client::spawn();
    let path = root.join(&edited);
    let started = Instant::now();
    client.call(
        "initialize",
        json!({
            "processId": null,
            "capabilities": {},
            "workspaceFolders": [{"uri": lsp_client::uri(&root), "name": "bench"}],
            "initializationOptions": {"debounceMs": 0},
        }),
    );
    client.notify("initialized", json!({}));
    let uri = client.open(&path, &edited_text);
    client.diagnostics(&uri);
    let initial = started.elapsed();

    let mut times = Vec::new();
    for edit in 0..edits {
        // Rename the first flow's title: a one-line edit, as typing does (its
        // indentation kept: the text stays a valid blueprint).
        let (line, indent) = edited_text
            .lines()
            .enumerate()
            .find(|(_, l)| l.trim_start().starts_with("title:"))
            .map(|(at, l)| (at, &l[..l.len() - l.trim_start().len()]))
            .unwrap_or((0, ""));
        let at = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": edit + 2},
                "contentChanges": [{
                    "range": {"start": {"line": line, "character": 0},
                              "end": {"line": line + 1, "character": 0}},
                    "text": format!("{indent}title: edited {edit}\n"),
                }],
            }),
        );
        let version = edit + 2;
        client.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["version"] == version
        });
        times.push(at.elapsed().as_secs_f64() * 1000.0);
    }
    let peak_kib = client.peak_rss_kib();
    times.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "| workspace | {} files ({manifests} manifests of 4 blueprints), {:.1} MB; edited: {} |",
        corpus.len(),
        bytes as f64 / 1e6,
        if edit_manifest {
            "a manifest, 4 blueprints".to_string()
        } else {
            format!("{entries} entries")
        }
    );
    println!(
        "| initial load (didOpen -> diagnostics) | {:.0} ms |",
        initial.as_secs_f64() * 1000.0
    );
    println!("| edit -> diagnostics p50 | {:.1} ms |", pick(0.5));
    println!("| edit -> diagnostics p95 | {:.1} ms |", pick(0.95));
    println!("| server peak RSS | {:.0} MB |", peak_kib as f64 / 1024.0);
    assert_eq!(client.shutdown(), 0);
}

/// A ConfigMap holding `parts` as literal blocks, after another document.
fn manifest(m: usize, parts: &[(String, String)]) -> String {
    let mut out = format!(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: auth\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blueprints-{m}\ndata:\n"
    );
    for (path, text) in parts {
        let key = path.rsplit('/').next().unwrap_or(path);
        out.push_str(&format!("  {key}: |\n"));
        for line in text.lines() {
            out.push_str("    ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
