//! Reports: Markdown and text snapshotted in both languages, CSV read back, and the command.

mod common;

use std::path::Path;

use common::command::zizhen;
use predicates::prelude::*;
use predicates::str::contains;
use zizhen::i18n::{Lang, Strings};
use zizhen::model::{Answers, Questionnaire, Rating};
use zizhen::report::{csv, data, markdown, plain};

/// The demo company with a target level, a tailored sub-domain, an estimate and a date.
fn demo() -> (Questionnaire, Answers) {
    let (q, mut a) = common::demo();
    a.meta.target_level = Some(3);
    a.meta.updated = Some("2026-11-21T09:30:00Z".into());
    a.ratings.get_mut("planning.1.2").unwrap().estimate = true;
    (q, a)
}

#[test]
fn markdown_and_text_reports() {
    let (q, a) = demo();
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        let report = data::build(&q, &a, &s);
        insta::assert_snapshot!(
            format!("report_md__{}", lang.tag()),
            markdown::render(&report, &s)
        );
        insta::assert_snapshot!(
            format!("report_txt__{}", lang.tag()),
            plain::render(&report, &s)
        );
    }
}

#[test]
fn the_report_follows_the_score() {
    let (q, a) = demo();
    let s = Strings::load(Lang::En);
    let report = data::build(&q, &a, &s);
    let score = zizhen::model::scoring::score(&q, &a);
    assert_eq!(report.level, score.level);
    assert_eq!(report.x, score.overall);
    // One roadmap: the next level, then on to the target; per level the sub-domains below 0.8,
    // fewest requirements first, each requirement of its own level, with its evidence hint.
    let roadmap = report.roadmap.as_ref().expect("a roadmap below level 5");
    assert_eq!(roadmap.target, 3);
    assert_eq!(
        roadmap.levels.iter().map(|l| l.level).collect::<Vec<_>>(),
        [2, 3]
    );
    for level in &roadmap.levels {
        assert!(!level.cells.is_empty());
        assert!(
            level
                .cells
                .windows(2)
                .all(|w| w[0].raise.len() <= w[1].raise.len())
        );
        for cell in &level.cells {
            assert!(cell.score < zizhen::model::scoring::threshold());
            assert!(!cell.raise.is_empty());
            for item in cell.raise.iter().chain(&cell.other) {
                assert_eq!(item.level, level.level);
                assert!(item.rating.is_some(), "rated: {}", item.id);
            }
            assert!(
                cell.raise.iter().all(|i| !i.evidence.is_empty()),
                "evidence hints included"
            );
        }
    }
    let tailored: Vec<&str> = report
        .subdomains
        .iter()
        .filter(|r| !r.applicable)
        .map(|r| r.key.as_str())
        .collect();
    assert_eq!(tailored, ["logistics"]);
    assert_eq!(report.findings.iter().sum::<usize>(), report.rated);
}

#[test]
fn markdown_tables_are_not_broken_by_the_text() {
    let (q, mut a) = demo();
    a.notes
        .insert("strategy.1.1".into(), "a | b\nnew line".into());
    let s = Strings::load(Lang::En);
    let md = markdown::render(&data::build(&q, &a, &s), &s);
    assert!(md.contains("a \\| b new line"));
    for line in md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains('`'))
    {
        // Bars and ids in code spans contain no unescaped pipe.
        let code: Vec<&str> = line.split('`').skip(1).step_by(2).collect();
        assert!(code.iter().all(|c| !c.contains('|')), "{line}");
    }
}

#[test]
fn csv_has_one_row_per_requirement_with_chinese_intact() {
    let (q, a) = demo();
    let bytes = csv::render(&q, &a, &Strings::load(Lang::ZhCn));
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM for spreadsheets"
    );
    let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "企业名称");
    assert_eq!(&header[1], "统一社会信用代码");
    assert_eq!(&header[2], "编号");
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), q.requirements.len());
    let row = rows.iter().find(|r| &r[2] == "planning.2.1").unwrap();
    assert_eq!(&row[5], "生产计划与调度");
    assert_eq!(&row[9], "LI");
    assert_eq!(&row[12], "符合项");
    assert!(
        row[13].contains("ERP 上线两年"),
        "notes kept: {:?}",
        &row[13]
    );
    let estimate = rows.iter().find(|r| &r[2] == "planning.1.2").unwrap();
    assert_eq!(&estimate[11], "是");
    let tailored = rows.iter().find(|r| &r[2] == "logistics.1.2").unwrap();
    assert_eq!(&tailored[14], "否");
}

