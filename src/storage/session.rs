//! An open assessment, saved on every change and merged with whatever another process saved
//! meanwhile.

use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::error::{StoreError, corrupt, io_error, read_error};
use super::file::{Stamp, lock, parse, read_snapshot, stamp_of};
use super::names::new_name;
use super::store::{LoadFailure, Store, quarantine_file};
use crate::model::answers::{Migrated, reconcile};
use crate::model::diagnostic::{Code, Diagnostic};
use crate::model::source::{self};
use crate::model::{Answers, FileError, Questionnaire};

/// An open assessment, saved on every change. Two processes may have the same assessment open:
/// each save re-reads the file under a lock and reconciles ([`reconcile`]`(base, ours, disk)`),
/// so no answer made in either is lost; the very same answer changed in both goes to the later
/// save.
#[derive(Debug)]
pub struct Session {
    name: String,
    path: PathBuf,
    /// The answers as last synced with the file: what both sides' changes are measured from.
    base: Answers,
    /// The file's bytes as last synced. Saves compare content, not the stamp: a write of the
    /// same length within one mtime tick would fool a stamp.
    synced: Vec<u8>,
    stamp: Option<Stamp>,
    /// What reading the file carried over from an earlier questionnaire version, if anything.
    migrated: Option<Migrated>,
}

/// What a save wrote (the caller adopts it when it differs from its own answers) and where a
/// corrupt file found on disk was set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub answers: Answers,
    pub quarantined: Option<PathBuf>,
}

