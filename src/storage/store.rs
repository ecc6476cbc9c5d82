//! The folder of assessments: naming, listing, creating, renaming, deleting into the trash,
//! loading with a fallback to the backup, and [`Session`], an open assessment saved on every
//! change and merged with whatever another process saved meanwhile.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::answers::{Migrated, merge};
use crate::model::diagnostic::{Code, Diagnostic};
use crate::model::source::{self, ReadProblem};
use crate::model::{Answers, FileError, Questionnaire};

use super::atomic::{self, backup_path, parent, suffixed, write_atomic};

const EXTENSION: &str = ".toml";
const MAX_NAME_CHARS: usize = 64;
const TRASH_DIR: &str = "trash";
const QUARANTINE_MARK: &str = ".corrupt-";
/// Characters no file system we run on accepts in a name, or that would leave the folder.
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
/// Attempts at a free numbered name in the trash or for a quarantined file.
const UNIQUE_ATTEMPTS: u32 = 1000;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "no configuration or data directory could be found; set ZIZHEN_CONFIG_DIR and ZIZHEN_DATA_DIR"
    )]
    NoHome,
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("an assessment named \"{name}\" already exists")]
    Exists { name: String },
    #[error("there is no assessment named \"{name}\"")]
    NotFound { name: String },
    #[error("\"{name}\" cannot be used as an assessment name: {problem}")]
    BadName { name: String, problem: NameProblem },
    #[error("{} does not load as an answers file", .0.path.display())]
    Corrupt(Box<FileError>),
}

/// Why a name cannot name an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameProblem {
    #[error("the name is empty")]
    Empty,
    #[error("the name is longer than 64 characters")]
    TooLong,
    #[error("the name contains {0:?}")]
    BadChar(char),
    #[error("the name starts with '.'")]
    LeadingDot,
}

/// One assessment in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub path: PathBuf,
    pub modified: Option<SystemTime>,
    /// Only `<name>.toml.bak` is there (the file itself was lost, e.g. to a crash while a
    /// backup was being restored): opening it offers the backup.
    pub backup_only: bool,
}

/// What [`Store::tidy`] did with the temp files interrupted saves left behind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tidied {
    /// Stale copies removed (their file is in place).
    pub removed: usize,
    /// Files that existed only as a complete temp file, put back under their name.
    pub restored: Vec<String>,
}

/// A file that could not be loaded, and its backup when the backup loads.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct LoadFailure {
    pub error: StoreError,
    pub backup: Option<Answers>,
}

impl LoadFailure {
    fn new(error: StoreError, path: &Path, q: &Questionnaire) -> LoadFailure {
        let backup = match error {
            StoreError::Corrupt(_) | StoreError::Io { .. } | StoreError::NotFound { .. } => {
                Answers::load(&backup_path(path), q).ok()
            }
            _ => None,
        };
        LoadFailure { error, backup }
    }
}

