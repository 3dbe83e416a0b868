//! A real editor client: headless Neovim's built-in LSP client runs `flowlint lsp` on a
//! blueprint with a known defect and a `!KeyOf`, and reports what it got.
//! In CI (`CI` set) a missing `nvim` fails the test; `.ci/run` installs Debian's package.

mod lsp_client;

use std::process::Command;
use std::time::Duration;

use serde_json::Value;

const BLUEPRINT: &str = "version: 1
metadata:
  name: neovim test
entries:
  - model: authentik_flows.flow
    id: flow
    identifiers:
      slug: neovim-login
    attrs:
      name: Login
      title: Login
      designation: login
  - model: authentik_stages_dummy.dummystage
    id: dummy
    identifiers:
      name: neovim-dummy
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !KeyOf flow
      stage: !KeyOf dummy
      order: 10
";

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn neovim_gets_diagnostics_completion_and_definition() {
    if !nvim_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is missing: CI must install Debian's neovim (.ci/run)"
        );
        eprintln!("skipping: nvim is not installed (CI installs it)");
        return;
    }
    let (_dir, root) = lsp_client::workspace(&[("flow.yaml", BLUEPRINT)]);
    let out = root.join("result.json");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/editors/nvim_lsp.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {script}"))
        .env("FLOWLINT_WS", &root)
        .env("FLOWLINT_BIN", env!("CARGO_BIN_EXE_flowlint"))
        .env("FLOWLINT_OUT", &out)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run nvim");
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&out).expect("nvim wrote its result");
    let result: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(result["errors"], serde_json::json!([]), "{result}");
    // The diagnostic, from vim.diagnostic.get().
    let diagnostics = result["diagnostics"].as_array().unwrap();
    let designation = diagnostics
        .iter()
        .find(|d| d["code"] == "FL202")
        .unwrap_or_else(|| panic!("no FL202 in {result}"));
    assert_eq!(designation["lnum"], 11);
    assert!(
        designation["message"]
            .as_str()
            .unwrap()
            .contains("designation")
    );
    // A completion item: the ids of earlier entries.
    let completion = result["completion"].as_array().unwrap();
    assert!(completion.iter().any(|l| l == "dummy"), "{result}");
    assert!(completion.iter().any(|l| l == "flow"), "{result}");
    // The definition location of `!KeyOf dummy`: the dummy stage's `id`.
    let definition = &result["definition"][0];
    assert_eq!(
        definition["uri"],
        lsp_client::uri(&root.join("flow.yaml")),
        "{result}"
    );
    assert_eq!(definition["range"]["start"]["line"], 13, "{result}");
}
