//! The score, by GB/T 39117 as this project applies it. This module is the one place where the
//! rule lives (README "How the score is computed"):
//!
//! 1. Sub-domain score at level n = mean of its requirements' ratings at level n; unrated = 0.
//!    A conditional requirement marked not applicable leaves the mean; a cell left with none
//!    leaves the level's mean for that sub-domain, like tailoring.
//! 2. Level score S_n = weighted mean of the sub-domain scores at level n, over sub-domains that
//!    apply (not tailored out) and have at least one requirement at n. Weights renormalise over
//!    what remains. A level with no such sub-domain scores 0 and is marked not assessed.
//! 3. A level whose score reaches 0.8 counts 1: X = (the number of consecutive reached levels
//!    from level 1) + S_m, m the first level with S_m < 0.8 (higher levels do not count);
//!    X = 5 when every level reaches 0.8. (Only this reading makes "a level is reached at 0.8"
//!    agree with the bands: exactly levels 1..k reached puts X in [k, k + 0.8).)
//! 4. Level = the band of X: [0.8, 1.8) → 1 … [4.8, 5] → 5; below 0.8 → 0. It equals the number
//!    of consecutive reached levels.
//! 5. Domain and element scores = weighted mean of their sub-domains at a level; every node's
//!    overall score applies rule 3 to its own level scores.
//!
//! All arithmetic is exact (rationals over ratings in thousandths), so 0.8 is never 0.7999….

use num_rational::Ratio;
use num_traits::{ToPrimitive, Zero};

use super::answers::Answers;
use super::questionnaire::{LEVELS, Questionnaire};
use super::rating::Rating;
use super::weights::WeightTable;

/// An exact score.
pub type Exact = Ratio<i128>;

/// A level counts as reached when its score reaches 0.8.
pub fn threshold() -> Exact {
    Ratio::new(4, 5)
}

/// Converts an exact score for display or JSON (never used for decisions).
pub fn to_f64(x: &Exact) -> f64 {
    x.to_f64().unwrap_or(0.0)
}

/// The ratings and tailoring of one assessment, indexed like the questionnaire: the form the
/// engine (and the TUI, which edits it on every keypress) works on.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// One per requirement, in questionnaire order.
    pub ratings: Vec<Option<Rating>>,
    /// One per sub-domain: tailored out (not applicable).
    pub tailored: Vec<bool>,
    /// One per requirement: a conditional requirement marked not applicable.
    pub not_applicable: Vec<bool>,
    /// One per sub-domain: its weight, all on one common denominator (only ratios matter).
    pub weights: Vec<i128>,
}

impl Sheet {
    pub fn empty(q: &Questionnaire) -> Sheet {
        Sheet {
            ratings: vec![None; q.requirements.len()],
            tailored: vec![false; q.subdomains.len()],
            not_applicable: vec![false; q.requirements.len()],
            weights: q.subdomains.iter().map(|s| s.weight_micro).collect(),
        }
    }