/// The folder of assessments, one `<name>.toml` each.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// Opens the folder, creating it (private to the user on unix) when missing.
    pub fn open(dir: PathBuf) -> Result<Store, StoreError> {
        create_private_dir(&dir)?;
        Ok(Store { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Assessment names (file stem of `<name>.toml`), newest first; ignores backups, locks,
    /// temp files, quarantined `*.corrupt-*.toml` files and the trash folder. A backup whose
    /// file is missing is listed too ([`Entry::backup_only`]), so it is never invisible.
    pub fn list(&self) -> Result<Vec<Entry>, StoreError> {
        let items = match fs::read_dir(&self.dir) {
            Ok(items) => items,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(&self.dir, e)),
        };
        let mut entries = Vec::new();
        for item in items {
            let path = item.map_err(|e| io_error(&self.dir, e))?.path();
            if let Some(name) = orphan_backup(&path) {
                if let Ok(meta) = fs::metadata(&path)
                    && meta.is_file()
                {
                    entries.push(Entry {
                        path: self.path_of(&name),
                        name,
                        modified: meta.modified().ok(),
                        backup_only: true,
                    });
                }
                continue;
            }
            let Some(name) = assessment_name(&path) else {
                continue;
            };
            // A file gone between listing and looking was deleted meanwhile: not an error.
            let Ok(meta) = fs::metadata(&path) else {
                continue;
            };
            if meta.is_file() {
                let modified = meta.modified().ok();
                entries.push(Entry {
                    name,
                    path,
                    modified,
                    backup_only: false,
                });
            }
        }
        entries.sort_by(|a, b| {
            b.modified
                .cmp(&a.modified)
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(entries)
    }

    /// `<dir>/<name>.toml`; the name is not checked.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}{EXTENSION}"))
    }

    /// Trimmed name; not empty; at most 64 characters; no `/ \ : * ? " < > |` or control
    /// characters (so it is a valid file name on every system); must not start with `.` (hidden
    /// files). Chinese and spaces are allowed. Returns the trimmed name.
    pub fn check_name(name: &str) -> Result<String, NameProblem> {
        let name = name.trim();
        if name.is_empty() {
            return Err(NameProblem::Empty);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(NameProblem::TooLong);
        }
        if let Some(c) = name
            .chars()
            .find(|c| FORBIDDEN.contains(c) || c.is_control())
        {
            return Err(NameProblem::BadChar(c));
        }
        if name.starts_with('.') {
            return Err(NameProblem::LeadingDot);
        }
        Ok(name.to_string())
    }

    pub fn exists(&self, name: &str) -> bool {
        existing(name).is_ok_and(|name| self.path_of(name).is_file())
    }

    /// `wanted`, or `wanted (2)`, `(3)` … when taken.
    pub fn free_name(&self, wanted: &str) -> String {
        (1..)
            .map(|n| {
                if n == 1 {
                    wanted.to_string()
                } else {
                    format!("{wanted} ({n})")
                }
            })
            .find(|name| !self.exists(name))
            .unwrap_or_else(|| wanted.to_string())
    }

    /// Whether `<name>.toml.bak` is there.
    pub fn has_backup(&self, name: &str) -> bool {
        existing(name).is_ok_and(|name| backup_path(&self.path_of(name)).is_file())
    }

    /// Writes a new assessment; [`StoreError::Exists`] if the name is taken.
    pub fn create(&self, name: &str, answers: &Answers) -> Result<(), StoreError> {
        let name = new_name(name)?;
        self.create_file(&name, answers.to_toml().as_bytes())
    }

    /// Renames an assessment and its backup.
    pub fn rename(&self, old: &str, new: &str) -> Result<(), StoreError> {
        let old = existing(old)?;
        let new = new_name(new)?;
        let (from, to) = (self.path_of(old), self.path_of(&new));
        if !from.is_file() {
            return Err(not_found(old));
        }
        if old == new {
            return Ok(());
        }
        if to.exists() {
            return Err(StoreError::Exists { name: new });
        }
        atomic::rename_new(&from, &to).map_err(|e| exists_or_io(e, &new, &to))?;
        // The assessment has moved; a backup left behind under the old name loses nothing.
        let _ = self.move_backup(&from, &to);
        Ok(())
    }

    /// Copies an assessment, byte for byte, under a new name.
    pub fn duplicate(&self, source: &str, target: &str) -> Result<(), StoreError> {
        let source = existing(source)?;
        let target = new_name(target)?;
        let from = self.path_of(source);
        let bytes = fs::read(&from).map_err(|e| not_found_or_io(e, source, &from))?;
        self.create_file(&target, &bytes)
    }

    /// Never destroys: moves `<name>.toml` (and its backup) into
    /// `<dir>/trash/<name>-<UTC yyyymmddThhmmss>.toml` and returns that path.
    pub fn delete(&self, name: &str) -> Result<PathBuf, StoreError> {
        let name = existing(name)?;
        let from = self.path_of(name);
        if !from.is_file() {
            return Err(not_found(name));
        }
        let trash = self.dir.join(TRASH_DIR);
        create_private_dir(&trash)?;
        let stem = format!("{name}-{}", utc_stamp(SystemTime::now()));
        let to = move_unique(&from, |n| trash.join(numbered(&stem, n)))
            .map_err(|e| not_found_or_io(e, name, &from))?;
        // The assessment itself is safe in the trash; a backup that fails to follow stays put.
        let _ = atomic::rename_new(&backup_path(&from), &backup_path(&to));
        Ok(to)
    }

    /// Keeps a file that does not load: renames it to `<name>.corrupt-<UTC yyyymmddThhmmss>.toml`
    /// (which [`Store::list`] skips) and returns that path.
    pub fn quarantine(&self, name: &str) -> Result<PathBuf, StoreError> {
        let name = existing(name)?;
        quarantine_file(&self.path_of(name), name)
    }

    /// Makes the backup of `name` its content again, crash-safe at every instant: the damaged
    /// file (if any) is first linked aside as `<name>.corrupt-<time>.toml`, then the backup's
    /// content replaces it in one rename; the backup itself stays. So a crash at any point
    /// leaves `<name>.toml` (damaged or restored) and its backup in place. Returns where the
    /// damaged file was kept.
    pub fn restore_backup(
        &self,
        name: &str,
        q: &Questionnaire,
    ) -> Result<Option<PathBuf>, StoreError> {
        let name = existing(name)?;
        let path = self.path_of(name);
        let backup = backup_path(&path);
        let snapshot = read_snapshot(&backup).map_err(|e| read_error(e, Some(name), &backup))?;
        parse(&backup, &snapshot.bytes, q)?;
        let _lock = lock(&path)?;
        let kept = match fs::symlink_metadata(&path) {
            Ok(_) => Some(keep_aside(&path, name)?),
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => return Err(io_error(&path, e)),
        };
        atomic::replace(&path, &snapshot.bytes).map_err(|e| io_error(&path, e))?;
        Ok(kept)
    }

    /// Cleans up after interrupted saves: a temp file whose writer is gone is removed when its
    /// file is in place, and put back under its name when the file is missing and the temp file
    /// loads (a crash between writing and renaming); one that does not load is removed. Temp
    /// files of a running zizhen are left alone.
    pub fn tidy(&self, q: &Questionnaire) -> Tidied {
        let mut tidied = Tidied::default();
        let Ok(items) = fs::read_dir(&self.dir) else {
            return tidied;
        };
        for item in items.flatten() {
            let temp = item.path();
            let Some(info) = temp
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(atomic::TempFile::parse)
            else {
                continue;
            };
            if info.writer_alive() || !item.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            let target = self.dir.join(&info.target);
            let complete = read_snapshot(&temp)
                .ok()
                .is_some_and(|s| parse(&temp, &s.bytes, q).is_ok());
            if !target.exists() && complete && atomic::rename_new(&temp, &target).is_ok() {
                tidied.restored.push(info.target);
            } else if fs::remove_file(&temp).is_ok() {
                tidied.removed += 1;
            }
        }
        tidied
    }

    /// Loads and checks an assessment against `q`; on failure, offers its backup if that loads.
    #[expect(
        clippy::result_large_err,
        reason = "the Ok side, Answers, is as large: boxing the failure would save nothing"
    )]
    pub fn load(&self, name: &str, q: &Questionnaire) -> Result<Answers, LoadFailure> {
        self.snapshot(name, q).map(|(answers, _, _)| answers)
    }

    /// The name last opened (`last = "name"` in the state file); None on any problem, since a
    /// missing or broken state file only means the app starts on the list.
    pub fn last_opened(state_file: &Path) -> Option<String> {
        let (bytes, _) = source::read_limited(state_file).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let table: toml::Table = toml::from_str(&text).ok()?;
        let last = table.get("last")?.as_str()?.trim();
        (!last.is_empty()).then(|| last.to_string())
    }

    /// Records `name` as the assessment opened last, keeping any other keys of the state file.
    pub fn set_last_opened(state_file: &Path, name: &str) -> Result<(), StoreError> {
        let mut table: toml::Table = source::read_limited(state_file)
            .ok()
            .and_then(|(bytes, _)| String::from_utf8(bytes).ok())
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default();
        table.insert("last".into(), toml::Value::from(name));
        let text =
            toml::to_string(&table).map_err(|e| io_error(state_file, io::Error::other(e)))?;
        create_private_dir(parent(state_file))?;
        write_atomic(state_file, text.as_bytes()).map_err(|e| io_error(state_file, e))
    }

    fn create_file(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let path = self.path_of(name);
        atomic::write_new(&path, bytes).map_err(|e| exists_or_io(e, name, &path))
    }

    /// Moves the backup of `from` to that of `to`; a stray backup already under `to`'s name (left
    /// by a quarantined file) goes to the trash rather than being overwritten.
    fn move_backup(&self, from: &Path, to: &Path) -> io::Result<()> {
        let (from, to) = (backup_path(from), backup_path(to));
        if !from.exists() {
            return Ok(());
        }
        if to.exists() {
            let trash = self.dir.join(TRASH_DIR);
            create_private_dir(&trash).map_err(|e| match e {
                StoreError::Io { source, .. } => source,
                other => io::Error::other(other.to_string()),
            })?;
            let stem = format!("stray-{}", utc_stamp(SystemTime::now()));
            move_unique(&to, |n| suffixed(&trash.join(numbered(&stem, n)), ".bak"))?;
        }
        atomic::rename_new(&from, &to)
    }

    /// The answers, the bytes they were read from and the file's stamp, read consistently.
    #[expect(
        clippy::result_large_err,
        reason = "the Ok side, Answers, is as large: boxing the failure would save nothing"
    )]
    fn snapshot(
        &self,
        name: &str,
        q: &Questionnaire,
    ) -> Result<(Answers, Vec<u8>, Stamp), LoadFailure> {
        let name = existing(name).map_err(|error| LoadFailure {
            error,
            backup: None,
        })?;
        let path = self.path_of(name);
        let read = read_snapshot(&path)
            .map_err(|e| read_error(e, Some(name), &path))
            .and_then(|s| Ok((parse(&path, &s.bytes, q)?, s.bytes, s.stamp)));
        read.map_err(|error| LoadFailure::new(error, &path, q))
    }
}

