//! Writing a file whole or not at all: a private temporary file in the same folder, renamed into place.

use crate::error::{refused, Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `text` to `path`; see [`write_with`].
pub fn write_text(path: &Path, force: bool, text: &str) -> Result<()> {
    write_with(path, force, |file, _| {
        file.write_all(text.as_bytes())?;
        file.sync_all()
    })
}

/// Creates `path` through `fill`, which writes a temporary file (given as an open file and as a path)
/// in the same folder; the temporary file is then renamed to `path`, so nothing is ever half-written.
///
/// An existing `path` is refused unless `force`. The file is created with mode 0600 (it holds
/// someone's finances).
pub fn write_with(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut std::fs::File, &Path) -> std::io::Result<()>,
) -> Result<()> {
    write_with_result(path, force, |file, tmp| fill(file, tmp).map_err(|e| io_error(path, e)))
}

/// Like [`write_with`], for a `fill` that returns pfos errors.
pub fn write_with_result(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut std::fs::File, &Path) -> Result<()>,
) -> Result<()> {
    if path.is_dir() {
        return refused(format!("'{}' is a folder; give a file name", path.display()));
    }
    if path.exists() && !force {
        return refused(already_exists(path));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".pfos-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(|e| io_error(path, e))?;
    let tmp_path = tmp.path().to_path_buf();
    fill(tmp.as_file_mut(), &tmp_path)?;
    let persisted = if force {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => refused(already_exists(path)),
        Err(e) => Err(io_error(path, e.error)),
    }
}

/// Refuses to write over the database itself (`--out` or a backup pointed at the open file).
pub fn ensure_not_database(dest: &Path, database: &Path) -> Result<()> {
    let same = match (dest.canonicalize(), database.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return refused(format!(
            "'{}' is the database itself; give another file name",
            dest.display()
        ));
    }
    Ok(())
}

fn already_exists(path: &Path) -> String {
    format!(
        "'{}' already exists; give another file name, or add --force to replace it",
        path.display()
    )
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}
