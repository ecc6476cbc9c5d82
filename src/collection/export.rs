//! Tidy tables of the index's selection (each enterprise's latest result), as CSV that DuckDB,
//! Spark or any warehouse loads directly: one row per observation, one column per variable.
//!
//! - `enterprise.csv`: enterprise × its result (region, industry, size, level, X, coverage)
//! - `subdomain_level.csv`: enterprise × sub-domain × level → the sub-domain's score there
//! - `requirement.csv`: enterprise × requirement → its rating (empty: not rated)
//!
//! The rows stream from the store to the files: memory does not grow with the store.
//! Enterprise names and credit codes are written only when asked (`names`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::query::Filters;
use super::{Store, StoreError};
use crate::model::Rating;

/// The files an export writes, in `dir`.
pub const FILES: [&str; 3] = ["enterprise.csv", "subdomain_level.csv", "requirement.csv"];

#[derive(Debug)]
pub enum ExportError {
    Store(StoreError),
    Write { path: PathBuf, error: io::Error },
}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Store(e)
    }
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| csv_field(&v.to_string())).unwrap_or_default()
}

impl Store {
    /// Writes the three tables into `dir` (made when missing) for the results `filters` choose.
    pub fn export(&self, dir: &Path, filters: &Filters, names: bool) -> Result<(), ExportError> {
        std::fs::create_dir_all(dir).map_err(|error| ExportError::Write {
            path: dir.to_path_buf(),
            error,
        })?;
        self.choose(filters, filters.year)?;
        let enterprise = "SELECT r.enterprise_id, r.digest, r.year, r.assessed, r.province,
                 r.city, r.industry, r.industry_type, r.sme, r.employees, r.revenue, r.level,
                 r.x, r.complete, r.covers_design, r.covers_logistics, r.covers_sales,
                 r.covers_service, r.name, r.credit_code
             FROM temp.chosen c JOIN result r ON r.id = c.result_id ORDER BY r.enterprise_id";
        self.stream(&dir.join(FILES[0]), enterprise, |out, row| {
            if row.is_none() {
                let mut header = String::from(
                    "enterprise_id,digest,year,assessed,province,city,industry,industry_type,\
                     size,employees,revenue,level,x,complete,covers_design,covers_logistics,\
                     covers_sales,covers_service",
                );
                if names {
                    header.push_str(",name,credit_code");
                }
                return writeln!(out, "{header}");
            }
            let r = row.expect("checked");
            let get = |i| r.get_ref(i).ok();
            let text = |i| {
                get(i)
                    .and_then(|v| v.as_str_or_null().ok().flatten())
                    .map(csv_field)
                    .unwrap_or_default()
            };
            let int = |i| opt(get(i).and_then(|v| v.as_i64_or_null().ok().flatten()));
            let real = |i| opt(get(i).and_then(|v| v.as_f64_or_null().ok().flatten()));
            let flag = |i| {
                opt(get(i)
                    .and_then(|v| v.as_i64_or_null().ok().flatten())
                    .map(|b| b != 0))
            };
            let size = get(8)
                .and_then(|v| v.as_i64_or_null().ok().flatten())
                .map(|s| if s != 0 { "sme" } else { "large" })
                .unwrap_or_default();
            let mut line = [
                int(0),
                text(1),
                int(2),
                text(3),
                text(4),
                text(5),
                text(6),
                text(7),
                size.to_string(),
                int(9),
                real(10),
                int(11),
                real(12),
                flag(13),
                flag(14),
                flag(15),
                flag(16),
                flag(17),
            ]
            .join(",");
            if names {
                line.push(',');
                line.push_str(&text(18));
                line.push(',');
                line.push_str(&text(19));
            }
            writeln!(out, "{line}")
        })?;
        let levels = "SELECT r.enterprise_id, n.key, rn.l1, rn.l2, rn.l3, rn.l4, rn.l5
             FROM temp.chosen c JOIN result r ON r.id = c.result_id
             JOIN result_node rn ON rn.result_id = c.result_id
             JOIN node n ON n.id = rn.node_id AND n.kind = 'subdomain'
             ORDER BY r.enterprise_id, n.id";
        self.stream(&dir.join(FILES[1]), levels, |out, row| {
            let Some(r) = row else {
                return writeln!(out, "enterprise_id,subdomain,level,score");
            };
            let id: i64 = r.get(0).unwrap_or_default();
            let key: String = r.get(1).unwrap_or_default();
            for level in 1..=5 {
                if let Ok(Some(score)) = r.get::<_, Option<f64>>(level + 1) {
                    writeln!(out, "{id},{key},{level},{score}")?;
                }
            }
            Ok(())
        })?;
        let ratings = "SELECT r.enterprise_id, q.key, rr.rating
             FROM temp.chosen c JOIN result r ON r.id = c.result_id
             JOIN result_rating rr ON rr.result_id = c.result_id
             JOIN requirement q ON q.id = rr.requirement_id
             ORDER BY r.enterprise_id, rr.requirement_id";
        self.stream(&dir.join(FILES[2]), ratings, |out, row| {
            let Some(r) = row else {
                return writeln!(out, "enterprise_id,requirement,rating,adopted");
            };
            let id: i64 = r.get(0).unwrap_or_default();
            let key: String = r.get(1).unwrap_or_default();
            let rating: Option<i64> = r.get(2).unwrap_or_default();
            let code = rating
                .and_then(|i| Rating::ALL.get(i as usize))
                .map(|r| r.code())
                .unwrap_or_default();
            let adopted = rating.is_some_and(|r| r >= 2);
            writeln!(out, "{id},{key},{code},{adopted}")
        })
    }

    /// Runs `sql` and hands the header call (`None`) and every row to `write`, into `path`.
    fn stream(
        &self,
        path: &Path,
        sql: &str,
        mut write: impl FnMut(&mut dyn Write, Option<&rusqlite::Row>) -> io::Result<()>,
    ) -> Result<(), ExportError> {
        let mut failure: Option<StoreError> = None;
        let written = crate::storage::atomic::write_shared_streamed(path, |out| {
            write(out, None)?;
            let mut st = match self.conn().prepare(sql) {
                Ok(st) => st,
                Err(e) => {
                    failure = Some(self.wrap(e));
                    return Err(io::Error::other("query"));
                }
            };
            let mut rows = match st.query([]) {
                Ok(rows) => rows,
                Err(e) => {
                    failure = Some(self.wrap(e));
                    return Err(io::Error::other("query"));
                }
            };
            loop {
                match rows.next() {
                    Ok(Some(row)) => write(out, Some(row))?,
                    Ok(None) => return Ok(()),
                    Err(e) => {
                        failure = Some(self.wrap(e));
                        return Err(io::Error::other("query"));
                    }
                }
            }
        });
        if let Some(e) = failure {
            return Err(ExportError::Store(e));
        }
        written.map_err(|error| ExportError::Write {
            path: path.to_path_buf(),
            error,
        })
    }
}
