//! A collection: the receiving side of result files. One SQLite file (WAL) holds every verified
//! result a trainer, a park or a region has received, one row per file, with its ratings and
//! sub-domain scores in tables, so that the index report is SQL over them rather than a pass over
//! every file ([`query`]).
//!
//! - Adding ([`add`]): a file is verified first (digest, questionnaire fingerprint, recomputed
//!   score: the same check as `zizhen verify`), then written in a savepoint of its own within a
//!   transaction of up to a few hundred files ([`Batch`]); the digest is unique, so the same
//!   file twice is skipped.
//! - An enterprise is its credit code, else its normalised name and province ([`enterprise_key`]);
//!   it keeps every result, and the index uses its latest one (in the chosen year).
//! - Two collectors on one store wait for each other (busy timeout, `BEGIN IMMEDIATE`) instead
//!   of failing; a file is in the store whole or not at all, never half-written.
//! - The schema is versioned with `PRAGMA user_version`; [`MIGRATIONS`] lists every step.

pub mod add;
pub mod export;
pub mod peers;
mod privacy;
pub mod query;
pub mod shape;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use add::{Added, Batch, Record, enterprise_key};

/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The schema, one step per version: step `i` takes `user_version` from `i` to `i + 1`.
/// Never edit a published step; add one.
pub const MIGRATIONS: &[&str] = &[
    // 1: enterprises, results, and what the index aggregates.
    r#"
    CREATE TABLE enterprise (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,
        name        TEXT,
        credit_code TEXT
    );
    CREATE TABLE result (
        id            INTEGER PRIMARY KEY,
        digest        TEXT NOT NULL UNIQUE,
        enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
        file          TEXT NOT NULL,
        collected     TEXT NOT NULL,
        assessed      TEXT,
        year          INTEGER,
        questionnaire TEXT NOT NULL,
        version       TEXT NOT NULL,
        name          TEXT,
        credit_code   TEXT,
        province      TEXT,
        city          TEXT,
        industry      TEXT,
        industry_type TEXT,
        employees     INTEGER,
        revenue       REAL,
        sme           INTEGER,
        covers_design    INTEGER,
        covers_logistics INTEGER,
        covers_sales     INTEGER,
        covers_service   INTEGER,
        x             REAL NOT NULL,
        x_exact       TEXT NOT NULL,
        level         INTEGER NOT NULL,
        complete      INTEGER NOT NULL
    );
    CREATE INDEX result_by_enterprise ON result(enterprise_id, year, assessed);
    CREATE TABLE node (
        id   INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        key  TEXT NOT NULL,
        UNIQUE (kind, key)
    );
    CREATE TABLE result_node (
        result_id INTEGER NOT NULL REFERENCES result(id),
        node_id   INTEGER NOT NULL REFERENCES node(id),
        overall   REAL,
        l1 REAL, l2 REAL, l3 REAL, l4 REAL, l5 REAL,
        PRIMARY KEY (result_id, node_id)
    ) WITHOUT ROWID;
    CREATE TABLE requirement (
        id  INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE
    );
    CREATE TABLE result_rating (
        result_id      INTEGER NOT NULL REFERENCES result(id),
        requirement_id INTEGER NOT NULL REFERENCES requirement(id),
        rating         INTEGER,
        PRIMARY KEY (result_id, requirement_id)
    ) WITHOUT ROWID;
    "#,
];

/// What went wrong with a store, kept as data; [`StoreError::render`] says it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path}: no such store")]
    Missing { path: PathBuf },
    #[error("{path}: schema {found} is newer than {supported}")]
    Newer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
}

