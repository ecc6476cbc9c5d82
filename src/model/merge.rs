//! Several people answer parts of one assessment — the production manager production, the IT
//! manager technology — and their files are put together: the union of ratings, notes,
//! tailoring, not-applicable marks and single-valued fields (profile, target, weights). Pure: it
//! reads checked answers and says what it did; it never prints or writes.
//!
//! (Reconciling two windows that save the same assessment is another thing: the three-way merge
//! of one file in [`answers::reconcile`](super::answers::reconcile).)
//!
//! The rules, so that nothing is lost or decided silently:
//! - What only one part says is taken. What several parts say alike is taken once (a rating
//!   counts as a quick estimate only when every part that gives it estimated it).
//! - **Conflicts** are listed ([`Conflict`]): a requirement answered differently (two ratings,
//!   or a rating and "not applicable"); a sub-domain one part tailors out while another rates
//!   requirements in it; a field set to different values. The preferred part (`--prefer`) wins
//!   every conflict it takes part in. A conflict without it is left open: the requirement
//!   unrated, the sub-domain applicable, the field unset.
//! - **Notes and reasons are combined, not in conflict**: they are evidence, and dropping one
//!   person's would lose it. Where parts wrote different notes for one requirement (or different
//!   reasons for one tailoring or not-applicable mark), the result keeps each, labelled with its
//!   part's name: `[production] APS pilot | [it] MES live` ([`Merged::combined`] lists them).

use std::collections::BTreeSet;

use super::answers::{Answers, Rated};
use super::compare::Answer;
use super::fields::Field;
use super::questionnaire::Questionnaire;

/// One part to merge: a name (shown in labels and messages) and its answers.
#[derive(Clone, Copy, Debug)]
pub struct Part<'a> {
    pub name: &'a str,
    pub answers: &'a Answers,
}

/// What a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A requirement, by its place in the questionnaire.
    Requirement(usize),
    /// A sub-domain's tailoring, by its place in the questionnaire.
    Tailoring(usize),
    Field(Field),
}

/// What one part says in a conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Said {
    /// A rating or "not applicable".
    Answer(Answer),
    /// The sub-domain does not apply (the part's reason).
    TailoredOut(String),
    /// The part rated requirements of the sub-domain: it applies.
    Applies,
    /// A field's value, as [`Field::value`] writes it.
    Value(String),
}

/// How a conflict ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The preferred part (its index) took part and won.
    Preferred(usize),
    /// Left open: unrated, applicable, unset.
    Open,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub subject: Subject,
    /// (part index, what it says), in part order; only the parts that say something.
    pub said: Vec<(usize, Said)>,
    pub resolution: Resolution,
}

/// Where texts from several parts were combined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Combined {
    /// A requirement's notes (its place in the questionnaire).
    Note(usize),
    /// The reasons a requirement is not applicable.
    NotApplicableReason(usize),
    /// The reasons a sub-domain is tailored out.
    TailoringReason(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub answers: Answers,
    /// In questionnaire order: requirements, then tailoring, then fields.
    pub conflicts: Vec<Conflict>,
    pub combined: Vec<Combined>,
}

impl Merged {
    /// The conflicts no part was preferred in (left unrated, applicable or unset).
    pub fn open(&self) -> impl Iterator<Item = &Conflict> {
        self.conflicts
            .iter()
            .filter(|c| c.resolution == Resolution::Open)
    }
}

