//! Running `scripts/pyyaml_oracle.py --batch --values` on the corpus, two processes at a time.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use serde::Deserialize;

use super::common;
use super::compare::Case;

/// One answer of the oracle (see the script's docstring).
#[derive(Debug, Deserialize)]
pub struct Answer {
    pub loads: bool,
    pub error: Option<String>,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub values: Vec<(String, Option<String>)>,
}

/// The python to run, or `None` (skip) outside CI when python3 or PyYAML is missing.
pub fn available() -> Option<String> {
    let python = std::env::var("FLOWLINT_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = Command::new(&python)
        .args(["-c", "import yaml; print(yaml.__version__)"])
        .output();
    let problem = match probe {
        Ok(out) if out.status.success() => {
            let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if version == "6.0.3" {
                return Some(python);
            }
            format!("PyYAML {version} found, 6.0.3 (authentik's pin) is required")
        }
        Ok(out) => format!(
            "PyYAML is not importable: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => format!("{python} cannot be run: {e}"),
    };
    if std::env::var_os("CI").is_some() {
        panic!("{problem} (.ci/run installs it; in CI this test never skips)");
    }
    eprintln!("skipping the PyYAML differential test: {problem}");
    None
}

pub fn run(python: &str, cases: &[Case]) -> Vec<Answer> {
    let half = cases.len().div_ceil(2);
    std::thread::scope(|scope| {
        let workers: Vec<_> = cases
            .chunks(half.max(1))
            .map(|chunk| scope.spawn(move || run_one(python, chunk)))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("oracle worker"))
            .collect()
    })
}

fn run_one(python: &str, cases: &[Case]) -> Vec<Answer> {
    let script = common::root().join("scripts/pyyaml_oracle.py");
    let mut child = Command::new(python)
        .arg(&script)
        .args(["--batch", "--values"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the oracle starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut w = std::io::BufWriter::new(&mut stdin);
            for (i, case) in cases.iter().enumerate() {
                let line = serde_json::json!({"id": i, "text": case.text});
                writeln!(w, "{line}").expect("write to the oracle");
            }
            w.flush().expect("flush the oracle's input");
        });
        let answers: Vec<Answer> = BufReader::new(stdout)
            .lines()
            .map(|l| serde_json::from_str(&l.expect("oracle output")).expect("oracle JSON"))
            .collect();
        assert_eq!(answers.len(), cases.len(), "the oracle answered every case");
        let status = child.wait().expect("oracle exit");
        assert!(status.success(), "the oracle failed: {status}");
        answers
    })
}
