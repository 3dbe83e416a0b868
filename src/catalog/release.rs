//! The embedded authentik releases and the choice of the one a run is judged against.
//!
//! Every release flowlint knows is embedded ([`releases`]); a run resolves the
//! configured version once into a [`Target`] that every rule context carries. Rules
//! never compare version numbers: they ask the target's [`Release`] (its models and
//! [`super::Caps`]) and the release-keyed fact tables of `facts.rs`.

use std::sync::OnceLock;

use super::Release;
use super::assemble::{self, GENERATED_RELEASES, RELEASE_COUNT};

/// An authentik release, `year.month` (patch releases share their minor release's
/// blueprint format).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AuthentikVersion {
    pub year: u16,
    pub month: u16,
}

impl AuthentikVersion {
    pub const fn new(year: u16, month: u16) -> Self {
        AuthentikVersion { year, month }
    }

    /// Parse `2025.12`, `2026.8.5` or `2025.12.0-rc1`.
    pub fn parse(text: &str) -> Option<AuthentikVersion> {
        let mut parts = text.trim().split(['.', '-']);
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        (1..=12)
            .contains(&month)
            .then_some(AuthentikVersion { year, month })
    }

    pub fn at_least(self, year: u16, month: u16) -> bool {
        (self.year, self.month) >= (year, month)
    }
}

impl std::fmt::Display for AuthentikVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.year, self.month)
    }
}

/// Every embedded release, oldest first; each is built the first time it is asked for.
pub fn releases() -> impl DoubleEndedIterator<Item = &'static Release> + ExactSizeIterator {
    (0..RELEASE_COUNT).map(release_at)
}

/// The versions of the embedded releases, oldest first, without building them.
pub fn embedded_versions() -> impl DoubleEndedIterator<Item = AuthentikVersion> + ExactSizeIterator
{
    GENERATED_RELEASES
        .iter()
        .map(|release| AuthentikVersion::new(release.year, release.month))
}

/// The embedded release `version` (`2026.8`; a patch number is ignored).
pub fn release(version: AuthentikVersion) -> Option<&'static Release> {
    embedded_versions()
        .position(|known| known == version)
        .map(release_at)
}

/// The newest embedded release.
pub fn newest() -> &'static Release {
    release_at(RELEASE_COUNT - 1)
}

fn release_at(index: usize) -> &'static Release {
    static BUILT: [OnceLock<Release>; RELEASE_COUNT] = [const { OnceLock::new() }; RELEASE_COUNT];
    BUILT[index].get_or_init(|| assemble::build(index))
}

/// The release a run is judged against, resolved once from `--authentik-version` /
/// `authentik-version` and carried by every rule context.
#[derive(Clone, Copy)]
pub struct Target {
    pub release: &'static Release,
    /// The user chose the release (flag or configuration file); false when flowlint
    /// took the newest embedded release by default.
    pub pinned: bool,
    /// The version asked for, when it is newer than every embedded release (the run
    /// is judged against the newest, and says so).
    pub newer_than_known: Option<AuthentikVersion>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("release", &self.release.version())
            .field("pinned", &self.pinned)
            .field("newer_than_known", &self.newer_than_known)
            .finish()
    }
}

impl Default for Target {
    fn default() -> Self {
        Target {
            release: newest(),
            pinned: false,
            newer_than_known: None,
        }
    }
}

/// A configured version flowlint cannot judge against (exit 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsupportedRelease {
    pub requested: AuthentikVersion,
}

impl std::fmt::Display for UnsupportedRelease {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let oldest = embedded_versions().next();
        let newest = embedded_versions().next_back();
        let (Some(oldest), Some(newest)) = (oldest, newest) else {
            return write!(f, "flowlint has no authentik release embedded");
        };
        if self.requested < oldest {
            write!(
                f,
                "authentik {} is older than the releases flowlint supports ({oldest} to {newest})",
                self.requested
            )
        } else {
            let known: Vec<String> = embedded_versions().map(|v| v.to_string()).collect();
            write!(
                f,
                "authentik {} is not a release flowlint knows; supported: {}",
                self.requested,
                known.join(", ")
            )
        }
    }
}

