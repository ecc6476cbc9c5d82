//! From self-diagnosis to certificate: what a formal (third-party) maturity assessment would
//! involve for an enterprise, planned from its self-diagnosis, and what a certified level is
//! worth where it is ([`incentives`]).
//!
//! Named `certification` to keep it apart from `report::plan`, which is the improvement
//! roadmap of the reports. Pure: no I/O beyond reading an incentive file it is given.
//!
//! Facts (steps, team and effort by level, who applies and when) are those of the project's
//! first source document (CESI's introduction to the maturity model and its assessment).

pub mod incentives;

use std::ops::RangeInclusive;

use crate::model::questionnaire::{RequirementIx, SubdomainIx};
use crate::model::scoring::{Sheet, score_sheet};
use crate::model::{Answers, Questionnaire, Rating};

/// Levels a formal assessment can be planned for (the source gives the team and effort for
/// these).
pub const TARGETS: RangeInclusive<u8> = 2..=5;
/// Levels a first application should aim at.
pub const FIRST_APPLICATION: RangeInclusive<u8> = 2..=3;
/// From this level on, the team includes an internal assessor of the enterprise.
pub const INTERNAL_ASSESSOR_FROM: u8 = 3;
/// From this level on ("high maturity"): only a year after a certified level 2 or 3, led by a
/// high-maturity lead assessor.
pub const HIGH_MATURITY_FROM: u8 = 4;

/// The first application to recommend after a self-diagnosis at `level`: the level reached,
/// kept within 2–3. Below level 2 the firm prepares level 2 (no first application is made at
/// level 1); at level 2 it applies for what it has; from level 3 up it applies for 3 first,
/// since 4 and 5 come only a year after a certified 2 or 3.
pub fn recommended_first(level: u8) -> u8 {
    level.clamp(*FIRST_APPLICATION.start(), *FIRST_APPLICATION.end())
}

/// The assessment team and its time, for one level (the source's table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Effort {
    pub level: u8,
    pub pre_people: u8,
    pub pre_days: u8,
    pub formal_people: u8,
    pub formal_days: u8,
    /// Person-days of both phases, as the source totals them.
    pub person_days: u16,
}

/// Pre-assessment and formal assessment, by level (CESI's table; the totals are the source's).
pub const EFFORT: [Effort; 4] = [
    Effort {
        level: 2,
        pre_people: 1,
        pre_days: 2,
        formal_people: 3,
        formal_days: 2,
        person_days: 8,
    },
    Effort {
        level: 3,
        pre_people: 3,
        pre_days: 2,
        formal_people: 5,
        formal_days: 3,
        person_days: 21,
    },
    Effort {
        level: 4,
        pre_people: 3,
        pre_days: 2,
        formal_people: 5,
        formal_days: 4,
        person_days: 26,
    },
    Effort {
        level: 5,
        pre_people: 5,
        pre_days: 3,
        formal_people: 7,
        formal_days: 4,
        person_days: 43,
    },
];

/// The effort for a level of [`TARGETS`].
pub fn effort(level: u8) -> Option<&'static Effort> {
    EFFORT.iter().find(|e| e.level == level)
}

/// The steps from application to certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Application form, self-diagnosis on the public platform, the application accepted.
    Apply,
    /// Scope, not-applicable domains, domain weights, readiness.
    PreAssessment,
    /// On-site: interviews, demonstrations, site visits; each requirement rated; the level.
    Formal,
    /// The expert committee's compliance review; the closing meeting's results.
    Review,
    /// The certificate, published on the platform.
    Certificate,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Apply,
        Step::PreAssessment,
        Step::Formal,
        Step::Review,
        Step::Certificate,
    ];

    /// The locale key stem: `certification.step.<key>.title|what|prepare`.
    pub fn key(self) -> &'static str {
        match self {
            Step::Apply => "apply",
            Step::PreAssessment => "pre_assessment",
            Step::Formal => "formal",
            Step::Review => "review",
            Step::Certificate => "certificate",
        }
    }
}

/// Requirements of one sub-domain still below LI, up to the target level.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadinessGroup {
    pub subdomain: SubdomainIx,
    /// Lowest level first, in the questionnaire's order.
    pub requirements: Vec<RequirementIx>,
}