/// An open assessment, saved on every change. Two processes may have the same assessment open:
/// each save re-reads the file under a lock and merges ([`merge`]`(base, ours, disk)`), so no
/// answer made in either is lost; the very same answer changed in both goes to the later save.
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
    /// since our last sync, `ours` is written; changed and loading, `merge(base, ours, disk)`;
    /// not loading any more, it is quarantined first (a user's data is never overwritten
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
                Ok(theirs) => self.merged(ours, &theirs, q),
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
    /// changed the file since our last sync; if so, loads it, returns `Some(merge(base, ours,
    /// disk))` and takes the disk's content as the new base; otherwise None. A corrupt file is
    /// reported as [`StoreError::Corrupt`] and left untouched.
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
        let merged = self.merged(ours, &theirs, q);
        self.base = theirs;
        self.synced = disk.bytes;
        self.stamp = Some(disk.stamp);
        Ok(Some(merged))
    }

    /// The three-way merge, or `ours` when the merge would not load back.
    fn merged(&self, ours: &Answers, theirs: &Answers, q: &Questionnaire) -> Answers {
        let merged = merge(&self.base, ours, theirs);
        match Answers::from_source(&self.path, &merged.to_toml(), q) {
            Ok(_) => merged,
            Err(_) => ours.clone(),
        }
    }
}