/// Every CSV row names the enterprise, so that the CSVs of many enterprises make one table;
/// a name with commas and quotes stays one field.
#[test]
fn csv_rows_name_the_enterprise() {
    let (q, mut a) = demo();
    let name = "无锡\"示例\", 精密机械有限公司";
    a.profile.name = Some(name.into());
    a.profile.credit_code = Some("91320214MA1N2B3C4E".into());
    let bytes = csv::render(&q, &a, &Strings::load(Lang::En));
    let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().clone();
    assert_eq!(
        header.iter().take(3).collect::<Vec<_>>(),
        ["Enterprise", "Credit code", "ID"]
    );
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), q.requirements.len());
    for row in &rows {
        assert_eq!(row.len(), header.len());
        assert_eq!((&row[0], &row[1]), (name, "91320214MA1N2B3C4E"));
    }
    // Without a profile: the columns are there, empty.
    a.profile = Default::default();
    let bytes = csv::render(&q, &a, &Strings::load(Lang::En));
    let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
    for row in reader.records().map(Result::unwrap) {
        assert_eq!((&row[0], &row[1]), ("", ""));
    }
}

/// The Chinese caveat says that the estimates are among the rated requirements, not among the
/// unrated ones it has just counted.
#[test]
fn estimates_are_among_the_rated_requirements_in_chinese() {
    let (q, a) = demo();
    let s = Strings::load(Lang::ZhCn);
    let report = data::build(&q, &a, &s);
    for text in [
        markdown::render(&report, &s),
        plain::render(&report, &s),
        zizhen::report::html::render(&report, &s),
    ] {
        assert!(text.contains("已评的要求中有 1 条为快速估计值"), "{text}");
        assert!(!text.contains("其中 1 条"), "{text}");
    }
}

/// `-o` with an extension zizhen does not write a report as is refused, naming the formats; a
/// PDF is pointed to HTML and the browser.
#[test]
fn report_refuses_an_output_extension_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    zizhen()
        .args([
            "report",
            "examples/demo-machinery.toml",
            "--lang",
            "en",
            "-o",
        ])
        .arg(&pdf)
        .assert()
        .code(2)
        .stderr(
            contains("cannot write a report as “.pdf”")
                .and(contains(".txt, .md, .html and .csv"))
                .and(contains("-o report.html"))
                .and(contains("print it to PDF"))
                .and(contains("Written").not()),
        );
    // Even with --format: text under a PDF's name is what was reported.
    zizhen()
        .args([
            "report",
            "examples/demo-machinery.toml",
            "--format",
            "html",
            "-o",
        ])
        .arg(&pdf)
        .assert()
        .code(2);
    zizhen()
        .args([
            "report",
            "examples/demo-machinery.toml",
            "--lang",
            "zh-CN",
            "-o",
        ])
        .arg(&pdf)
        .assert()
        .code(2)
        .stderr(
            contains("只能生成 .txt、.md、.html 和 .csv")
                .and(contains("在浏览器中打开后打印为 PDF")),
        );
    assert!(!pdf.exists(), "nothing written");
    zizhen()
        .args([
            "report",
            "examples/demo-machinery.toml",
            "--lang",
            "en",
            "-o",
        ])
        .arg(dir.path().join("report.docx"))
        .assert()
        .code(2)
        .stderr(contains("“.docx”").and(contains("end the file name in .txt, .md, .html or .csv")));
    zizhen()
        .args([
            "report",
            "examples/demo-machinery.toml",
            "--lang",
            "en",
            "-o",
        ])
        .arg(dir.path().join("report.json"))
        .assert()
        .code(2)
        .stderr(contains("zizhen export"));
    // Known extensions in any case, and a name without one (text), are written.
    for name in ["R.HTML", "r.htm", "r.markdown", "plain"] {
        zizhen()
            .args([
                "report",
                "examples/demo-machinery.toml",
                "--lang",
                "en",
                "-o",
            ])
            .arg(dir.path().join(name))
            .assert()
            .success();
    }
    assert!(
        std::fs::read_to_string(dir.path().join("plain"))
            .unwrap()
            .starts_with("Intelligent")
    );
}

