//! The folder of assessments: naming, listing, creating, renaming, deleting into the trash,
//! loading with a fallback to the backup, and [`Session`], an open assessment saved on every
//! change and merged with whatever another process saved meanwhile.

use std::fs;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::{Answers, Questionnaire};

use super::atomic::{self, backup_path, parent, suffixed};
use super::error::{
    NameProblem, StoreError, exists_or_io, io_error, not_found, not_found_or_io, read_error,
};
use super::file::{Stamp, lock, parse, read_snapshot, remove_stale_lock};
use super::names::{
    EXTENSION, QUARANTINE_MARK, assessment_name, check_name, existing, name_from, new_name,
    numbered, orphan_backup, utc_stamp,
};

const TRASH_DIR: &str = "trash";

/// Attempts at a free numbered name in the trash or for a quarantined file.
const UNIQUE_ATTEMPTS: u32 = 1000;

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
        private_dir(&dir).map_err(|source| StoreError::DataDir {
            path: dir.clone(),
            source,
        })?;
        Ok(Store { dir })
    }

    /// Whether new files can be written in the folder (a read-only USB stick or home is found
    /// before the first rating is made, not at the first save).
    pub fn check_writable(&self) -> Result<(), StoreError> {
        let probe = self
            .dir
            .join(format!(".write-check-{}.tmp", std::process::id()));
        let created = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe);
        match created {
            Ok(_) => {
                let _ = fs::remove_file(&probe);
                Ok(())
            }
            Err(source) => Err(StoreError::DataDir {
                path: self.dir.clone(),
                source,
            }),
        }
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
        check_name(name)
    }

    pub fn exists(&self, name: &str) -> bool {
        existing(name).is_ok_and(|name| self.path_of(name).is_file())
    }

    /// The saved assessment holding exactly these answers, if there is one (a result file
    /// imported twice is noticed, not copied again). Assessments that do not load are skipped.
    pub fn holding(&self, answers: &Answers, q: &Questionnaire) -> Option<String> {
        self.list()
            .ok()?
            .into_iter()
            .map(|entry| entry.name)
            .find(|name| self.load(name, q).is_ok_and(|saved| saved == *answers))
    }

    /// `wanted` made a valid name, or that with ` (2)`, ` (3)` … when taken.
    pub fn free_name(&self, wanted: &str) -> String {
        let wanted = match name_from(wanted) {
            name if name.is_empty() => "assessment".to_string(),
            name => name,
        };
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
    /// files of a running zizhen are left alone. Lock files a killed process left are removed;
    /// a held one stays.
    pub fn tidy(&self, q: &Questionnaire) -> Tidied {
        let mut tidied = Tidied::default();
        let Ok(items) = fs::read_dir(&self.dir) else {
            return tidied;
        };
        for item in items.flatten() {
            let temp = item.path();
            if temp.extension().is_some_and(|e| e == "lock")
                && item.file_type().is_ok_and(|t| t.is_file())
            {
                remove_stale_lock(&temp);
                continue;
            }
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

    pub(super) fn create_file(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
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
    pub(super) fn snapshot(
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

pub(super) fn quarantine_file(path: &Path, name: &str) -> Result<PathBuf, StoreError> {
    let stem = format!("{name}{QUARANTINE_MARK}{}", utc_stamp(SystemTime::now()));
    move_unique(path, |n| parent(path).join(numbered(&stem, n)))
        .map_err(|e| not_found_or_io(e, name, path))
}

/// Keeps a copy of a damaged file as `<name>.corrupt-<time>.toml` while it stays in place (a
/// hard link where the filesystem has them, else a copy).
pub(super) fn keep_aside(path: &Path, name: &str) -> Result<PathBuf, StoreError> {
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

/// Moves `from` to the first free name `to(1)`, `to(2)`, …, never replacing a file.
pub(super) fn move_unique(from: &Path, to: impl Fn(u32) -> PathBuf) -> io::Result<PathBuf> {
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

/// Creates `dir` and its parents, private to the user on unix (existing ones keep their mode).
pub(super) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    private_dir(dir).map_err(|e| io_error(dir, e))
}

fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes a file of the user's own (the config) atomically, private, creating its folder.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    private_dir(super::atomic::parent(path))?;
    super::atomic::write_atomic(path, bytes)
}
