use super::*;

fn keys(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(f, v)| (*f, (*v).to_string())).collect()
}

#[test]
fn embedded_file_parses_with_every_object_typed() {
    let objects = shipped();
    assert!(objects.len() > 100, "{} objects", objects.len());
    for object in objects {
        assert!(object.since.is_some(), "{object:?}");
        assert!(
            crate::catalog::newest().model(&object.model).is_some(),
            "{object:?}"
        );
    }
}

#[test]
fn default_flows_and_bootstrap_objects_exist_in_every_release() {
    for version in ["2024.12", "2025.12", "2026.8"] {
        let baseline = Baseline::new(
            &BaselineSettings::default(),
            AuthentikVersion::parse(version),
        );
        for (model, pairs) in [
            (
                "authentik_flows.flow",
                [("slug", "default-authentication-flow")],
            ),
            (
                "authentik_flows.flow",
                [("slug", "default-provider-invalidation-flow")],
            ),
            ("authentik_core.group", [("name", "authentik Admins")]),
            ("authentik_core.user", [("username", "akadmin")]),
            (
                "authentik_crypto.certificatekeypair",
                [("name", "authentik Self-signed Certificate")],
            ),
            (
                "authentik_outposts.outpost",
                [("managed", "goauthentik.io/outposts/embedded")],
            ),
            (
                "authentik_providers_oauth2.scopemapping",
                [("scope_name", "openid")],
            ),
            (
                "authentik_stages_password.passwordstage",
                [("name", "default-authentication-password")],
            ),
        ] {
            assert!(
                matches!(baseline.find(model, &keys(&pairs)), BaselineMatch::Found(_)),
                "{version}: {model} {pairs:?}"
            );
        }
    }
}

#[test]
fn newer_defaults_only_from_their_release() {
    let request = keys(&[("slug", "default-request")]);
    let at = |v: &str| {
        Baseline::new(&BaselineSettings::default(), AuthentikVersion::parse(v))
            .find("authentik_flows.flow", &request)
    };
    assert_eq!(at("2026.5"), BaselineMatch::NotFound);
    assert!(matches!(at("2026.8"), BaselineMatch::Found(_)));
    // No version: the newest release.
    let newest = Baseline::new(&BaselineSettings::default(), None);
    assert!(matches!(
        newest.find("authentik_flows.flow", &request),
        BaselineMatch::Found(_)
    ));
}

#[test]
fn near_misses_and_other_models_are_not_found() {
    let baseline = Baseline::new(&BaselineSettings::default(), None);
    let typo = keys(&[("slug", "default-provider-authorization-implicit-consnet")]);
    assert_eq!(
        baseline.find("authentik_flows.flow", &typo),
        BaselineMatch::NotFound
    );
    // The right value under another model is not a match.
    let slug = keys(&[("slug", "default-authentication-flow")]);
    assert_eq!(
        baseline.find("authentik_core.application", &slug),
        BaselineMatch::NotFound
    );
    // A field the baseline does not record (pk differs per install) is unknown.
    let pk = keys(&[("pk", "1")]);
    assert_eq!(
        baseline.find("authentik_flows.flow", &pk),
        BaselineMatch::Unknown
    );
}

#[test]
fn disabled_baseline_keeps_only_declared_objects() {
    let settings = BaselineSettings {
        enabled: false,
        extra: vec![BaselineObject {
            model: "authentik_flows.flow".into(),
            fields: vec![("slug".into(), "corp-login".into())],
            since: None,
            source: "flowlint.toml".into(),
        }],
    };
    let baseline = Baseline::new(&settings, None);
    let default = keys(&[("slug", "default-authentication-flow")]);
    assert_eq!(
        baseline.find("authentik_flows.flow", &default),
        BaselineMatch::NotFound
    );
    let corp = keys(&[("slug", "corp-login")]);
    assert_eq!(
        baseline.find("authentik_flows.flow", &corp),
        BaselineMatch::Found(0)
    );
}
