//! Reconciling two sessions' answers: the three-way merge of the same answers file edited in two
//! places (two windows, or a window and the file on disk). Not `zizhen merge`, which puts
//! together the parts of one assessment answered by several people ([`crate::model::merge`]).

use std::collections::{BTreeMap, BTreeSet};

#[cfg(test)]
use super::Rated;
use super::{Answers, Meta};
use crate::model::profile::Profile;

/// Three-way merge at the level of single answers: whatever `ours` changed since `base` wins,
/// everything else comes from `theirs`. Two people editing the same assessment (two terminals)
/// keep each other's answers; only the very same answer changed on both sides goes to `ours`.
pub fn reconcile(base: &Answers, ours: &Answers, theirs: &Answers) -> Answers {
    fn map<V: Clone + PartialEq>(
        base: &BTreeMap<String, V>,
        ours: &BTreeMap<String, V>,
        theirs: &BTreeMap<String, V>,
    ) -> BTreeMap<String, V> {
        let keys: BTreeSet<&String> = base
            .keys()
            .chain(ours.keys())
            .chain(theirs.keys())
            .collect();
        keys.into_iter()
            .filter_map(|k| {
                let pick = if ours.get(k) != base.get(k) {
                    ours
                } else {
                    theirs
                };
                pick.get(k).map(|v| (k.clone(), v.clone()))
            })
            .collect()
    }
    fn field<T: Clone + PartialEq>(base: &T, ours: &T, theirs: &T) -> T {
        if ours != base {
            ours.clone()
        } else {
            theirs.clone()
        }
    }
    let (bp, op, tp) = (&base.profile, &ours.profile, &theirs.profile);
    Answers {
        questionnaire: ours.questionnaire.clone(),
        questionnaire_version: ours.questionnaire_version.clone(),
        profile: Profile {
            name: field(&bp.name, &op.name, &tp.name),
            credit_code: field(&bp.credit_code, &op.credit_code, &tp.credit_code),
            industry: field(&bp.industry, &op.industry, &tp.industry),
            industry_type: field(&bp.industry_type, &op.industry_type, &tp.industry_type),
            province: field(&bp.province, &op.province, &tp.province),
            employees: field(&bp.employees, &op.employees, &tp.employees),
            revenue: field(&bp.revenue, &op.revenue, &tp.revenue),
            covers: field(&bp.covers, &op.covers, &tp.covers),
        },
        tailoring: map(&base.tailoring, &ours.tailoring, &theirs.tailoring),
        ratings: map(&base.ratings, &ours.ratings, &theirs.ratings),
        notes: map(&base.notes, &ours.notes, &theirs.notes),
        not_applicable: map(
            &base.not_applicable,
            &ours.not_applicable,
            &theirs.not_applicable,
        ),
        weights: field(&base.weights, &ours.weights, &theirs.weights),
        meta: Meta {
            created: field(&base.meta.created, &ours.meta.created, &theirs.meta.created),
            updated: ours.meta.updated.clone().max(theirs.meta.updated.clone()),
            target_level: field(
                &base.meta.target_level,
                &ours.meta.target_level,
                &theirs.meta.target_level,
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rating::Rating;

    fn with(ratings: &[(&str, Rating)], notes: &[(&str, &str)]) -> Answers {
        Answers {
            questionnaire: "q".into(),
            ratings: ratings
                .iter()
                .map(|(k, r)| (k.to_string(), Rated::given(*r)))
                .collect(),
            notes: notes
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Answers::default()
        }
    }

    #[test]
    fn reconcile_keeps_both_sides_changes() {
        let base = with(&[("a", Rating::NI)], &[("a", "old")]);
        let ours = with(&[("a", Rating::NI), ("b", Rating::FI)], &[]);
        let theirs = with(&[("a", Rating::LI), ("c", Rating::PI)], &[("a", "old")]);
        let merged = reconcile(&base, &ours, &theirs);
        assert_eq!(
            merged.ratings,
            with(
                &[("a", Rating::LI), ("b", Rating::FI), ("c", Rating::PI)],
                &[]
            )
            .ratings,
            "their change of a, our new b, their new c"
        );
        assert!(merged.notes.is_empty(), "our deletion of the note wins");
    }

    #[test]
    fn reconcile_prefers_ours_on_the_same_answer() {
        let base = with(&[("a", Rating::NI)], &[]);
        let ours = with(&[("a", Rating::FI)], &[]);
        let theirs = with(&[("a", Rating::PI)], &[]);
        assert_eq!(
            reconcile(&base, &ours, &theirs).ratings["a"].rating,
            Rating::FI
        );
    }

    #[test]
    fn reconcile_profile_fields_and_estimates() {
        let estimate = |rating| Rated {
            rating,
            estimate: true,
        };
        let mut base = with(&[], &[]);
        base.profile.name = Some("A".into());
        base.ratings.insert("x".into(), estimate(Rating::FI));
        let mut ours = base.clone();
        ours.profile.employees = Some(10);
        // We confirm the estimate of x; they estimate y.
        ours.ratings.insert("x".into(), Rated::given(Rating::FI));
        let mut theirs = base.clone();
        theirs.profile.name = Some("B".into());
        theirs.ratings.insert("y".into(), estimate(Rating::NI));
        let merged = reconcile(&base, &ours, &theirs);
        assert_eq!(merged.profile.name.as_deref(), Some("B"));
        assert_eq!(merged.profile.employees, Some(10));
        let estimates: Vec<&String> = merged
            .ratings
            .iter()
            .filter(|(_, r)| r.estimate)
            .map(|(id, _)| id)
            .collect();
        assert_eq!(estimates, ["y"]);
        assert_eq!(merged.ratings["x"], Rated::given(Rating::FI));
    }
}
