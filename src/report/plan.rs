//! What to do first. A report's roadmap works per cell — one sub-domain at one level — because a
//! cell is what a plant can act on: a level is reached when its score reaches 0.8, and it surely
//! is once every cell at that level reaches 0.8. For each cell below 0.8 this module finds the
//! fewest requirements whose rating must reach the goal rating (the lowest rating worth 0.8 or
//! more: LI on the standard scale) to lift the cell to 0.8, and orders the cells: fewest
//! requirements first, then the questionnaire's order of sub-domains.
//!
//! Unrated requirements count 0, as in the score, but they are never picked as something to
//! raise: they are not gaps, they are questions not yet answered. A cell that cannot reach 0.8
//! from its rated requirements alone says so, and how many of its requirements await a rating.
//!
//! It reads the engine ([`score_sheet`]) and never scores on its own.

use crate::model::scoring::{Exact, Score, Sheet, score_sheet, threshold};
use crate::model::{Questionnaire, Rating};

/// One sub-domain at one level, below 0.8.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub subdomain: usize,
    pub level: u8,
    pub score: Exact,
    /// Applicable requirements in the cell.
    pub total: usize,
    /// Of them, rated at the goal rating or better.
    pub met: usize,
    /// The fewest rated requirements whose rating must reach the goal to lift the cell to 0.8
    /// (all rated ones below the goal when even that is not enough), lowest rating first.
    pub raise: Vec<usize>,
    /// The other rated requirements below the goal.
    pub other: Vec<usize>,
    /// Requirements not rated yet (they count 0).
    pub unrated: Vec<usize>,
    /// Raising `raise` to the goal lifts the cell to 0.8 without rating anything else.
    pub reachable: bool,
}

impl Cell {
    /// What lifting the cell asks of the plant: the requirements to raise, and the unrated ones
    /// too when the rated ones are not enough.
    pub fn effort(&self) -> usize {
        self.raise.len()
            + if self.reachable {
                0
            } else {
                self.unrated.len()
            }
    }
}

/// A level still to reach and the cells that hold it below 0.8, in the order to take them.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelPlan {
    pub level: u8,
    pub score: Exact,
    pub reached: bool,
    pub cells: Vec<Cell>,
    /// How many cells, lifted in this order, bring the level to 0.8 (0 when it is reached
    /// already); `None` when not even all of them do (unrated requirements hold it down).
    pub reached_after: Option<usize>,
}

/// The lowest rating whose value reaches the threshold (LI on the standard scale; FI when a
/// questionnaire values LI below 0.8).
pub fn goal(q: &Questionnaire) -> Rating {
    Rating::ALL
        .into_iter()
        .find(|&r| Exact::new(i128::from(q.value_milli(r)), 1000) >= threshold())
        .unwrap_or(Rating::FI)
}

/// The cell of `subdomain` at `level`, when it applies and is below 0.8.
pub fn cell(q: &Questionnaire, sheet: &Sheet, subdomain: usize, level: u8) -> Option<Cell> {
    if sheet.tailored[subdomain] {
        return None;
    }
    let goal = goal(q);
    let members: Vec<usize> = q
        .cell(subdomain, level)
        .filter(|&i| !sheet.not_applicable[i])
        .collect();
    if members.is_empty() {
        return None;
    }
    let value = |i: usize| i128::from(sheet.ratings[i].map_or(0, |r| q.value_milli(r)));
    let total = members.len();
    // The cell reaches 0.8 when its sum of ratings (in thousandths) reaches this.
    let needed = threshold() * Exact::from_integer(1000 * total as i128);
    let mut sum = Exact::from_integer(members.iter().map(|&i| value(i)).sum());
    let score = sum / Exact::from_integer(1000 * total as i128);
    if sum >= needed {
        return None;
    }
    let mut below: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| sheet.ratings[i].is_some_and(|r| r < goal))
        .collect();
    // Lowest rating first (the largest step to the goal); ties in questionnaire order.
    below.sort_by_key(|&i| (sheet.ratings[i], i));
    let goal_value = i128::from(q.value_milli(goal));
    let mut raise = Vec::new();
    for &i in &below {
        if sum >= needed {
            break;
        }
        sum += Exact::from_integer(goal_value - value(i));
        raise.push(i);
    }
    let other = below[raise.len()..].to_vec();
    Some(Cell {
        subdomain,
        level,
        score,
        total,
        met: members
            .iter()
            .filter(|&&i| sheet.ratings[i].is_some_and(|r| r >= goal))
            .count(),
        raise,
        other,
        unrated: members
            .iter()
            .copied()
            .filter(|&i| sheet.ratings[i].is_none())
            .collect(),
        reachable: sum >= needed,
    })
}

