//! [`findings_of`] against the folder's whole report folded onto its manifests
//! ([`Embeds::fold`]): for every open document, the same findings in the same order,
//! at the same spans, with the same labels, severities, suppressions and masks.

use super::*;
use crate::check::{Input, Settings, prepare};
use crate::finding::Severity;
use crate::rules::by_code;
use crate::source::Span;
use crate::workspace::Retention;

/// A plain blueprint: the name of a manifest's blueprint (FL403 with a location in
/// the manifest), a wrong designation showing a value that is a secret elsewhere
/// (scrubbed), and the flow a manifest's blueprint finds.
const SHARED: &str = "version: 1
metadata:
  name: Shared name
entries:
  - model: authentik_flows.flow
    identifiers:
      slug: plain-flow
    attrs:
      name: plain
      title: plain
      designation: PLANTED-SECRET-42
";

/// Several blueprints, listed out of path order: one whose name clashes with
/// [`SHARED`] and with a suppressed and an unsuppressed finding, one with a secret,
/// a quoted one (its findings all at its key) and a key authentik never mounts.
const ONE: &str = "apiVersion: v1
kind: Namespace
metadata:
  name: auth
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: blueprints
data:
  zz-login.yaml: |
    version: 1
    metadata:
      name: Shared name
    entries:
      - model: authentik_stages_user_logout.userlogoutstage
        identifiers:
          name: logout
        attr: {}  # flowlint: ignore[FL104]
      - model: authentik_stages_user_logout.userlogoutstage
        identifiers:
          name: logout-2
        attr: {}
  aa-provider.yaml: |
    version: 1
    metadata:
      name: provider
    entries:
      - model: authentik_providers_oauth2.oauth2provider
        identifiers:
          name: p
        attrs:
          client_secret: PLANTED-SECRET-42
          authorization_flow: !Find [authentik_flows.flow, [slug, plain-flow]]
          signing_key: !KeyOf nowhere
  quoted.yaml: \"version: 1\\nentries:\\n  - model: authentik_flows.flw\\n    identifiers: {slug: x}\\n  - model: authentik_flows.flw2\\n    identifiers: {slug: y}\\n\"
  extra.yml: |
    version: 1
    entries: []
";

/// A second manifest: one blueprint with a wrong designation.
const TWO: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: more
data:
  recovery.yaml: |
    version: 1
    metadata:
      name: recovery
    entries:
      - model: authentik_flows.flow
        identifiers:
          slug: recovery
        attrs: {name: r, title: r, designation: recover}
";

/// Listed first: a manifest's blueprint named as it gets FL403, located here.
const FIRST: &str = "version: 1
metadata:
  name: provider
entries: []
";

const OTHER: &str = "version: 1
metadata:
  name: other
entries:
  - model: authentik_core.group
    identifiers:
      name: g
    attr: {}
";

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("/ws/flows/first.yaml", FIRST),
        ("/ws/k8s/one.yaml", ONE),
        ("/ws/flows/shared.yaml", SHARED),
        ("/ws/k8s/two.yaml", TWO),
        ("/ws/flows/other.yaml", OTHER),
    ]
}

/// FL104 lowered to a warning: user severities apply to a manifest's findings too.
fn settings() -> Settings {
    let mut settings = Settings::default();
    settings
        .rules
        .set_severity(by_code("FL104").expect("FL104"), Severity::Warning);
    settings
}

fn loaded(files: &[(&str, &str)]) -> (Workspace, Embeds) {
    let inputs = (files.iter())
        .map(|(path, text)| Input::from_text(*path, text.to_string()))
        .collect();
    let (inputs, embeds) = prepare(inputs);
    let workspace = Workspace::new(settings(), Retention::KeepTrees).loaded(inputs);
    (workspace, embeds)
}

/// A finding as a client sees it: files by path.
#[derive(Debug, PartialEq)]
struct Seen {
    path: String,
    span: Span,
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    label: Option<String>,
    labels: Vec<(String, Span, String)>,
    fix: String,
}

fn seen(finding: &Finding, path: &dyn Fn(FileId) -> String) -> Seen {
    Seen {
        path: path(finding.file),
        span: finding.span,
        code: finding.rule.code,
        severity: finding.severity,
        message: finding.message.clone(),
        help: finding.help.clone(),
        label: finding.label.clone(),
        labels: (finding.labels.iter())
            .map(|l| (path(l.file), l.span, l.message.clone()))
            .collect(),
        fix: format!("{:?}", finding.fix),
    }
}

/// Per name: the whole report's findings about it, and the texts of the files.
fn whole(workspace: &mut Workspace, embeds: &Embeds, names: &[&str]) -> Vec<Vec<Seen>> {
    let report = embeds.fold(workspace.report());
    let path = |id: FileId| report.files[id].path.clone();
    (names.iter())
        .map(|name| {
            (report.findings.iter())
                .filter(|f| report.files[f.file].path == *name)
                .map(|f| seen(f, &path))
                .collect()
        })
        .collect()
}