/// The formal assessment, planned from a self-diagnosis.
#[derive(Clone, Debug, PartialEq)]
pub struct FormalPlan {
    /// The level of the self-diagnosis.
    pub level: u8,
    /// The level the formal assessment is planned for.
    pub target: u8,
    /// The recommended first application.
    pub recommended: u8,
    pub effort: Effort,
    /// The team includes an internal assessor of the enterprise.
    pub internal_assessor: bool,
    /// Level 4 or 5: a year after a certified 2 or 3, with a high-maturity lead assessor.
    pub high_maturity: bool,
    /// The target is above the recommended first application.
    pub above_first: bool,
    /// What is not yet LI or FI up to the target, by sub-domain (applicable only).
    pub readiness: Vec<ReadinessGroup>,
    /// Sub-domains declared not applicable, with their reasons: the pre-assessment confirms
    /// them.
    pub tailored: Vec<(SubdomainIx, String)>,
    /// Conditional requirements declared not applicable, with their reasons: the same.
    pub not_applicable: Vec<(RequirementIx, String)>,
}

impl FormalPlan {
    /// How many requirements the readiness list names.
    pub fn open_count(&self) -> usize {
        self.readiness.iter().map(|g| g.requirements.len()).sum()
    }

    /// How many of them are not rated at all.
    pub fn unrated_count(&self, sheet: &Sheet) -> usize {
        self.readiness
            .iter()
            .flat_map(|g| &g.requirements)
            .filter(|&&i| sheet.ratings[i].is_none())
            .count()
    }
}

/// Plans the formal assessment for `answers` at `target` (kept within [`TARGETS`]), or at the
/// recommended first application when none is given.
pub fn plan(q: &Questionnaire, answers: &Answers, target: Option<u8>) -> FormalPlan {
    let sheet = Sheet::from_answers(q, answers);
    plan_sheet(q, answers, &sheet, target)
}

/// [`plan`] on an already indexed sheet (the interactive program keeps one).
pub fn plan_sheet(
    q: &Questionnaire,
    answers: &Answers,
    sheet: &Sheet,
    target: Option<u8>,
) -> FormalPlan {
    let level = score_sheet(q, sheet).level;
    let recommended = recommended_first(level);
    let target = target
        .unwrap_or(recommended)
        .clamp(*TARGETS.start(), *TARGETS.end());
    let effort = *effort(target).unwrap_or(&EFFORT[0]);
    let readiness = (0..q.subdomains.len())
        .filter(|&s| !sheet.tailored[s])
        .filter_map(|s| {
            let requirements: Vec<RequirementIx> = q
                .subdomain_requirements(s)
                .filter(|&i| {
                    q.requirements[i].level <= target
                        && !sheet.not_applicable[i]
                        && !matches!(sheet.ratings[i], Some(Rating::LI | Rating::FI))
                })
                .map(RequirementIx)
                .collect();
            let mut requirements = requirements;
            requirements.sort_by_key(|&i| (q.requirements[i].level, i.0));
            (!requirements.is_empty()).then_some(ReadinessGroup {
                subdomain: SubdomainIx(s),
                requirements,
            })
        })
        .collect();
    let tailored = q
        .subdomains
        .iter()
        .enumerate()
        .filter(|(s, _)| sheet.tailored[*s])
        .map(|(s, sub)| {
            let reason = answers.tailoring.get(&sub.key).cloned().unwrap_or_default();
            (SubdomainIx(s), reason)
        })
        .collect();
    let not_applicable = q
        .requirements
        .iter()
        .enumerate()
        .filter(|(i, r)| sheet.not_applicable[*i] && !sheet.tailored[r.subdomain])
        .map(|(i, r)| {
            let reason = answers
                .not_applicable
                .get(&r.id)
                .cloned()
                .unwrap_or_default();
            (RequirementIx(i), reason)
        })
        .collect();
    FormalPlan {
        level,
        target,
        recommended,
        effort,
        internal_assessor: target >= INTERNAL_ASSESSOR_FROM,
        high_maturity: target >= HIGH_MATURITY_FROM,
        above_first: target > *FIRST_APPLICATION.end(),
        readiness,
        tailored,
        not_applicable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_application_is_level_2_or_3() {
        let got: Vec<u8> = (0..=5).map(recommended_first).collect();
        assert_eq!(got, [2, 2, 2, 3, 3, 3]);
    }

    #[test]
    fn person_days_are_the_sum_of_both_phases() {
        // The source states the totals; they must agree with people × days of each phase.
        for e in EFFORT {
            let sum = u16::from(e.pre_people) * u16::from(e.pre_days)
                + u16::from(e.formal_people) * u16::from(e.formal_days);
            assert_eq!(sum, e.person_days, "level {}", e.level);
        }
    }
}