    /// The sheet of checked answers (ids they name are known to `q`).
    pub fn from_answers(q: &Questionnaire, answers: &Answers) -> Sheet {
        let mut sheet = Sheet::empty(q);
        for (id, rated) in &answers.ratings {
            if let Some(i) = q.requirement_index(id) {
                sheet.ratings[i] = Some(rated.rating);
            }
        }
        for key in answers.tailoring.keys() {
            if let Some(s) = q.subdomain_index(key) {
                sheet.tailored[s] = true;
            }
        }
        for id in answers.not_applicable.keys() {
            if let Some(i) = q.requirement_index(id) {
                sheet.not_applicable[i] = true;
            }
        }
        if let Some(table) = weight_table(q, answers) {
            sheet.weights = table.per_subdomain(q);
        }
        sheet
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LevelScore {
    pub level: u8,
    pub score: Exact,
    /// At least one applicable sub-domain has requirements at this level.
    pub assessed: bool,
    /// The score reaches 0.8.
    pub reached: bool,
    /// The level is part of X: reached levels below the first one not reached count 1, and the
    /// first one not reached counts its score; higher levels do not count.
    pub counted: bool,
}

/// Scores of one sub-domain, domain or element.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeScore {
    pub key: String,
    pub applicable: bool,
    /// Per level 1..=5; `None` where nothing applicable is assessed at that level.
    pub levels: [Option<Exact>; 5],
    /// Rule 3 applied to this node's own level scores; `None` when not applicable.
    pub overall: Option<Exact>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completeness {
    /// Rated requirements in applicable sub-domains.
    pub rated: usize,
    /// Requirements in applicable sub-domains.
    pub total: usize,
}

impl Completeness {
    pub fn unrated(&self) -> usize {
        self.total - self.rated
    }

    pub fn complete(&self) -> bool {
        self.rated == self.total
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    /// X, exact.
    pub overall: Exact,
    /// 0..=5.
    pub level: u8,
    pub levels: [LevelScore; 5],
    pub subdomains: Vec<NodeScore>,
    pub domains: Vec<NodeScore>,
    pub elements: Vec<NodeScore>,
    pub completeness: Completeness,
}

/// The weight table an assessment is scored with: the assessor's override, else the weight
/// profile for the enterprise's industry type and division, else none (the questionnaire's own
/// sub-domain weights).
pub fn weight_table<'q>(q: &'q Questionnaire, answers: &'q Answers) -> Option<&'q WeightTable> {
    if let Some(w) = &answers.weights {
        return Some(&w.table);
    }
    q.weight_profile_for(&answers.profile)
        .map(|profile| &profile.table)
}

/// Scores checked answers against their questionnaire.
pub fn score(q: &Questionnaire, answers: &Answers) -> Score {
    score_sheet(q, &Sheet::from_answers(q, answers))
}

/// Scores a sheet (rules 1–5 above).
///
/// Kept in integers for speed (this runs on every keypress in the TUI): a sub-domain's level
/// score is a whole number of units of 1/(1000 · L), L the lcm of the cell sizes, and weights
/// are whole millionths, so every mean is one exact fraction built without reductions.
pub fn score_sheet(q: &Questionnaire, sheet: &Sheet) -> Score {
    let unit = 1000 * q.cell_lcm();
    let (units, completeness) = subdomain_units(q, sheet);

    let subdomains: Vec<NodeScore> = q
        .subdomains
        .iter()
        .enumerate()
        .map(|(s, subdomain)| {
            let levels = units[s].map(|u| u.map(|u| Ratio::new_raw(u, unit)));
            node(&subdomain.key, !sheet.tailored[s], levels)
        })
        .collect();
    let group = |key: &str, members: &mut dyn Iterator<Item = usize>| {
        let members: Vec<usize> = members.collect();
        let applicable = members.iter().any(|&s| !sheet.tailored[s]);
        node(
            key,
            applicable,
            weighted_levels(&sheet.weights, &units, unit, &members),
        )
    };
    let domains: Vec<NodeScore> = q
        .domains
        .iter()
        .enumerate()
        .map(|(d, domain)| group(&domain.key, &mut q.subdomains_of_domain(d)))
        .collect();
    let elements: Vec<NodeScore> = q
        .elements
        .iter()
        .enumerate()
        .map(|(e, element)| group(&element.key, &mut q.subdomains_of_element(e)))
        .collect();

    let all: Vec<usize> = (0..q.subdomains.len()).collect();
    let level_scores = weighted_levels(&sheet.weights, &units, unit, &all);
    let (overall, counted_up_to) = overall_of(&level_scores);
    let levels = LEVELS.map(|level| {
        let i = usize::from(level - 1);
        let score = level_scores[i].map_or_else(Zero::zero, |x| x.reduced());
        LevelScore {
            level,
            reached: reaches_threshold(&score),
            score,
            assessed: level_scores[i].is_some(),
            counted: level <= counted_up_to,
        }
    });
    let overall = overall.reduced();
    Score {
        level: level_of(&overall),
        overall,
        levels,
        subdomains,
        domains,
        elements,
        completeness,
    }
}

/// Rule 1: each sub-domain's level scores in units of 1/(1000 · L) (`None` where nothing
/// applicable is assessed), and the completeness.
fn subdomain_units(q: &Questionnaire, sheet: &Sheet) -> (Vec<[Option<i128>; 5]>, Completeness) {
    let mut completeness = Completeness { rated: 0, total: 0 };
    // units[s][level - 1]: the sub-domain's level score in 1/unit, where assessed.
    let units: Vec<[Option<i128>; 5]> = (0..q.subdomains.len())
        .map(|s| {
            let mut levels = [None; 5];
            if sheet.tailored[s] {
                return levels;
            }
            for level in LEVELS {
                let cell = q.cell(s, level);
                let applicable = cell.clone().filter(|&i| !sheet.not_applicable[i]);
                let count = applicable.clone().count();
                if count == 0 {
                    continue;
                }
                let mut sum_milli: i128 = 0;
                for rating in applicable.filter_map(|i| sheet.ratings[i]) {
                    sum_milli += i128::from(q.value_milli(rating));
                    completeness.rated += 1;
                }
                completeness.total += count;
                levels[usize::from(level - 1)] = Some(sum_milli * (q.cell_lcm() / count as i128));
            }
            levels
        })
        .collect();
    (units, completeness)
}

/// X alone (rules 1–3), for callers that score many variants of one sheet (the gap lists):
/// the same computation as [`score_sheet`] without the per-node scores.
pub fn overall_only(q: &Questionnaire, sheet: &Sheet) -> Exact {
    let unit = 1000 * q.cell_lcm();
    let (units, _) = subdomain_units(q, sheet);
    let all: Vec<usize> = (0..q.subdomains.len()).collect();
    let level_scores = weighted_levels(&sheet.weights, &units, unit, &all);
    overall_of(&level_scores).0.reduced()
}

fn node(key: &str, applicable: bool, levels: [Option<Exact>; 5]) -> NodeScore {
    let overall = applicable.then(|| overall_of(&levels).0);
    NodeScore {
        key: key.to_string(),
        applicable,
        levels,
        overall,
    }
}

/// Rule 2 / rule 5: per level, the weighted mean over the members that have a score there.
fn weighted_levels(
    weights: &[i128],
    units: &[[Option<i128>; 5]],
    unit: i128,
    members: &[usize],
) -> [Option<Exact>; 5] {
    LEVELS.map(|level| {
        let i = usize::from(level - 1);
        let mut weighted_sum: i128 = 0;
        let mut total_weight: i128 = 0;
        for &s in members {
            if let Some(u) = units[s][i] {
                let weight = weights[s];
                weighted_sum += weight * u;
                total_weight += weight;
            }
        }
        (total_weight > 0).then(|| Ratio::new_raw(weighted_sum, total_weight * unit))
    })
}

/// Whether a score reaches 0.8 (cross-multiplied: exact, and no division).
fn reaches_threshold(x: &Exact) -> bool {
    x.numer() * threshold().denom() >= threshold().numer() * x.denom()
}

/// Rule 3: X and m (the last level counted). Reached levels count 1 each; the first level not
/// reached counts its score, and stops the count. A level with no score counts 0, not reached.
pub fn overall_of(levels: &[Option<Exact>; 5]) -> (Exact, u8) {
    for level in LEVELS {
        let score = levels[usize::from(level - 1)].unwrap_or_else(Zero::zero);
        if !reaches_threshold(&score) {
            return (score + Exact::from_integer(i128::from(level - 1)), level);
        }
    }
    (Exact::from_integer(5), 5)
}

/// Rule 4: the level band of X; boundaries are inclusive below (1.8 is level 2).
pub fn level_of(x: &Exact) -> u8 {
    // Level n ⟺ n − 0.2 ≤ X < n + 0.8, i.e. n = ⌊X + 0.2⌋, capped to 0..=5.
    let shifted = x + Ratio::new(1, 5);
    shifted.floor().to_integer().clamp(0, 5) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(n: i128, d: i128) -> Exact {
        Ratio::new(n, d)
    }

    #[test]
    fn bands_are_exact_at_the_boundaries() {
        assert_eq!(level_of(&x(0, 1)), 0);
        assert_eq!(level_of(&x(79, 100)), 0);
        assert_eq!(level_of(&x(8, 10)), 1);
        assert_eq!(level_of(&x(179, 100)), 1);
        assert_eq!(level_of(&x(18, 10)), 2);
        assert_eq!(level_of(&x(28, 10)), 3);
        assert_eq!(level_of(&x(38, 10)), 4);
        assert_eq!(level_of(&x(479, 100)), 4);
        assert_eq!(level_of(&x(48, 10)), 5);
        assert_eq!(level_of(&x(5, 1)), 5);
    }

    #[test]
    fn reached_levels_count_one_and_the_first_short_level_its_score() {
        let s = |v: [(i128, i128); 5]| v.map(|(n, d)| Some(x(n, d)));
        // S = (1, 0.8, 0, …): two levels reached → X = 2 + 0 = 2, level 2.
        assert_eq!(
            overall_of(&s([(1, 1), (4, 5), (0, 1), (0, 1), (0, 1)])),
            (x(2, 1), 3)
        );
        assert_eq!(
            overall_of(&s([(1, 1), (1, 2), (1, 1), (1, 1), (1, 1)])),
            (x(3, 2), 2)
        );
        // All five at exactly 0.8: every level reached, X = 5.
        assert_eq!(overall_of(&s([(4, 5); 5])), (x(5, 1), 5));
        // The brief's example: S = (0.9, 0.85, 0.5, …) → X = 2.50, level 2.
        let example = overall_of(&s([(9, 10), (17, 20), (1, 2), (1, 10), (0, 1)]));
        assert_eq!(example, (x(5, 2), 3));
        assert_eq!(level_of(&example.0), 2);
        // S1 = 0.797: nothing reached, X = 0.797, below level 1.
        let below = overall_of(&s([(797, 1000), (1, 1), (1, 1), (1, 1), (1, 1)]));
        assert_eq!(below, (x(797, 1000), 1));
        assert_eq!(level_of(&below.0), 0);
        assert_eq!(overall_of(&[None, None, None, None, None]), (x(0, 1), 1));
    }

    #[test]
    fn the_level_is_the_number_of_consecutive_reached_levels() {
        // Every combination of reached / not reached (at 0.8 / 0.79) per level.
        for mask in 0u32..32 {
            let levels: [Option<Exact>; 5] = std::array::from_fn(|i| {
                Some(if mask & (1 << i) != 0 {
                    x(4, 5)
                } else {
                    x(79, 100)
                })
            });
            let consecutive = (0..5).take_while(|i| mask & (1 << i) != 0).count() as u8;
            assert_eq!(
                level_of(&overall_of(&levels).0),
                consecutive,
                "mask {mask:05b}"
            );
        }
    }
}
