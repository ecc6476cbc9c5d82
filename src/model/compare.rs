//! Two assessments side by side — the same enterprise a year apart, or its self-diagnosis beside
//! an assessor's: both scores (level, X, S1–S5, every sub-domain, domain and element), every
//! requirement whose answer changed, every sub-domain tailored in one and not the other (or
//! for another reason), and every profile field, target or weight that differs. Pure: it reads
//! two checked answers and scores them with [`scoring`](super::scoring); it never prints.
//!
//! A requirement's answer is one of unrated, a rating (NI/PI/LI/FI) or not applicable (a
//! conditional requirement marked so). Whether a rating is a quick estimate is not a change of
//! the answer; notes are not compared.

use super::answers::Answers;
use super::fields::Field;
use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::scoring::{NodeScore, Score, score};

/// What an assessment says about one requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Unrated,
    Rated(Rating),
    /// A conditional requirement marked not applicable.
    NotApplicable,
}

impl Answer {
    /// The answer `answers` give requirement `id` (not applicable before any rating it holds).
    pub fn of(answers: &Answers, id: &str) -> Answer {
        if answers.is_not_applicable(id) {
            Answer::NotApplicable
        } else {
            answers.rating(id).map_or(Answer::Unrated, Answer::Rated)
        }
    }

    /// "NI" … "FI", "unrated", "not_applicable": as JSON writes it.
    pub fn key(self) -> &'static str {
        match self {
            Answer::Unrated => "unrated",
            Answer::Rated(r) => r.code(),
            Answer::NotApplicable => "not_applicable",
        }
    }
}

/// A requirement answered differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequirementChange {
    /// Its place in the questionnaire.
    pub index: usize,
    pub id: String,
    pub from: Answer,
    pub to: Answer,
}

/// A sub-domain whose tailoring differs: `None` where it applies, else the reason it does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TailoringChange {
    pub subdomain: usize,
    pub key: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A single-valued field that differs (its value as text; `None`: not set).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Field,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// One sub-domain, domain or element scored in both assessments.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodePair<'a> {
    pub a: &'a NodeScore,
    pub b: &'a NodeScore,
}

impl NodePair<'_> {
    /// Whether anything shown of it differs: applicability, its overall score or a level score.
    pub fn changed(&self) -> bool {
        self.a.applicable != self.b.applicable
            || self.a.overall != self.b.overall
            || self.a.levels != self.b.levels
    }
}

/// The difference between assessment A and assessment B (B is the later or the other view).
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub a: Score,
    pub b: Score,
    /// In questionnaire order.
    pub requirements: Vec<RequirementChange>,
    /// In questionnaire order.
    pub tailoring: Vec<TailoringChange>,
    /// In [`Field::ALL`] order.
    pub fields: Vec<FieldChange>,
}

impl Comparison {
    pub fn subdomains(&self) -> Vec<NodePair<'_>> {
        pairs(&self.a.subdomains, &self.b.subdomains)
    }

    pub fn domains(&self) -> Vec<NodePair<'_>> {
        pairs(&self.a.domains, &self.b.domains)
    }

    pub fn elements(&self) -> Vec<NodePair<'_>> {
        pairs(&self.a.elements, &self.b.elements)
    }

    /// Whether the two assessments say the same thing everywhere compared.
    pub fn is_same(&self) -> bool {
        self.a == self.b
            && self.requirements.is_empty()
            && self.tailoring.is_empty()
            && self.fields.is_empty()
    }
}

fn pairs<'a>(a: &'a [NodeScore], b: &'a [NodeScore]) -> Vec<NodePair<'a>> {
    a.iter().zip(b).map(|(a, b)| NodePair { a, b }).collect()
}

