//! Temporary files a killed pfos left behind (`.pfos-*.tmp` beside the database and in its backup
//! folder): removed at the next start once they are old enough that no running pfos is still writing them.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// How old a leftover must be before it is removed: older than any copy pfos makes.
const MIN_AGE: Duration = Duration::from_secs(60 * 60);

/// Removes pfos's own old temporary files beside `db` and in its backup folder; errors are ignored
/// (a leftover that cannot be removed now is tried again next time).
pub fn clean(db: &Path) {
    let beside = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    for folder in [beside.to_path_buf(), super::backups::folder(db)] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            if is_old_leftover(&entry, SystemTime::now()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// A regular file named `.pfos-…tmp` (or a write probe `.pfos-probe-…`) last changed over an hour ago.
fn is_old_leftover(entry: &std::fs::DirEntry, now: SystemTime) -> bool {
    let name = entry.file_name();
    let Some(name) = name.to_str() else {
        return false;
    };
    let ours = (name.starts_with(".pfos-") && name.ends_with(".tmp")) || name.starts_with(".pfos-probe-");
    if !ours {
        return false;
    }
    let Ok(meta) = entry.metadata() else {
        return false;
    };
    let age = meta
        .modified()
        .ok()
        .and_then(|m| now.duration_since(m).ok())
        .unwrap_or_default();
    meta.is_file() && age >= MIN_AGE
}