impl std::error::Error for UnsupportedRelease {}

impl Target {
    /// The target for a configured version (`None`: the newest embedded release).
    /// A version newer than the newest is judged against the newest
    /// ([`Target::notice`] says so); an older or unknown one is an error.
    pub fn select(requested: Option<AuthentikVersion>) -> Result<Target, UnsupportedRelease> {
        let Some(requested) = requested else {
            return Ok(Target::default());
        };
        let newest = newest();
        if requested > newest.version() {
            return Ok(Target {
                release: newest,
                pinned: true,
                newer_than_known: Some(requested),
            });
        }
        release(requested)
            .map(|release| Target {
                release,
                pinned: true,
                newer_than_known: None,
            })
            .ok_or(UnsupportedRelease { requested })
    }

    /// The target for `version` text (`2026.8` or `2026.8.5`), as the command line
    /// and the configuration file give it.
    pub fn parse(text: &str) -> Result<Target, String> {
        let version = AuthentikVersion::parse(text)
            .ok_or_else(|| format!("expects YEAR.MONTH such as 2026.8, got `{text}`"))?;
        Target::select(Some(version)).map_err(|e| e.to_string())
    }

    /// The version the run is judged against.
    pub fn version(&self) -> AuthentikVersion {
        self.release.version()
    }

    /// The one notice every output format carries when the configured version is
    /// newer than every embedded release.
    pub fn notice(&self) -> Option<String> {
        self.newer_than_known.map(|requested| {
            format!(
                "authentik {requested} is newer than the releases flowlint knows; \
                 judged against authentik {}, the newest it knows",
                self.version()
            )
        })
    }

    /// What the human summary says about the release: which one, and why.
    pub fn summary(&self) -> String {
        match (self.pinned, self.newer_than_known) {
            (_, Some(_)) => self.notice().unwrap_or_default(),
            (true, None) => format!("Judged against authentik {}", self.version()),
            (false, None) => format!(
                "Judged against authentik {}, the newest release flowlint knows \
                 (set --authentik-version or `authentik-version` in flowlint.toml to target another)",
                self.version()
            ),
        }
    }
}

/// The embedded releases in which `has` holds, described for a message relative to
/// `target`: `"from authentik 2026.5"`, `"in authentik 2026.5 only"`,
/// `"in authentik 2024.12 to 2025.10"`. `None` when no release has it.
pub fn describe_releases(mut has: impl FnMut(&'static Release) -> bool) -> Option<String> {
    let versions: Vec<(AuthentikVersion, bool)> = releases()
        .map(|release| (release.version(), has(release)))
        .collect();
    let newest = versions.last().map(|(version, _)| *version);
    let mut runs: Vec<(AuthentikVersion, AuthentikVersion)> = Vec::new();
    let mut open: Option<AuthentikVersion> = None;
    for (i, (version, holds)) in versions.iter().enumerate() {
        match (holds, open) {
            (true, None) => open = Some(*version),
            (false, Some(first)) => {
                runs.push((first, versions[i - 1].0));
                open = None;
            }
            _ => {}
        }
    }
    if let (Some(first), Some(last)) = (open, newest) {
        runs.push((first, last));
    }
    if runs.is_empty() {
        return None;
    }
    let oldest = versions.first().map(|(version, _)| *version);
    let parts: Vec<String> = runs
        .iter()
        .map(
            |&(first, last)| match (Some(first) == oldest, Some(last) == newest) {
                _ if first == last => format!("{first}"),
                (false, true) => format!("{first} on"),
                (true, false) => format!("up to {last}"),
                _ => format!("{first} to {last}"),
            },
        )
        .collect();
    Some(match runs.as_slice() {
        // Still in the newest release: a later one most likely keeps it.
        [(first, last)] if Some(*last) == newest && Some(*first) != oldest => {
            format!("from authentik {first}")
        }
        [(first, last)] if first == last => format!("in authentik {first} only"),
        _ => format!("in authentik {}", parts.join(", ")),
    })
}
