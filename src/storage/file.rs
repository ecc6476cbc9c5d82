//! One assessment file on disk: reading it together with its stamp (what tells one version
//! from another without reading it), parsing it, and the lock a save holds.

use std::fs::{self, File, OpenOptions};
use std::path::Path;
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

/// Takes the exclusive lock of `path` (on `<file>.lock`), held until the file is dropped.
/// The lock file is never removed: removing it while another process waits on it would let
/// two processes hold "the" lock at once.
pub(super) fn lock(path: &Path) -> Result<File, StoreError> {
    let lock_path = suffixed(path, ".lock");
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(&lock_path)
        .map_err(|e| io_error(&lock_path, e))?;
    file.lock().map_err(|e| io_error(&lock_path, e))?;
    Ok(file)
}
