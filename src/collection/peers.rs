//! Peer context from a collection: where an enterprise's overall score X stands among the
//! others in the same store — in its industry division where that group is large enough, else
//! among all. Loaded once (each enterprise's latest result: its key, division and X), then
//! asked as often as X changes (the TUI asks at every rating) without touching the database.
//!
//! Privacy as in the index report: a group of fewer than `min_group` other enterprises is
//! never described, and the enterprise itself is never counted among its peers.

use crate::model::profile::Profile;

use super::{Store, StoreError, enterprise_key};

/// The default smallest group described (the index report's `--min-group`).
pub const MIN_GROUP: usize = 5;

#[derive(Clone, Debug, PartialEq)]
struct PeerRow {
    key: String,
    industry: Option<String>,
    x: f64,
}

/// Every enterprise of a store, by its latest result.
#[derive(Clone, Debug, PartialEq)]
pub struct Peers {
    rows: Vec<PeerRow>,
    min_group: usize,
}

/// Where X stands in a group of peers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The division compared with (two digits), or `None` for the whole collection.
    pub industry: Option<String>,
    /// The other enterprises in the group.
    pub enterprises: usize,
    /// How many of them have a lower X.
    pub behind: usize,
}

impl Standing {
    /// The share of the group with a lower X, in whole percent rounded down (never "ahead of
    /// 100 %" while one peer is level).
    pub fn ahead_percent(&self) -> usize {
        (self.behind * 100)
            .checked_div(self.enterprises)
            .unwrap_or(0)
    }
}

impl Store {
    /// The peers of this store: each enterprise's latest result of any year.
    pub fn peers(&self) -> Result<Peers, StoreError> {
        let wrap = |e| self.wrap(e);
        let mut st = self
            .conn()
            .prepare(
                "SELECT e.key, r.industry, r.x FROM (
                   SELECT id, enterprise_id, industry, x,
                          row_number() OVER (PARTITION BY enterprise_id
                                             ORDER BY assessed DESC, id DESC) AS rn
                   FROM result) r
                 JOIN enterprise e ON e.id = r.enterprise_id
                 WHERE r.rn = 1",
            )
            .map_err(wrap)?;
        let rows = st
            .query_map([], |row| {
                Ok(PeerRow {
                    key: row.get(0)?,
                    industry: row.get(1)?,
                    x: row.get(2)?,
                })
            })
            .map_err(wrap)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(wrap)?;
        Ok(Peers {
            rows,
            min_group: MIN_GROUP,
        })
    }
}

impl Peers {
    /// How many enterprises the collection holds.
    pub fn enterprises(&self) -> usize {
        self.rows.len()
    }

    /// Peers given directly (tests, and stores read elsewhere): (enterprise key, division, X).
    pub fn from_rows(rows: Vec<(String, Option<String>, f64)>, min_group: usize) -> Peers {
        Peers {
            rows: rows
                .into_iter()
                .map(|(key, industry, x)| PeerRow { key, industry, x })
                .collect(),
            min_group: min_group.max(1),
        }
    }

    /// Where an enterprise with this profile and overall score stands: among the others of its
    /// division when there are at least `min_group` of them, else among all others; `None`
    /// when even that group is too small to describe.
    pub fn standing(&self, profile: &Profile, x: f64) -> Option<Standing> {
        let own = enterprise_key(
            profile.credit_code.as_deref(),
            profile.name.as_deref(),
            profile.province.as_deref(),
            "",
        );
        let industry = profile
            .industry
            .as_deref()
            .and_then(|i| i.trim().get(..2))
            .map(str::to_string);
        // One pass per group, nothing collected: the score panel asks at every frame.
        let count = |industry: &Option<String>| {
            let (enterprises, behind) = self
                .rows
                .iter()
                .filter(|r| r.key != own && (industry.is_none() || r.industry == *industry))
                .fold((0, 0), |(n, b), r| (n + 1, b + usize::from(r.x < x)));
            Standing {
                industry: industry.clone(),
                enterprises,
                behind,
            }
        };
        [industry, None]
            .iter()
            .map(count)
            .find(|standing| standing.enterprises >= self.min_group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(industry: &str, name: &str) -> Profile {
        Profile {
            name: Some(name.into()),
            industry: Some(industry.into()),
            province: Some("32".into()),
            ..Profile::default()
        }
    }

    fn key(name: &str) -> String {
        enterprise_key(None, Some(name), Some("32"), "")
    }

    #[test]
    fn its_industry_when_large_enough_else_all_and_never_itself() {
        let mut rows: Vec<(String, Option<String>, f64)> = (0..6)
            .map(|i| (key(&format!("auto {i}")), Some("36".into()), i as f64 * 0.5))
            .collect();
        rows.extend((0..4).map(|i| (key(&format!("chem {i}")), Some("26".into()), 4.0)));
        // The enterprise itself is in the store, with an older score.
        rows.push((key("me"), Some("36".into()), 0.1));
        let peers = Peers::from_rows(rows, 5);
        // X 1.2 among the six others in 36 (0, 0.5, 1.0, 1.5, 2.0, 2.5): three are lower.
        let auto = peers.standing(&profile("3670", "me"), 1.2).unwrap();
        assert_eq!(
            auto,
            Standing {
                industry: Some("36".into()),
                enterprises: 6,
                behind: 3
            }
        );
        assert_eq!(auto.ahead_percent(), 50);
        // Four others in 26: too few, so all ten others, of which six are lower than 3.0.
        let chem = peers.standing(&profile("26", "me"), 3.0).unwrap();
        assert_eq!(
            (chem.industry, chem.enterprises, chem.behind),
            (None, 10, 6)
        );
        // Fewer than five in the whole store: nothing is said.
        let tiny = Peers::from_rows(vec![(key("a"), None, 1.0)], 5);
        assert_eq!(tiny.standing(&profile("36", "me"), 2.0), None);
    }

    #[test]
    fn equal_scores_are_not_counted_as_behind() {
        let rows = (0..5).map(|i| (key(&i.to_string()), None, 2.0)).collect();
        let standing = Peers::from_rows(rows, 5)
            .standing(&profile("34", "me"), 2.0)
            .unwrap();
        assert_eq!(standing.ahead_percent(), 0);
    }
}
