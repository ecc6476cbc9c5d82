//! The scoring engine (GB/T 39117 as the project applies it): table-driven and property tests.

mod common;

use common::{answers, cell, questionnaire, rate_level};
use num_rational::Ratio;
use proptest::prelude::*;
use rstest::rstest;
use zizhen::model::gaps::{findings, gap_to};
use zizhen::model::scoring::{Exact, Sheet, score, score_sheet};
use zizhen::model::{Questionnaire, Rating};

fn exact(n: i128, d: i128) -> Exact {
    Ratio::new(n, d)
}

/// Parsed once: property tests call it for every case.
fn embedded() -> &'static Questionnaire {
    static Q: std::sync::OnceLock<Questionnaire> = std::sync::OnceLock::new();
    Q.get_or_init(Questionnaire::embedded)
}

fn uniform(q: &Questionnaire, rating: Rating) -> Sheet {
    let mut sheet = Sheet::empty(q);
    sheet.ratings.fill(Some(rating));
    sheet
}

#[rstest]
#[case::all_ni(Rating::NI, exact(0, 1), 0)]
#[case::all_pi(Rating::PI, exact(1, 2), 0)]
#[case::all_li(Rating::LI, exact(5, 1), 5)]
#[case::all_fi(Rating::FI, exact(5, 1), 5)]
fn uniform_answers(#[case] rating: Rating, #[case] x: Exact, #[case] level: u8) {
    let q = embedded();
    let s = score_sheet(q, &uniform(q, rating));
    assert_eq!(s.overall, x);
    assert_eq!(s.level, level);
    assert!(s.completeness.complete());
}

#[test]
fn level_scores_one_and_point_eight_give_exactly_2() {
    let q = embedded();
    let mut ratings = rate_level(q, 1, "FI");
    ratings.extend(rate_level(q, 2, "LI"));
    for level in 3..=5 {
        ratings.extend(rate_level(q, level, "NI"));
    }
    let s = score(q, &answers(q, &ratings, &[]));
    let levels: Vec<Exact> = s.levels.iter().map(|l| l.score).collect();
    assert_eq!(
        levels,
        vec![
            exact(1, 1),
            exact(4, 5),
            exact(0, 1),
            exact(0, 1),
            exact(0, 1)
        ]
    );
    // Both reached, each counts 1; level 3 counts its 0.
    assert_eq!(s.overall, exact(2, 1));
    assert_eq!(s.level, 2);
    assert!(s.levels[1].reached, "0.8 reached is reached");
    assert!(s.levels[2].counted && !s.levels[3].counted);
}

#[test]
fn a_level_averaging_to_exactly_point_eight_is_reached() {
    // Sub-domain means 0.5, 0.9, 1.0: their mean is 0.8 exactly (2.4 / 3 is 0.7999… in floats).
    let q = questionnaire(&[
        cell("a", 1.0, [1, 1, 0, 0, 0]),
        cell("b", 1.0, [2, 1, 0, 0, 0]),
        cell("c", 1.0, [1, 1, 0, 0, 0]),
    ]);
    let a = answers(
        &q,
        &[
            ("a.1.1", "PI"),
            ("b.1.1", "LI"),
            ("b.1.2", "FI"),
            ("c.1.1", "FI"),
        ],
        &[],
    );
    let s = score(&q, &a);
    assert_eq!(s.levels[0].score, exact(4, 5));
    assert!(s.levels[0].reached);
    // Level 1 reached counts 1; level 2, unrated, counts its 0.
    assert_eq!(s.overall, exact(1, 1));
    assert_eq!(s.level, 1);
}

#[test]
fn unrated_counts_zero_and_is_reported() {
    let q = questionnaire(&[
        cell("a", 1.0, [2, 0, 0, 0, 0]),
        cell("b", 1.0, [2, 0, 0, 0, 0]),
    ]);
    let s = score(&q, &answers(&q, &[("a.1.1", "FI"), ("b.1.1", "FI")], &[]));
    assert_eq!(s.levels[0].score, exact(1, 2));
    assert_eq!(s.completeness.rated, 2);
    assert_eq!(s.completeness.total, 4);
    assert_eq!(s.completeness.unrated(), 2);
    assert!(!s.completeness.complete());
}

