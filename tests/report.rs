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
