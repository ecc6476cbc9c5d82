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
    let temp = write_temp(path, bytes)?;
    let moved = keep_backup(path).and_then(|()| fs::rename(&temp, path));
    if moved.is_err() {
        let _ = fs::remove_file(&temp);
    }
    moved?;
    sync_dir(path)
}

/// Like [`write_atomic`], but fails with [`ErrorKind::AlreadyExists`] instead of replacing an
/// existing `path` (two processes creating the same name cannot both succeed).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
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
fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let (temp, mut file) = create_temp(path)?;
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

/// A new, private, hidden file `.<name>.<pid>.<n>.tmp` in `path`'s directory: the same
/// directory, so the final rename never crosses filesystems.
fn create_temp(path: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(ErrorKind::InvalidInput, "the path has no file name"))?;
    for _ in 0..TEMP_ATTEMPTS {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}.{n}.tmp", std::process::id()));
        let temp = parent(path).join(temp_name);
        match create_private(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from(ErrorKind::AlreadyExists))
}

#[cfg(unix)]
fn create_private(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    // The umask could have narrowed the mode; answers files are private, not read-only.
    file.set_permissions(fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Keeps the current content of `path` (if any) as its backup.
fn keep_backup(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    let backup = backup_path(path);
    match fs::remove_file(&backup) {
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    // A hard link costs nothing and the rename then leaves the old inode to the backup alone.
    if fs::hard_link(path, &backup).is_err() {
        fs::copy(path, &backup)?;
    }
    Ok(())
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