#[test]
fn empty_cells_score_by_rule_2() {
    // "a" has nothing at level 2: S_2 is "b"'s alone, not diluted by "a".
    let q = questionnaire(&[
        cell("a", 1.0, [1, 0, 1, 1, 1]),
        cell("b", 1.0, [1, 2, 1, 1, 1]),
    ]);
    let mut ratings = vec![
        ("a.1.1", "FI"),
        ("b.1.1", "FI"),
        ("b.2.1", "FI"),
        ("b.2.2", "LI"),
    ];
    ratings.extend([("a.3.1", "NI"), ("b.3.1", "NI")]);
    let s = score(&q, &answers(&q, &ratings, &[]));
    assert_eq!(s.levels[1].score, exact(9, 10));
    assert!(s.levels[1].assessed);
    assert_eq!(s.subdomains[0].levels[1], None);
    // Levels 1 and 2 reached (1 each), level 3 counts its 0.
    assert_eq!(s.overall, exact(2, 1));
    assert_eq!(s.level, 2);
}

#[test]
fn a_level_with_nothing_to_assess_scores_zero_and_stops_x() {
    let q = questionnaire(&[cell("a", 1.0, [1, 1, 0, 1, 1])]);
    let all: Vec<(&str, &str)> = q
        .requirements
        .iter()
        .map(|r| (r.id.as_str(), "FI"))
        .collect();
    let s = score(&q, &answers(&q, &all, &[]));
    assert!(!s.levels[2].assessed);
    assert!(!s.levels[2].reached);
    assert_eq!(s.overall, exact(2, 1));
    assert_eq!(s.level, 2);
}

#[test]
fn weights_apply_and_renormalise_after_tailoring() {
    let q = questionnaire(&[
        cell("a", 1.0, [1, 0, 0, 0, 0]),
        cell("b", 2.0, [1, 0, 0, 0, 0]),
        cell("c", 1.5, [1, 0, 0, 0, 0]),
    ]);
    let ratings = [("a.1.1", "FI"), ("b.1.1", "PI"), ("c.1.1", "NI")];
    let s = score(&q, &answers(&q, &ratings, &[]));
    // (1·1 + 2·0.5 + 1.5·0) / 4.5
    assert_eq!(s.levels[0].score, exact(4, 9));
    let s = score(&q, &answers(&q, &ratings, &["c"]));
    // c tailored out: (1·1 + 2·0.5) / 3
    assert_eq!(s.levels[0].score, exact(2, 3));
    assert!(!s.subdomains[2].applicable);
    assert_eq!(s.completeness.total, 2);
}

#[test]
fn domain_and_element_scores_are_weighted_means() {
    let q = embedded();
    let mut sheet = Sheet::empty(q);
    let planning = q.subdomain_index("planning").unwrap();
    for i in q.subdomain_requirements(planning) {
        sheet.ratings[i] = Some(Rating::FI);
    }
    let s = score_sheet(q, &sheet);
    let production = q
        .domains
        .iter()
        .position(|d| d.key == "production")
        .unwrap();
    // production has 7 sub-domains of weight 1: one fully met gives 1/7 at every level.
    assert_eq!(s.domains[production].levels[0], Some(exact(1, 7)));
    let manufacturing = q
        .elements
        .iter()
        .position(|e| e.key == "manufacturing")
        .unwrap();
    assert_eq!(s.elements[manufacturing].levels[4], Some(exact(1, 13)));
    assert_eq!(s.subdomains[planning].overall, Some(exact(5, 1)));
}

