//! Upgrading a blueprint to a newer authentik through the CLI (issue 21's "upgrade"):
//! `flowlint check --fix --unsafe-fixes --authentik-version 2026.8` rewrites renamed
//! fields, a removed choice and the grant types a created OAuth2 provider needs, and the
//! rewritten file then has none of those findings. Against an older release the same
//! file is left as it is (those fields are right there).

mod common;

use common::flowlint;

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
