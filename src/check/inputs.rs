//! Finding and reading blueprint files. Reading never modifies anything.

use std::fs;
use std::io::Read;
use std::path::Path;

/// A file to check, as read from disk (or stdin).
#[derive(Clone, Debug)]
pub struct Input {
    /// The path as given on the command line, or as found under a given folder.
    pub path: String,
    pub content: InputContent,
}

#[derive(Clone, Debug)]
pub enum InputContent {
    Text(String),
    /// Not valid UTF-8: the text with replacement characters and the first bad byte.
    BadEncoding {
        lossy: String,
        at: usize,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
    Unreadable(String),
    /// Plainly not a blueprint (a compose file, a scenario...): one finding says what
    /// it is, and nothing in it is checked.
    NotBlueprint {
        text: String,
        what: &'static str,
    },
    /// A blueprint in a `*.yml` file: checked, and reported as never loaded.
    YmlBlueprint(String),
}

impl Input {
    pub fn from_text(path: impl Into<String>, text: String) -> Self {
        Input {
            path: path.into(),
            content: InputContent::Text(text),
        }
    }

    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        let content = match String::from_utf8(bytes) {
            Ok(text) => InputContent::Text(text),
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                InputContent::BadEncoding {
                    lossy: String::from_utf8_lossy(err.as_bytes()).into_owned(),
                    at,
                }
            }
        };
        Input {
            path: path.into(),
            content,
        }
    }

    /// The bytes of text it holds.
    pub fn text_len(&self) -> usize {
        match &self.content {
            InputContent::Text(text) | InputContent::YmlBlueprint(text) => text.len(),
            InputContent::NotBlueprint { text, .. } => text.len(),
            InputContent::BadEncoding { lossy, .. } => lossy.len(),
            InputContent::TooLarge { .. } | InputContent::Unreadable(_) => 0,
        }
    }

    /// Read a file, bounded by `limit` bytes.
    pub fn read(path: &Path, display: String, limit: u64) -> Self {
        let unreadable = |e: std::io::Error| Input {
            path: display.clone(),
            content: InputContent::Unreadable(e.to_string()),
        };
        // Opening a FIFO blocks until a writer comes and a device may never end:
        // only regular files (after following symlinks) are opened.
        match fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return unreadable(std::io::Error::other("not a regular file"));
            }
            Ok(_) => {}
            Err(e) => return unreadable(e),
        }
        let file = match fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return unreadable(e),
        };
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if size > limit {
            return Input {
                path: display,
                content: InputContent::TooLarge { size, limit },
            };
        }
        let mut bytes = Vec::with_capacity(size as usize);
        // Read one byte past the limit so a file that grows while read is still caught.
        match file.take(limit + 1).read_to_end(&mut bytes) {
            Ok(_) if bytes.len() as u64 > limit => Input {
                path: display,
                content: InputContent::TooLarge {
                    size: bytes.len() as u64,
                    limit,
                },
            },
            Ok(_) => Input::from_bytes(display, bytes),
            Err(e) => unreadable(e),
        }
    }
}

/// How a found path is shown: relative paths stay as the user typed them.
pub fn display_path(path: &Path) -> String {
    let text = path.display().to_string();
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}