#[test]
fn report_command_formats_and_inputs() {
    let dir = tempfile::tempdir().unwrap();
    for (name, start) in [
        ("r.md", "# "),
        ("r.html", "<!"),
        ("r.txt", "Intelligent"),
        ("r.csv", "\u{feff}Enterprise,Credit code,ID,"),
    ] {
        let out = dir.path().join(name);
        zizhen()
            .args([
                "report",
                "examples/demo-machinery.toml",
                "--lang",
                "en",
                "-o",
            ])
            .arg(&out)
            .assert()
            .success()
            .stderr(contains("Written"));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.starts_with(start),
            "{name}: {}",
            &text[..text.len().min(40)]
        );
    }
    // From a result file: verified first.
    let json = dir.path().join("demo.json");
    zizhen()
        .args(["export", "examples/demo-machinery.toml", "-o"])
        .arg(&json)
        .assert()
        .success();
    zizhen()
        .arg("report")
        .arg(&json)
        .args(["--format", "md", "--lang", "zh-CN"])
        .assert()
        .success()
        .stdout(contains("# 智能制造能力成熟度自诊断报告").and(contains("1 级——规划级")));
    let text = std::fs::read_to_string(&json).unwrap().replacen(
        "\"rating\": \"NI\"",
        "\"rating\": \"FI\"",
        1,
    );
    std::fs::write(&json, text).unwrap();
    zizhen()
        .arg("report")
        .arg(&json)
        .args(["--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("the digest does not match"));
}

#[test]
fn every_format_explains_the_rating_scale_and_states_weights_and_not_applicable() {
    let (q, mut a) = demo();
    let conditional = q
        .requirements
        .iter()
        .find(|r| r.condition.is_some() && !a.not_applicable.contains_key(&r.id))
        .unwrap()
        .id
        .clone();
    a.ratings.remove(&conditional);
    a.not_applicable
        .insert(conditional.clone(), "没有这种排放口".into());
    let text =
        "questionnaire = \"gbt39116-2020\"\n[weights]\nproduction = 2.0\nreason = \"预评估商定\"\n";
    a.weights = Answers::from_source(Path::new("w.toml"), text, &q)
        .unwrap()
        .weights;
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        let report = data::build(&q, &a, &s);
        let md = markdown::render(&report, &s);
        let txt = plain::render(&report, &s);
        let html = zizhen::report::html::render(&report, &s);
        for step in &q.scale {
            let guidance = step.guidance.get(lang);
            assert!(
                md.contains(guidance) && txt.contains(guidance),
                "{lang}: {guidance}"
            );
        }
        for output in [&md, &txt, &html] {
            assert!(
                output.contains(&conditional),
                "{lang}: the not-applicable id"
            );
            assert!(output.contains("没有这种排放口"), "{lang}: its reason");
            assert!(output.contains("预评估商定"), "{lang}: the weights' reason");
            assert!(
                output.contains("production = 2"),
                "{lang}: the weight table"
            );
        }
    }
}

/// Every report format of one assessment, in one language: (name, text).
fn rendered(q: &Questionnaire, a: &Answers, lang: Lang) -> Vec<(&'static str, String)> {
    let s = Strings::load(lang);
    let report = data::build(q, a, &s);
    vec![
        ("md", markdown::render(&report, &s)),
        ("txt", plain::render(&report, &s)),
        ("html", zizhen::report::html::render(&report, &s)),
    ]
}

/// An answers file from ratings: every requirement rated by `by_level`, then `overrides`.
fn answers_from(
    q: &Questionnaire,
    by_level: impl Fn(u8) -> Option<&'static str>,
    overrides: &[(&str, Option<&str>)],
) -> Answers {
    let mut text = String::from("questionnaire = \"gbt39116-2020\"\n[ratings]\n");
    for r in &q.requirements {
        let rating = overrides
            .iter()
            .find(|(id, _)| *id == r.id)
            .map_or_else(|| by_level(r.level), |(_, rating)| *rating);
        if let Some(rating) = rating {
            text.push_str(&format!("\"{}\" = \"{rating}\"\n", r.id));
        }
    }
    Answers::from_source(Path::new("fixture.toml"), &text, q).unwrap()
}

