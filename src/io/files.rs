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
        return already_exists(path).err();
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
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => already_exists(path).err(),
        Err(e) => Err(io_error(path, e.error)),
    }
}

/// The files SQLite keeps beside a database: its write-ahead log, shared memory and rollback journal.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Refuses to write over the database, one of its companion files (`-wal`, `-shm`, `-journal`) or an
/// automatic backup, however `dest` is spelled: relative, through `..` or a symlink, or a hard link to one
/// of them. Existing files are compared by identity (device and inode), names by their real folder.
/// `backups` are the automatic backups and the folder they are kept in (the store knows where).
pub fn ensure_not_database(dest: &Path, database: &Path, backups: (&[PathBuf], &Path)) -> Result<()> {
    let mut protected: Vec<(PathBuf, &str)> = vec![(database.to_path_buf(), "the database itself")];
    for suffix in COMPANIONS {
        let mut name = database.as_os_str().to_owned();
        name.push(suffix);
        protected.push((PathBuf::from(name), "a file SQLite keeps beside the database"));
    }
    for (path, what) in &protected {
        if same_file(dest, path) || same_place(dest, path) {
            return refused(format!(
                "'{}' is {what} ('{}'); writing there would destroy it, so give another file name",
                dest.display(),
                path.display()
            ));
        }
    }
    let (backups, backup_folder) = backups;
    if backups.iter().any(|b| same_file(dest, b) || same_place(dest, b))
        || (dest.extension().is_some_and(|e| e == "db") && same_folder(dest, backup_folder))
    {
        return refused(format!(
            "'{}' is in the folder of automatic backups pfos manages; write somewhere else",
            dest.display()
        ));
    }
    Ok(())
}

/// Whether two paths name one existing file (the same device and inode: hard links and symlinks too).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Whether two paths, existing or not, name the same entry: the same real folder and file name.
fn same_place(a: &Path, b: &Path) -> bool {
    match (real_entry(a), real_entry(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Whether `path`'s folder is `folder` (both resolved).
fn same_folder(path: &Path, folder: &Path) -> bool {
    match (
        real_entry(path).and_then(|p| p.parent().map(Path::to_path_buf)),
        folder.canonicalize(),
    ) {
        (Some(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The path with its folder resolved (symlinks, `..`) and its file name kept; a symlink at the end is
/// followed too.
fn real_entry(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(folder.canonicalize().ok()?.join(name))
}

fn already_exists(path: &Path) -> crate::error::Refusal {
    crate::error::Refusal::new(format!("'{}' already exists", path.display())).hint(crate::error::Hint::Overwrite)
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}