/// The sheet with the cells' requirements to raise set to the goal rating.
pub fn raised(q: &Questionnaire, sheet: &Sheet, cells: &[Cell]) -> Sheet {
    let goal = goal(q);
    let mut out = sheet.clone();
    for i in cells.iter().flat_map(|c| &c.raise) {
        out.ratings[*i] = Some(goal);
    }
    out
}

/// The cells below 0.8 at `level`, fewest requirements first, then in the questionnaire's
/// order of sub-domains; and how many of them bring the level to 0.8.
pub fn level_plan(q: &Questionnaire, sheet: &Sheet, score: &Score, level: u8) -> LevelPlan {
    let at = usize::from(level - 1);
    let mut cells: Vec<Cell> = (0..q.subdomains.len())
        .filter_map(|s| cell(q, sheet, s, level))
        .collect();
    cells.sort_by_key(|c| (c.effort(), c.subdomain));
    let reached = score.levels[at].reached;
    let reached_after = if reached {
        Some(0)
    } else {
        (1..=cells.len())
            .find(|&n| score_sheet(q, &raised(q, sheet, &cells[..n])).levels[at].reached)
    };
    LevelPlan {
        level,
        score: score.levels[at].score,
        reached,
        cells,
        reached_after,
    }
}

/// The levels a plant works on next: the next level, and on to the target when it is higher.
pub fn levels_ahead(current: u8, target: Option<u8>) -> std::ops::RangeInclusive<u8> {
    let next = current + 1;
    let last = target.filter(|&t| t > next && t <= 5).unwrap_or(next);
    next..=last
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A questionnaire cut to what the tests need: sub-domains with cells of known sizes.
    fn sheet_with(q: &Questionnaire, ratings: &[(&str, Option<Rating>)]) -> Sheet {
        let mut sheet = Sheet::empty(q);
        for r in sheet.ratings.iter_mut() {
            *r = Some(Rating::FI);
        }
        for (id, rating) in ratings {
            sheet.ratings[q.requirement_index(id).unwrap()] = *rating;
        }
        sheet
    }

    #[test]
    fn the_goal_is_li_on_the_standard_scale() {
        assert_eq!(goal(&Questionnaire::embedded()), Rating::LI);
    }

    #[test]
    fn a_cell_needs_the_fewest_requirements_lowest_rating_first_and_skips_unrated() {
        let q = Questionnaire::embedded();
        let s = q.subdomain_index("planning").unwrap();
        let ids: Vec<String> = q.cell(s, 2).map(|i| q.requirements[i].id.clone()).collect();
        assert!(ids.len() >= 3, "{ids:?}");
        // Everything FI except: one PI, one NI, one unrated.
        let sheet = sheet_with(
            &q,
            &[
                (&ids[0], Some(Rating::PI)),
                (&ids[1], Some(Rating::NI)),
                (&ids[2], None),
            ],
        );
        let c = cell(&q, &sheet, s, 2).expect("below 0.8");
        let index = |id: &str| q.requirement_index(id).unwrap();
        assert_eq!(c.total, ids.len());
        assert_eq!(c.unrated, [index(&ids[2])]);
        // The NI comes first: it is the largest step to LI.
        assert_eq!(c.raise[0], index(&ids[1]));
        assert!(!c.raise.contains(&index(&ids[2])));
        assert!(!c.other.contains(&index(&ids[2])));
        // Raising what it names lifts the cell to 0.8 whenever it says it does.
        let after = raised(&q, &sheet, std::slice::from_ref(&c));
        assert_eq!(cell(&q, &after, s, 2).is_none(), c.reachable);
    }

    #[test]
    fn the_next_level_and_on_to_a_higher_target() {
        assert_eq!(levels_ahead(1, None), 2..=2);
        assert_eq!(levels_ahead(1, Some(2)), 2..=2);
        assert_eq!(levels_ahead(1, Some(4)), 2..=4);
        assert_eq!(levels_ahead(0, Some(1)), 1..=1);
        assert_eq!(levels_ahead(3, Some(2)), 4..=4);
    }
}