/// A level-1 firm (the machinery demo, no target) is shown the next level only: no requirement
/// of levels 3–5 appears as a weakness, in the roadmap or anywhere in the report; the levels
/// above are one counted line.
#[test]
fn a_level_1_firm_gets_no_weaknesses_above_the_next_level() {
    let q = Questionnaire::embedded();
    let a = Answers::load(Path::new("examples/demo-machinery.toml"), &q).unwrap();
    assert_eq!(a.meta.target_level, None);
    let s = Strings::load(Lang::En);
    let report = data::build(&q, &a, &s);
    assert_eq!(report.level, 1);
    let roadmap = report.roadmap.as_ref().unwrap();
    assert_eq!(roadmap.levels.len(), 1);
    assert!(roadmap.items().all(|i| i.level == 2));
    assert!(roadmap.items().count() > 0);
    for row in &report.subdomains {
        assert!(row.weaknesses.iter().all(|i| i.level <= 2), "{}", row.key);
    }
    assert!(report.above_horizon > 0);
    let high: Vec<&str> = q
        .requirements
        .iter()
        .filter(|r| r.level >= 3)
        .filter(|r| {
            a.ratings
                .get(&r.id)
                .is_some_and(|x| matches!(x.rating, Rating::NI | Rating::PI))
        })
        .map(|r| r.id.as_str())
        .collect();
    assert!(high.len() > 100, "the demo has many: {}", high.len());
    for lang in Lang::ALL {
        for (format, text) in rendered(&q, &a, lang) {
            for id in &high {
                assert!(
                    !text.contains(&format!("{id} ")) && !text.contains(&format!("{id}<")),
                    "{lang} {format}: {id} listed"
                );
            }
            let s = Strings::load(lang);
            let line = zizhen::report::pieces::above_horizon(&data::build(&q, &a, &s), &s);
            let line = line.expect("a line counts those above level 2");
            let line = line.replace('\'', "&#39;");
            assert!(text.contains(&line), "{lang} {format}: {line}");
        }
    }
}

/// A fixture computed by hand. Level 1 all FI; level 2 LI (each cell exactly 0.8) except four
/// cells, so that level 2 scores 0.72 and level 1 is the level reached:
/// - strategy.2.1–2.3 all NI: 0 → needs 3 raised to LI (2 give 1.6 of 2.4);
/// - skills.2.1, 2.2 NI, 2.3, 2.4 LI: 0.40 → needs 2 (1.6 + 0.8 + 0.8 = 3.2 of 3.2);
/// - data.2.2 NI, 2.3, 2.4 FI: 0.66 → needs 1 (2.0 + 0.8 = 2.8 ≥ 2.4);
/// - network.2.3 NI, 2.1, 2.2 FI: 0.66 → needs 1.
///
/// The questionnaire's order is strategy, skills, data, network; the fewest first gives data,
/// network (the tie in questionnaire order), skills, strategy. Lifting all four reaches 0.8
/// (0.81), three do not (0.77).
fn fewest_first_fixture(q: &Questionnaire) -> Answers {
    answers_from(
        q,
        |level| match level {
            1 => Some("FI"),
            2 => Some("LI"),
            _ => Some("NI"),
        },
        &[
            ("strategy.2.1", Some("NI")),
            ("strategy.2.2", Some("NI")),
            ("strategy.2.3", Some("NI")),
            ("skills.2.1", Some("NI")),
            ("skills.2.2", Some("NI")),
            ("data.2.2", Some("NI")),
            ("data.2.3", Some("FI")),
            ("data.2.4", Some("FI")),
            ("network.2.1", Some("FI")),
            ("network.2.2", Some("FI")),
            ("network.2.3", Some("NI")),
        ],
    )
}

