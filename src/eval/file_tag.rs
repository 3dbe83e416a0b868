//! `!File`, confined: off unless the user enables it, and then it reads only regular
//! files inside the blueprint's own folder (no absolute paths, no `..`, no symlink
//! that leads outside), up to a size limit.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Largest file `!File` reads, in bytes.
pub const MAX_FILE_TAG_BYTES: u64 = 1024 * 1024;

/// Where `!File` may read: the canonical folder of one blueprint.
#[derive(Clone, Debug)]
pub struct FileAccess {
    folder: PathBuf,
}

/// What reading a `!File` path gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileRead {
    /// The content with surrounding whitespace stripped, as authentik returns it.
    Content(String),
    /// No readable file there: authentik falls back to the default.
    Missing,
    /// The path leaves the blueprint's folder (or is too large): flowlint does not read
    /// it, so the value stays unknown.
    Refused,
}

impl FileAccess {
    /// Access for the blueprint at `path` (its folder must exist).
    pub fn for_blueprint(path: &Path) -> Option<FileAccess> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Some(FileAccess {
            folder: fs::canonicalize(folder).ok()?,
        })
    }

    pub fn read(&self, requested: &str) -> FileRead {
        let relative = Path::new(requested);
        let escapes = relative.is_absolute()
            || relative.components().any(|c| {
                matches!(
                    c,
                    Component::ParentDir | Component::RootDir | Component::Prefix(_)
                )
            });
        if requested.is_empty() || escapes {
            return FileRead::Refused;
        }
        let Ok(target) = fs::canonicalize(self.folder.join(relative)) else {
            return FileRead::Missing;
        };
        if !target.starts_with(&self.folder) {
            return FileRead::Refused;
        }
        let Ok(meta) = fs::metadata(&target) else {
            return FileRead::Missing;
        };
        if !meta.is_file() {
            return FileRead::Missing;
        }
        if meta.len() > MAX_FILE_TAG_BYTES {
            return FileRead::Refused;
        }
        let mut text = String::new();
        match fs::File::open(&target)
            .and_then(|f| f.take(MAX_FILE_TAG_BYTES).read_to_string(&mut text))
        {
            Ok(_) => FileRead::Content(text.trim().to_string()),
            Err(_) => FileRead::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_inside_the_blueprint_folder() {
        let root = std::env::temp_dir().join(format!("flowlint-file-tag-{}", std::process::id()));
        let inner = root.join("blueprints");
        fs::create_dir_all(inner.join("secrets")).unwrap();
        fs::write(inner.join("secrets/key.txt"), "  s3cret\n").unwrap();
        fs::write(root.join("outside.txt"), "outside").unwrap();
        let access = FileAccess::for_blueprint(&inner.join("flow.yaml")).unwrap();
        assert_eq!(
            access.read("secrets/key.txt"),
            FileRead::Content("s3cret".into())
        );
        assert_eq!(access.read("secrets/none.txt"), FileRead::Missing);
        assert_eq!(access.read("../outside.txt"), FileRead::Refused);
        assert_eq!(
            access.read(&root.join("outside.txt").display().to_string()),
            FileRead::Refused
        );
        assert_eq!(access.read("secrets"), FileRead::Missing);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("outside.txt"), inner.join("link.txt")).unwrap();
            assert_eq!(access.read("link.txt"), FileRead::Refused);
        }
        let _ = fs::remove_dir_all(&root);
    }
}