/// What tells one version of a file from another without reading it. On unix the inode is
/// part of it: every write is a rename of a new file, so the inode changes on each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
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

fn stamp_of(path: &Path) -> Option<Stamp> {
    fs::metadata(path).ok().map(|meta| Stamp::of(&meta))
}

struct Snapshot {
    bytes: Vec<u8>,
    stamp: Stamp,
}

/// Reads a file and its stamp through one handle, so the two belong to the same version.
fn read_snapshot(path: &Path) -> Result<Snapshot, ReadProblem> {
    let (bytes, meta) = source::read_limited(path)?;
    Ok(Snapshot {
        bytes,
        stamp: Stamp::of(&meta),
    })
}

/// A file that could not be read as a [`StoreError`]: a missing file as `NotFound` when it has
/// a name, an OS error as `Io`, and a special or huge file as `Corrupt` with its diagnostic.
fn read_error(problem: ReadProblem, name: Option<&str>, path: &Path) -> StoreError {
    match problem {
        ReadProblem::Io(e) if e.kind() == ErrorKind::NotFound && name.is_some() => {
            not_found(name.unwrap_or_default())
        }
        ReadProblem::Io(e) => io_error(path, e),
        other => corrupt(other.into_file_error(path)),
    }
}

fn parse(path: &Path, bytes: &[u8], q: &Questionnaire) -> Result<Answers, StoreError> {
    let text = source::decode_utf8(path, bytes.to_vec()).map_err(corrupt)?;
    Answers::from_source(path, &text, q).map_err(corrupt)
}

/// Takes the exclusive lock of `path` (on `<file>.lock`), held until the file is dropped.
/// The lock file is never removed: removing it while another process waits on it would let
/// two processes hold "the" lock at once.
fn lock(path: &Path) -> Result<File, StoreError> {
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

fn quarantine_file(path: &Path, name: &str) -> Result<PathBuf, StoreError> {
    let stem = format!("{name}{QUARANTINE_MARK}{}", utc_stamp(SystemTime::now()));
    move_unique(path, |n| parent(path).join(numbered(&stem, n)))
        .map_err(|e| not_found_or_io(e, name, path))
}

/// Keeps a copy of a damaged file as `<name>.corrupt-<time>.toml` while it stays in place (a
/// hard link where the filesystem has them, else a copy).
fn keep_aside(path: &Path, name: &str) -> Result<PathBuf, StoreError> {
    let stem = format!("{name}{QUARANTINE_MARK}{}", utc_stamp(SystemTime::now()));
    for n in 1..=UNIQUE_ATTEMPTS {
        let target = parent(path).join(numbered(&stem, n));
        let linked = fs::hard_link(path, &target).or_else(|e| match e.kind() {
            ErrorKind::AlreadyExists => Err(e),
            _ => fs::read(path).and_then(|bytes| atomic::write_new(&target, &bytes)),
        });
        match linked {
            Ok(()) => return Ok(target),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_error(path, e)),
        }
    }
    Err(io_error(path, io::Error::from(ErrorKind::AlreadyExists)))
}

