//! Adding a result file: verify it, take out what the index needs ([`Record`]), write it in one
//! transaction. Verifying is the costly part and touches no store, so callers may verify on
//! several threads and add on one.

use std::path::Path;

use rusqlite::params;

use super::{Store, StoreError};
use crate::model::diagnostic::FileError;
use crate::model::{Questionnaire, Rating};
use crate::result::{self, Verified};

/// Everything the store keeps of one verified result file.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub digest: String,
    pub enterprise_key: String,
    pub file: String,
    /// The assessment's time (its last change, else its start), RFC 3339 in UTC; the year is
    /// the one the file's own time says.
    pub assessed: Option<String>,
    pub year: Option<i32>,
    pub questionnaire: String,
    pub version: String,
    pub name: Option<String>,
    pub credit_code: Option<String>,
    /// GB/T 2260 province (two digits).
    pub province: Option<String>,
    /// GB/T 2260 city (six digits), when the profile names one.
    pub city: Option<String>,
    /// GB/T 4754 division (two digits).
    pub industry: Option<String>,
    pub industry_type: Option<String>,
    pub employees: Option<u64>,
    pub revenue: Option<f64>,
    pub sme: Option<bool>,
    /// design, logistics, sales, service: `None` when the profile does not say.
    pub covers: Option<[bool; 4]>,
    pub x: f64,
    pub x_exact: String,
    pub level: u8,
    pub complete: bool,
    /// (kind, key, overall, levels 1..=5) for every sub-domain, domain and element.
    pub nodes: Vec<Node>,
    /// Every requirement that applies (its sub-domain not tailored out, itself not marked not
    /// applicable), with its rating (`None`: not rated), by the current questionnaire's ids.
    pub ratings: Vec<(String, Option<Rating>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: &'static str,
    pub key: String,
    pub overall: Option<f64>,
    pub levels: [Option<f64>; 5],
}

/// How adding went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    New,
    /// The same file (by digest) was already in the store.
    Duplicate,
}

/// Reads and verifies the result file at `path` against the questionnaires `known` (the
/// current first): the checks of `zizhen verify` on everything the store keeps (digest,
/// questionnaire fingerprint, answers, the score recomputed), not the gaps
/// ([`result::verify_score`]).
pub fn check(path: &Path, known: &[&Questionnaire]) -> Result<Record, FileError> {
    let (bytes, _) =
        crate::model::source::read_limited(path).map_err(|e| e.into_file_error(path))?;
    let file = result::parse(path, bytes)?;
    let verified = result::verify_score(path, file, known)?;
    Ok(Record::of(&verified, known[0], path))
}

/// The enterprise a result belongs to: its credit code, else its name (spaces dropped,
/// full-width letters and digits made half-width, lower case) with its province; a file with
/// neither is an enterprise of its own.
pub fn enterprise_key(
    credit_code: Option<&str>,
    name: Option<&str>,
    province: Option<&str>,
    digest: &str,
) -> String {
    if let Some(code) = credit_code.map(str::trim).filter(|c| !c.is_empty()) {
        return format!("credit:{}", code.to_ascii_uppercase());
    }
    let normalised: String = name
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    if normalised.is_empty() {
        return format!("file:{digest}");
    }
    let region = province.and_then(|p| p.get(..2)).unwrap_or("-");
    format!("name:{region}:{normalised}")
}

fn year_of(time: &str) -> Option<i32> {
    time.get(..4)?.parse().ok()
}

