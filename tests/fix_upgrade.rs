//! Upgrading a blueprint to a release (issue 21 item 3): `flowlint check --fix
//! --unsafe-fixes --authentik-version 2026.8` on a 2025.x-era blueprint rewrites what the
//! release change table knows (renames, a single group made a list, the setting a
//! renamed field implied, a removed choice's replacement, the grant types a created
//! OAuth2 provider needs), keeps comments and layout, and the summary reports what it
//! could not fix; the rewritten file then has none of those findings. Against an older
//! release the same file is left as it is (those fields are right there).

mod common;

use common::flowlint;

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

/// A 2025.12-era blueprint written inline: renamed fields, a removed choice, and an
/// OAuth2 provider created without `grant_types`.
const OLD: &str = "\
version: 1
metadata:
  name: written for authentik 2025.12
entries:
  - model: authentik_providers_saml.samlprovider
    identifiers:
      name: wiki
    attrs:
      issuer: https://idp.example.com  # the Entity ID the wiki expects
      acs_url: https://wiki.example.com/saml/acs
      authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]
      invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]
  - model: authentik_providers_scim.scimprovider
    identifiers:
      name: slack
    attrs:
      url: https://scim.example.com
      filter_group: !Find [authentik_core.group, [name, slack-users]]
  - model: authentik_sources_oauth.oauthsource
    identifiers:
      slug: azure
    attrs:
      name: Azure
      provider_type: azuread
  - model: authentik_providers_oauth2.oauth2provider
    identifiers:
      name: grafana
    attrs:
      authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]
      invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]
      redirect_uris:
        - matching_mode: strict
          url: https://grafana.example.com/login/generic_oauth
";

fn codes(dir: &std::path::Path, version: &str) -> Vec<String> {
    let out = flowlint()
        .current_dir(dir)
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--authentik-version",
            version,
        ])
        .arg("old.yaml")
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn unsafe_fixes_upgrade_a_blueprint_to_the_target_release() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.yaml");
    std::fs::write(&path, OLD).unwrap();
    let before = codes(dir.path(), "2026.8");
    for code in ["FL213", "FL202", "FL212"] {
        assert!(before.iter().any(|c| c == code), "{code} in {before:?}");
    }

    // Against 2025.12 every one of those is right: nothing to fix, nothing written.
    assert!(
        codes(dir.path(), "2025.12")
            .iter()
            .all(|c| !["FL213", "FL202", "FL212"].contains(&c.as_str()))
    );
    flowlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "--authentik-version",
            "2025.12",
            "old.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), OLD);

    flowlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "--authentik-version",
            "2026.8",
            "old.yaml",
        ])
        .output()
        .unwrap();
    let fixed = std::fs::read_to_string(&path).unwrap();
    for line in [
        "      issuer_override: https://idp.example.com  # the Entity ID the wiki expects\n",
        "      group_filters: [!Find [authentik_core.group, [name, slack-users]]]\n",
        "      provider_type: entraid\n",
        "      grant_types: [authorization_code, refresh_token]\n",
    ] {
        assert!(fixed.contains(line), "{line:?} not in\n{fixed}");
    }
    let after = codes(dir.path(), "2026.8");
    assert!(
        after
            .iter()
            .all(|c| !["FL213", "FL202", "FL212", "FL207"].contains(&c.as_str())),
        "{after:?}\n{fixed}"
    );
}