/// Per name: [`findings_of`]'s findings, and asserts the manifests' texts are the
/// report's (masked alike).
fn per_file(workspace: &mut Workspace, embeds: &Embeds, names: &[&str]) -> Vec<Vec<Seen>> {
    let owned: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let folded = findings_of(workspace, embeds, &owned);
    let report = embeds.fold(workspace.report());
    for (_, host) in &folded.hosts {
        let in_report = report.files.iter().find(|f| f.path == host.path);
        assert_eq!(
            in_report.map(|f| &f.text),
            Some(&host.text),
            "{}",
            host.path
        );
    }
    let path = |id: FileId| match folded.hosts.iter().find(|h| h.0 == id) {
        Some((_, host)) => host.path.clone(),
        None => workspace.source(id).expect("a file").path.clone(),
    };
    (folded.docs.iter())
        .zip(names)
        .map(|(doc, name)| match doc {
            None => Vec::new(),
            Some((id, findings)) => {
                assert_eq!(path(*id), *name);
                findings.iter().map(|f| seen(f, &path)).collect()
            }
        })
        .collect()
}

const NAMES: [&str; 6] = [
    "/ws/k8s/one.yaml",
    "/ws/flows/shared.yaml",
    "/ws/k8s/two.yaml",
    "/ws/flows/other.yaml",
    "/ws/nowhere.yaml",
    "/ws/flows/first.yaml",
];

#[test]
fn each_open_document_gets_what_the_whole_report_gives_it() {
    let (mut workspace, embeds) = loaded(&files());
    let expected = whole(&mut workspace, &embeds, &NAMES);
    let actual = per_file(&mut workspace, &embeds, &NAMES);
    assert_eq!(actual, expected);
    // What the comparison covers.
    let one = &expected[0];
    let codes: Vec<&str> = one.iter().map(|f| f.code).collect();
    for code in ["FL021", "FL104", "FL106", "FL401", "FL403", "FL601"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    let quoted_key = ONE.find("quoted.yaml").unwrap() as u32;
    assert!(one.iter().filter(|f| f.span.start == quoted_key).count() >= 2);
    assert_eq!(
        codes.iter().filter(|c| **c == "FL104").count(),
        1,
        "one suppressed"
    );
    assert!(
        one.iter()
            .any(|f| f.severity == Severity::Warning && f.code == "FL104")
    );
    let into_plain = one.iter().find(|f| f.code == "FL403").expect("FL403");
    assert_eq!(
        into_plain.labels[0].0, "/ws/flows/first.yaml",
        "{into_plain:?}"
    );
    let shared = &expected[1];
    let clash = shared.iter().find(|f| f.code == "FL403").expect("FL403");
    assert_eq!(clash.labels[0].0, "/ws/k8s/one.yaml", "{clash:?}");
    let designation = shared.iter().find(|f| f.code == "FL202").expect("FL202");
    assert!(!designation.message.contains("PLANTED"), "{designation:?}");
    assert!(!expected[2].is_empty() && !expected[3].is_empty() && expected[4].is_empty());
    // Any subset, in any order.
    let some = ["/ws/flows/shared.yaml", "/ws/k8s/two.yaml"];
    assert_eq!(
        per_file(&mut workspace, &embeds, &some),
        whole(&mut workspace, &embeds, &some)
    );
}

#[test]
fn the_same_after_an_edit_of_a_manifests_blueprint() {
    let (mut workspace, embeds) = loaded(&files());
    let part = "/ws/k8s/one.yaml#zz-login.yaml";
    let text = workspace
        .source(workspace.position(part).unwrap())
        .unwrap()
        .text
        .clone();
    workspace.set_input(Input::from_text(
        part,
        text.replace("Shared name", "Renamed"),
    ));
    let expected = whole(&mut workspace, &embeds, &NAMES);
    assert_eq!(per_file(&mut workspace, &embeds, &NAMES), expected);
    assert!(!expected[1].iter().any(|f| f.code == "FL403"));
}

/// An edited manifest whose ConfigMap keys stay the same replaces its blueprints in
/// place: the findings are those of a fresh load of the edited files.
#[test]
fn a_manifest_replaced_in_place_reports_what_a_fresh_load_reports() {
    let (mut workspace, mut embeds) = loaded(&files());
    let edited = ONE.replace("name: Shared name", "name: Renamed").replace(
        "client_secret: PLANTED-SECRET-42",
        "client_secret: OTHER-SECRET-7",
    );
    let (parts, alone) = prepare(vec![Input::from_text("/ws/k8s/one.yaml", edited.clone())]);
    assert!(embeds.replace_host(alone));
    for part in parts {
        workspace.set_input(part);
    }
    let mut fresh_files = files();
    fresh_files[1].1 = &edited;
    let (mut fresh, fresh_embeds) = loaded(&fresh_files);
    let expected = whole(&mut fresh, &fresh_embeds, &NAMES);
    assert_eq!(per_file(&mut workspace, &embeds, &NAMES), expected);
    assert!(!expected[1].iter().any(|f| f.code == "FL403"));
    // The masks follow the new secret (the manifests' texts are compared in
    // `per_file`).
    let folded = findings_of(&mut workspace, &embeds, &[NAMES[0].to_string()]);
    assert!(!folded.hosts[0].1.text.contains("OTHER-SECRET"));
    assert!(folded.hosts[0].1.text.contains("name: Renamed"));
}

#[test]
fn a_manifest_with_other_keys_is_not_replaced_in_place() {
    let (_, mut embeds) = loaded(&files());
    let other_keys = [
        ONE.replace("  extra.yml: |", "  renamed.yml: |"),
        ONE.replace("  extra.yml: |", "  quoted.yaml: |"),
        "version: 1\nentries: []\n".to_string(),
    ];
    for text in other_keys {
        let (_, alone) = prepare(vec![Input::from_text("/ws/k8s/one.yaml", text)]);
        assert!(!embeds.replace_host(alone));
    }
    assert_eq!(embeds.host_text("/ws/k8s/one.yaml"), Some(ONE));
}
