//! Questionnaire revisions and what an assessor sets per assessment: answers carried over from an
//! earlier version, conditional requirements marked not applicable, weights by profile or
//! override. Through the same loaders as users' files.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use proptest::prelude::*;
use zizhen::model::answers::Migrated;
use zizhen::model::questionnaire::Fate;
use zizhen::model::scoring::{Exact, score};
use zizhen::model::{Answers, Code, Questionnaire, Rating};

fn exact(n: i128, d: i128) -> Exact {
    Exact::new(n, d)
}

fn current() -> &'static Questionnaire {
    static Q: std::sync::OnceLock<Questionnaire> = std::sync::OnceLock::new();
    Q.get_or_init(Questionnaire::embedded)
}

fn earlier() -> &'static Questionnaire {
    zizhen::model::questionnaire::history("gbt39116-2020", "1.0.0").expect("1.0.0 is carried")
}

/// An answers file rating every requirement of `q` by `pick`, optionally naming its version.
fn answers_text(
    q: &Questionnaire,
    version: Option<&str>,
    pick: impl Fn(usize) -> &'static str,
) -> String {
    let mut text = format!("questionnaire = \"{}\"\n", q.id());
    if let Some(v) = version {
        text.push_str(&format!("questionnaire_version = \"{v}\"\n"));
    }
    text.push_str("[profile]\nindustry_type = \"discrete\"\n[ratings]\n");
    for (i, r) in q.requirements.iter().enumerate() {
        text.push_str(&format!("{:?} = {:?}\n", r.id, pick(i)));
    }
    text
}

fn read(text: &str) -> Result<(Answers, Option<Migrated>), zizhen::model::FileError> {
    Answers::read(Path::new("a.toml"), text, current())
}

// ---- migration ----

#[test]
fn a_declared_earlier_version_carries_every_mapped_rating() {
    let old = earlier();
    let codes = ["NI", "PI", "LI", "FI"];
    let text = answers_text(old, Some("1.0.0"), |i| codes[i % 4]);
    let (answers, migrated) = read(&text).expect("1.0.0 answers open on 2.0.0");
    let m = migrated.expect("a migration happened");
    assert!(m.declared);
    assert_eq!((m.from.as_str(), m.to.as_str()), ("1.0.0", "2.0.0"));
    let migration = current().migration_from("1.0.0").unwrap();
    for (i, r) in old.requirements.iter().enumerate() {
        let rating: Rating = codes[i % 4].parse().unwrap();
        match migration.fates.get(&r.id) {
            // Kept: same id, same rating.
            None => assert_eq!(answers.rating(&r.id), Some(rating), "{}", r.id),
            Some(Fate::To(new)) => {
                assert_eq!(answers.rating(new), Some(rating), "{} → {new}", r.id);
                assert!(m.moved.contains(&(r.id.clone(), new.clone())));
            }
            Some(Fate::Dropped(_)) => {
                assert!(!answers.ratings.contains_key(&r.id));
                assert!(
                    m.dropped.iter().any(|(id, _)| id == &r.id),
                    "{} reported",
                    r.id
                );
            }
        }
    }
    // Every requirement new in 2.0.0 is named as needing a rating, and is unrated.
    for id in &m.fresh {
        assert!(earlier().requirement_index(id).is_none());
        assert!(!answers.ratings.contains_key(id), "{id} is new: no rating");
    }
    let rated_or_fresh = answers.ratings.len() + m.fresh.len();
    let conditional_unrated = current().requirements.len() - rated_or_fresh;
    assert_eq!(
        conditional_unrated, 0,
        "every requirement is rated or named new"
    );
    // Written back, the answers name the current version and read without a migration.
    let written = answers.to_toml();
    assert!(written.contains("questionnaire_version = \"2.0.0\""));
    let (again, none) = read(&written).unwrap();
    assert!(none.is_none());
    assert_eq!(again.ratings, answers.ratings);
}