/// Merges `parts` (answers checked against `q`), the part at `prefer` winning its conflicts.
pub fn merge(q: &Questionnaire, parts: &[Part], prefer: Option<usize>) -> Merged {
    let mut out = Answers::new(q);
    if let Some(first) = parts.first() {
        out.questionnaire = first.answers.questionnaire.clone();
        out.questionnaire_version = first.answers.questionnaire_version.clone();
    }
    out.meta.created = parts
        .iter()
        .filter_map(|p| p.answers.meta.created.clone())
        .min();
    out.meta.updated = parts
        .iter()
        .filter_map(|p| p.answers.meta.updated.clone())
        .max();
    let mut conflicts = Vec::new();
    let mut combined = Vec::new();
    let resolve = |said: &[(usize, Said)]| match prefer {
        Some(p) if said.iter().any(|(i, _)| *i == p) => Resolution::Preferred(p),
        _ => Resolution::Open,
    };

    for (index, r) in q.requirements.iter().enumerate() {
        let said: Vec<(usize, Said)> = parts
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match Answer::of(p.answers, &r.id) {
                Answer::Unrated => None,
                answer => Some((i, Said::Answer(answer))),
            })
            .collect();
        let chosen: Vec<usize> = if distinct(&said) > 1 {
            let resolution = resolve(&said);
            conflicts.push(Conflict {
                subject: Subject::Requirement(index),
                said: said.clone(),
                resolution,
            });
            match resolution {
                Resolution::Preferred(p) => vec![p],
                Resolution::Open => Vec::new(),
            }
        } else {
            said.iter().map(|(i, _)| *i).collect()
        };
        match chosen.first().map(|&i| Answer::of(parts[i].answers, &r.id)) {
            Some(Answer::Rated(rating)) => {
                let estimate = chosen.iter().all(|&i| {
                    parts[i]
                        .answers
                        .ratings
                        .get(&r.id)
                        .is_some_and(|x| x.estimate)
                });
                out.ratings.insert(r.id.clone(), Rated { rating, estimate });
            }
            Some(Answer::NotApplicable) => {
                let reasons = texts(parts, &chosen, |a| a.not_applicable.get(&r.id));
                if reasons.len() > 1 {
                    combined.push(Combined::NotApplicableReason(index));
                }
                out.not_applicable
                    .insert(r.id.clone(), join(parts, &reasons));
            }
            _ => {}
        }
        let all: Vec<usize> = (0..parts.len()).collect();
        let notes = texts(parts, &all, |a| a.notes.get(&r.id));
        if notes.len() > 1 {
            combined.push(Combined::Note(index));
        }
        if !notes.is_empty() {
            out.notes.insert(r.id.clone(), join(parts, &notes));
        }
    }

    for (s, subdomain) in q.subdomains.iter().enumerate() {
        let key = &subdomain.key;
        let requirements = q.subdomain_requirements(s);
        let said: Vec<(usize, Said)> = parts
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p.answers.tailoring.get(key) {
                Some(reason) => Some((i, Said::TailoredOut(reason.clone()))),
                None => requirements
                    .clone()
                    .any(|x| Answer::of(p.answers, &q.requirements[x].id) != Answer::Unrated)
                    .then_some((i, Said::Applies)),
            })
            .collect();
        let tailored: Vec<usize> = said
            .iter()
            .filter(|(_, s)| matches!(s, Said::TailoredOut(_)))
            .map(|(i, _)| *i)
            .collect();
        if tailored.is_empty() {
            continue;
        }
        let out_by: Vec<usize> = if tailored.len() < said.len() {
            let resolution = resolve(&said);
            conflicts.push(Conflict {
                subject: Subject::Tailoring(s),
                said: said.clone(),
                resolution,
            });
            match resolution {
                Resolution::Preferred(p) if tailored.contains(&p) => vec![p],
                _ => Vec::new(),
            }
        } else {
            tailored
        };
        if !out_by.is_empty() {
            let reasons = texts(parts, &out_by, |a| a.tailoring.get(key));
            if reasons.len() > 1 {
                combined.push(Combined::TailoringReason(s));
            }
            out.tailoring.insert(key.clone(), join(parts, &reasons));
        }
    }

    for field in Field::ALL {
        let said: Vec<(usize, Said)> = parts
            .iter()
            .enumerate()
            .filter_map(|(i, p)| field.value(p.answers).map(|v| (i, Said::Value(v))))
            .collect();
        let from = if distinct(&said) > 1 {
            let resolution = resolve(&said);
            conflicts.push(Conflict {
                subject: Subject::Field(field),
                said: said.clone(),
                resolution,
            });
            match resolution {
                Resolution::Preferred(p) => Some(p),
                Resolution::Open => None,
            }
        } else {
            said.first().map(|(i, _)| *i)
        };
        if let Some(i) = from {
            field.copy(parts[i].answers, &mut out);
        }
    }

    Merged {
        answers: out,
        conflicts,
        combined,
    }
}

