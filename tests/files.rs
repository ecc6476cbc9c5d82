//! Fixture suites: every valid file loads; every invalid file fails with the expected code, and
//! its rendered message (file, line, column, excerpt, hint) is snapshotted in both languages.

use std::fs;
use std::path::{Path, PathBuf};

use zizhen::i18n::{Lang, Strings};
use zizhen::model::{Answers, Code, FileError, Questionnaire};

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(Path::new("tests/fixtures").join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {dir}");
    files
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn snapshot_both(kind: &str, path: &Path, error: &FileError) {
    for lang in Lang::ALL {
        let rendered = error.render(&Strings::load(lang));
        insta::assert_snapshot!(format!("{kind}__{}__{}", stem(path), lang.tag()), rendered);
    }
}

/// The code each invalid questionnaire fixture is about.
fn expected_questionnaire_code(name: &str) -> Code {
    match name {
        "unknown_key" => Code::UnknownKey,
        "duplicate_id" => Code::DuplicateId,
        "bad_id" => Code::BadRequirementId,
        "level_out_of_range" => Code::LevelOutOfRange,
        "missing_translation" => Code::MissingTranslation,
        "unknown_domain" => Code::UnknownDomain,
        "unknown_element" => Code::UnknownElement,
        "bad_weight" => Code::BadWeight,
        "empty_model" => Code::EmptyModel,
        "not_toml" => Code::TomlSyntax,
        "not_utf8" => Code::NotUtf8,
        "duplicate_key" => Code::DuplicateKey,
        "unknown_subdomain" => Code::UnknownSubdomain,
        "scale_incomplete" => Code::ScaleCode,
        "levels_incomplete" => Code::LevelsIncomplete,
        "scale_order" => Code::ScaleOrder,
        "cell_too_large" => Code::CellTooLarge,
        other => panic!("add the expected code for questionnaire fixture {other}"),
    }
}

#[test]
fn valid_questionnaires_load() {
    for path in fixtures("questionnaires/valid") {
        Questionnaire::load(&path).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    }
    Questionnaire::load(Path::new("questionnaires/gbt39116-2020.toml")).unwrap();
}

#[test]
fn invalid_questionnaires_fail_with_located_messages() {
    for path in fixtures("questionnaires/invalid") {
        let error = match Questionnaire::load(&path) {
            Ok(_) => panic!("{} should be rejected", path.display()),
            Err(e) => e,
        };
        let expected = expected_questionnaire_code(&stem(&path));
        assert!(
            error.codes().contains(&expected),
            "{}: expected {expected:?}, got {:?}",
            path.display(),
            error.codes()
        );
        snapshot_both("questionnaire", &path, &error);
    }
}

fn expected_answers_code(name: &str) -> Code {
    match name {
        "questionnaire_missing" => Code::QuestionnaireMissing,
        "questionnaire_mismatch" => Code::QuestionnaireMismatch,
        "tailor_locked" | "tailor_process_design_in_process_industry" => Code::TailorLocked,
        "tailor_needs_type" => Code::TailorNeedsType,
        "tailor_no_reason" => Code::TailorNoReason,
        "tailor_unknown" => Code::TailorUnknown,
        "unknown_requirement" | "unknown_note" => Code::UnknownRequirement,
        "bad_rating" => Code::BadRating,
        "rating_not_text" => Code::WrongType,
        "not_toml" | "duplicate_key" | "truncated" => Code::TomlSyntax,
        "unknown_key" => Code::UnknownKey,
        "credit_check" => Code::CreditCheck,
        "credit_length" => Code::CreditLength,
        "credit_char" => Code::CreditChar,
        "industry_range" => Code::IndustryRange,
        "industry_format" => Code::IndustryFormat,
        "industry_type" => Code::IndustryType,
        "province_unknown" => Code::ProvinceUnknown,
        "province_format" => Code::ProvinceFormat,
        "city_unknown" => Code::CityUnknown,
        "coverage_unknown" => Code::CoverageUnknown,
        "negative_number" => Code::NegativeNumber,
        "not_utf8" => Code::NotUtf8,
        "bad_timestamp" => Code::BadTimestamp,
        "target_level_out_of_range" => Code::LevelOutOfRange,
        "unknown_estimate" => Code::UnknownRequirement,
        other => panic!("add the expected code for answers fixture {other}"),
    }
}

#[test]
fn valid_answers_load() {
    let q = Questionnaire::embedded();
    for path in fixtures("answers/valid") {
        Answers::load(&path, &q).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    }
    Answers::load(Path::new("examples/demo-machinery.toml"), &q).unwrap();
}

#[test]
fn full_answers_are_read_completely() {
    let q = Questionnaire::embedded();
    let a = Answers::load(Path::new("tests/fixtures/answers/valid/full.toml"), &q).unwrap();
    assert_eq!(a.profile.name.as_deref(), Some("杭州示例电子有限公司"));
    assert_eq!(a.profile.industry.as_deref(), Some("3982"));
    assert_eq!(a.profile.employees, Some(180));
    assert_eq!(a.profile.revenue, Some(9500.5));
    assert_eq!(a.profile.is_sme(), Some(true));
    assert_eq!(a.profile.province_entry().unwrap().zh, "浙江");
    assert_eq!(a.profile.suggested_tailoring(&q), ["logistics"]);
    assert_eq!(a.ratings.len(), 5);
    assert_eq!(
        a.rating("operations.2.1"),
        Some(zizhen::model::Rating::NI),
        "case-insensitive"
    );
    assert!(a.is_tailored("logistics"));
    assert_eq!(a.notes.len(), 1);

    let saved = Answers::load(Path::new("tests/fixtures/answers/valid/saved.toml"), &q).unwrap();
    assert_eq!(saved.meta.target_level, Some(3));
    assert_eq!(saved.meta.updated.as_deref(), Some("2026-11-21T09:30:00Z"));
    assert_eq!(saved.estimate_count(), 2);
}

#[test]
fn answers_survive_a_write_and_read() {
    let q = Questionnaire::embedded();
    for path in fixtures("answers/valid") {
        let a = Answers::load(&path, &q).unwrap();
        let again = Answers::from_source(Path::new("again.toml"), &a.to_toml(), &q).unwrap();
        assert_eq!(a, again, "{}", path.display());
    }
}

#[test]
fn invalid_answers_fail_with_located_messages() {
    let q = Questionnaire::embedded();
    for path in fixtures("answers/invalid") {
        let error = match Answers::load(&path, &q) {
            Ok(_) => panic!("{} should be rejected", path.display()),
            Err(e) => e,
        };
        let expected = expected_answers_code(&stem(&path));
        assert!(
            error.codes().contains(&expected),
            "{}: expected {expected:?}, got {:?}",
            path.display(),
            error.codes()
        );
        if expected != Code::QuestionnaireMissing && expected != Code::NotUtf8 {
            assert!(
                error.diagnostics.iter().all(|d| d.span.is_some()),
                "{}: every problem is located",
                path.display()
            );
        }
        snapshot_both("answers", &path, &error);
    }
}

/// The TOML examples of a README, in order.
fn toml_blocks(readme: &str) -> Vec<String> {
    let text = fs::read_to_string(readme).unwrap();
    text.split("```toml\n")
        .skip(1)
        .map(|block| block[..block.find("```").unwrap()].to_string())
        .collect()
}

#[test]
fn the_readme_answers_examples_load() {
    let q = Questionnaire::embedded();
    for readme in ["README.md", "README.zh-CN.md"] {
        let blocks = toml_blocks(readme);
        let example = blocks
            .iter()
            .find(|b| b.starts_with("questionnaire ="))
            .expect("an answers example");
        let (answers, migrated) = Answers::read(Path::new(readme), example, &q)
            .unwrap_or_else(|e| panic!("{}", e.render(&Strings::load(Lang::En))));
        assert!(migrated.is_none(), "{readme}: the example uses current ids");
        assert_eq!(answers.ratings.len(), 2, "{readme}");
        assert!(answers.is_tailored("logistics"), "{readme}");
        assert_eq!(answers.not_applicable.len(), 1, "{readme}");
        assert!(answers.weights.is_some(), "{readme}");
    }
}

#[test]
fn the_readme_config_examples_apply() {
    for readme in ["README.md", "README.zh-CN.md"] {
        let Some(example) = toml_blocks(readme)
            .into_iter()
            .find(|b| b.contains("[keys]"))
        else {
            panic!("{readme} shows a config example");
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, example).unwrap();
        let config = zizhen::config::Config::load(&path);
        assert!(config.problem.is_none(), "{readme}: {:?}", config.problem);
        assert_eq!(config.lang, Some(Lang::En));
    }
}

/// `Answers::recheck` (what verifying a result file uses) must judge answers exactly as writing
/// them with `to_toml` and reading them back does: the same answers when they pass, the same
/// problems when they do not.
#[test]
fn rechecking_answers_in_memory_is_reading_them_back() {
    use zizhen::model::answers::Rated;
    use zizhen::model::{IndustryType, Rating};
    let q = Questionnaire::embedded();
    let same = |a: &Answers, what: &str| {
        let read = Answers::read(Path::new("again.toml"), &a.to_toml(), &q);
        let rechecked = a.recheck(&q);
        match (read, rechecked) {
            (Ok(read), Ok(rechecked)) => assert_eq!(read, rechecked, "{what}"),
            (Err(read), Err(problems)) => {
                let codes: Vec<Code> = problems.iter().map(|d| d.code).collect();
                assert_eq!(read.codes(), codes, "{what}");
                assert!(problems.iter().all(|d| d.span.is_none()), "{what}");
            }
            (read, rechecked) => panic!("{what}: read back {read:?}, rechecked {rechecked:?}"),
        }
    };
    let mut valid = fixtures("answers/valid");
    valid.extend(fs::read_dir("examples").unwrap().map(|e| e.unwrap().path()));
    let mut base = None;
    for path in valid {
        let a = Answers::load(&path, &q).unwrap();
        same(&a, &path.display().to_string());
        base.get_or_insert(a);
    }
    let base = base.unwrap();
    type Change<'a> = Box<dyn Fn(&mut Answers) + 'a>;
    let broken: Vec<(&str, Change)> = vec![
        (
            "another questionnaire",
            Box::new(|a| a.questionnaire = "x".into()),
        ),
        (
            "unknown rating id",
            Box::new(|a| {
                a.ratings
                    .insert("nowhere.9.9".into(), Rated::given(Rating::FI));
            }),
        ),
        (
            "many unknown ids",
            Box::new(|a| {
                for i in 0..6 {
                    a.notes.insert(format!("nowhere.{i}.1"), "n".into());
                }
            }),
        ),
        (
            "tailoring without a reason",
            Box::new(|a| {
                a.profile.industry_type = Some(IndustryType::Discrete);
                a.tailoring.insert("logistics".into(), " ".into());
            }),
        ),
        (
            "unknown sub-domain",
            Box::new(|a| {
                a.tailoring.insert("nowhere".into(), "r".into());
            }),
        ),
        (
            "not applicable but not conditional",
            Box::new(|a| {
                a.not_applicable
                    .insert(q.requirements[0].id.clone(), "r".into());
            }),
        ),
        (
            "a bad time and level",
            Box::new(|a| {
                a.meta.created = Some("yesterday".into());
                a.meta.target_level = Some(9);
            }),
        ),
        (
            "a bad credit code and province",
            Box::new(|a| {
                a.profile.credit_code = Some("123".into());
                a.profile.province = Some("99".into());
            }),
        ),
        (
            "an earlier version's ids",
            Box::new(|a| {
                a.questionnaire_version = Some("1.0.0".into());
                a.ratings
                    .insert("skills.5.1".into(), Rated::given(Rating::LI));
                a.ratings
                    .insert("data.1.1".into(), Rated::given(Rating::FI));
            }),
        ),
        (
            "an unknown version with unknown ids",
            Box::new(|a| {
                a.questionnaire_version = Some("0.1".into());
                a.ratings
                    .insert("nowhere.1.1".into(), Rated::given(Rating::FI));
            }),
        ),
    ];
    for (what, change) in broken {
        let mut a = base.clone();
        change(&mut a);
        same(&a, what);
    }
    // An estimate flag is carried, and an empty note is dropped, either way.
    let mut a = base.clone();
    let id = q.requirements[3].id.clone();
    a.ratings.insert(
        id.clone(),
        Rated {
            rating: Rating::PI,
            estimate: true,
        },
    );
    a.notes.insert(id, "  ".into());
    same(&a, "an estimate and an empty note");
}
