//! Writing a fixed file: atomically, keeping permissions, never over a file that
//! changed since it was read.

use std::path::Path;

use crate::error::ToolError;

/// What identifies a file on disk, to tell it was replaced (a new inode) after it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identity {
    #[cfg(unix)]
    dev_ino: (u64, u64),
    #[cfg(not(unix))]
    len: u64,
}

impl Identity {
    pub fn of(path: &Path) -> Option<Identity> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Identity {
                dev_ino: (meta.dev(), meta.ino()),
            })
        }
        #[cfg(not(unix))]
        Some(Identity { len: meta.len() })
    }
}

/// Whether a fixed file was written.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    Yes,
    /// Not written, and why (it changed or was replaced since it was read).
    LeftAlone(&'static str),
}

/// Write `fixed` over `path` atomically (a temp file in the same folder, renamed over
/// it), keeping its permissions, and only when the file is still the one read (same
/// identity, same bytes as `original`): a file changed since it was read is left alone.
/// A symbolic link is followed, so the link stays and its target gets the fix.
pub fn write_fixed(
    path: &Path,
    identity: Option<&Identity>,
    original: &str,
    fixed: &str,
) -> Result<Written, ToolError> {
    use std::io::Write;
    let failed = |e: &dyn std::fmt::Display| ToolError::Output {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let unchanged = || {
        Identity::of(path).as_ref() == identity
            && std::fs::read(path).is_ok_and(|bytes| bytes == original.as_bytes())
    };
    if identity.is_none() || !unchanged() {
        return Ok(Written::LeftAlone("it changed since it was read"));
    }
    let target = std::fs::canonicalize(path).map_err(|e| failed(&e))?;
    let permissions = std::fs::metadata(&target)
        .map_err(|e| failed(&e))?
        .permissions();
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".flowlint-fix-")
        .tempfile_in(dir)
        .map_err(|e| failed(&e))?;
    temp.write_all(fixed.as_bytes()).map_err(|e| failed(&e))?;
    temp.as_file()
        .set_permissions(permissions)
        .map_err(|e| failed(&e))?;
    temp.as_file().sync_all().map_err(|e| failed(&e))?;
    // Checked again at the last moment, to keep the window as small as it can be.
    if !unchanged() {
        return Ok(Written::LeftAlone("it changed since it was read"));
    }
    temp.persist(&target).map_err(|e| failed(&e.error))?;
    Ok(Written::Yes)
}