impl Record {
    pub fn of(verified: &Verified, current: &Questionnaire, path: &Path) -> Record {
        let f = &verified.file;
        let p = &f.profile;
        let region = p.province.as_deref().map(str::trim);
        let province = region.and_then(|r| r.get(..2)).map(str::to_string);
        // Grouped by prefecture-level city: a district's or county's code counts as its city's.
        let city = region
            .filter(|r| r.len() == 6)
            .and_then(|r| r.parse().ok())
            .and_then(crate::model::reference::city_of)
            .map(|c| c.code.to_string());
        let industry = p
            .industry
            .as_deref()
            .and_then(|i| i.trim().get(..2))
            .map(str::to_string);
        let covers = p.covers.as_ref().map(|list| {
            ["design", "logistics", "sales", "service"].map(|c| list.iter().any(|x| x == c))
        });
        let assessed = f
            .assessment
            .updated
            .clone()
            .or_else(|| f.assessment.created.clone());
        let mut nodes = Vec::new();
        for (kind, list) in [
            ("subdomain", &f.score.subdomains),
            ("domain", &f.score.domains),
            ("element", &f.score.elements),
        ] {
            for n in list {
                let mut levels = [None; 5];
                for (i, l) in n.levels.iter().take(5).enumerate() {
                    levels[i] = *l;
                }
                nodes.push(Node {
                    kind,
                    key: n.key.clone(),
                    overall: n.overall,
                    levels,
                });
            }
        }
        let a = &verified.answers;
        let ratings = current
            .requirements
            .iter()
            .filter(|r| {
                !a.is_tailored(&current.subdomains[r.subdomain].key) && !a.is_not_applicable(&r.id)
            })
            .map(|r| (r.id.clone(), a.rating(&r.id)))
            .collect();
        Record {
            digest: f.digest.clone(),
            enterprise_key: enterprise_key(
                p.credit_code.as_deref(),
                p.name.as_deref(),
                p.province.as_deref(),
                &f.digest,
            ),
            file: path.display().to_string(),
            year: assessed.as_deref().and_then(year_of),
            // In UTC, so that the latest result is found by comparing text.
            assessed: assessed.map(|t| {
                t.parse::<jiff::Timestamp>()
                    .map(|ts| ts.to_string())
                    .unwrap_or(t)
            }),
            questionnaire: f.questionnaire.id.clone(),
            version: f.questionnaire.version.clone(),
            name: p.name.clone(),
            credit_code: p.credit_code.clone(),
            province,
            city,
            industry,
            industry_type: p.industry_type.clone(),
            employees: p.employees,
            revenue: p.revenue,
            sme: p.sme,
            covers,
            x: f.score.overall,
            x_exact: f.score.overall_exact.clone(),
            level: f.score.level,
            complete: f.completeness.complete,
            nodes,
            ratings,
        }
    }
}

