//! A copy of the open database through SQLite's online backup API: consistent even while others use it.

use crate::error::{refused, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;

/// How often to retry while another connection holds a lock that blocks the copy, and how long to wait between.
const LOCKED_RETRIES: u32 = 200;
const LOCKED_PAUSE: Duration = Duration::from_millis(50);

/// Copies every page of `conn`'s database into a new database file at `dest`.
///
/// The copy is made in one backup step (all pages at once), so it is one committed state of the
/// database even while another process writes: in WAL mode SQLite reads the last commit without
/// waiting for a writer. The copy is switched to a rollback journal so it is a single file.
pub fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    let mut target = Connection::open(dest)?;
    {
        let backup = Backup::new(conn, &mut target)?;
        let mut tries = 0;
        loop {
            // Busy and Locked (and anything newer) are transient: wait and retry.
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                _ => {
                    tries += 1;
                    if tries > LOCKED_RETRIES {
                        return refused(
                            "the database stayed locked by another program for too long; try the backup again",
                        );
                    }
                    std::thread::sleep(LOCKED_PAUSE);
                }
            }
        }
    }
    let _mode: String = target.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    target.close().map_err(|(_, e)| e)?;
    Ok(())
}
