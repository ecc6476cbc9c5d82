//! Crash-safe file writes: a reader (or the next start after a crash) sees either the old or
//! the new complete file, never a half-written one.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Attempts at a fresh temp-file name before giving up (only stray files can collide).
const TEMP_ATTEMPTS: u32 = 100;

/// Writes `bytes` to `path` so that `path` is always either the old or the new complete file:
/// temp file in the same directory (mode 0600 on unix), write_all, sync_all; if `path` exists,
/// its current content is kept as [`backup_path`]; rename temp → path; on unix fsync the
/// directory. The new file has mode 0600 on unix. On any error the temp file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_keeping_backup(path, bytes, Privacy::Private)
}

/// Like [`write_atomic`] for a file made for others (an exported result, a report): its mode
/// follows the user's umask (0666 before the umask), as any file the user makes does.
pub fn write_shared(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_keeping_backup(path, bytes, Privacy::Shared)
}

/// Like [`write_shared`] for a file too large to hold in memory: `fill` writes it (buffered)
/// into the temp file, which then replaces `path` the same way, keeping the old one as backup.
pub fn write_shared_streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let (temp, file) = create_temp(path, Privacy::Shared)?;
    let mut out = io::BufWriter::with_capacity(1 << 16, file);
    let written = fill(&mut out)
        .and_then(|()| out.flush())
        .and_then(|()| out.get_ref().sync_all());
    drop(out);
    let moved = written
        .and_then(|()| keep_backup(path))
        .and_then(|()| fs::rename(&temp, path));
    if moved.is_err() {
        let _ = fs::remove_file(&temp);
    }
    moved?;
    sync_dir(path)
}

fn write_keeping_backup(path: &Path, bytes: &[u8], privacy: Privacy) -> io::Result<()> {
    let temp = write_temp(path, bytes, privacy)?;
    let moved = keep_backup(path).and_then(|()| fs::rename(&temp, path));
    if moved.is_err() {
        let _ = fs::remove_file(&temp);
    }
    moved?;
    sync_dir(path)
}

/// Replaces `path` with `bytes` atomically, leaving its backup alone (restoring a backup must
/// not turn the damaged file into the new backup).
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes, Privacy::Private)?;
    let moved = fs::rename(&temp, path);
    if moved.is_err() {
        let _ = fs::remove_file(&temp);
    }
    moved?;
    sync_dir(path)
}

/// Who may read a file we write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Privacy {
    /// 0600 whatever the umask: the user's own data.
    Private,
    /// 0666 narrowed by the umask: a file made to be handed on.
    Shared,
}

/// Like [`write_atomic`], but fails with [`ErrorKind::AlreadyExists`] instead of replacing an
/// existing `path` (two processes creating the same name cannot both succeed).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes, Privacy::Private)?;
    let moved = rename_new(&temp, path);
    if moved.is_err() {
        let _ = fs::remove_file(&temp);
    }
    moved
}

/// Moves `from` to `to`, failing with [`ErrorKind::AlreadyExists`] when `to` exists.
///
/// A hard link fails atomically on an existing target, where a plain rename would replace it;
/// filesystems without hard links get a check-then-rename, which has a small race.
pub fn rename_new(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from)?,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return Err(e),
        Err(_) if fs::symlink_metadata(to).is_ok() => {
            return Err(io::Error::from(ErrorKind::AlreadyExists));
        }
        Err(_) => fs::rename(from, to)?,
    }
    sync_dir(to)?;
    sync_dir(from)
}

/// `"<file name>.bak"` next to `path`, e.g. `a.toml` → `a.toml.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    suffixed(path, ".bak")
}

/// `path` with `suffix` appended to its file name.
pub(crate) fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes and syncs a temp file next to `path`; removes it again if that fails.
fn write_temp(path: &Path, bytes: &[u8], privacy: Privacy) -> io::Result<PathBuf> {
    let (temp, mut file) = create_temp(path, privacy)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// A new hidden file `.<name>.<pid>.<n>.tmp` in `path`'s directory: the same directory, so
/// the final rename never crosses filesystems. [`TempFile::parse`] reads such a name back.
fn create_temp(path: &Path, privacy: Privacy) -> io::Result<(PathBuf, File)> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(ErrorKind::InvalidInput, "the path has no file name"))?;
    for _ in 0..TEMP_ATTEMPTS {
        let temp = parent(path).join(temp_name(name, next_temp_number()));
        match create_file(&temp, privacy) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from(ErrorKind::AlreadyExists))
}

