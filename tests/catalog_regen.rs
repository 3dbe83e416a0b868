//! The embedded release catalogs are reproducible: `scripts/gen_catalog.py --check`
//! fetches the locked `authentik-client` wheels (or reads them from the cache), verifies
//! their sha256 and regenerates every `src/catalog/releases/<release>.json`, which must
//! match the committed bytes.
//!
//! In CI (`CI` set) a missing python3, pip or wheel fails the test. Elsewhere, with no
//! network and an empty cache, it is skipped with a message saying what to run.

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// `gen_catalog.py`'s exit status when a locked wheel cannot be fetched.
const EXIT_FETCH_FAILED: i32 = 3;

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|value| !value.is_empty())
}

fn skip_or_fail(reason: &str) {
    assert!(
        !in_ci(),
        "catalog regeneration cannot run in CI: {reason} (.ci/run installs python3 and \
         fetches the wheels with `python3 scripts/gen_catalog.py --fetch-only`)"
    );
    eprintln!(
        "SKIPPED catalog_regen: {reason}. Run `python3 scripts/gen_catalog.py --check` \
         with network access (PyPI) to check the release catalogs."
    );
}

#[test]
fn release_catalogs_are_reproduced_from_the_lock() {
    let output = match Command::new("python3")
        .arg(Path::new(ROOT).join("scripts/gen_catalog.py"))
        .arg("--check")
        .current_dir(ROOT)
        .output()
    {
        Ok(output) => output,
        Err(error) => return skip_or_fail(&format!("python3 cannot be run ({error})")),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(EXIT_FETCH_FAILED) {
        return skip_or_fail(&format!("a locked wheel is unavailable: {}", stderr.trim()));
    }
    assert!(
        output.status.success(),
        "gen_catalog.py --check failed ({}):\n{stderr}",
        output.status
    );
}

#[test]
fn every_locked_release_has_its_catalog_file() {
    let lock = std::fs::read_to_string(Path::new(ROOT).join("scripts/authentik-client.lock"))
        .expect("the lock file is committed");
    let releases: Vec<&str> = lock
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert!(releases.len() >= 10, "the lock pins 2024.12 to 2026.8");
    for release in releases {
        let path = Path::new(ROOT).join(format!("src/catalog/releases/{release}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let catalog: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(catalog["generated_from"]["release"], release);
        let models = catalog["models"].as_object().expect("a models object");
        for base in [
            "authentik_core.provider",
            "authentik_core.propertymapping",
            "authentik_policies.policy",
            "authentik_flows.stage",
        ] {
            assert_eq!(models[base]["entry"], false, "{release}: {base}");
        }
        assert_eq!(models["authentik_flows.flow"]["meta"], false);
        assert_eq!(
            models["authentik_blueprints.metaapplyblueprint"]["meta"],
            true
        );
    }
}
