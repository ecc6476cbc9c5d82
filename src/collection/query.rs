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
//! that it has fewer than `min_group` ([`Group::suppressed`]); the whole selection too.

use std::collections::{BTreeMap, HashMap};

use rusqlite::params;
use serde::Serialize;

use super::{Store, StoreError};

/// The format of the index JSON.
pub const FORMAT: &str = "zizhen-index/1";

/// SME (中小微) or large, by the seed's rule (< 1000 employees or < 40,000 万元 revenue).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Size {
    Sme,
    Large,
}

impl Size {
    pub fn key(self) -> &'static str {
        match self {
            Size::Sme => "sme",
            Size::Large => "large",
        }
    }
}

/// Which results the index covers.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Filters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub industry_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// The national report's grouping of levels: ≤ L1, L2, L3, ≥ L4.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grouped {
    pub le1: u64,
    pub l2: u64,
    pub l3: u64,
    pub ge4: u64,
}

impl Grouped {
    pub fn of(levels: &[u64; 6]) -> Grouped {
        Grouped {
            le1: levels[0] + levels[1],
            l2: levels[2],
            l3: levels[3],
            ge4: levels[4] + levels[5],
        }
    }
}

/// One group of enterprises (a province, a city, an industry, a type, a size, a year).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// How many enterprises; absent when suppressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprises: Option<u64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    /// Set when suppressed for its own size: the group has fewer than this many enterprises.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fewer_than: Option<u64>,
    /// Suppressed although not small: showing it would let a smaller group be worked out by
    /// subtraction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protects_another: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<BTreeMap<String, u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grouped: Option<Grouped>,
    /// Enterprises at level 2 or above (the seed ranks regions by it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_least_l2: Option<u64>,
    /// Mean overall score X (for an industry: its index).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_x: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subdomains: Option<BTreeMap<String, f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elements: Option<BTreeMap<String, f64>>,
}

