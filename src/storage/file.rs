//! One assessment file on disk: reading it together with its stamp (what tells one version
//! from another without reading it), parsing it, and the lock a save holds.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::atomic::suffixed;
use super::error::{StoreError, corrupt, io_error};
use crate::model::source::{self, ReadProblem};
use crate::model::{Answers, Questionnaire};

/// What tells one version of a file from another without reading it. On unix the inode is
/// part of it: every write is a rename of a new file, so the inode changes on each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    file: Option<(u64, u64)>,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            file: file_id(meta),
        }
    }
}

#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

pub(super) fn stamp_of(path: &Path) -> Option<Stamp> {
    fs::metadata(path).ok().map(|meta| Stamp::of(&meta))
}

pub(super) struct Snapshot {
    pub(super) bytes: Vec<u8>,
    pub(super) stamp: Stamp,
}

/// Reads a file and its stamp through one handle, so the two belong to the same version.
pub(super) fn read_snapshot(path: &Path) -> Result<Snapshot, ReadProblem> {
    let (bytes, meta) = source::read_limited(path)?;
    Ok(Snapshot {
        bytes,
        stamp: Stamp::of(&meta),
    })
}

pub(super) fn parse(path: &Path, bytes: &[u8], q: &Questionnaire) -> Result<Answers, StoreError> {
    let text = source::decode_utf8(path, bytes.to_vec()).map_err(corrupt)?;
    Answers::from_source(path, &text, q).map_err(corrupt)
}

/// The exclusive lock on `<file>.lock`, held while a save reads, merges and writes. Released,
/// it removes its file, so no lock files stay behind after quitting; a process that waited on a
/// lock file removed meanwhile sees it is no longer the one at the path, and locks again.
pub(super) struct Lock {
    _held: File,
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held (the file closes after this), so nobody locks it in between.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
    }
}

/// How often a lock is taken again after its file was replaced before giving up (each retry
/// means another process took and released it: progress, but never an endless wait).
const LOCK_ATTEMPTS: usize = 1000;

/// Takes the exclusive lock of `path`, waiting for another process that holds it.
pub(super) fn lock(path: &Path) -> Result<Lock, StoreError> {
    let lock_path = suffixed(path, ".lock");
    for _ in 0..LOCK_ATTEMPTS {
        let file = open_lock(&lock_path)?;
        file.lock().map_err(|e| io_error(&lock_path, e))?;
        if still_at(&file, &lock_path).map_err(|e| io_error(&lock_path, e))? {
            return Ok(Lock {
                _held: file,
                path: lock_path,
            });
        }
    }
    Err(io_error(
        &lock_path,
        std::io::Error::new(
            std::io::ErrorKind::WouldBlock,
            "the lock file keeps being replaced",
        ),
    ))
}

/// Removes a lock file nobody holds (left by a process that was killed); a held one stays.
pub(super) fn remove_stale_lock(lock_path: &Path) {
    let Ok(file) = open_lock(lock_path) else {
        return;
    };
    if file.try_lock().is_ok() && still_at(&file, lock_path).unwrap_or(false) {
        drop(Lock {
            _held: file,
            path: lock_path.to_path_buf(),
        });
    }
}

fn open_lock(lock_path: &Path) -> Result<File, StoreError> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(lock_path).map_err(|e| io_error(lock_path, e))
}

/// Whether the open lock file is still the one at its path (it may have been removed by the
/// process that held it before).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> std::io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let held = file.metadata()?;
    match fs::metadata(path) {
        Ok(now) => Ok(now.dev() == held.dev() && now.ino() == held.ino()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> std::io::Result<bool> {
    Ok(true)
}