#[test]
fn findings_sort_ratings_into_their_kind() {
    let q = questionnaire(&[
        cell("a", 1.0, [4, 0, 0, 0, 0]),
        cell("b", 1.0, [1, 0, 0, 0, 0]),
    ]);
    let a = answers(
        &q,
        &[
            ("a.1.1", "NI"),
            ("a.1.2", "PI"),
            ("a.1.3", "LI"),
            ("b.1.1", "NI"),
        ],
        &["b"],
    );
    let sheet = Sheet::from_answers(&q, &a);
    let f = &findings(&q, &sheet)[0];
    let ids = |list: &[usize]| {
        list.iter()
            .map(|&i| q.requirements[i].id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&f.weaknesses),
        ["a.1.1"],
        "tailored b.1.1 is not a finding"
    );
    assert_eq!(ids(&f.improvements), ["a.1.2"]);
    assert_eq!(ids(&f.conforming), ["a.1.3"]);
    assert_eq!(ids(&f.unrated), ["a.1.4"]);
}

#[test]
fn gap_lists_what_lifts_x_most_first() {
    let q = questionnaire(&[
        cell("a", 1.0, [2, 2, 0, 0, 0]),
        cell("b", 1.0, [1, 1, 0, 0, 0]),
    ]);
    let a = answers(
        &q,
        &[
            ("a.1.1", "FI"),
            ("a.1.2", "PI"),
            ("b.1.1", "FI"),
            ("a.2.1", "FI"),
            ("b.2.1", "NI"),
        ],
        &[],
    );
    let sheet = Sheet::from_answers(&q, &a);
    let s = score_sheet(&q, &sheet);
    // S1 = (0.75 + 1) / 2 = 0.875, reached: counts 1; S2 = (0.5 + 0) / 2 = 0.25; X = 1.25.
    assert_eq!(s.overall, exact(5, 4));
    let gap = gap_to(&q, &sheet, &s, 2).expect("level 2 not reached");
    assert_eq!(gap.x_needed, exact(2, 1));
    assert_eq!(gap.x_shortfall, exact(3, 4));
    let ids: Vec<&str> = gap
        .items
        .iter()
        .map(|i| q.requirements[i.requirement].id.as_str())
        .collect();
    assert_eq!(ids, ["b.2.1", "a.2.2", "a.1.2"]);
    assert_eq!(gap.items[0].lift, exact(1, 2));
    assert_eq!(gap.items[1].lift, exact(1, 4));
    // Level 1 is reached already: raising a.1.2 to FI does not move X.
    assert_eq!(gap.items[2].lift, exact(0, 1));
    assert!(
        gap_to(&q, &sheet, &s, 1).is_none(),
        "level 1 is already met"
    );
}