impl Store {
    /// Writes `record` in one transaction: all of it, or (same digest already here) nothing.
    pub fn add(&mut self, record: &Record) -> Result<Added, StoreError> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(wrap)?;
        let known: bool = tx
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM result WHERE digest = ?1)")
            .and_then(|mut st| st.query_row([&record.digest], |r| r.get(0)))
            .map_err(wrap)?;
        if known {
            return Ok(Added::Duplicate);
        }
        let enterprise: i64 = tx
            .prepare_cached(
                "INSERT INTO enterprise (key, name, credit_code) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET
                   name = coalesce(excluded.name, name),
                   credit_code = coalesce(excluded.credit_code, credit_code)
                 RETURNING id",
            )
            .and_then(|mut st| {
                st.query_row(
                    params![record.enterprise_key, record.name, record.credit_code],
                    |r| r.get(0),
                )
            })
            .map_err(wrap)?;
        let collected = jiff::Timestamp::now().to_string();
        let covers = |i: usize| record.covers.map(|c| c[i]);
        tx.prepare_cached(
            "INSERT INTO result (digest, enterprise_id, file, collected, assessed, year,
               questionnaire, version, name, credit_code, province, city, industry,
               industry_type, employees, revenue, sme, covers_design, covers_logistics,
               covers_sales, covers_service, x, x_exact, level, complete)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
               ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
        )
        .and_then(|mut st| {
            st.execute(params![
                record.digest,
                enterprise,
                record.file,
                collected,
                record.assessed,
                record.year,
                record.questionnaire,
                record.version,
                record.name,
                record.credit_code,
                record.province,
                record.city,
                record.industry,
                record.industry_type,
                record.employees.map(|e| e as i64),
                record.revenue,
                record.sme,
                covers(0),
                covers(1),
                covers(2),
                covers(3),
                record.x,
                record.x_exact,
                record.level,
                record.complete,
            ])
        })
        .map_err(wrap)?;
        let result_id = tx.last_insert_rowid();
        {
            let mut node_insert = tx
                .prepare_cached(
                    "INSERT INTO result_node (result_id, node_id, overall, l1, l2, l3, l4, l5)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(wrap)?;
            for node in &record.nodes {
                let id = id_of(
                    &tx,
                    &mut self.nodes,
                    (node.kind.to_string(), node.key.clone()),
                    "INSERT INTO node (kind, key) VALUES (?1, ?2)
                     ON CONFLICT(kind, key) DO UPDATE SET key = key RETURNING id",
                )
                .map_err(wrap)?;
                let l = &node.levels;
                node_insert
                    .execute(params![
                        result_id,
                        id,
                        node.overall,
                        l[0],
                        l[1],
                        l[2],
                        l[3],
                        l[4]
                    ])
                    .map_err(wrap)?;
            }
            let mut rating_insert = tx
                .prepare_cached(
                    "INSERT INTO result_rating (result_id, requirement_id, rating)
                     VALUES (?1, ?2, ?3)",
                )
                .map_err(wrap)?;
            for (key, rating) in &record.ratings {
                let id = requirement_id(&tx, &mut self.requirements, key).map_err(wrap)?;
                rating_insert
                    .execute(params![result_id, id, rating.map(|r| r.index() as i64)])
                    .map_err(wrap)?;
            }
        }
        tx.commit().map_err(wrap)?;
        Ok(Added::New)
    }
}

/// The id of a node key, from the cache or the table (made when new).
fn id_of(
    tx: &rusqlite::Transaction,
    cache: &mut std::collections::HashMap<(String, String), i64>,
    key: (String, String),
    sql: &str,
) -> rusqlite::Result<i64> {
    if let Some(id) = cache.get(&key) {
        return Ok(*id);
    }
    let id: i64 = tx
        .prepare_cached(sql)?
        .query_row(params![key.0, key.1], |r| r.get(0))?;
    cache.insert(key, id);
    Ok(id)
}

fn requirement_id(
    tx: &rusqlite::Transaction,
    cache: &mut std::collections::HashMap<String, i64>,
    key: &str,
) -> rusqlite::Result<i64> {
    if let Some(id) = cache.get(key) {
        return Ok(*id);
    }
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO requirement (key) VALUES (?1)
             ON CONFLICT(key) DO UPDATE SET key = key RETURNING id",
        )?
        .query_row([key], |r| r.get(0))?;
    cache.insert(key.to_string(), id);
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enterprises_are_their_credit_code_else_name_and_province() {
        let d = "sha256:00";
        assert_eq!(
            enterprise_key(Some(" 91320214ma1n2b3c4e "), Some("A"), Some("32"), d),
            "credit:91320214MA1N2B3C4E"
        );
        assert_eq!(
            enterprise_key(None, Some("无锡 示例ＡＢ"), Some("320200"), d),
            enterprise_key(Some(""), Some("无锡示例ab"), Some("32"), d)
        );
        assert_ne!(
            enterprise_key(None, Some("示例"), Some("32"), d),
            enterprise_key(None, Some("示例"), Some("33"), d)
        );
        assert_eq!(enterprise_key(None, Some("  "), None, d), "file:sha256:00");
    }

    #[test]
    fn years_come_from_the_assessment_time() {
        assert_eq!(year_of("2021-05-03T10:00:00Z"), Some(2021));
        assert_eq!(year_of("x"), None);
    }
}
