use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use flowlint::cli::{self, Cli, Terminal};

// The YAML trees are millions of small allocations freed from several threads;
// mimalloc handles that pattern much better than glibc's malloc (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                cli::EXIT_TOOL_ERROR
            } else {
                cli::EXIT_OK
            });
        }
    };
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    let outcome = cli::run(cli, Terminal { color, width });
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    let mut lock = stdout.lock();
    // A closed pipe (`flowlint check | head`) is not an error worth a panic.
    let _ = lock.write_all(outcome.stdout.as_bytes());
    let _ = lock.flush();
    ExitCode::from(outcome.code)
}
