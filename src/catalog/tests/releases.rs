//! Release selection and the caps table.

use crate::catalog::*;

fn newest_version() -> AuthentikVersion {
    embedded_versions()
        .next_back()
        .expect("a release is embedded")
}

#[test]
fn versions_parse_with_or_without_patch() {
    let v = |text| AuthentikVersion::parse(text);
    assert_eq!(v("2026.8"), Some(AuthentikVersion::new(2026, 8)));
    assert_eq!(v("2026.8.5"), Some(AuthentikVersion::new(2026, 8)));
    assert_eq!(v("2025.12.0-rc1"), Some(AuthentikVersion::new(2025, 12)));
    assert_eq!(v("2026.13"), None);
    assert_eq!(v("soon"), None);
}

#[test]
fn no_version_is_the_newest_release_unpinned() {
    let target = Target::select(None).expect("always selectable");
    assert_eq!(target.version(), newest_version());
    assert!(!target.pinned);
    assert!(target.notice().is_none());
    assert!(target.summary().contains("newest release flowlint knows"));
}

#[test]
fn every_embedded_release_is_selectable_with_a_patch_number() {
    for version in embedded_versions() {
        let target = Target::parse(&format!("{version}.3")).expect("embedded");
        assert_eq!(target.version(), version);
        assert!(target.pinned);
        assert!(target.notice().is_none());
    }
}

#[test]
fn a_newer_version_is_judged_against_the_newest_and_says_so() {
    let newest = newest_version();
    let later = AuthentikVersion::new(newest.year + 1, 2);
    let target = Target::select(Some(later)).expect("newer is accepted");
    assert_eq!(target.version(), newest);
    let notice = target.notice().expect("a notice");
    assert!(notice.contains(&later.to_string()), "{notice}");
    assert!(notice.contains(&newest.to_string()), "{notice}");
}

#[test]
fn an_older_version_is_an_error_naming_the_range() {
    let oldest = embedded_versions().next().expect("a release");
    let error = Target::select(Some(AuthentikVersion::new(oldest.year - 1, 1)))
        .expect_err("older than the oldest");
    let text = error.to_string();
    assert!(text.contains(&oldest.to_string()), "{text}");
    assert!(text.contains(&newest_version().to_string()), "{text}");
}

#[test]
fn caps_follow_the_release_facts() {
    let caps = |year, month| Caps::of(AuthentikVersion::new(year, month));
    assert_eq!(caps(2025, 10).flow_slug_max_len, Some(FLOW_SLUG_CAP));
    assert_eq!(caps(2025, 12).flow_slug_max_len, None);
    assert!(!caps(2026, 2).condition_modes.contains(&"EQ"));
    assert!(caps(2026, 5).condition_modes.contains(&"NEQ"));
    assert!(!caps(2026, 2).nested_context_keys);
    assert!(caps(2026, 5).nested_context_keys);
    assert_eq!(
        Caps::condition_mode_since("EQ"),
        Some(AuthentikVersion::new(2026, 5))
    );
    assert_eq!(Caps::condition_mode_since("MAYBE"), None);
}

#[test]
fn each_release_knows_its_version_and_position() {
    for (index, release) in releases().enumerate() {
        assert_eq!(release.index(), index);
        assert_eq!(release.caps, Caps::of(release.version()));
        assert!(
            release
                .full_version()
                .starts_with(&release.version().to_string())
        );
    }
}