#[test]
fn the_first_actions_are_the_cells_needing_the_fewest_requirements() {
    let q = Questionnaire::embedded();
    for (key, n) in [("strategy", 3), ("skills", 4), ("data", 3), ("network", 3)] {
        let s = q.subdomain_index(key).unwrap();
        assert_eq!(q.cell(s, 2).len(), n, "{key} level 2 as computed by hand");
    }
    let a = fewest_first_fixture(&q);
    let s = Strings::load(Lang::En);
    let report = data::build(&q, &a, &s);
    assert_eq!(report.level, 1);
    let next = report.glance.next.as_ref().unwrap();
    assert_eq!(next.level, 2);
    let order: Vec<(&str, usize)> = next
        .actions
        .iter()
        .map(|c| (c.key.as_str(), c.raise.len()))
        .collect();
    assert_eq!(
        order,
        [("data", 1), ("network", 1), ("skills", 2), ("strategy", 3)]
    );
    let ids: Vec<&str> = next.actions[2]
        .raise
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, ["skills.2.1", "skills.2.2"]);
    // The roadmap lists the same cells in the same order, and says four reach 0.8.
    let level = &report.roadmap.as_ref().unwrap().levels[0];
    assert_eq!(
        level
            .cells
            .iter()
            .map(|c| c.key.as_str())
            .collect::<Vec<_>>(),
        ["data", "network", "skills", "strategy"]
    );
    assert_eq!(level.reached_after, Some((4, 7)));
    assert!(next.after >= zizhen::model::scoring::threshold());
    // The CSV numbers the requirements to raise by their sub-domain's place in the roadmap.
    let bytes = csv::render(&q, &a, &s);
    let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(&reader.headers().unwrap()[15], "Roadmap order");
    let rank = |id: &str| -> String {
        ::csv::Reader::from_reader(&bytes[3..])
            .records()
            .map(Result::unwrap)
            .find(|r| &r[2] == id)
            .unwrap()[15]
            .to_string()
    };
    assert_eq!(reader.records().count(), q.requirements.len());
    for (id, expected) in [
        ("data.2.2", "1"),
        ("network.2.3", "2"),
        ("skills.2.1", "3"),
        ("skills.2.2", "3"),
        ("strategy.2.3", "4"),
        ("data.2.3", ""),
        ("strategy.3.1", ""),
    ] {
        assert_eq!(rank(id), expected, "{id}");
    }
    // Every format lists them in that order on its first page.
    for lang in Lang::ALL {
        for (format, text) in rendered(&q, &a, lang) {
            let at = |id: &str| {
                text.find(id)
                    .unwrap_or_else(|| panic!("{lang} {format}: {id}"))
            };
            assert!(
                at("data.2.2") < at("network.2.3")
                    && at("network.2.3") < at("skills.2.1")
                    && at("skills.2.2") < at("strategy.2.1"),
                "{lang} {format}"
            );
        }
    }
}

/// Unrated requirements are not gaps: they are neither weaknesses nor in the roadmap, but
/// listed apart, and the first page says to rate them first.
#[test]
fn unrated_requirements_do_not_appear_among_the_gaps() {
    let q = Questionnaire::embedded();
    let unrated = ["skills.2.1", "skills.2.2", "strategy.2.1", "equipment.1.1"];
    let mut overrides: Vec<(&str, Option<&str>)> =
        vec![("strategy.2.2", Some("NI")), ("strategy.2.3", Some("NI"))];
    overrides.extend(unrated.iter().map(|id| (*id, None)));
    let a = answers_from(
        &q,
        |level| match level {
            1 => Some("FI"),
            2 => Some("LI"),
            _ => Some("NI"),
        },
        &overrides,
    );
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        let report = data::build(&q, &a, &s);
        let listed: Vec<&str> = report
            .unrated_items
            .iter()
            .map(|(_, i)| i.id.as_str())
            .collect();
        let mut expected = unrated.to_vec();
        expected.sort_by_key(|id| q.requirement_index(id));
        assert_eq!(listed, expected);
        let roadmap = report.roadmap.as_ref().unwrap();
        assert!(roadmap.items().all(|i| i.rating.is_some()));
        for row in &report.subdomains {
            assert!(row.weaknesses.iter().all(|i| i.rating.is_some()));
        }
        // The cells with unrated requirements say so.
        let skills = roadmap.levels[0]
            .cells
            .iter()
            .find(|c| c.key == "skills")
            .unwrap();
        assert_eq!((skills.unrated, skills.reachable), (2, false));
        assert!(skills.raise.is_empty() && skills.other.is_empty());
        let strategy = roadmap.levels[0]
            .cells
            .iter()
            .find(|c| c.key == "strategy")
            .unwrap();
        assert_eq!(
            strategy
                .raise
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>(),
            ["strategy.2.2", "strategy.2.3"]
        );
        let note = report.unrated_note(&s).unwrap();
        assert!(report.glance_caveats(&s).contains(&note));
        // In the text formats each unrated id appears once: in its own section.
        for (format, text) in rendered(&q, &a, lang).into_iter().take(2) {
            let section = text.find(s.get("report.unrated_heading")).unwrap();
            let findings = text.find(s.get("report.findings_heading")).unwrap();
            for id in unrated {
                assert_eq!(text.matches(id).count(), 1, "{lang} {format}: {id}");
                let at = text.find(id).unwrap();
                assert!(section < at && at < findings, "{lang} {format}: {id}");
            }
        }
    }
}

