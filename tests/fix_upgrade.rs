//! Upgrading a blueprint to a release (issue 21 item 3): `flowlint check --fix
//! --unsafe-fixes --authentik-version 2026.8` on a 2025.x-era blueprint rewrites what the
//! release change table knows (renames, a single group made a list, the setting a
//! renamed field implied, a removed choice's replacement), keeps comments and layout,
//! and the summary reports what it could not fix.

mod common;

const BLUEPRINT: &str = "tests/fixtures/upgrade/blueprint-2025.yaml";

fn run_in_copy(args: &[&str]) -> (std::process::Output, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blueprint.yaml");
    let original = std::fs::read_to_string(common::root().join(BLUEPRINT)).unwrap();
    std::fs::write(&path, &original).unwrap();
    let mut all: Vec<&str> = args.to_vec();
    let shown = path.display().to_string();
    all.push(&shown);
    let out = common::check_cli(&all);
    let fixed = std::fs::read_to_string(&path).unwrap();
    (out, original, fixed)
}

#[test]
fn upgrading_to_2026_8_rewrites_what_the_table_knows() {
    let (out, original, fixed) =
        run_in_copy(&["--fix", "--unsafe-fixes", "--authentik-version", "2026.8"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rewrites = [
        (
            "      parent: !KeyOf staff   # one parent in 2025.x\n",
            "      parents: [!KeyOf staff]   # one parent in 2025.x\n",
        ),
        (
            "      'issuer': https://idp.example.com  # the Entity ID\n",
            "      'issuer_override': https://idp.example.com  # the Entity ID\n",
        ),
        (
            "      filter_group:\n        !Find [authentik_core.group, [name, slack-users]]\n",
            "      group_filters:\n        [!Find [authentik_core.group, [name, slack-users]]]\n",
        ),
        (
            "      backchannel_logout_uri: https://grafana.example.com/logout\n",
            "      logout_method: backchannel\n      logout_uri: https://grafana.example.com/logout\n",
        ),
        (
            "      provider_type: azuread\n",
            "      provider_type: entraid\n",
        ),
        (
            "      issuer: &iss https://authentik.example.com/source/saml/corp/metadata/\n",
            "      issuer_override: &iss https://authentik.example.com/source/saml/corp/metadata/\n",
        ),
    ];
    for (before, after) in rewrites {
        assert!(original.contains(before), "fixture lacks {before:?}");
        assert!(fixed.contains(after), "{after:?} missing from\n{fixed}");
    }
    // Comments and every line the fixes did not touch are kept, in order.
    let touched: Vec<&str> = rewrites.iter().flat_map(|(b, _)| b.lines()).collect();
    let kept: Vec<&str> = original.lines().filter(|l| !touched.contains(l)).collect();
    let mut rest = fixed.lines();
    for line in &kept {
        assert!(
            rest.any(|l| l == *line),
            "{line:?} lost or moved in\n{fixed}"
        );
    }
    // The provider whose attrs two entries share through an alias keeps `issuer`: the
    // run reports the finding it could not fix (a warning: the exit code follows
    // `--fail-on`, errors by default).
    assert!(fixed.contains("    attrs: &saml\n      issuer: https://idp2.example.com\n"));
    assert!(
        stdout.contains("Fixed 6 findings in 1 file (FL202, FL213 x5).")
            && stdout.contains("1 finding remains; 1 fix not applied"),
        "{stdout}"
    );
    assert!(stdout.contains("FL213"), "{stdout}");
    assert_eq!(out.status.code(), Some(0), "{stdout}");
}

#[test]
fn for_an_older_release_nothing_is_due() {
    let (out, original, fixed) =
        run_in_copy(&["--fix", "--unsafe-fixes", "--authentik-version", "2025.8"]);
    assert_eq!(fixed, original);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