#[test]
fn a_file_without_a_version_is_recognised_by_its_retired_ids() {
    let text = "questionnaire = \"gbt39116-2020\"\n[ratings]\n\"data.1.1\" = \"FI\"\n\"planning.3.1\" = \"LI\"\n\"strategy.1.1\" = \"FI\"\n";
    let (answers, migrated) = read(text).unwrap();
    let m = migrated.expect("recognised as 1.0.0");
    assert!(!m.declared);
    // planning.3.1 (APS) moved to level 4; data.1.1 (a consultant's list) was dropped.
    assert_eq!(answers.rating("planning.4.4"), Some(Rating::LI));
    assert!(
        m.dropped
            .iter()
            .any(|(id, reason)| id == "data.1.1" && !reason.zh.is_empty())
    );
    assert_eq!(answers.rating("strategy.1.1"), Some(Rating::FI));
}

#[test]
fn current_ids_need_no_migration_and_an_unknown_version_with_foreign_ids_is_an_error() {
    let (_, none) =
        read("questionnaire = \"gbt39116-2020\"\n[ratings]\n\"strategy.1.1\" = \"FI\"\n").unwrap();
    assert!(none.is_none());
    let e = read("questionnaire = \"gbt39116-2020\"\nquestionnaire_version = \"0.9\"\n[ratings]\n\"nope.1.1\" = \"FI\"\n")
        .unwrap_err();
    assert!(
        e.codes().contains(&Code::QuestionnaireVersionUnknown),
        "{:?}",
        e.codes()
    );
}

#[test]
fn score_warns_on_standard_error_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.toml");
    std::fs::write(&path, answers_text(earlier(), Some("1.0.0"), |_| "LI")).unwrap();
    Command::cargo_bin("zizhen")
        .unwrap()
        .env("ZIZHEN_DATA_DIR", dir.path())
        .env("ZIZHEN_CONFIG_DIR", dir.path())
        .args(["score", "--lang", "en"])
        .arg(&path)
        .assert()
        .code(0)
        .stderr(
            contains("made on questionnaire version 1.0.0 and is read as 2.0.0")
                .and(contains("data.1.1:"))
                .and(contains("New requirements to rate:")),
        )
        .stdout(contains("Questionnaire: gbt39116-2020 2.0.0"));
}

#[test]
fn a_migration_table_that_names_a_current_id_or_a_missing_target_is_refused() {
    let mut text = common::questionnaire_source(&[common::cell("a", 1.0, [2, 2, 2, 2, 2])]);
    text.push_str("[migrate.\"0.9\"]\n\"a.1.1\" = { to = \"a.1.2\" }\n\"a.1.9\" = { to = \"a.9.9\" }\n\"a.2.9\" = { }\n");
    let e = Questionnaire::from_source(Path::new("m.toml"), &text).unwrap_err();
    let codes = e.codes();
    for code in [
        Code::MigrateCurrentId,
        Code::MigrateUnknownTarget,
        Code::MigrateFate,
    ] {
        assert!(codes.contains(&code), "{code:?} in {codes:?}");
    }
}

// ---- conditional requirements ----

fn conditional_id() -> &'static str {
    &current()
        .requirements
        .iter()
        .find(|r| r.condition.is_some())
        .expect("2.0.0 has conditional requirements")
        .id
}

#[test]
fn only_a_conditional_requirement_may_be_marked_not_applicable_with_a_reason() {
    let ok = format!(
        "questionnaire = \"gbt39116-2020\"\n[not_applicable]\n{:?} = \"no such outlet here\"\n",
        conditional_id()
    );
    let (answers, _) = read(&ok).unwrap();
    assert!(answers.is_not_applicable(conditional_id()));

    let e = read(
        "questionnaire = \"gbt39116-2020\"\n[not_applicable]\n\"strategy.1.1\" = \"not us\"\n",
    )
    .unwrap_err();
    assert_eq!(e.codes(), [Code::NotConditional]);
    assert_eq!(
        e.line_col(e.diagnostics[0].span.clone().unwrap().start),
        Some((3, 1))
    );

    let no_reason = format!(
        "questionnaire = \"gbt39116-2020\"\n[not_applicable]\n{:?} = \" \"\n",
        conditional_id()
    );
    assert_eq!(
        read(&no_reason).unwrap_err().codes(),
        [Code::NotApplicableNoReason]
    );

    let both = format!(
        "questionnaire = \"gbt39116-2020\"\n[ratings]\n{0:?} = \"FI\"\n[not_applicable]\n{0:?} = \"no outlet\"\n",
        conditional_id()
    );
    assert_eq!(
        read(&both).unwrap_err().codes(),
        [Code::RatedAndNotApplicable]
    );
}

