//! The index over a store, modelled on the national index report: how many enterprises, their
//! level distribution, by province, city, industry division, industry type and size; mean
//! sub-domain and element scores per group; business coverage; adoption of every requirement;
//! the years side by side.
//!
//! Each enterprise counts once, with its latest result (in the chosen year). Memory does not
//! grow with the number of enterprises: the chosen results are a temporary table in the store,
//! and the rows are streamed into tallies keyed by groups (at most the reference lists' size).
//!
//! Privacy: a group of fewer than `min_group` enterprises shows no levels and no scores, only
//! that it has fewer than `min_group` ([`Group::suppressed`]); the whole selection too; and a
//! group that would give such a group away by subtraction is hidden as well (`privacy.rs`).
//! The shapes written are in [`super::shape`].

use std::collections::{BTreeMap, HashMap};

use super::privacy::hidden_groups;
pub use super::shape::*;

use super::{Store, StoreError};

/// What is tallied for a group while the rows stream by.
#[derive(Clone, Debug, Default)]
pub(super) struct Tally {
    pub(super) enterprises: u64,
    pub(super) levels: [u64; 6],
    pub(super) x_sum: f64,
    /// node id → (sum, count)
    pub(super) nodes: HashMap<i64, (f64, u64)>,
}

impl Tally {
    fn count(&mut self, level: u8, x: f64) {
        self.enterprises += 1;
        self.levels[usize::from(level.min(5))] += 1;
        self.x_sum += x;
    }

    fn node(&mut self, id: i64, value: f64) {
        let slot = self.nodes.entry(id).or_default();
        slot.0 += value;
        slot.1 += 1;
    }

    /// The group as shown, or suppressed when it is under `k` or `hide` says so (see
    /// [`secondary`]).
    fn group_unless(&self, k: u64, names: &HashMap<i64, (String, String)>, hide: bool) -> Group {
        if self.enterprises < k || hide {
            let small = self.enterprises < k;
            return Group {
                enterprises: None,
                suppressed: true,
                fewer_than: small.then_some(k),
                protects_another: !small,
                levels: None,
                grouped: None,
                at_least_l2: None,
                mean_x: None,
                subdomains: None,
                elements: None,
            };
        }
        let means = |kind: &str| -> BTreeMap<String, f64> {
            self.nodes
                .iter()
                .filter_map(|(id, (sum, n))| {
                    let (k, key) = names.get(id)?;
                    (k == kind && *n > 0).then(|| (key.clone(), round4(sum / *n as f64)))
                })
                .collect()
        };
        Group {
            enterprises: Some(self.enterprises),
            suppressed: false,
            fewer_than: None,
            protects_another: false,
            levels: Some(level_map(&self.levels)),
            grouped: Some(Grouped::of(&self.levels)),
            at_least_l2: Some(self.levels[2..].iter().sum()),
            mean_x: Some(round4(self.x_sum / self.enterprises.max(1) as f64)),
            subdomains: Some(means("subdomain")),
            elements: Some(means("element")),
        }
    }
}

fn level_map(levels: &[u64; 6]) -> BTreeMap<String, u64> {
    levels
        .iter()
        .enumerate()
        .map(|(i, n)| (i.to_string(), *n))
        .collect()
}

/// Four decimals: enough for shares and means, and stable JSON.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The dimensions a result is grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Dim {
    Province,
    City,
    Industry,
    Type,
    Size,
}

const DIMS: [Dim; 5] = [
    Dim::Province,
    Dim::City,
    Dim::Industry,
    Dim::Type,
    Dim::Size,
];

fn size_key(sme: Option<bool>) -> Option<String> {
    sme.map(|s| if s { "sme" } else { "large" }.to_string())
}

/// The group keys of a row whose first five columns are province, city, industry, type, sme.
fn keys_of(row: &rusqlite::Row) -> rusqlite::Result<[Option<String>; 5]> {
    Ok([
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        size_key(row.get(4)?),
    ])
}

/// The latest result of each enterprise (in year ?1, when given) that passes the filters
/// ?2 province, ?3 city, ?4 industry, ?5 type, ?6 SME (each NULL: any).
const LATEST: &str = "
    SELECT id FROM (
      SELECT id, province, city, industry, industry_type, sme,
             row_number() OVER (PARTITION BY enterprise_id
                                ORDER BY assessed DESC, id DESC) AS rn
      FROM result WHERE ?1 IS NULL OR year = ?1)
    WHERE rn = 1
      AND (?2 IS NULL OR province = ?2)
      AND (?3 IS NULL OR city = ?3)
      AND (?4 IS NULL OR industry = ?4)
      AND (?5 IS NULL OR industry_type = ?5)
      AND (?6 IS NULL OR sme = ?6)";

