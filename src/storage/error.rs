//! What can go wrong with the folder of assessments.

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use crate::model::FileError;
use crate::model::source::ReadProblem;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "no configuration or data directory could be found; set ZIZHEN_CONFIG_DIR and ZIZHEN_DATA_DIR"
    )]
    NoHome,
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// The data folder cannot be created or written: the user is told the three ways out.
    #[error("the data folder {} cannot be used: {source}", path.display())]
    DataDir { path: PathBuf, source: io::Error },
    #[error("an assessment named \"{name}\" already exists")]
    Exists { name: String },
    #[error("there is no assessment named \"{name}\"")]
    NotFound { name: String },
    #[error("\"{name}\" cannot be used as an assessment name: {problem}")]
    BadName { name: String, problem: NameProblem },
    #[error("{} does not load as an answers file", .0.path.display())]
    Corrupt(Box<FileError>),
}

/// A file that could not be read as a [`StoreError`]: a missing file as `NotFound` when it has
/// a name, an OS error as `Io`, and a special or huge file as `Corrupt` with its diagnostic.
pub(super) fn read_error(problem: ReadProblem, name: Option<&str>, path: &Path) -> StoreError {
    match problem {
        ReadProblem::Io(e) if e.kind() == ErrorKind::NotFound && name.is_some() => {
            not_found(name.unwrap_or_default())
        }
        ReadProblem::Io(e) => io_error(path, e),
        other => corrupt(other.into_file_error(path)),
    }
}

pub(super) fn io_error(path: &Path, source: io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

pub(super) fn not_found(name: &str) -> StoreError {
    StoreError::NotFound {
        name: name.to_string(),
    }
}

pub(super) fn not_found_or_io(e: io::Error, name: &str, path: &Path) -> StoreError {
    match e.kind() {
        ErrorKind::NotFound => not_found(name),
        _ => io_error(path, e),
    }
}

pub(super) fn exists_or_io(e: io::Error, name: &str, path: &Path) -> StoreError {
    match e.kind() {
        ErrorKind::AlreadyExists => StoreError::Exists {
            name: name.to_string(),
        },
        _ => io_error(path, e),
    }
}

pub(super) fn corrupt(e: FileError) -> StoreError {
    StoreError::Corrupt(Box::new(e))
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
