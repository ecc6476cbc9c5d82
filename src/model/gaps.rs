//! What falls short: per level, the requirements below FI by finding (NI weakness, PI improvement
//! item, LI conforming, unrated), and what stands between the current level and a target level,
//! each requirement with how much raising it to FI would lift X.

use num_traits::Zero;

use super::questionnaire::{LEVELS, Questionnaire};
use super::rating::Rating;
use super::scoring::{Exact, Score, Sheet, overall_only, threshold};

/// Requirements (indexes into the questionnaire) below FI at one level, in applicable
/// sub-domains.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LevelFindings {
    pub level: u8,
    pub weaknesses: Vec<usize>,
    pub improvements: Vec<usize>,
    pub conforming: Vec<usize>,
    pub unrated: Vec<usize>,
}

pub fn findings(q: &Questionnaire, sheet: &Sheet) -> Vec<LevelFindings> {
    let mut out: Vec<LevelFindings> = LEVELS
        .iter()
        .map(|&level| LevelFindings {
            level,
            ..LevelFindings::default()
        })
        .collect();
    for (i, requirement) in q.requirements.iter().enumerate() {
        if sheet.tailored[requirement.subdomain] {
            continue;
        }
        let entry = &mut out[usize::from(requirement.level - 1)];
        match sheet.ratings[i] {
            Some(Rating::NI) => entry.weaknesses.push(i),
            Some(Rating::PI) => entry.improvements.push(i),
            Some(Rating::LI) => entry.conforming.push(i),
            Some(Rating::FI) => {}
            None => entry.unrated.push(i),
        }
    }
    out
}

/// One requirement standing in the way, and what raising it to FI would add to X.
#[derive(Clone, Debug, PartialEq)]
pub struct GapItem {
    pub requirement: usize,
    pub rating: Option<Rating>,
    pub lift: Exact,
}

/// A level whose score is below 0.8 although the target needs it reached.
#[derive(Clone, Debug, PartialEq)]
pub struct ShortLevel {
    pub level: u8,
    pub score: Exact,
    pub shortfall: Exact,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub current: u8,
    pub target: u8,
    /// The X the target level needs: every level up to it reached, so X = target at least.
    pub x_needed: Exact,
    /// How far X is below it.
    pub x_shortfall: Exact,
    /// Levels up to the target that do not reach 0.8.
    pub short_levels: Vec<ShortLevel>,
    /// Requirements at levels up to the target, below FI, largest lift first.
    pub items: Vec<GapItem>,
}

/// What stands between the current level and `target`; `None` when the target is already met
/// or is not a level.
pub fn gap_to(q: &Questionnaire, sheet: &Sheet, score: &Score, target: u8) -> Option<Gap> {
    if !(1..=5).contains(&target) || score.level >= target {
        return None;
    }
    let x_needed = Exact::from_integer(i128::from(target));
    let x_shortfall = (x_needed - score.overall).max(Exact::zero());
    let short_levels = score
        .levels
        .iter()
        .filter(|l| l.level <= target && !l.reached)
        .map(|l| ShortLevel {
            level: l.level,
            score: l.score,
            shortfall: threshold() - l.score,
        })
        .collect();
    let mut trial = sheet.clone();
    let mut items: Vec<GapItem> = q
        .requirements
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            r.level <= target
                && !sheet.tailored[r.subdomain]
                && sheet.ratings[*i] != Some(Rating::FI)
        })
        .map(|(i, _)| {
            let before = trial.ratings[i];
            trial.ratings[i] = Some(Rating::FI);
            let lift = overall_only(q, &trial) - score.overall;
            trial.ratings[i] = before;
            GapItem {
                requirement: i,
                rating: sheet.ratings[i],
                lift,
            }
        })
        .collect();
    // Largest lift first; ties in questionnaire order (lower levels first within a sub-domain).
    items.sort_by(|a, b| {
        b.lift
            .cmp(&a.lift)
            .then(
                q.requirements[a.requirement]
                    .level
                    .cmp(&q.requirements[b.requirement].level),
            )
            .then(a.requirement.cmp(&b.requirement))
    });
    Some(Gap {
        current: score.level,
        target,
        x_needed,
        x_shortfall,
        short_levels,
        items,
    })
}
