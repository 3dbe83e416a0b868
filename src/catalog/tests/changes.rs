//! Every row of the change table agrees with the release data: the old field or choice
//! is in the release before the change and gone from it, the new one is there.

use crate::catalog::changes::{
    CHOICE_REMOVALS, EMPTY_ON_CREATE, FIELD_RENAMES, added_after, removed_by,
};
use crate::catalog::{AuthentikVersion, Release, release, releases};

fn before(version: AuthentikVersion) -> &'static Release {
    releases()
        .rev()
        .find(|r| r.version() < version)
        .expect("a release before the change is embedded")
}

fn at(version: AuthentikVersion) -> &'static Release {
    release(version).expect("the change's release is embedded")
}

fn has_field(release: &Release, model: &str, field: &str) -> bool {
    release
        .model(model)
        .is_some_and(|m| m.field(field).is_some())
}

fn has_choice(release: &Release, model: &str, field: &str, value: &str) -> bool {
    release
        .model(model)
        .and_then(|m| m.field(field))
        .is_some_and(|f| {
            f.enum_values
                .as_ref()
                .is_some_and(|c| c.iter().any(|v| v == value))
        })
}

#[test]
fn renames_match_the_release_data() {
    for row in FIELD_RENAMES {
        let (old, new) = (before(row.since), at(row.since));
        assert!(
            has_field(old, row.model, row.old),
            "{row:?}: old field before"
        );
        assert!(
            !has_field(new, row.model, row.old),
            "{row:?}: old field gone"
        );
        assert!(
            has_field(new, row.model, row.new),
            "{row:?}: new field there"
        );
        assert!(new.renamed_field(row.model, row.old).is_some());
        assert!(old.renamed_field(row.model, row.old).is_none());
        assert!(old.renamed_later(row.model, row.new).is_some());
        assert!(new.renamed_later(row.model, row.new).is_none());
        if let crate::catalog::Reshape::AlsoSets { field, value } = row.reshape {
            assert!(has_choice(new, row.model, field, value), "{row:?}");
        }
    }
}

#[test]
fn removed_choices_match_the_release_data() {
    for row in CHOICE_REMOVALS {
        let (old, new) = (before(row.removed_in), at(row.removed_in));
        assert!(has_choice(old, row.model, row.field, row.value), "{row:?}");
        assert!(!has_choice(new, row.model, row.field, row.value), "{row:?}");
        assert!(
            has_choice(new, row.model, row.field, row.replacement),
            "{row:?}"
        );
        assert!(
            new.removed_choice(row.model, row.field, row.value)
                .is_some()
        );
        assert!(
            old.removed_choice(row.model, row.field, row.value)
                .is_none()
        );
        let removed = removed_by(crate::catalog::newest(), |r| {
            has_choice(r, row.model, row.field, row.value)
        });
        assert_eq!(removed, Some(row.removed_in));
    }
}

#[test]
fn empty_on_create_fields_arrive_with_their_release() {
    for row in EMPTY_ON_CREATE {
        let (old, new) = (before(row.since), at(row.since));
        assert!(!has_field(old, row.model, row.field), "{row:?}");
        assert!(has_field(new, row.model, row.field), "{row:?}");
        assert_eq!(new.empty_on_create(row.model).count(), 1);
        assert_eq!(old.empty_on_create(row.model).count(), 0);
        assert_eq!(
            added_after(old, |r| has_field(r, row.model, row.field)),
            Some(row.since)
        );
    }
}

#[test]
fn removed_by_names_the_release_after_the_last_that_had_it() {
    let webauthn = "authentik_stages_authenticator_webauthn.authenticatorwebauthnstage";
    let has = |r: &Release| has_field(r, webauthn, "prevent_duplicate_devices");
    let v2026_8 = AuthentikVersion::new(2026, 8);
    assert_eq!(removed_by(at(v2026_8), has), Some(v2026_8));
    // Never there before the target: not removed, and added later.
    let v2025_12 = AuthentikVersion::new(2025, 12);
    assert_eq!(removed_by(at(v2025_12), has), None);
    assert_eq!(
        added_after(at(v2025_12), has),
        Some(AuthentikVersion::new(2026, 5))
    );
}
