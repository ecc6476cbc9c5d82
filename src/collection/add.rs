//! Adding a result file: verify it, take out what the index needs ([`Record`]), write it in one
//! transaction. Verifying is the costly part and touches no store, so callers may verify on
//! several threads and add on one.

use std::collections::HashMap;
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
        let mut batch = self.batch()?;
        let added = batch.add(record)?;
        batch.commit()?;
        Ok(added)
    }

    /// Starts a transaction for several files ([`Batch`]): a collector that commits once per
    /// few hundred files writes the log once for them, not once each.
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|source| StoreError::Sqlite {
                path: self.path.clone(),
                source,
            })?;
        Ok(Batch {
            tx,
            path: &self.path,
            committed: &mut self.ids,
            fresh: Ids::default(),
        })
    }
}

/// The table ids of node keys ((kind, key)) and requirement ids, so that each is looked up once.
#[derive(Debug, Default)]
pub(super) struct Ids {
    nodes: HashMap<(String, String), i64>,
    requirements: HashMap<String, i64>,
}

impl Ids {
    fn extend(&mut self, other: Ids) {
        self.nodes.extend(other.nodes);
        self.requirements.extend(other.requirements);
    }
}

/// Files being added in one transaction, each in a savepoint of its own: a file is in the store
/// whole or not at all, and nothing is in it before [`Batch::commit`] (dropping the batch rolls
/// every file back).
pub struct Batch<'s> {
    tx: rusqlite::Transaction<'s>,
    path: &'s Path,
    /// Ids in committed rows: valid whatever happens to this batch.
    committed: &'s mut Ids,
    /// Ids of rows this batch made: valid once it commits.
    fresh: Ids,
}

impl Batch<'_> {
    /// Adds `record`: all of it, or (same digest already here, or an error) nothing.
    pub fn add(&mut self, record: &Record) -> Result<Added, StoreError> {
        let mut made = Ids::default();
        let added = self.add_in_savepoint(record, &mut made)?;
        // Only now are the rows the file made part of the batch.
        self.fresh.extend(made);
        Ok(added)
    }

    /// Makes every added file part of the store.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path;
        self.tx.commit().map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        })?;
        self.committed.extend(self.fresh);
        Ok(())
    }

    fn add_in_savepoint(&mut self, record: &Record, made: &mut Ids) -> Result<Added, StoreError> {
        let path = self.path;
        let wrap = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let tx = self.tx.savepoint().map_err(wrap)?;
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
                let known = [&*self.committed, &self.fresh];
                let id = id(&tx, known, made, Key::Node(node.kind, &node.key)).map_err(wrap)?;
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
                let known = [&*self.committed, &self.fresh];
                let id = id(&tx, known, made, Key::Requirement(key)).map_err(wrap)?;
                rating_insert
                    .execute(params![result_id, id, rating.map(|r| r.index() as i64)])
                    .map_err(wrap)?;
            }
        }
        tx.commit().map_err(wrap)?;
        Ok(Added::New)
    }
}

/// The id of `key`, from the ids `known` and `made` so far, else from its table (made when
/// new, and then noted in `made`).
fn id(
    conn: &rusqlite::Connection,
    known: [&Ids; 2],
    made: &mut Ids,
    key: Key,
) -> rusqlite::Result<i64> {
    let found = match &key {
        Key::Node(kind, k) => {
            let pair = (kind.to_string(), k.to_string());
            [&known[0].nodes, &known[1].nodes, &made.nodes]
                .iter()
                .find_map(|m| m.get(&pair).copied())
        }
        Key::Requirement(k) => [
            &known[0].requirements,
            &known[1].requirements,
            &made.requirements,
        ]
        .iter()
        .find_map(|m| m.get(*k).copied()),
    };
    if let Some(id) = found {
        return Ok(id);
    }
    match key {
        Key::Node(kind, k) => {
            let id = conn
                .prepare_cached(
                    "INSERT INTO node (kind, key) VALUES (?1, ?2)
                     ON CONFLICT(kind, key) DO UPDATE SET key = key RETURNING id",
                )?
                .query_row(params![kind, k], |r| r.get(0))?;
            made.nodes.insert((kind.to_string(), k.to_string()), id);
            Ok(id)
        }
        Key::Requirement(k) => {
            let id = conn
                .prepare_cached(
                    "INSERT INTO requirement (key) VALUES (?1)
                     ON CONFLICT(key) DO UPDATE SET key = key RETURNING id",
                )?
                .query_row([k], |r| r.get(0))?;
            made.requirements.insert(k.to_string(), id);
            Ok(id)
        }
    }
}

/// What [`id`] looks up.
enum Key<'a> {
    Node(&'static str, &'a str),
    Requirement(&'a str),
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

    fn record(digest: &str, ratings: &[&str]) -> Record {
        Record {
            digest: digest.into(),
            enterprise_key: format!("file:{digest}"),
            file: format!("{digest}.json"),
            assessed: None,
            year: None,
            questionnaire: "q".into(),
            version: "1".into(),
            name: None,
            credit_code: None,
            province: None,
            city: None,
            industry: None,
            industry_type: None,
            employees: None,
            revenue: None,
            sme: None,
            covers: None,
            x: 1.0,
            x_exact: "1".into(),
            level: 1,
            complete: true,
            nodes: Vec::new(),
            ratings: ratings
                .iter()
                .map(|id| (id.to_string(), Some(Rating::FI)))
                .collect(),
        }
    }

    #[test]
    fn a_failing_file_leaves_the_rest_of_its_batch_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.zizhen")).unwrap();
        let mut batch = store.batch().unwrap();
        assert_eq!(batch.add(&record("a", &["x.1.1"])).unwrap(), Added::New);
        // The same requirement twice breaks the rating table's key half-way through the file.
        assert!(batch.add(&record("b", &["x.1.2", "x.1.2"])).is_err());
        assert_eq!(batch.add(&record("a", &[])).unwrap(), Added::Duplicate);
        assert_eq!(batch.add(&record("c", &["x.1.2"])).unwrap(), Added::New);
        batch.commit().unwrap();
        let digests: Vec<String> = store
            .conn()
            .prepare("SELECT digest FROM result ORDER BY digest")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(digests, ["a", "c"]);
        let ratings: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM result_rating", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ratings, 2, "nothing of b is left");
    }

    #[test]
    fn a_batch_not_committed_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.zizhen")).unwrap();
        let mut batch = store.batch().unwrap();
        batch.add(&record("a", &["x.1.1"])).unwrap();
        drop(batch);
        assert_eq!(store.counts().unwrap(), (0, 0));
        assert_eq!(store.add(&record("a", &["x.1.1"])).unwrap(), Added::New);
        assert_eq!(store.counts().unwrap(), (1, 1));
    }

    #[test]
    fn years_come_from_the_assessment_time() {
        assert_eq!(year_of("2021-05-03T10:00:00Z"), Some(2021));
        assert_eq!(year_of("x"), None);
    }
}