impl Session {
    /// Opens `name` from `store` (LoadFailure when it does not load).
    #[expect(
        clippy::result_large_err,
        reason = "the Ok side, Answers, is as large: boxing the failure would save nothing"
    )]
    pub fn open(
        store: &Store,
        name: &str,
        q: &Questionnaire,
    ) -> Result<(Session, Answers), LoadFailure> {
        let (answers, synced, stamp) = store.snapshot(name, q)?;
        let migrated = source::decode_utf8(&store.path_of(name), synced.clone())
            .ok()
            .and_then(|text| Answers::read(&store.path_of(name), &text, q).ok())
            .and_then(|(_, migrated)| migrated);
        let session = Session {
            name: name.to_string(),
            path: store.path_of(name),
            base: answers.clone(),
            synced,
            stamp: Some(stamp),
            migrated,
        };
        Ok((session, answers))
    }

    /// Starts a session on a new assessment written now ([`StoreError::Exists`] if taken).
    pub fn create(store: &Store, name: &str, answers: &Answers) -> Result<Session, StoreError> {
        let name = new_name(name)?;
        let path = store.path_of(&name);
        let text = answers.to_toml();
        // Held so that no other save slips in between our write and our stamp.
        let _lock = lock(&path)?;
        store.create_file(&name, text.as_bytes())?;
        Ok(Session {
            stamp: stamp_of(&path),
            name,
            path,
            base: answers.clone(),
            synced: text.into_bytes(),
            migrated: None,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What opening the file carried over from an earlier questionnaire version, if anything.
    pub fn migrated(&self) -> Option<&Migrated> {
        self.migrated.as_ref()
    }

    /// The answers as last written or read: what is on disk as far as this session knows.
    pub fn base(&self) -> &Answers {
        &self.base
    }

    /// Saves `ours` under an exclusive lock on `<file>.lock`. The file is re-read: unchanged
    /// since our last sync, `ours` is written; changed and loading, `reconcile(base, ours,
    /// disk)`; not loading any more, it is quarantined first (a user's data is never overwritten
    /// silently) and `ours` is written. A file deleted meanwhile is written again.
    ///
    /// `ours` must itself load back against `q`: otherwise nothing is written and the error is
    /// [`StoreError::Corrupt`] with the problems, since writing it would make the assessment
    /// unopenable. Should a merge break a cross-field rule (their tailoring, our industry type),
    /// `ours` is written and their version stays in the backup.
    pub fn save(&mut self, ours: &Answers, q: &Questionnaire) -> Result<Saved, StoreError> {
        let unknown = ours.unknown_ids(q);
        if !unknown.is_empty() {
            let problems = unknown
                .into_iter()
                .map(|id| {
                    Diagnostic::new(Code::UnknownRequirement)
                        .arg("id", id)
                        .arg("questionnaire", q.describe())
                })
                .collect();
            return Err(corrupt(FileError::new(&self.path, None, problems)));
        }
        let ours_text = ours.to_toml();
        let _lock = lock(&self.path)?;
        // Every save renames a new file into place, so on unix an unchanged stamp (which holds
        // the inode) means nobody wrote since our last sync: no need to read the file back.
        let unchanged = cfg!(unix) && self.stamp.is_some() && stamp_of(&self.path) == self.stamp;
        let disk = if unchanged {
            Some(self.synced.clone())
        } else {
            match read_snapshot(&self.path) {
                Ok(snapshot) => Some(snapshot.bytes),
                Err(e) if e.is_not_found() => None,
                Err(e) => return Err(read_error(e, None, &self.path)),
            }
        };
        let mut quarantined = None;
        let answers = match &disk {
            Some(bytes) if *bytes != self.synced => match parse(&self.path, bytes, q) {
                Ok(theirs) => self.reconciled(ours, &theirs, q),
                Err(_) => {
                    quarantined = Some(quarantine_file(&self.path, &self.name)?);
                    ours.clone()
                }
            },
            _ => ours.clone(),
        };
        let text = if answers == *ours {
            ours_text
        } else {
            answers.to_toml()
        };
        // Rewriting identical bytes would only replace the backup with a copy of the file.
        if quarantined.is_some() || disk.as_deref() != Some(text.as_bytes()) {
            write_atomic(&self.path, text.as_bytes()).map_err(|e| io_error(&self.path, e))?;
        }
        self.stamp = stamp_of(&self.path);
        self.synced = text.into_bytes();
        self.base = answers.clone();
        Ok(Saved {
            answers,
            quarantined,
        })
    }

    /// Cheap check (mtime, length, and the file's identity on unix) whether another process
    /// changed the file since our last sync; if so, loads it, returns `Some(reconcile(base,
    /// ours, disk))` and takes the disk's content as the new base; otherwise None. A corrupt
    /// file is reported as [`StoreError::Corrupt`] and left untouched.
    pub fn refresh(
        &mut self,
        ours: &Answers,
        q: &Questionnaire,
    ) -> Result<Option<Answers>, StoreError> {
        if stamp_of(&self.path).is_none_or(|now| self.stamp == Some(now)) {
            // Unchanged, or deleted or renamed elsewhere: nothing to merge (a save writes again).
            return Ok(None);
        }
        let disk = match read_snapshot(&self.path) {
            Ok(snapshot) => snapshot,
            Err(e) if e.is_not_found() => return Ok(None),
            Err(e) => return Err(read_error(e, None, &self.path)),
        };
        if disk.bytes == self.synced {
            self.stamp = Some(disk.stamp);
            return Ok(None);
        }
        let theirs = parse(&self.path, &disk.bytes, q)?;
        let reconciled = self.reconciled(ours, &theirs, q);
        self.base = theirs;
        self.synced = disk.bytes;
        self.stamp = Some(disk.stamp);
        Ok(Some(reconciled))
    }

    /// The three-way merge of base, ours and theirs, or `ours` when it would not load back.
    fn reconciled(&self, ours: &Answers, theirs: &Answers, q: &Questionnaire) -> Answers {
        let reconciled = reconcile(&self.base, ours, theirs);
        match Answers::from_source(&self.path, &reconciled.to_toml(), q) {
            Ok(_) => reconciled,
            Err(_) => ours.clone(),
        }
    }
}