/// The assessment name of `<name>.toml.bak` when `<name>.toml` is missing.
fn orphan_backup(path: &Path) -> Option<String> {
    let file_name = path.file_name()?.to_str()?;
    let name = file_name.strip_suffix(".bak")?.strip_suffix(EXTENSION)?;
    let name = existing(name).ok()?;
    if is_quarantined(name) || parent(path).join(format!("{name}{EXTENSION}")).exists() {
        return None;
    }
    Some(name.to_string())
}

/// Moves `from` to the first free name `to(1)`, `to(2)`, …, never replacing a file.
fn move_unique(from: &Path, to: impl Fn(u32) -> PathBuf) -> io::Result<PathBuf> {
    for n in 1..=UNIQUE_ATTEMPTS {
        let target = to(n);
        match atomic::rename_new(from, &target) {
            Ok(()) => return Ok(target),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from(ErrorKind::AlreadyExists))
}

/// `<stem>.toml`, then `<stem>-2.toml`, `<stem>-3.toml`, …
fn numbered(stem: &str, n: u32) -> String {
    match n {
        1 => format!("{stem}{EXTENSION}"),
        n => format!("{stem}-{n}{EXTENSION}"),
    }
}

/// `yyyymmddThhmmss` in UTC: sorts by time and is valid in file names everywhere.
fn utc_stamp(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time)
        .to_string()
        .chars()
        .filter(|c| !matches!(c, '-' | ':' | 'Z'))
        .collect()
}

/// The assessment name of a directory entry, if it is one.
fn assessment_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.strip_suffix(EXTENSION)?;
    (existing(name).is_ok() && !is_quarantined(name)).then(|| name.to_string())
}

/// Whether `stem` is `<name>.corrupt-<yyyymmddThhmmss>` or `…-<n>`, as [`quarantine_file`] names.
fn is_quarantined(stem: &str) -> bool {
    let Some((_, rest)) = stem.rsplit_once(QUARANTINE_MARK) else {
        return false;
    };
    let (time, number) = rest.split_once('-').unwrap_or((rest, "1"));
    let time_ok = time.len() == 15
        && time.bytes().enumerate().all(|(i, b)| match i {
            8 => b == b'T',
            _ => b.is_ascii_digit(),
        });
    time_ok && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
}

/// Checks a name for a new assessment.
fn new_name(name: &str) -> Result<String, StoreError> {
    Store::check_name(name).map_err(|problem| StoreError::BadName {
        name: name.to_string(),
        problem,
    })
}

/// Checks the name of an existing assessment: looser than [`Store::check_name`] (files made
/// outside zizhen stay usable) but never leaving the folder or naming a hidden file.
fn existing(name: &str) -> Result<&str, StoreError> {
    let problem = if name.is_empty() {
        Some(NameProblem::Empty)
    } else if let Some(c) = name.chars().find(|c| matches!(c, '/' | '\\' | ':' | '\0')) {
        Some(NameProblem::BadChar(c))
    } else if name.starts_with('.') {
        Some(NameProblem::LeadingDot)
    } else {
        None
    };
    match problem {
        Some(problem) => Err(StoreError::BadName {
            name: name.to_string(),
            problem,
        }),
        None => Ok(name),
    }
}

/// Creates `dir` and its parents, private to the user on unix (existing ones keep their mode).
fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| io_error(dir, e))
}

fn io_error(path: &Path, source: io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn not_found(name: &str) -> StoreError {
    StoreError::NotFound {
        name: name.to_string(),
    }
}

fn not_found_or_io(e: io::Error, name: &str, path: &Path) -> StoreError {
    match e.kind() {
        ErrorKind::NotFound => not_found(name),
        _ => io_error(path, e),
    }
}

fn exists_or_io(e: io::Error, name: &str, path: &Path) -> StoreError {
    match e.kind() {
        ErrorKind::AlreadyExists => StoreError::Exists {
            name: name.to_string(),
        },
        _ => io_error(path, e),
    }
}

fn corrupt(e: FileError) -> StoreError {
    StoreError::Corrupt(Box::new(e))
}