fn temp_name(name: &std::ffi::OsStr, n: u64) -> OsString {
    let mut temp_name = OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.{n}{TEMP_SUFFIX}", std::process::id()));
    temp_name
}

const TEMP_SUFFIX: &str = ".tmp";

/// Numbers temp files within this process.
fn next_temp_number() -> u64 {
    TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A temp file left by [`write_atomic`] (or its kin): `.<target>.<pid>.<n>.tmp`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TempFile {
    /// The file name the temp file was to become.
    pub target: String,
    /// The process that wrote it.
    pub pid: u32,
}

impl TempFile {
    pub fn parse(file_name: &str) -> Option<TempFile> {
        let rest = file_name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
        let (rest, n) = rest.rsplit_once('.')?;
        let (target, pid) = rest.rsplit_once('.')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(n) || !digits(pid) || target.is_empty() {
            return None;
        }
        Some(TempFile {
            target: target.to_string(),
            pid: pid.parse().ok()?,
        })
    }

    /// Whether the process that wrote it may still be writing it. Our own pid counts as gone
    /// only before this process wrote any temp file (a pid reused after a crash).
    pub fn writer_alive(&self) -> bool {
        if self.pid == std::process::id() {
            return TEMP_COUNTER.load(Ordering::Relaxed) > 0;
        }
        process_alive(self.pid)
    }
}

/// Whether a process with this id runs now. Where that cannot be told, it is assumed to run:
/// a temp file is then left alone, which loses nothing.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(unix)]
fn create_file(path: &Path, privacy: Privacy) -> io::Result<File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mode = match privacy {
        Privacy::Private => 0o600,
        Privacy::Shared => 0o666,
    };
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)?;
    if privacy == Privacy::Private {
        // The umask could have narrowed the mode; answers files are private, not read-only.
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

#[cfg(not(unix))]
fn create_file(path: &Path, _privacy: Privacy) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Keeps the current content of `path` (if any) as its backup.
fn keep_backup(path: &Path) -> io::Result<()> {
    let current = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
        Ok(meta) => meta,
    };
    let backup = backup_path(path);
    // A crash between the two renames of a save leaves the backup a hard link of the file
    // itself: it already holds the current content, and renaming a link over its own file would
    // do nothing and leave the temp name behind.
    if fs::symlink_metadata(&backup).is_ok_and(|b| same_file(&b, &current)) {
        return Ok(());
    }
    // The new backup is made under a temp name and renamed over the old one, so that a crash
    // at any instant leaves a backup (the old or the new one) in place.
    let name = backup
        .file_name()
        .ok_or_else(|| io::Error::new(ErrorKind::InvalidInput, "the path has no file name"))?;
    let temp = parent(path).join(temp_name(name, next_temp_number()));
    // A hard link costs nothing and the rename then leaves the old inode to the backup alone.
    if fs::hard_link(path, &temp).is_err() {
        let copied = fs::read(path).and_then(|bytes| {
            let mut file = create_file(&temp, Privacy::Private)?;
            file.write_all(&bytes)?;
            file.sync_all()
        });
        if let Err(e) = copied {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
    }
    let moved = fs::rename(&temp, &backup);
    // Whether it moved or not, the temp name must not stay (a rename between two links of one
    // file succeeds without removing the source).
    let _ = fs::remove_file(&temp);
    moved
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_a: &fs::Metadata, _b: &fs::Metadata) -> bool {
    false
}

pub(crate) fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes a rename in `path`'s directory durable.
#[cfg(unix)]
fn sync_dir(path: &Path) -> io::Result<()> {
    match File::open(parent(path)).and_then(|dir| dir.sync_all()) {
        // Some filesystems cannot fsync a directory; the rename itself has happened.
        Err(e) if matches!(e.kind(), ErrorKind::InvalidInput | ErrorKind::Unsupported) => Ok(()),
        other => other,
    }
}

#[cfg(not(unix))]
fn sync_dir(_path: &Path) -> io::Result<()> {
    Ok(())
}
