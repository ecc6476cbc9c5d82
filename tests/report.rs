//! Reports: Markdown and text snapshotted in both languages, CSV read back, and the command.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use zizhen::i18n::{Lang, Strings};
use zizhen::model::{Answers, Questionnaire};
use zizhen::report::{csv, data, markdown, plain};

/// The demo company with a target level, a tailored sub-domain, an estimate and a date.
fn demo() -> (Questionnaire, Answers) {
    let q = Questionnaire::embedded();
    let mut a = Answers::load(Path::new("examples/demo-machinery.toml"), &q).unwrap();
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
    // Next level and target: two roadmaps, each largest lift first.
    assert_eq!(
        report.roadmaps.iter().map(|r| r.target).collect::<Vec<_>>(),
        [2, 3]
    );
    for roadmap in &report.roadmaps {
        assert!(roadmap.items.windows(2).all(|w| w[0].lift >= w[1].lift));
        assert!(roadmap.items.iter().all(|i| i.level <= roadmap.target));
        assert!(
            roadmap.items.iter().all(|i| !i.evidence.is_empty()),
            "evidence hints included"
        );
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
    assert_eq!(&header[0], "编号");
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), q.requirements.len());
    let row = rows.iter().find(|r| &r[0] == "planning.2.1").unwrap();
    assert_eq!(&row[3], "生产计划与调度");
    assert_eq!(&row[7], "LI");
    assert_eq!(&row[10], "符合项");
    assert!(
        row[11].contains("ERP 上线两年"),
        "notes kept: {:?}",
        &row[11]
    );
    let estimate = rows.iter().find(|r| &r[0] == "planning.1.2").unwrap();
    assert_eq!(&estimate[9], "是");
    let tailored = rows.iter().find(|r| &r[0] == "logistics.1.2").unwrap();
    assert_eq!(&tailored[12], "否");
}

fn zizhen() -> Command {
    let mut cmd = Command::cargo_bin("zizhen").unwrap();
    cmd.env_remove("LANG").env_remove("LC_ALL");
    cmd
}

#[test]
fn report_command_formats_and_inputs() {
    let dir = tempfile::tempdir().unwrap();
    for (name, start) in [
        ("r.md", "# "),
        ("r.html", "<!"),
        ("r.txt", "Intelligent"),
        ("r.csv", "\u{feff}ID"),
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