/// Compares two checked answers to `q`.
pub fn compare(q: &Questionnaire, a: &Answers, b: &Answers) -> Comparison {
    let requirements = q
        .requirements
        .iter()
        .enumerate()
        .filter_map(|(index, r)| {
            let (from, to) = (Answer::of(a, &r.id), Answer::of(b, &r.id));
            (from != to).then(|| RequirementChange {
                index,
                id: r.id.clone(),
                from,
                to,
            })
        })
        .collect();
    let tailoring = q
        .subdomains
        .iter()
        .enumerate()
        .filter_map(|(subdomain, s)| {
            let (from, to) = (a.tailoring.get(&s.key), b.tailoring.get(&s.key));
            (from != to).then(|| TailoringChange {
                subdomain,
                key: s.key.clone(),
                from: from.cloned(),
                to: to.cloned(),
            })
        })
        .collect();
    let fields = Field::ALL
        .into_iter()
        .filter_map(|field| {
            let (from, to) = (field.value(a), field.value(b));
            (from != to).then_some(FieldChange { field, from, to })
        })
        .collect();
    Comparison {
        a: score(q, a),
        b: score(q, b),
        requirements,
        tailoring,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::answers::Rated;

    fn q() -> Questionnaire {
        Questionnaire::embedded()
    }

    fn rate_all(q: &Questionnaire, rating: Rating) -> Answers {
        let mut answers = Answers::new(q);
        for r in &q.requirements {
            answers.ratings.insert(r.id.clone(), Rated::given(rating));
        }
        answers
    }

    #[test]
    fn the_same_answers_compare_equal() {
        let q = q();
        let a = rate_all(&q, Rating::LI);
        let c = compare(&q, &a, &a.clone());
        assert!(c.is_same());
        assert!(c.subdomains().iter().all(|p| !p.changed()));
    }

    #[test]
    fn every_kind_of_answer_change_is_listed_once_in_questionnaire_order() {
        let q = q();
        let a = rate_all(&q, Rating::LI);
        let mut b = a.clone();
        // Choose requirements spread over the questionnaire, and a conditional one for N/A.
        let last = q.requirements.len() - 1;
        let conditional = q
            .requirements
            .iter()
            .position(|r| r.condition.is_some())
            .expect("the embedded questionnaire has conditional requirements");
        let (first, middle) = (0, q.requirements.len() / 2);
        b.ratings
            .insert(q.requirements[first].id.clone(), Rated::given(Rating::FI));
        b.ratings.remove(&q.requirements[middle].id);
        b.not_applicable
            .insert(q.requirements[conditional].id.clone(), "no outlet".into());
        // An estimate of the same rating is the same answer.
        b.ratings.insert(
            q.requirements[last].id.clone(),
            Rated {
                rating: Rating::LI,
                estimate: true,
            },
        );
        let mut expected = vec![
            (first, Answer::Rated(Rating::LI), Answer::Rated(Rating::FI)),
            (middle, Answer::Rated(Rating::LI), Answer::Unrated),
            (
                conditional,
                Answer::Rated(Rating::LI),
                Answer::NotApplicable,
            ),
        ];
        expected.sort_by_key(|e| e.0);
        expected.dedup_by_key(|e| e.0);
        let c = compare(&q, &a, &b);
        let found: Vec<(usize, Answer, Answer)> = c
            .requirements
            .iter()
            .map(|r| (r.index, r.from, r.to))
            .collect();
        assert_eq!(found, expected);
        for change in &c.requirements {
            assert_eq!(change.id, q.requirements[change.index].id);
        }
        // The reverse comparison lists the same requirements, from and to swapped.
        let back = compare(&q, &b, &a);
        let reversed: Vec<(usize, Answer, Answer)> = back
            .requirements
            .iter()
            .map(|r| (r.index, r.to, r.from))
            .collect();
        assert_eq!(reversed, expected);
    }

    #[test]
    fn scores_are_each_sides_own() {
        let q = q();
        let a = rate_all(&q, Rating::PI);
        let b = rate_all(&q, Rating::FI);
        let c = compare(&q, &a, &b);
        assert_eq!(c.a, score(&q, &a));
        assert_eq!(c.b, score(&q, &b));
        assert_eq!(c.b.level, 5);
        // All PI: no level reaches 0.8, X = S1 = 0.5.
        assert_eq!(c.a.level, 0);
        assert!(c.subdomains().iter().all(|p| p.changed()));
        assert_eq!(c.requirements.len(), q.requirements.len());
    }

    #[test]
    fn tailoring_and_fields_that_differ() {
        let q = q();
        let mut a = rate_all(&q, Rating::LI);
        a.profile.name = Some("Acme".into());
        a.profile.employees = Some(300);
        a.tailoring
            .insert("sales".into(), "sold by the group".into());
        a.tailoring.insert("logistics".into(), "outsourced".into());
        let mut b = a.clone();
        b.profile.employees = Some(320);
        b.meta.target_level = Some(3);
        b.tailoring.remove("sales");
        b.tailoring
            .insert("logistics".into(), "outsourced to a 3PL".into());
        let c = compare(&q, &a, &b);
        let fields: Vec<(Field, Option<&str>, Option<&str>)> = c
            .fields
            .iter()
            .map(|f| (f.field, f.from.as_deref(), f.to.as_deref()))
            .collect();
        assert_eq!(
            fields,
            [
                (Field::Employees, Some("300"), Some("320")),
                (Field::Target, None, Some("3")),
            ]
        );
        let tailoring: Vec<(&str, Option<&str>, Option<&str>)> = c
            .tailoring
            .iter()
            .map(|t| (t.key.as_str(), t.from.as_deref(), t.to.as_deref()))
            .collect();
        // Questionnaire order: logistics comes before sales.
        assert_eq!(
            tailoring,
            [
                ("logistics", Some("outsourced"), Some("outsourced to a 3PL")),
                ("sales", Some("sold by the group"), None),
            ]
        );
        let sales = q.subdomain_index("sales").unwrap();
        assert!(c.subdomains()[sales].changed());
        assert!(!c.subdomains()[sales].a.applicable && c.subdomains()[sales].b.applicable);
    }
}