impl Group {
    pub fn level_counts(&self) -> Option<[u64; 6]> {
        let levels = self.levels.as_ref()?;
        let mut out = [0; 6];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = levels.get(&i.to_string()).copied().unwrap_or(0);
        }
        Some(out)
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeStat {
    pub mean: f64,
    /// Enterprises for which it applies (the mean is over them).
    pub enterprises: u64,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageStat {
    /// Enterprises whose profile says which businesses they have.
    pub stated: u64,
    pub covered: u64,
    pub share: f64,
}

/// One enterprise of the class list (`--list` only).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Listed {
    pub name: Option<String>,
    pub credit_code: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub industry: Option<String>,
    pub industry_type: Option<String>,
    pub size: Option<Size>,
    pub assessed: Option<String>,
    pub level: u8,
    pub x: f64,
    pub complete: bool,
    pub file: String,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearRow {
    pub year: i32,
    #[serde(flatten)]
    pub group: Group,
}

/// The index, as `zizhen index --format json` writes it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", schemars(title = "zizhen index of a collection", extend("$id" = "https://zizhen.invalid/schema/index-v1.schema.json")))]
pub struct Index {
    #[cfg_attr(feature = "schema", schemars(extend("const" = "zizhen-index/1")))]
    pub format: &'static str,
    pub filters: Filters,
    pub min_group: u64,
    /// Enterprises in the selection (each once, with its latest result).
    pub enterprises: u64,
    /// Results the store holds for them (all years, all versions).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fewer_than: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<BTreeMap<String, u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grouped: Option<Grouped>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_x: Option<f64>,
    pub by_province: BTreeMap<String, Group>,
    pub by_city: BTreeMap<String, Group>,
    pub by_industry: BTreeMap<String, Group>,
    pub by_type: BTreeMap<String, Group>,
    pub by_size: BTreeMap<String, Group>,
    pub subdomains: BTreeMap<String, NodeStat>,
    pub elements: BTreeMap<String, NodeStat>,
    pub coverage: BTreeMap<String, CoverageStat>,
    pub adoption: BTreeMap<String, f64>,
    /// One row per year when the store spans several (other filters apply, `year` does not).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<YearRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<Vec<Listed>>,
}

/// What is tallied for a group while the rows stream by.
#[derive(Clone, Debug, Default)]
struct Tally {
    enterprises: u64,
    levels: [u64; 6],
    x_sum: f64,
    /// node id → (sum, count)
    nodes: HashMap<i64, (f64, u64)>,
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

    fn group(&self, k: u64, names: &HashMap<i64, (String, String)>) -> Group {
        self.group_unless(k, names, false)
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
enum Dim {
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
                "INSERT INTO temp.chosen (result_id)
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
                   AND (?6 IS NULL OR sme = ?6)",
                params![
                    year,
                    filters.province,
                    filters.city,
                    filters.industry,
                    filters.industry_type,
                    filters.size.map(|s| s == Size::Sme),
                ],
            )
            .map_err(|e| self.wrap(e))?;
        Ok(())
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
        // The years side by side (the other filters apply), when there are several.
        let mut years = Vec::new();
        let all_years = self.years()?;
        if all_years.len() > 1 {
            for year in all_years {
                self.choose(filters, Some(year))?;
                let total = self.tally_levels()?;
                let mut group = total.group(k, &names);
                group.subdomains = None;
                group.elements = None;
                years.push(YearRow { year, group });
            }
        }
        self.choose(filters, filters.year)?;
        let (total, groups, coverage) = self.tally()?;
        let shown = total.enterprises >= k;
        let top = total.group(k, &names);
        let hidden = hidden_groups(&groups, total.enterprises, k);
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

/// Groups to suppress so that no suppressed group can be recovered by subtraction.
///
/// Primary: every group under `k`. Secondary: in each dimension, the enterprises in no shown
/// group (`total` minus the shown groups: the suppressed ones and those that do not say) must be
/// none or at least `k`, else the smallest shown groups are suppressed too until they are. A
/// province minus its shown cities is held to the same rule (cities are parts of provinces).
fn hidden_groups(
    groups: &HashMap<(Dim, String), Tally>,
    total: u64,
    k: u64,
) -> std::collections::HashSet<(Dim, String)> {
    let mut hidden = std::collections::HashSet::new();
    // `whole` = 0: hide every member (a hidden parent).
    let settle = |hidden: &mut std::collections::HashSet<(Dim, String)>,
                  members: Vec<(Dim, String, u64)>,
                  whole: u64| {
        let mut shown: Vec<(Dim, String, u64)> = Vec::new();
        let mut rest = whole;
        for (dim, key, n) in members {
            if n < k || whole == 0 || hidden.contains(&(dim, key.clone())) {
                hidden.insert((dim, key));
            } else {
                rest = rest.saturating_sub(n);
                shown.push((dim, key, n));
            }
        }
        shown.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
        let mut shown = shown.into_iter();
        while rest > 0 && rest < k {
            let Some((dim, key, n)) = shown.next() else {
                break;
            };
            rest += n;
            hidden.insert((dim, key));
        }
    };
    let members = |dim: Dim, parent: Option<&str>| -> Vec<(Dim, String, u64)> {
        groups
            .iter()
            .filter(|((d, key), _)| *d == dim && parent.is_none_or(|p| key.starts_with(p)))
            .map(|((d, key), t)| (*d, key.clone(), t.enterprises))
            .collect()
    };
    for dim in [Dim::Province, Dim::Industry, Dim::Type, Dim::Size] {
        settle(&mut hidden, members(dim, None), total);
    }
    // Cities within each shown province, then all cities against the whole.
    let provinces: Vec<(String, u64)> = groups
        .iter()
        .filter(|((d, _), _)| *d == Dim::Province)
        .map(|((_, key), t)| (key.clone(), t.enterprises))
        .collect();
    // A province hidden for its own sake or for another's hides its cities too (their sum
    // would give it back).
    let hidden_provinces: Vec<String> = provinces
        .iter()
        .filter(|(p, n)| *n < k || hidden.contains(&(Dim::Province, p.clone())))
        .map(|(p, _)| p.clone())
        .collect();
    for (province, n) in provinces {
        let whole = if hidden_provinces.contains(&province) {
            0
        } else {
            n
        };
        settle(&mut hidden, members(Dim::City, Some(&province)), whole);
    }
    settle(&mut hidden, members(Dim::City, None), total);
    hidden
}

/// All chosen results, each group's, and the coverage.
type Tallies = (Tally, HashMap<(Dim, String), Tally>, Coverage);

#[derive(Clone, Debug, Default)]
struct Coverage {
    stated: u64,
    covered: [u64; 4],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(list: &[(Dim, &str, u64)]) -> HashMap<(Dim, String), Tally> {
        list.iter()
            .map(|(d, key, n)| {
                let t = Tally {
                    enterprises: *n,
                    ..Tally::default()
                };
                ((*d, key.to_string()), t)
            })
            .collect()
    }

    fn hidden(list: &[(Dim, &str, u64)], total: u64) -> Vec<String> {
        let mut out: Vec<String> = hidden_groups(&groups(list), total, 5)
            .into_iter()
            .map(|(_, key)| key)
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_group_that_would_give_a_small_one_away_is_suppressed_too() {
        // Everything minus 32 would be 33 exactly.
        assert_eq!(
            hidden(&[(Dim::Province, "32", 5), (Dim::Province, "33", 4)], 9),
            ["32", "33"]
        );
        // 33 and 35 together are not fewer than 5: 32 can be shown.
        let three = [
            (Dim::Province, "32", 5),
            (Dim::Province, "33", 4),
            (Dim::Province, "35", 4),
        ];
        assert_eq!(hidden(&three, 13), ["33", "35"]);
        // Enterprises that do not say their size count with the hidden ones.
        assert_eq!(
            hidden(&[(Dim::Size, "sme", 27), (Dim::Size, "large", 3)], 30),
            ["large", "sme"]
        );
        assert_eq!(
            hidden(&[(Dim::Size, "sme", 27), (Dim::Size, "large", 3)], 33),
            ["large"]
        );
        // Nothing hidden: nothing more to hide.
        assert!(hidden(&[(Dim::Type, "discrete", 8), (Dim::Type, "process", 6)], 14).is_empty());
    }

    #[test]
    fn a_province_minus_its_shown_cities_is_not_one_small_city() {
        let list = [
            (Dim::Province, "32", 10),
            (Dim::Province, "33", 10),
            (Dim::City, "320100", 7),
            (Dim::City, "320200", 3),
            (Dim::City, "330100", 10),
        ];
        assert_eq!(hidden(&list, 20), ["320100", "320200"]);
        // A province hidden for another's sake hides its cities.
        let list = [
            (Dim::Province, "32", 6),
            (Dim::Province, "33", 3),
            (Dim::City, "320100", 6),
        ];
        assert_eq!(hidden(&list, 9), ["32", "320100", "33"]);
    }
}