fn arb_sheet(q: &Questionnaire) -> impl Strategy<Value = Sheet> + use<> {
    let ratings = proptest::collection::vec(
        proptest::option::of(prop::sample::select(Rating::ALL.to_vec())),
        q.requirements.len(),
    );
    let tailorable: Vec<bool> = q.subdomains.iter().map(|s| s.tailorable[0]).collect();
    let tailored =
        proptest::collection::vec(any::<bool>(), q.subdomains.len()).prop_map(move |t| {
            t.iter()
                .zip(&tailorable)
                .map(|(t, allowed)| *t && *allowed)
                .collect()
        });
    // Conditional requirements may be marked not applicable (the others never are).
    let conditional: Vec<bool> = q
        .requirements
        .iter()
        .map(|r| r.condition.is_some())
        .collect();
    let not_applicable = proptest::collection::vec(any::<bool>(), q.requirements.len())
        .prop_map(move |n| n.iter().zip(&conditional).map(|(n, c)| *n && *c).collect());
    let empty = Sheet::empty(q);
    (ratings, tailored, not_applicable).prop_map(move |(ratings, tailored, not_applicable)| Sheet {
        ratings,
        tailored,
        not_applicable,
        ..empty.clone()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn raising_any_rating_never_lowers_x(
        (sheet, index, step) in {
            let q = embedded();
            let n = q.requirements.len();
            (arb_sheet(q), 0..n, 1usize..4)
        }
    ) {
        let q = embedded();
        let before = score_sheet(q, &sheet);
        let mut raised = sheet.clone();
        let current = raised.ratings[index].map_or(0, |r| r.index() + 1);
        let new = (current + step).min(4);
        raised.ratings[index] = Some(Rating::ALL[new - 1].max(raised.ratings[index].unwrap_or(Rating::NI)));
        let after = score_sheet(q, &raised);
        prop_assert!(after.overall >= before.overall);
        prop_assert!(after.level >= before.level);
    }

    #[test]
    fn tailoring_never_changes_another_subdomains_score(
        (sheet, pick) in { let q = embedded(); (arb_sheet(q), 0usize..6) }
    ) {
        let q = embedded();
        let tailorable: Vec<usize> = (0..q.subdomains.len()).filter(|&s| q.subdomains[s].tailorable[0]).collect();
        let target = tailorable[pick % tailorable.len()];
        let before = score_sheet(q, &sheet);
        let mut toggled = sheet.clone();
        toggled.tailored[target] = !toggled.tailored[target];
        let after = score_sheet(q, &toggled);
        for s in (0..q.subdomains.len()).filter(|&s| s != target) {
            prop_assert_eq!(&before.subdomains[s], &after.subdomains[s]);
        }
    }

    /// The order of the requirements in a questionnaire file does not matter: the loader sorts
    /// them by sub-domain, level and number, so a shuffled file scores every answer the same.
    #[test]
    fn the_order_of_requirements_in_the_file_does_not_matter(
        seed in any::<u64>(),
        sheet in arb_sheet(embedded()),
    ) {
        let q = embedded();
        let source = zizhen::model::questionnaire::DEFAULT_SOURCE;
        let first = source.find("\n[[requirements]]").unwrap() + 1;
        let end = source.find("\n[migrate.").map_or(source.len(), |i| i + 1);
        let mut blocks: Vec<&str> = source[first..end]
            .split("[[requirements]]")
            .filter(|b| !b.trim().is_empty())
            .collect();
        // A seeded Fisher–Yates shuffle of the requirement blocks.
        let mut state = seed | 1;
        for i in (1..blocks.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            blocks.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let shuffled = format!(
            "{}{}{}",
            &source[..first],
            blocks.iter().map(|b| format!("[[requirements]]{b}")).collect::<String>(),
            &source[end..]
        );
        prop_assume!(shuffled != source);
        let reordered = Questionnaire::from_source(std::path::Path::new("shuffled.toml"), &shuffled).unwrap();
        prop_assert_eq!(&reordered.requirements, &q.requirements);
        prop_assert_eq!(score_sheet(&reordered, &sheet), score_sheet(q, &sheet));
    }

    #[test]
    fn level_is_the_number_of_consecutive_reached_levels(sheet in arb_sheet(embedded())) {
        let s = score_sheet(embedded(), &sheet);
        let reached = s.levels.iter().take_while(|l| l.reached).count() as u8;
        prop_assert_eq!(s.level, reached);
    }

    #[test]
    fn a_shown_score_never_contradicts_its_status(sheet in arb_sheet(embedded())) {
        let s = score_sheet(embedded(), &sheet);
        for l in &s.levels {
            let shown: f64 = zizhen::figures::score(&l.score).parse().unwrap();
            if l.reached {
                prop_assert!(shown >= 0.8, "reached but shown {}", shown);
            } else {
                prop_assert!(shown < 0.8, "not reached but shown {}", shown);
            }
        }
    }

    #[test]
    fn level_is_the_band_of_x(sheet in arb_sheet(embedded())) {
        let q = embedded();
        let s = score_sheet(q, &sheet);
        let x = s.overall;
        let expected = if x >= exact(24, 5) { 5 } else if x >= exact(19, 5) { 4 }
            else if x >= exact(14, 5) { 3 } else if x >= exact(9, 5) { 2 }
            else if x >= exact(4, 5) { 1 } else { 0 };
        prop_assert_eq!(s.level, expected);
        prop_assert!(x >= exact(0, 1) && x <= exact(5, 1));
    }
}
