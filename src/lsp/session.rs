//! What the server knows between messages: open documents, workspace folders, the
//! client's settings and the position encoding.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use clap::Parser;
use lsp_types::Uri;
use serde::Deserialize;

use super::convert::{Encoding, LineIndex, uri_to_path};
use crate::check::Settings;
use crate::cli::CheckArgs;
use crate::config::{self, Config};

/// A document the client has open: its text is the truth, not the disk.
pub struct OpenDoc {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub text: String,
    pub version: i32,
}

/// `initializationOptions` / `workspace/didChangeConfiguration` settings, either at the
/// top level or under a `flowlint` key. They are applied over `flowlint.toml`, as the
/// command line is.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientSettings {
    pub authentik_version: Option<String>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub context: BTreeMap<String, String>,
    pub env: BTreeMap<String, String>,
    /// A configuration file to use instead of the one found from the workspace folder.
    pub config: Option<PathBuf>,
    /// Milliseconds to wait after the last keystroke before checking (default 150).
    pub debounce_ms: Option<u64>,
}

impl ClientSettings {
    pub fn from_json(value: &serde_json::Value) -> ClientSettings {
        let inner = value.get("flowlint").unwrap_or(value);
        serde_json::from_value(inner.clone()).unwrap_or_default()
    }

    /// The command-line arguments these settings stand for, so they are validated and
    /// applied exactly as `flowlint check` applies its options.
    fn as_check_args(&self) -> Vec<String> {
        let mut argv = vec!["flowlint".to_string()];
        if let Some(version) = &self.authentik_version {
            argv.push(format!("--authentik-version={version}"));
        }
        if !self.select.is_empty() {
            argv.push(format!("--select={}", self.select.join(",")));
        }
        if !self.ignore.is_empty() {
            argv.push(format!("--ignore={}", self.ignore.join(",")));
        }
        for (key, value) in &self.context {
            argv.push(format!("--context={key}={value}"));
        }
        for (key, value) in &self.env {
            argv.push(format!("--env={key}={value}"));
        }
        argv
    }
}

#[derive(Parser)]
struct ArgsOnly {
    #[command(flatten)]
    args: CheckArgs,
}

/// The configuration and settings that apply under one folder.
pub struct Scope {
    pub config: Config,
    pub settings: Settings,
    /// Why the configuration or the client settings were not usable, if they were not.
    pub problem: Option<String>,
}

pub struct Session {
    pub encoding: Encoding,
    pub roots: Vec<PathBuf>,
    pub docs: HashMap<Uri, OpenDoc>,
    pub client: ClientSettings,
    /// The diagnostics last published for each open document (hover and code actions
    /// read them).
    pub diagnostics: HashMap<Uri, Vec<lsp_types::Diagnostic>>,
    pub shutting_down: bool,
}

impl Session {
    pub fn new(encoding: Encoding, roots: Vec<PathBuf>, client: ClientSettings) -> Session {
        Session {
            encoding,
            roots,
            docs: HashMap::new(),
            client,
            diagnostics: HashMap::new(),
            shutting_down: false,
        }
    }

    /// The configuration for files under `folder`: the client's `config`, else the
    /// `flowlint.toml` found from the folder upward; then the client's settings.
    pub fn scope(&self, folder: &Path) -> Scope {
        let mut problem = None;
        let found = match &self.client.config {
            Some(path) => Some(path.clone()),
            None => config::discover(folder),
        };
        let config = match found.map(|path| config::load(&path)) {
            Some(Ok(config)) => config,
            Some(Err(e)) => {
                problem = Some(e.to_string());
                Config::default()
            }
            None => Config::default(),
        };
        let settings = ArgsOnly::try_parse_from(self.client.as_check_args())
            .map_err(|e| e.to_string())
            .and_then(|parsed| {
                crate::cli::settings_with_config(&parsed.args, &config).map_err(|e| e.to_string())
            })
            .unwrap_or_else(|e| {
                problem = Some(format!("flowlint settings: {e}"));
                let mut settings = Settings::default();
                config.apply(&mut settings);
                settings
            });
        Scope {
            config,
            settings,
            problem,
        }
    }

    /// The objects a fresh install of the targeted release has (the install baseline),
    /// as the first workspace folder's configuration selects them.
    pub fn baseline(&self) -> crate::baseline::Baseline {
        let folder = self.roots.first().cloned().unwrap_or_default();
        let settings = self.scope(&folder).settings;
        crate::baseline::Baseline::new(&settings.baseline, Some(settings.target.version()))
    }

    /// The release a document is judged against: its scope's target (the client's
    /// `authentikVersion`, else the `flowlint.toml` that governs it, else the newest),
    /// as its diagnostics use. Completion and hover describe this release.
    pub fn release_of(&self, doc: &OpenDoc) -> &'static crate::catalog::Release {
        let folder = doc
            .path
            .as_deref()
            .and_then(|path| {
                self.root_of(path)
                    .cloned()
                    .or_else(|| path.parent().map(Path::to_path_buf))
            })
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        self.scope(&folder).settings.target.release
    }

    /// The workspace folder a path belongs to (the innermost).
    pub fn root_of(&self, path: &Path) -> Option<&PathBuf> {
        self.roots
            .iter()
            .filter(|root| path.starts_with(root))
            .max_by_key(|root| root.components().count())
    }

    /// The open document at a path, if any.
    pub fn doc_at(&self, path: &Path) -> Option<&OpenDoc> {
        self.docs.values().find(|d| d.path.as_deref() == Some(path))
    }

    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        let path = uri_to_path(&uri);
        self.docs.insert(
            uri.clone(),
            OpenDoc {
                uri,
                path,
                text,
                version,
            },
        );
    }

    /// Apply `didChange` edits; a change without a range replaces the whole text.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<lsp_types::TextDocumentContentChangeEvent>,
    ) {
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        for change in changes {
            match change.range {
                None => doc.text = change.text,
                Some(range) => {
                    let span = LineIndex::new(&doc.text).span(range, encoding);
                    doc.text.replace_range(span.range(), &change.text);
                }
            }
        }
        doc.version = version;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn incremental_changes_apply_in_utf16() {
        let mut session = Session::new(Encoding::Utf16, Vec::new(), ClientSettings::default());
        let uri = Uri::from_str("file:///tmp/a.yaml").unwrap();
        session.open(uri.clone(), "name: 😀x\n".into(), 1);
        let range = lsp_types::Range::new(
            lsp_types::Position::new(0, 8),
            lsp_types::Position::new(0, 9),
        );
        let change = lsp_types::TextDocumentContentChangeEvent {
            range: Some(range),
            range_length: None,
            text: "yz".into(),
        };
        session.change(&uri, 2, vec![change]);
        assert_eq!(session.docs[&uri].text, "name: 😀yz\n");
    }

    #[test]
    fn client_settings_go_through_the_check_options() {
        let client = ClientSettings::from_json(&serde_json::json!({
            "flowlint": {"authentikVersion": "2025.10", "ignore": ["FL101"]}
        }));
        let session = Session::new(Encoding::Utf16, Vec::new(), client);
        let scope = session.scope(Path::new("/nonexistent-folder"));
        assert!(scope.problem.is_none(), "{:?}", scope.problem);
        assert_eq!(
            (
                scope.settings.target.version().to_string(),
                scope.settings.target.pinned
            ),
            ("2025.10".to_owned(), true)
        );
        let bad = ClientSettings::from_json(&serde_json::json!({"authentikVersion": "soon"}));
        let scope = Session::new(Encoding::Utf16, Vec::new(), bad).scope(Path::new("/"));
        assert!(scope.problem.is_some());
    }
}