#[test]
fn a_requirement_not_applicable_leaves_its_cell_and_an_empty_cell_leaves_the_level() {
    // Sub-domain "a" has two requirements at level 1; "b" one. a.1.2 rated NI would pull a's
    // level-1 mean to 0.5; marked not applicable, a's mean is a.1.1's alone.
    let mut source = common::questionnaire_source(&[
        common::cell("a", 1.0, [2, 1, 0, 0, 0]),
        common::cell("b", 1.0, [1, 1, 0, 0, 0]),
    ]);
    source = source.replacen(
        "id = \"a.1.2\"\n",
        "id = \"a.1.2\"\nconditional = { zh-CN = \"仅适用于有排放口的工厂\", en = \"Only with an outlet\" }\n",
        1,
    );
    source = source.replacen(
        "id = \"b.2.1\"\n",
        "id = \"b.2.1\"\nconditional = { zh-CN = \"仅适用于有锅炉的工厂\", en = \"Only with a boiler\" }\n",
        1,
    );
    let q = Questionnaire::from_source(Path::new("c.toml"), &source).unwrap();
    let text = "questionnaire = \"mini\"\n[ratings]\n\"a.1.1\" = \"FI\"\n\"b.1.1\" = \"LI\"\n\"a.2.1\" = \"LI\"\n[not_applicable]\n\"a.1.2\" = \"no outlet\"\n\"b.2.1\" = \"no boiler\"\n";
    let answers = Answers::from_source(Path::new("a.toml"), text, &q).unwrap();
    let s = score(&q, &answers);
    assert_eq!(
        s.subdomains[0].levels[0],
        Some(exact(1, 1)),
        "a.1.2 left a's mean"
    );
    assert_eq!(s.levels[0].score, exact(9, 10));
    // b has nothing left at level 2: S2 is a's alone (0.8), not (0.8 + 0) / 2.
    assert_eq!(s.subdomains[1].levels[1], None);
    assert_eq!(s.levels[1].score, exact(4, 5));
    assert_eq!(s.level, 2);
    assert_eq!(
        s.completeness.total, 3,
        "not-applicable requirements are not counted"
    );
}

// ---- weights ----

fn weights_answers(table: &str) -> Result<Answers, zizhen::model::FileError> {
    let text = format!("questionnaire = \"gbt39116-2020\"\n[weights]\n{table}\n");
    Answers::from_source(Path::new("w.toml"), &text, current())
}

#[test]
fn a_domain_weight_is_split_equally_over_its_sub_domains() {
    let answers = weights_answers("production = 2.0\nreason = \"process plant\"").unwrap();
    let table = &answers.weights.as_ref().unwrap().table;
    assert_eq!(table.basis, zizhen::model::weights::Basis::Domains);
    let q = current();
    let relative = table.relative(q);
    let weight = |key: &str| relative[q.subdomain_index(key).unwrap()];
    // production's 7 sub-domains 2/7 each, design's 2 and service's 2 1/2 each, the rest 1.
    assert_eq!(weight("planning"), exact(2, 7));
    assert_eq!(weight("ehs"), exact(2, 7));
    assert_eq!(weight("product-design"), exact(1, 2));
    assert_eq!(weight("customer-service"), exact(1, 2));
    assert_eq!(weight("strategy"), exact(1, 1));
    assert_eq!(weight("logistics"), exact(1, 1));
}

#[test]
fn a_table_of_single_sub_domain_keys_reads_as_sub_domain_weights() {
    let answers = weights_answers("strategy = 2\nplanning = 3\nreason = \"agreed\"").unwrap();
    let table = &answers.weights.as_ref().unwrap().table;
    assert_eq!(table.basis, zizhen::model::weights::Basis::Subdomains);
    let q = current();
    let relative = table.relative(q);
    assert_eq!(
        relative[q.subdomain_index("strategy").unwrap()],
        exact(2, 1)
    );
    assert_eq!(
        relative[q.subdomain_index("planning").unwrap()],
        exact(3, 1)
    );
    assert_eq!(relative[q.subdomain_index("ehs").unwrap()], exact(1, 1));
}