/// The parameters of [`LATEST`].
fn latest_params(filters: &Filters, year: Option<i32>) -> impl rusqlite::Params + '_ {
    (
        year,
        filters.province.as_deref(),
        filters.city.as_deref(),
        filters.industry.as_deref(),
        filters.industry_type.as_deref(),
        filters.size.map(|s| s == Size::Sme),
    )
}

impl Store {
    /// Fills the temporary table `chosen` with each enterprise's latest result in `year`
    /// (any year when `None`) that passes the other filters.
    pub(super) fn choose(&self, filters: &Filters, year: Option<i32>) -> Result<(), StoreError> {
        let sql = "
            DROP TABLE IF EXISTS temp.chosen;
            CREATE TEMP TABLE chosen (result_id INTEGER PRIMARY KEY);";
        self.conn().execute_batch(sql).map_err(|e| self.wrap(e))?;
        self.conn()
            .execute(
                &format!("INSERT INTO temp.chosen (result_id) {LATEST}"),
                latest_params(filters, year),
            )
            .map_err(|e| self.wrap(e))?;
        Ok(())
    }

    /// How many enterprises [`Store::choose`] would choose.
    fn count(&self, filters: &Filters, year: Option<i32>) -> Result<u64, StoreError> {
        self.conn()
            .query_row(
                &format!("SELECT count(*) FROM ({LATEST})"),
                latest_params(filters, year),
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(|e| self.wrap(e))
    }

    /// Whether a report on `filters` could be subtracted from one with a filter fewer (the same
    /// year): the enterprises that filter leaves out must be none or at least `k`, else the two
    /// reports side by side give them away.
    fn differs_by_fewer_than(&self, filters: &Filters, k: u64) -> Result<bool, StoreError> {
        let chosen = self.count(filters, filters.year)?;
        let mut wider = Vec::new();
        let mut drop = |clear: fn(&mut Filters) -> bool| {
            let mut f = filters.clone();
            if clear(&mut f) {
                wider.push(f);
            }
        };
        drop(|f| f.province.take().is_some());
        drop(|f| f.city.take().is_some());
        drop(|f| f.industry.take().is_some());
        drop(|f| f.industry_type.take().is_some());
        drop(|f| f.size.take().is_some());
        for f in wider {
            let left_out = self.count(&f, filters.year)?.saturating_sub(chosen);
            if left_out > 0 && left_out < k {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The years the store's results are from, oldest first.
    pub fn years(&self) -> Result<Vec<i32>, StoreError> {
        let mut st = self
            .conn()
            .prepare("SELECT DISTINCT year FROM result WHERE year IS NOT NULL ORDER BY year")
            .map_err(|e| self.wrap(e))?;
        st.query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.wrap(e))
    }

    fn node_names(&self) -> Result<HashMap<i64, (String, String)>, StoreError> {
        let mut st = self
            .conn()
            .prepare("SELECT id, kind, key FROM node")
            .map_err(|e| self.wrap(e))?;
        st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.wrap(e))
    }

    /// Tallies the chosen results: all of them, and per group of every dimension.
    fn tally(&self) -> Result<Tallies, StoreError> {
        let wrap = |e| self.wrap(e);
        let mut total = Tally::default();
        let mut groups: HashMap<(Dim, String), Tally> = HashMap::new();
        let mut coverage = Coverage::default();
        let mut st = self
            .conn()
            .prepare(
                "SELECT r.province, r.city, r.industry, r.industry_type, r.sme, r.level, r.x,
                        r.covers_design, r.covers_logistics, r.covers_sales, r.covers_service
                 FROM temp.chosen c JOIN result r ON r.id = c.result_id",
            )
            .map_err(wrap)?;
        let mut rows = st.query([]).map_err(wrap)?;
        while let Some(row) = rows.next().map_err(wrap)? {
            let keys = keys_of(row).map_err(wrap)?;
            let level: u8 = row.get(5).map_err(wrap)?;
            let x: f64 = row.get(6).map_err(wrap)?;
            total.count(level, x);
            for (dim, key) in DIMS.iter().zip(keys) {
                if let Some(key) = key {
                    groups.entry((*dim, key)).or_default().count(level, x);
                }
            }
            let covers: [Option<bool>; 4] = [
                row.get(7).map_err(wrap)?,
                row.get(8).map_err(wrap)?,
                row.get(9).map_err(wrap)?,
                row.get(10).map_err(wrap)?,
            ];
            if covers.iter().all(Option::is_some) {
                coverage.stated += 1;
                for (i, c) in covers.iter().enumerate() {
                    coverage.covered[i] += u64::from(c.unwrap_or(false));
                }
            }
        }
        drop(rows);
        let mut st = self
            .conn()
            .prepare(
                "SELECT r.province, r.city, r.industry, r.industry_type, r.sme, n.node_id,
                        n.overall
                 FROM temp.chosen c JOIN result r ON r.id = c.result_id
                 JOIN result_node n ON n.result_id = c.result_id
                 WHERE n.overall IS NOT NULL
                   AND n.node_id IN (SELECT id FROM node WHERE kind IN ('subdomain', 'element'))",
            )
            .map_err(wrap)?;
        let mut rows = st.query([]).map_err(wrap)?;
        while let Some(row) = rows.next().map_err(wrap)? {
            let keys = keys_of(row).map_err(wrap)?;
            let node: i64 = row.get(5).map_err(wrap)?;
            let value: f64 = row.get(6).map_err(wrap)?;
            total.node(node, value);
            for (dim, key) in DIMS.iter().zip(keys) {
                if let Some(key) = key
                    && let Some(t) = groups.get_mut(&(*dim, key))
                {
                    t.node(node, value);
                }
            }
        }
        Ok((total, groups, coverage))
    }

    /// The chosen results' levels and mean X only (for the years side by side).
    fn tally_levels(&self) -> Result<Tally, StoreError> {
        let wrap = |e| self.wrap(e);
        let mut total = Tally::default();
        let mut st = self
            .conn()
            .prepare(
                "SELECT r.level, count(*), sum(r.x) FROM temp.chosen c
                 JOIN result r ON r.id = c.result_id GROUP BY r.level",
            )
            .map_err(wrap)?;
        let mut rows = st.query([]).map_err(wrap)?;
        while let Some(row) = rows.next().map_err(wrap)? {
            let level: i64 = row.get(0).map_err(wrap)?;
            let n: i64 = row.get(1).map_err(wrap)?;
            let x: f64 = row.get(2).map_err(wrap)?;
            total.enterprises += n as u64;
            total.levels[level.clamp(0, 5) as usize] += n as u64;
            total.x_sum += x;
        }
        Ok(total)
    }

    /// Share rated LI or FI, per requirement, over the chosen results where it applies.
    fn adoption(&self) -> Result<BTreeMap<String, f64>, StoreError> {
        let wrap = |e| self.wrap(e);
        let mut counts: HashMap<i64, (u64, u64)> = HashMap::new();
        let mut st = self
            .conn()
            .prepare(
                "SELECT rr.requirement_id, rr.rating FROM temp.chosen c
                 JOIN result_rating rr ON rr.result_id = c.result_id",
            )
            .map_err(wrap)?;
        let mut rows = st.query([]).map_err(wrap)?;
        while let Some(row) = rows.next().map_err(wrap)? {
            let id: i64 = row.get(0).map_err(wrap)?;
            let rating: Option<i64> = row.get(1).map_err(wrap)?;
            let slot = counts.entry(id).or_default();
            slot.1 += 1;
            slot.0 += u64::from(rating.is_some_and(|r| r >= 2));
        }
        drop(rows);
        let mut names = self
            .conn()
            .prepare("SELECT id, key FROM requirement")
            .map_err(wrap)?;
        let names: HashMap<i64, String> = names
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(wrap)?;
        Ok(counts
            .into_iter()
            .filter_map(|(id, (adopted, n))| {
                let key = names.get(&id)?.clone();
                (n > 0).then(|| (key, round4(adopted as f64 / n as f64)))
            })
            .collect())
    }

    fn list(&self) -> Result<Vec<Listed>, StoreError> {
        let wrap = |e| self.wrap(e);
        let mut st = self
            .conn()
            .prepare(
                "SELECT r.name, r.credit_code, r.province, r.city, r.industry, r.industry_type,
                        r.sme, r.assessed, r.level, r.x, r.complete, r.file
                 FROM temp.chosen c JOIN result r ON r.id = c.result_id
                 ORDER BY r.name, r.credit_code, r.id",
            )
            .map_err(wrap)?;
        st.query_map([], |r| {
            Ok(Listed {
                name: r.get(0)?,
                credit_code: r.get(1)?,
                province: r.get(2)?,
                city: r.get(3)?,
                industry: r.get(4)?,
                industry_type: r.get(5)?,
                size: r
                    .get::<_, Option<bool>>(6)?
                    .map(|s| if s { Size::Sme } else { Size::Large }),
                assessed: r.get(7)?,
                level: r.get(8)?,
                x: r.get(9)?,
                complete: r.get(10)?,
                file: r.get(11)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(wrap)
    }

    /// The index of the results that pass `filters`; groups under `min_group` suppressed;
    /// the enterprises listed by name only when `list`.
    pub fn index(
        &self,
        filters: &Filters,
        min_group: u64,
        list: bool,
    ) -> Result<Index, StoreError> {
        let names = self.node_names()?;
        let k = min_group.max(1);
        // A selection a filter away from a wider one by fewer than k enterprises is not shown
        // at all: the two reports side by side would give those few away.
        let differs = self.differs_by_fewer_than(filters, k)?;
        // The years side by side (the other filters apply), when there are several.
        let mut years = Vec::new();
        let all_years = self.years()?;
        if all_years.len() > 1 {
            for year in all_years {
                self.choose(filters, Some(year))?;
                let total = self.tally_levels()?;
                let mut group = total.group_unless(k, &names, differs);
                group.subdomains = None;
                group.elements = None;
                years.push(YearRow { year, group });
            }
        }
        self.choose(filters, filters.year)?;
        let (total, groups, coverage) = self.tally()?;
        let shown = total.enterprises >= k && !differs;
        let top = total.group_unless(k, &names, differs);
        let mut hidden = hidden_groups(&groups, total.enterprises, k);
        if differs {
            hidden.extend(groups.keys().cloned());
        }
        let by = |dim: Dim| -> BTreeMap<String, Group> {
            groups
                .iter()
                .filter(|((d, _), _)| *d == dim)
                .map(|((d, key), t)| {
                    let hide = hidden.contains(&(*d, key.clone()));
                    (key.clone(), t.group_unless(k, &names, hide))
                })
                .collect()
        };
        let (by_province, by_city, by_industry, by_type, by_size) = (
            by(Dim::Province),
            by(Dim::City),
            by(Dim::Industry),
            by(Dim::Type),
            by(Dim::Size),
        );
        let node_stats = |kind: &str| -> BTreeMap<String, NodeStat> {
            if !shown {
                return BTreeMap::new();
            }
            total
                .nodes
                .iter()
                .filter_map(|(id, (sum, n))| {
                    let (k, key) = names.get(id)?;
                    (k == kind && *n > 0).then(|| {
                        let stat = NodeStat {
                            mean: round4(sum / *n as f64),
                            enterprises: *n,
                        };
                        (key.clone(), stat)
                    })
                })
                .collect()
        };
        let coverage = if shown && coverage.stated >= k {
            ["design", "logistics", "sales", "service"]
                .iter()
                .enumerate()
                .map(|(i, key)| {
                    let stat = CoverageStat {
                        stated: coverage.stated,
                        covered: coverage.covered[i],
                        share: round4(coverage.covered[i] as f64 / coverage.stated as f64),
                    };
                    (key.to_string(), stat)
                })
                .collect()
        } else {
            BTreeMap::new()
        };
        let adoption = if shown {
            self.adoption()?
        } else {
            BTreeMap::new()
        };
        Ok(Index {
            format: FORMAT,
            filters: filters.clone(),
            min_group: k,
            enterprises: total.enterprises,
            suppressed: top.suppressed,
            fewer_than: top.fewer_than,
            levels: top.levels,
            grouped: top.grouped,
            mean_x: top.mean_x,
            by_province,
            by_city,
            by_industry,
            by_type,
            by_size,
            subdomains: node_stats("subdomain"),
            elements: node_stats("element"),
            coverage,
            adoption,
            years,
            list: if list { Some(self.list()?) } else { None },
        })
    }
}

/// All chosen results, each group's, and the coverage.
type Tallies = (Tally, HashMap<(Dim, String), Tally>, Coverage);

#[derive(Clone, Debug, Default)]
struct Coverage {
    stated: u64,
    covered: [u64; 4],
}