impl StoreError {
    pub fn render(&self, s: &crate::i18n::Strings) -> String {
        match self {
            StoreError::Sqlite { path, source } => s.fmt(
                "collect.store_failed",
                &[
                    ("file", &path.display().to_string()),
                    ("detail", &sqlite_detail(source, s)),
                ],
            ),
            StoreError::Missing { path } => s.fmt(
                "collect.store_missing",
                &[("file", &path.display().to_string())],
            ),
            StoreError::Newer {
                path,
                found,
                supported,
            } => s.fmt(
                "collect.store_newer",
                &[
                    ("file", &path.display().to_string()),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
        }
    }
}

/// What SQLite said, in the user's language for what a user meets (a file that is something
/// else, a damaged one, a full disk, no permission, a store another program holds), else as
/// SQLite says it.
fn sqlite_detail(error: &rusqlite::Error, s: &crate::i18n::Strings) -> String {
    use rusqlite::ErrorCode;
    let key = match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => "collect.sqlite.not_a_database",
        Some(ErrorCode::DatabaseCorrupt) => "collect.sqlite.corrupt",
        Some(ErrorCode::DiskFull) => "collect.sqlite.disk_full",
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
            "collect.sqlite.no_access"
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => "collect.sqlite.busy",
        _ => return error.to_string(),
    };
    s.get(key).to_string()
}

/// An open collection.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Ids of sub-domain/domain/element keys and requirement ids, as far as committed.
    ids: add::Ids,
}

impl Store {
    /// Opens the store at `path`, creating it (and bringing its schema up to date).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, true)
    }

    /// Opens an existing store (for reading: a mistyped name must not make an empty store).
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Store::open_with(path, false)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store, StoreError> {
        let wrap = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags).map_err(wrap)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(wrap)?;
        // WAL: readers never block the writer; NORMAL: a commit does not wait for the disk
        // (after a power cut the last commits may be missing, the file is never damaged).
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(wrap)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(wrap)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(wrap)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            ids: add::Ids::default(),
        };
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn wrap(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| self.wrap(e))
    }

    /// Applies the steps of [`MIGRATIONS`] the store lacks, each in its own write transaction
    /// (two processes opening a new store at once: the second sees the first's work).
    fn migrate(&mut self) -> Result<(), StoreError> {
        let supported = MIGRATIONS.len() as i64;
        loop {
            let found = self.schema_version()?;
            if found > supported {
                return Err(StoreError::Newer {
                    path: self.path.clone(),
                    found,
                    supported,
                });
            }
            if found == supported {
                return Ok(());
            }
            let path = self.path.clone();
            let wrap = |source| StoreError::Sqlite {
                path: path.clone(),
                source,
            };
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(wrap)?;
            let now: i64 = tx
                .query_row("PRAGMA user_version", [], |row| row.get(0))
                .map_err(|e| StoreError::Sqlite {
                    path: self.path.clone(),
                    source: e,
                })?;
            if now == found {
                let step = MIGRATIONS[found as usize];
                let sql = format!("{step}\nPRAGMA user_version = {};", found + 1);
                tx.execute_batch(&sql).map_err(|e| StoreError::Sqlite {
                    path: self.path.clone(),
                    source: e,
                })?;
            }
            tx.commit().map_err(wrap)?;
        }
    }

    /// How many results and enterprises the store holds.
    pub fn counts(&self) -> Result<(u64, u64), StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM result), (SELECT count(*) FROM enterprise)",
                [],
                |row| Ok((row.get::<_, i64>(0)? as u64, row.get::<_, i64>(1)? as u64)),
            )
            .map_err(|e| self.wrap(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_is_at_the_latest_schema_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("class.zizhen");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(store);
        let again = Store::open_existing(&path).unwrap();
        assert_eq!(again.counts().unwrap(), (0, 0));
    }

    #[test]
    fn a_missing_store_is_not_made_when_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.zizhen");
        assert!(matches!(
            Store::open_existing(&path),
            Err(StoreError::Missing { .. })
        ));
        assert!(!path.exists());
    }

    #[test]
    fn a_store_from_a_newer_zizhen_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.zizhen");
        let store = Store::open(&path).unwrap();
        store
            .conn()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        drop(store);
        assert!(matches!(
            Store::open(&path),
            Err(StoreError::Newer { found: 99, .. })
        ));
    }
}