#[test]
fn bad_weight_tables_are_located_errors() {
    for (table, code) in [
        (
            "production = 2\nplanning = 3\nreason = \"x\"",
            Code::WeightsMixed,
        ),
        ("nowhere = 2\nreason = \"x\"", Code::WeightUnknownKey),
        ("production = 0\nreason = \"x\"", Code::BadWeight),
        ("production = -1\nreason = \"x\"", Code::BadWeight),
        ("production = 2", Code::WeightsNoReason),
    ] {
        let e = weights_answers(table).unwrap_err();
        assert!(e.codes().contains(&code), "{table}: {:?}", e.codes());
        assert!(
            e.diagnostics.iter().all(|d| d.span.is_some()),
            "{table}: located"
        );
    }
}

#[test]
fn weights_change_the_score_and_travel_in_the_result_file() {
    let q = current();
    // Production all FI, everything else NI: weighting production up raises S1.
    let production = q
        .domains
        .iter()
        .position(|d| d.key == "production")
        .unwrap();
    let in_production: Vec<usize> = q.subdomains_of_domain(production).collect();
    let mut text = String::from(
        "questionnaire = \"gbt39116-2020\"\n[profile]\nindustry_type = \"process\"\n[ratings]\n",
    );
    for r in &q.requirements {
        let rating = if in_production.contains(&r.subdomain) {
            "FI"
        } else {
            "NI"
        };
        text.push_str(&format!("{:?} = {rating:?}\n", r.id));
    }
    let plain = Answers::from_source(Path::new("p.toml"), &text, q).unwrap();
    let weighted_text =
        format!("{text}[weights]\nproduction = 20.0\nreason = \"pre-assessment\"\n");
    let weighted = Answers::from_source(Path::new("p.toml"), &weighted_text, q).unwrap();
    let (before, after) = (score(q, &plain), score(q, &weighted));
    // Equal sub-domain weights: production's 7 of 20 sub-domains → S1 = 7/20.
    assert_eq!(before.levels[0].score, exact(7, 20));
    // production 20 over 7 sub-domains vs the other 13 weighing 1 (design and service 1/2 each
    // sub-domain): 20 / (20 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1) = 20/31.
    assert_eq!(after.levels[0].score, exact(20, 31));

    let file = zizhen::result::build(q, &weighted, Some("w"));
    let used = file.weights.as_ref().expect("weights recorded");
    assert_eq!(used.source, "assessment");
    assert_eq!(used.table["production"], 20.0);
    let bytes = zizhen::result::to_bytes(&file);
    let parsed = zizhen::result::parse(Path::new("w.json"), bytes).unwrap();
    let verified = zizhen::result::verify(Path::new("w.json"), parsed, &[q]).expect("verifies");
    assert_eq!(verified.answers.weights, weighted.weights);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any weights: the level is still the number of consecutive levels reached, and raising a
    /// rating never lowers X.
    #[test]
    fn weights_keep_the_rule(w in 1u32..50, pick in 0usize..311, seed in any::<u64>()) {
        let q = current();
        let codes = ["NI", "PI", "LI", "FI"];
        let mut text = String::from("questionnaire = \"gbt39116-2020\"\n[ratings]\n");
        for (i, r) in q.requirements.iter().enumerate() {
            let code = codes[((i as u64).wrapping_mul(seed | 1) >> 7) as usize % 4];
            text.push_str(&format!("{:?} = {code:?}\n", r.id));
        }
        text.push_str(&format!("[weights]\nproduction = {w}.5\nreason = \"p\"\n"));
        let answers = Answers::from_source(Path::new("p.toml"), &text, q).unwrap();
        let s = score(q, &answers);
        let reached = s.levels.iter().take_while(|l| l.reached).count() as u8;
        prop_assert_eq!(s.level, reached);
        let mut raised = answers.clone();
        let id = &q.requirements[pick % q.requirements.len()].id;
        raised.ratings.insert(id.clone(), zizhen::model::answers::Rated::given(Rating::FI));
        prop_assert!(score(q, &raised).overall >= s.overall);
    }
}

#[test]
fn the_questionnaire_json_lists_conditions_only_where_they_exist() {
    let value = zizhen::report::json::questionnaire(current());
    let requirements = value["requirements"].as_array().unwrap();
    let with: Vec<_> = requirements
        .iter()
        .filter(|r| r.get("conditional").is_some())
        .collect();
    assert!(!with.is_empty());
    assert!(with.iter().all(|r| r["conditional"]["zh-CN"].is_string()));
    assert!(requirements.iter().any(|r| r.get("conditional").is_none()));
    // The earlier version keeps its fingerprint: none of the new keys appear for it.
    let old = zizhen::report::json::questionnaire(earlier());
    assert!(old.get("migrate").is_none() && old["levels"][0].get("examples").is_none());
}