/// Nothing points to a file a manager does not have: everything is in the report.
#[test]
fn no_report_points_to_the_csv_or_json_export() {
    let q = Questionnaire::embedded();
    for example in ["machinery", "electronics", "garment", "jobshop"] {
        let a = Answers::load(Path::new(&format!("examples/demo-{example}.toml")), &q).unwrap();
        for lang in Lang::ALL {
            for (format, text) in rendered(&q, &a, lang) {
                for pointer in ["CSV", "JSON", "见 CSV", "see the CSV", "另有"] {
                    assert!(
                        !text.contains(pointer),
                        "{example} {lang} {format}: {pointer}"
                    );
                }
            }
        }
    }
}

/// The one-page summary comes first, then the detail; every requirement it names is in the
/// detail too (the roadmap, with its evidence), and the HTML breaks the page after it.
#[test]
fn the_summary_comes_first_and_everything_it_names_is_in_the_detail() {
    let q = Questionnaire::embedded();
    for example in ["machinery", "electronics", "garment"] {
        let a = Answers::load(Path::new(&format!("examples/demo-{example}.toml")), &q).unwrap();
        for lang in Lang::ALL {
            let s = Strings::load(lang);
            let report = data::build(&q, &a, &s);
            let ids = report.glance_ids();
            assert!(
                (3..=12).contains(&ids.len()),
                "{example}: {} named",
                ids.len()
            );
            assert!(report.glance.next.as_ref().unwrap().actions.len() >= 3);
            for (format, text) in rendered(&q, &a, lang) {
                let glance = text.find(s.get("report.glance_heading")).unwrap();
                let detail = text.find(s.get("report.summary")).unwrap();
                let roadmap = text
                    .find(&report.roadmap.as_ref().unwrap().heading(&s))
                    .unwrap();
                let findings = text.find(s.get("report.findings_heading")).unwrap();
                assert!(
                    glance < detail && detail < roadmap && roadmap < findings,
                    "{example} {lang} {format}: order"
                );
                let (first_page, rest) = text.split_at(detail);
                for id in &ids {
                    assert!(first_page.contains(id), "{example} {lang} {format}: {id}");
                    assert!(
                        rest.contains(id),
                        "{example} {lang} {format}: {id} in the detail"
                    );
                }
                if format == "html" {
                    assert!(text.contains("<section class=\"glance\">"));
                    let print = &text[text.find("@media print").unwrap()..];
                    assert!(print.contains("section.glance { break-after: page; }"));
                }
            }
        }
    }
}

/// Every format puts the national figures on the first page with their source, and the national
/// share beside a roadmap requirement whose practice the 2021 report measured. The demo company
/// (division 34, level 1) is compared with 69 % nationally and 73.65 % in general-purpose
/// machinery (both at level 1 or below).
#[test]
fn every_format_shows_the_national_figures_with_their_source() {
    let (q, a) = demo();
    for (lang, level_line, source, practice) in [
        (
            Lang::En,
            "69 % of self-diagnosed enterprises were at level 1 or below; in General-purpose machinery, 73.7 %",
            "Intelligent Manufacturing Development Index Report (2021)",
            "Nationally in 2021: 3-D model based design, 55 % of enterprises",
        ),
        (
            Lang::ZhCn,
            "69% 处于 1 级及以下；通用设备制造业为 73.7%",
            "《智能制造发展指数报告（2021）》",
            "2021 年全国：基于三维模型的设计，55% 的企业",
        ),
    ] {
        let s = Strings::load(lang);
        let report = data::build(&q, &a, &s);
        let md = markdown::render(&report, &s);
        let txt = plain::render(&report, &s);
        let html = zizhen::report::html::render(&report, &s);
        for (format, output) in [("md", &md), ("txt", &txt), ("html", &html)] {
            assert!(output.contains(level_line), "{lang} {format}: level line");
            assert!(output.contains(source), "{lang} {format}: source");
            assert!(output.contains(practice), "{lang} {format}: practice");
        }
        // The level line is on the first page (before the roadmap).
        let first_page = txt
            .split(report.roadmap.as_ref().unwrap().heading(&s).as_str())
            .next()
            .unwrap();
        assert!(first_page.contains(level_line), "{lang}: on the first page");
    }
    zizhen()
        .args(["score", "examples/demo-machinery.toml", "--lang", "en"])
        .assert()
        .success()
        .stdout(contains(
            "Nationally in 2021, 69 % of self-diagnosed enterprises",
        ));
}
