//! The install baseline: references to objects a fresh install has resolve, per
//! release; typos get a did-you-mean; the config can add objects or switch it off.

mod common;

use flowlint::baseline::{BaselineObject, BaselineSettings};
use flowlint::catalog::Target;
use flowlint::check::Settings;

const FIXTURE: &str = "tests/fixtures/baseline";

fn at(version: Option<&str>) -> Settings {
    Settings {
        target: version.map_or_else(Target::default, |v| Target::parse(v).expect("embedded")),
        ..Settings::default()
    }
}

fn reported(settings: &Settings) -> Vec<(String, u64)> {
    let report = common::check_paths(&[FIXTURE], settings);
    let json: serde_json::Value = serde_json::from_str(&common::json(&report)).expect("json");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn baseline_references_per_release() {
    for version in [
        Some("2024.12"),
        Some("2025.12"),
        Some("2026.5"),
        Some("2026.8"),
        None,
    ] {
        let report = common::check_paths(&[FIXTURE], &at(version));
        let name = format!("baseline-references-{}", version.unwrap_or("newest"));
        common::snapshot_settings().bind(|| insta::assert_snapshot!(name, common::json(&report)));
    }
}

#[test]
fn only_the_typo_and_a_newer_default_are_missing() {
    let typo = ("FL406".to_string(), 66);
    let request = ("FL406".to_string(), 60);
    assert_eq!(reported(&at(Some("2026.8"))), vec![typo.clone()]);
    assert_eq!(reported(&at(None)), vec![typo.clone()]);
    assert_eq!(reported(&at(Some("2026.5"))), vec![request, typo]);
    let report = common::check_paths(&[FIXTURE], &at(None));
    assert!(
        report.findings[0]
            .message
            .contains("did you mean `default-source-pre-authentication`?"),
        "{}",
        report.findings[0].message
    );
}

#[test]
fn a_file_alone_reports_only_probable_typos() {
    let report = common::check_paths(
        &["tests/fixtures/baseline/references.yaml"],
        &at(Some("2026.5")),
    );
    let json: serde_json::Value = serde_json::from_str(&common::json(&report)).expect("json");
    let lines: Vec<u64> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["line"].as_u64())
        .collect();
    // `default-request` has no close value (it may be the server's own); the typo does.
    assert_eq!(lines, [66]);
}

#[test]
fn without_the_baseline_every_default_is_missing_but_declared_objects() {
    let mut settings = at(None);
    settings.baseline = BaselineSettings {
        enabled: false,
        extra: vec![BaselineObject {
            model: "authentik_core.group".into(),
            fields: vec![("name".into(), "authentik Admins".into())],
            since: None,
            source: "flowlint.toml".into(),
        }],
    };
    let found = reported(&settings);
    // Every `!Find` of a flow, the certificate, the scope mappings and the password
    // stage (15); the declared group is found.
    assert_eq!(found.len(), 15, "{found:?}");
    assert!(
        found
            .iter()
            .all(|(code, _)| code == "FL406" || code == "FL407")
    );
}

#[test]
fn config_declares_objects_and_switches_the_baseline_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bp = dir.path().join("bp.yaml");
    std::fs::write(
        &bp,
        "version: 1\nmetadata: {name: t}\nentries:\n- model: authentik_brands.brand\n  identifiers: {domain: a.example}\n  attrs:\n    flow_authentication: !Find [authentik_flows.flow, [slug, corp-login]]\n    flow_invalidation: !Find [authentik_flows.flow, [slug, default-invalidation-flow]]\n",
    )
    .expect("write");
    // A second file: a file alone reports only misses that look like typos.
    std::fs::write(
        dir.path().join("other.yaml"),
        "version: 1\nmetadata: {name: o}\nentries:\n- model: authentik_core.group\n  identifiers: {name: g}\n",
    )
    .expect("write");
    let config = dir.path().join("flowlint.toml");
    let run = |toml: &str| {
        std::fs::write(&config, toml).expect("write");
        let out = common::flowlint()
            .args(["check", "--format", "json", "--config"])
            .arg(&config)
            .arg(dir.path())
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let declared = run(
        "[baseline]\nobjects = [{ model = \"authentik_flows.flow\", slug = \"corp-login\" }]\n",
    );
    assert!(!declared.contains("FL407"), "{declared}");
    let off = run(
        "[baseline]\nenabled = false\nobjects = [{ model = \"authentik_flows.flow\", slug = \"corp-login\" }]\n",
    );
    assert_eq!(off.matches("\"FL407\"").count(), 1, "{off}");
    assert!(off.contains("default-invalidation-flow"), "{off}");
    let bad = common::flowlint()
        .args(["check", "--config"])
        .arg({
            std::fs::write(
                &config,
                "[baseline]\nobjects = [{ model = \"authentik_flows.flw\", slug = \"x\" }]\n",
            )
            .expect("write");
            &config
        })
        .arg(&bp)
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean `authentik_flows.flow`?"));
}

/// Every install has a blueprint instance for each shipped blueprint its discovery
/// applies, so `metaapplyblueprint` may name one (by `metadata.name` or path); one the
/// release checked does not ship, or a typo, is still reported.
#[test]
fn applying_a_shipped_blueprint_is_no_missing_blueprint() {
    let text = "\
version: 1
metadata:
  name: applies shipped blueprints
entries:
  - model: authentik_blueprints.metaapplyblueprint
    attrs:
      identifiers:
        name: Default - Password change flow
  - model: authentik_blueprints.metaapplyblueprint
    attrs:
      identifiers:
        path: default/flow-default-authentication-flow.yaml
  - model: authentik_blueprints.metaapplyblueprint
    attrs:
      identifiers:
        name: Default - Account lockdown flow
  - model: authentik_blueprints.metaapplyblueprint
    attrs:
      identifiers:
        name: Default - Pasword change flow
";
    let lines_at = |settings: &Settings| -> Vec<usize> {
        let input = flowlint::check::Input::from_text("applies.yaml", text.to_string());
        let report = flowlint::check::check_inputs(vec![input], settings);
        report
            .findings
            .iter()
            .filter(|f| f.rule.code == "FL404")
            .map(|f| text[..f.span.start as usize].lines().count())
            .collect()
    };
    // The account-lockdown flow ships from 2026.5; the typo never resolves.
    assert_eq!(lines_at(&at(Some("2026.8"))), [20]);
    assert_eq!(lines_at(&at(Some("2025.12"))), [16, 20]);
    let mut off = at(Some("2026.8"));
    off.baseline.enabled = false;
    assert_eq!(lines_at(&off), [8, 12, 16, 20]);
}