/// How many different things are said.
fn distinct(said: &[(usize, Said)]) -> usize {
    let mut seen: Vec<&Said> = Vec::new();
    for (_, s) in said {
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    seen.len()
}

/// The different texts the `chosen` parts hold (via `get`), each with the first part that
/// wrote it; blank texts are left out.
fn texts<'a>(
    parts: &[Part<'a>],
    chosen: &[usize],
    get: impl Fn(&'a Answers) -> Option<&'a String>,
) -> Vec<(usize, &'a str)> {
    let mut seen = BTreeSet::new();
    chosen
        .iter()
        .filter_map(|&i| get(parts[i].answers).map(|t| (i, t.trim())))
        .filter(|(_, t)| !t.is_empty() && seen.insert(*t))
        .collect()
}

/// One text as it is; several labelled with their parts' names: `[a] x | [b] y`.
fn join(parts: &[Part], texts: &[(usize, &str)]) -> String {
    match texts {
        [(_, only)] => (*only).to_string(),
        _ => texts
            .iter()
            .map(|(i, t)| format!("[{}] {t}", parts[*i].name))
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

/// What merging added to `base`: counts of the answers it changes, and the fields it set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Added {
    pub ratings: usize,
    pub notes: usize,
    pub not_applicable: usize,
    pub tailoring: usize,
    pub fields: Vec<Field>,
}

impl Added {
    pub fn is_empty(&self) -> bool {
        *self == Added::default()
    }
}

/// What `merged` holds that `base` does not (new or different values).
pub fn added(base: &Answers, merged: &Answers) -> Added {
    fn count<V: PartialEq>(
        base: &std::collections::BTreeMap<String, V>,
        merged: &std::collections::BTreeMap<String, V>,
    ) -> usize {
        merged
            .iter()
            .filter(|(k, v)| base.get(*k) != Some(*v))
            .count()
    }
    Added {
        ratings: count(&base.ratings, &merged.ratings),
        notes: count(&base.notes, &merged.notes),
        not_applicable: count(&base.not_applicable, &merged.not_applicable),
        tailoring: count(&base.tailoring, &merged.tailoring),
        fields: Field::ALL
            .into_iter()
            .filter(|f| f.value(merged).is_some() && f.value(merged) != f.value(base))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rating::Rating;

    fn q() -> Questionnaire {
        Questionnaire::embedded()
    }

    fn id(q: &Questionnaire, i: usize) -> String {
        q.requirements[i].id.clone()
    }

    /// Answers rating requirements `(index, rating)`.
    fn rating(q: &Questionnaire, list: &[(usize, Rating)]) -> Answers {
        let mut a = Answers::new(q);
        for &(i, r) in list {
            a.ratings.insert(id(q, i), Rated::given(r));
        }
        a
    }

    fn parts<'a>(names: &'a [&'a str], answers: &'a [Answers]) -> Vec<Part<'a>> {
        names
            .iter()
            .zip(answers)
            .map(|(name, answers)| Part { name, answers })
            .collect()
    }

    #[test]
    fn what_parts_say_apart_or_alike_is_united_without_conflict() {
        let q = q();
        let mut a = rating(&q, &[(0, Rating::FI), (1, Rating::LI), (2, Rating::PI)]);
        let mut b = rating(&q, &[(2, Rating::PI), (3, Rating::NI), (40, Rating::LI)]);
        a.profile.name = Some("Acme".into());
        b.profile.name = Some("Acme".into());
        b.profile.employees = Some(250);
        a.notes.insert(id(&q, 0), "APS pilot".into());
        b.notes.insert(id(&q, 2), "same note".into());
        a.notes.insert(id(&q, 2), "same note".into());
        let answers = [a.clone(), b.clone()];
        let merged = merge(&q, &parts(&["a", "b"], &answers), None);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert!(merged.combined.is_empty());
        // Every rating of either part, once.
        let mut expected = a.ratings.clone();
        expected.extend(b.ratings.clone());
        assert_eq!(merged.answers.ratings, expected);
        let mut notes = a.notes.clone();
        notes.extend(b.notes.clone());
        assert_eq!(merged.answers.notes, notes);
        assert_eq!(merged.answers.profile.name.as_deref(), Some("Acme"));
        assert_eq!(merged.answers.profile.employees, Some(250));
    }

    #[test]
    fn conflicts_are_listed_and_resolved_only_by_a_preferred_part_in_them() {
        let q = q();
        let mut a = rating(&q, &[(5, Rating::LI), (6, Rating::FI)]);
        let mut b = rating(&q, &[(5, Rating::PI), (6, Rating::FI)]);
        let c = rating(&q, &[(7, Rating::NI)]);
        a.profile.employees = Some(300);
        b.profile.employees = Some(320);
        let answers = [a, b, c];
        let names = ["production", "it", "quality"];
        // (preferred part, expected rating of requirement 5, expected employees, resolution)
        type Case = (Option<usize>, Option<Rating>, Option<u64>, Resolution);
        let cases: [Case; 4] = [
            (None, None, None, Resolution::Open),
            (
                Some(0),
                Some(Rating::LI),
                Some(300),
                Resolution::Preferred(0),
            ),
            (
                Some(1),
                Some(Rating::PI),
                Some(320),
                Resolution::Preferred(1),
            ),
            // The quality part takes no part in these conflicts: they stay open.
            (Some(2), None, None, Resolution::Open),
        ];
        for (prefer, rating5, employees, resolution) in cases {
            let merged = merge(&q, &parts(&names, &answers), prefer);
            let subjects: Vec<Subject> = merged.conflicts.iter().map(|c| c.subject).collect();
            assert_eq!(
                subjects,
                [Subject::Requirement(5), Subject::Field(Field::Employees)],
                "prefer {prefer:?}"
            );
            assert!(merged.conflicts.iter().all(|c| c.resolution == resolution));
            assert_eq!(
                merged.conflicts[0].said,
                [
                    (0, Said::Answer(Answer::Rated(Rating::LI))),
                    (1, Said::Answer(Answer::Rated(Rating::PI)))
                ]
            );
            assert_eq!(merged.answers.rating(&id(&q, 5)), rating5);
            assert_eq!(merged.answers.profile.employees, employees);
            // What is not in conflict is taken whatever is preferred.
            assert_eq!(merged.answers.rating(&id(&q, 6)), Some(Rating::FI));
            assert_eq!(merged.answers.rating(&id(&q, 7)), Some(Rating::NI));
            assert_eq!(
                merged.open().count(),
                if resolution == Resolution::Open { 2 } else { 0 }
            );
        }
    }

    #[test]
    fn a_rating_against_not_applicable_is_a_conflict() {
        let q = q();
        let conditional = q
            .requirements
            .iter()
            .position(|r| r.condition.is_some())
            .unwrap();
        let a = rating(&q, &[(conditional, Rating::LI)]);
        let mut b = Answers::new(&q);
        b.not_applicable
            .insert(id(&q, conditional), "no outlet".into());
        let answers = [a, b];
        let open = merge(&q, &parts(&["a", "b"], &answers), None);
        assert_eq!(open.conflicts.len(), 1);
        assert_eq!(open.answers.rating(&id(&q, conditional)), None);
        assert!(!open.answers.is_not_applicable(&id(&q, conditional)));
        let b_wins = merge(&q, &parts(&["a", "b"], &answers), Some(1));
        assert_eq!(
            b_wins
                .answers
                .not_applicable
                .get(&id(&q, conditional))
                .map(String::as_str),
            Some("no outlet")
        );
        assert_eq!(b_wins.answers.rating(&id(&q, conditional)), None);
    }

    #[test]
    fn tailoring_against_ratings_in_the_sub_domain_is_a_conflict() {
        let q = q();
        let s = q.subdomain_index("logistics").unwrap();
        let first = q.subdomain_requirements(s).start;
        let mut a = Answers::new(&q);
        a.tailoring.insert("logistics".into(), "outsourced".into());
        let b = rating(&q, &[(first, Rating::LI)]);
        let mut c = Answers::new(&q);
        c.tailoring
            .insert("logistics".into(), "a 3PL does it".into());
        let names = ["a", "b", "c"];
        // Without b, a and c agree: tailored, their two reasons combined.
        let agreed = [a.clone(), c.clone()];
        let merged = merge(&q, &parts(&["a", "c"], &agreed), None);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.combined, [Combined::TailoringReason(s)]);
        assert_eq!(
            merged.answers.tailoring["logistics"],
            "[a] outsourced | [c] a 3PL does it"
        );
        let answers = [a, b, c];
        for (prefer, tailored) in [(None, false), (Some(0), true), (Some(1), false)] {
            let merged = merge(&q, &parts(&names, &answers), prefer);
            assert_eq!(merged.conflicts.len(), 1, "prefer {prefer:?}");
            assert_eq!(merged.conflicts[0].subject, Subject::Tailoring(s));
            assert_eq!(
                merged.conflicts[0].said,
                [
                    (0, Said::TailoredOut("outsourced".into())),
                    (1, Said::Applies),
                    (2, Said::TailoredOut("a 3PL does it".into())),
                ]
            );
            assert_eq!(merged.answers.is_tailored("logistics"), tailored);
            // b's rating is kept either way (it counts only where the sub-domain applies).
            assert_eq!(merged.answers.rating(&id(&q, first)), Some(Rating::LI));
        }
        let a_wins = merge(&q, &parts(&names, &answers), Some(0));
        assert_eq!(a_wins.answers.tailoring["logistics"], "outsourced");
    }

    #[test]
    fn different_notes_are_kept_labelled_and_estimates_need_every_part() {
        let q = q();
        let estimate = Rated {
            rating: Rating::LI,
            estimate: true,
        };
        let mut a = Answers::new(&q);
        let mut b = Answers::new(&q);
        a.notes.insert(id(&q, 0), "APS pilot".into());
        b.notes.insert(id(&q, 0), "MES live".into());
        a.ratings.insert(id(&q, 1), estimate);
        b.ratings.insert(id(&q, 1), estimate);
        a.ratings.insert(id(&q, 2), estimate);
        b.ratings.insert(id(&q, 2), Rated::given(Rating::LI));
        let answers = [a, b];
        let merged = merge(&q, &parts(&["production", "it"], &answers), None);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.combined, [Combined::Note(0)]);
        assert_eq!(
            merged.answers.notes[&id(&q, 0)],
            "[production] APS pilot | [it] MES live"
        );
        assert!(merged.answers.ratings[&id(&q, 1)].estimate);
        assert!(!merged.answers.ratings[&id(&q, 2)].estimate);
    }

    #[test]
    fn added_counts_what_the_base_lacked() {
        let q = q();
        let base = rating(&q, &[(0, Rating::LI)]);
        let mut other = rating(&q, &[(0, Rating::LI), (1, Rating::FI), (2, Rating::NI)]);
        other.profile.province = Some("32".into());
        other.notes.insert(id(&q, 1), "n".into());
        let answers = [base.clone(), other];
        let merged = merge(&q, &parts(&["mine", "theirs"], &answers), Some(0));
        assert_eq!(
            added(&base, &merged.answers),
            Added {
                ratings: 2,
                notes: 1,
                not_applicable: 0,
                tailoring: 0,
                fields: vec![Field::Province],
            }
        );
        assert!(added(&merged.answers, &merged.answers).is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// How many requirements the generated parts rate (the first ones of the questionnaire).
        const N: usize = 12;

        fn embedded() -> &'static Questionnaire {
            static Q: std::sync::OnceLock<Questionnaire> = std::sync::OnceLock::new();
            Q.get_or_init(Questionnaire::embedded)
        }

        fn answers(q: &Questionnaire, ratings: &[Option<usize>]) -> Answers {
            let mut a = Answers::new(q);
            for (i, r) in ratings.iter().enumerate() {
                if let Some(r) = r {
                    a.ratings.insert(id(q, i), Rated::given(Rating::ALL[*r]));
                }
            }
            a
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]

            /// Per requirement: what the parts rating it agree on is taken; where they disagree,
            /// a conflict is listed, and the preferred part's rating is taken if it rates it,
            /// else none.
            #[test]
            fn each_rating_follows_the_rule(
                ratings in prop::collection::vec(
                    prop::collection::vec(prop::option::of(0usize..4), N),
                    1..5,
                ),
                prefer in prop::option::of(0usize..5),
            ) {
                let q = embedded();
                let all: Vec<Answers> = ratings.iter().map(|r| answers(q, r)).collect();
                let names: Vec<String> = (0..all.len()).map(|i| format!("p{i}")).collect();
                let parts: Vec<Part> = names
                    .iter()
                    .zip(&all)
                    .map(|(name, answers)| Part { name, answers })
                    .collect();
                let prefer = prefer.filter(|&p| p < all.len());
                let merged = merge(q, &parts, prefer);
                let mut kept = 0;
                for j in 0..N {
                    let said: Vec<(usize, usize)> = ratings
                        .iter()
                        .enumerate()
                        .filter_map(|(i, r)| r[j].map(|r| (i, r)))
                        .collect();
                    let distinct: BTreeSet<usize> = said.iter().map(|(_, r)| *r).collect();
                    let expected = if distinct.len() <= 1 {
                        distinct.first().copied()
                    } else {
                        prefer.and_then(|p| said.iter().find(|(i, _)| *i == p).map(|(_, r)| *r))
                    };
                    kept += usize::from(expected.is_some());
                    prop_assert_eq!(merged.answers.rating(&id(q, j)), expected.map(|r| Rating::ALL[r]));
                    let listed = merged
                        .conflicts
                        .iter()
                        .any(|c| c.subject == Subject::Requirement(j));
                    prop_assert_eq!(listed, distinct.len() > 1);
                }
                prop_assert_eq!(merged.answers.ratings.len(), kept);
            }

            /// A part merged with itself is itself, without conflicts.
            #[test]
            fn a_part_merged_with_itself_is_itself(
                ratings in prop::collection::vec(prop::option::of(0usize..4), N),
            ) {
                let q = embedded();
                let a = answers(q, &ratings);
                let parts = [Part { name: "a", answers: &a }, Part { name: "b", answers: &a }];
                let merged = merge(q, &parts, None);
                prop_assert!(merged.conflicts.is_empty());
                prop_assert_eq!(&merged.answers.ratings, &a.ratings);
            }
        }
    }
}