#[test]
fn a_weight_profile_is_picked_by_industry_type_and_division_and_recorded() {
    let mut source = common::questionnaire_source(&[
        common::cell("a", 1.0, [1, 1, 1, 1, 1]),
        common::cell("b", 1.0, [1, 1, 1, 1, 1]),
    ]);
    source.push_str(
        "[[weight_profiles]]\nname = \"process\"\nindustry_type = \"process\"\n[weight_profiles.weights]\na = 3.0\n\
         [[weight_profiles]]\nname = \"chemicals\"\nindustry_type = \"process\"\ndivisions = [\"26\"]\n[weight_profiles.weights]\nb = 4.0\n",
    );
    let q = Questionnaire::from_source(Path::new("p.toml"), &source).unwrap();
    let answers = |profile: &str| {
        let text = format!(
            "questionnaire = \"mini\"\n[profile]\n{profile}\n[ratings]\n\"a.1.1\" = \"FI\"\n\"b.1.1\" = \"NI\"\n"
        );
        Answers::from_source(Path::new("a.toml"), &text, &q).unwrap()
    };
    // Discrete: the questionnaire's own equal weights.
    let discrete = answers("industry_type = \"discrete\"");
    assert_eq!(score(&q, &discrete).levels[0].score, exact(1, 2));
    assert!(zizhen::result::build(&q, &discrete, None).weights.is_none());
    // Process, division 25: the type's profile (a weighs 3).
    let process = answers("industry_type = \"process\"\nindustry = \"2511\"");
    assert_eq!(score(&q, &process).levels[0].score, exact(3, 4));
    let file = zizhen::result::build(&q, &process, None);
    let used = file.weights.as_ref().unwrap();
    assert_eq!(
        (used.source.as_str(), used.profile.as_deref()),
        ("profile", Some("process"))
    );
    // Process, division 26: the division's profile wins (b weighs 4).
    let chemicals = answers("industry_type = \"process\"\nindustry = \"2661\"");
    assert_eq!(score(&q, &chemicals).levels[0].score, exact(1, 5));
    // An assessor's weights win over any profile.
    let text = "questionnaire = \"mini\"\n[profile]\nindustry_type = \"process\"\nindustry = \"26\"\n[ratings]\n\"a.1.1\" = \"FI\"\n\"b.1.1\" = \"NI\"\n[weights]\na = 1.0\nb = 1.0\nreason = \"equal after all\"\n";
    let overridden = Answers::from_source(Path::new("a.toml"), text, &q).unwrap();
    assert_eq!(score(&q, &overridden).levels[0].score, exact(1, 2));
    // The result verifies: its recorded profile weights are rebuilt from the profile.
    let bytes = zizhen::result::to_bytes(&file);
    let parsed = zizhen::result::parse(Path::new("p.json"), bytes).unwrap();
    assert!(zizhen::result::verify(Path::new("p.json"), parsed, &[&q]).is_ok());
}

#[test]
fn a_bad_weight_profile_is_a_located_error() {
    let mut source = common::questionnaire_source(&[common::cell("a", 1.0, [1, 1, 1, 1, 1])]);
    source.push_str(
        "[[weight_profiles]]\nname = \"x\"\nindustry_type = \"fluid\"\n[weight_profiles.weights]\na = 2.0\n\
         [[weight_profiles]]\nname = \"y\"\nindustry_type = \"process\"\ndivisions = [\"99\"]\n[weight_profiles.weights]\nnowhere = 2.0\n",
    );
    let e = Questionnaire::from_source(Path::new("p.toml"), &source).unwrap_err();
    let codes = e.codes();
    assert!(codes.contains(&Code::IndustryType), "{codes:?}");
    assert!(codes.contains(&Code::IndustryRange), "{codes:?}");
    assert!(codes.contains(&Code::WeightUnknownKey), "{codes:?}");
    assert!(e.diagnostics.iter().all(|d| d.span.is_some()));
}
