//! Shared test helpers: small synthetic questionnaires and answers built as TOML text, so tests
//! go through the same loaders as users' files.
#![allow(dead_code)]

pub mod command;
pub mod screen;

use std::fmt::Write;
use std::path::Path;

use zizhen::model::{Answers, Questionnaire};

/// One sub-domain of a synthetic questionnaire: key, weight and requirement count per level.
pub struct Cell<'a> {
    pub key: &'a str,
    pub weight: f64,
    pub counts: [usize; 5],
}

pub fn cell(key: &str, weight: f64, counts: [usize; 5]) -> Cell<'_> {
    Cell {
        key,
        weight,
        counts,
    }
}

/// A questionnaire of one element and domain holding `cells`; every sub-domain is tailorable
/// for both industry types except the first.
pub fn questionnaire_source(cells: &[Cell]) -> String {
    let mut s = String::from(
        r#"[questionnaire]
id = "mini"
version = "1"
title = { zh-CN = "小问卷", en = "Mini" }
"#,
    );
    for level in 1..=5 {
        let _ = write!(
            s,
            "[[levels]]\nlevel = {level}\nname = {{ zh-CN = \"级{level}\", en = \"L{level}\" }}\ndescription = {{ zh-CN = \"说明\", en = \"About\" }}\n"
        );
    }
    for (code, value) in [("NI", "0.0"), ("PI", "0.5"), ("LI", "0.8"), ("FI", "1.0")] {
        let _ = write!(
            s,
            "[[scale]]\ncode = \"{code}\"\nvalue = {value}\nname = {{ zh-CN = \"名\", en = \"n\" }}\nfinding = {{ zh-CN = \"项\", en = \"f\" }}\nguidance = {{ zh-CN = \"说明\", en = \"g\" }}\n"
        );
    }
    s.push_str("[[elements]]\nkey = \"e\"\nname = { zh-CN = \"要素\", en = \"E\" }\n");
    s.push_str(
        "[[domains]]\nkey = \"d\"\nelement = \"e\"\nname = { zh-CN = \"域\", en = \"D\" }\n",
    );
    for c in cells {
        let _ = write!(
            s,
            "[[subdomains]]\nkey = \"{}\"\ndomain = \"d\"\nname = {{ zh-CN = \"子域{}\", en = \"Sub {}\" }}\nweight = {:?}\n",
            c.key, c.key, c.key, c.weight
        );
        // Empty levels are deliberate here (rule 2 is tested on them): say so, as a file must.
        let skipped: Vec<String> = (1..=5)
            .filter(|&l| c.counts[l - 1] == 0)
            .map(|l| l.to_string())
            .collect();
        if !skipped.is_empty() && skipped.len() < 5 {
            let _ = writeln!(s, "skip_levels = [{}]", skipped.join(", "));
        }
    }
    let tailorable: Vec<String> = cells
        .iter()
        .skip(1)
        .map(|c| format!("{:?}", c.key))
        .collect();
    let _ = write!(
        s,
        "[tailoring]\ndiscrete = [{0}]\nprocess = [{0}]\n",
        tailorable.join(", ")
    );
    for c in cells {
        for (i, &count) in c.counts.iter().enumerate() {
            for n in 1..=count {
                let _ = write!(
                    s,
                    "[[requirements]]\nid = \"{}.{}.{n}\"\ntext = {{ zh-CN = \"要求\", en = \"Requirement\" }}\n",
                    c.key,
                    i + 1
                );
            }
        }
    }
    s
}

pub fn questionnaire(cells: &[Cell]) -> Questionnaire {
    let source = questionnaire_source(cells);
    match Questionnaire::from_source(Path::new("mini.toml"), &source) {
        Ok(q) => q,
        Err(e) => panic!("{e:?}"),
    }
}

/// The embedded questionnaire and the demo machinery company's answers
/// (`examples/demo-machinery.toml`).
pub fn demo() -> (Questionnaire, Answers) {
    let q = Questionnaire::embedded();
    let answers = Answers::load(Path::new("examples/demo-machinery.toml"), &q).unwrap();
    (q, answers)
}

/// Answers for `q` from `(id, code)` ratings and tailored sub-domain keys, read as a file.
pub fn answers(q: &Questionnaire, ratings: &[(&str, &str)], tailored: &[&str]) -> Answers {
    let mut s = format!(
        "questionnaire = {:?}\n[profile]\nindustry_type = \"discrete\"\n[tailoring]\n",
        q.id()
    );
    for key in tailored {
        let _ = writeln!(s, "{key:?} = \"not done here\"");
    }
    s.push_str("[ratings]\n");
    for (id, code) in ratings {
        let _ = writeln!(s, "{id:?} = {code:?}");
    }
    match Answers::from_source(Path::new("answers.toml"), &s, q) {
        Ok(a) => a,
        Err(e) => panic!("{e:?}"),
    }
}

/// Every requirement of `q` at `level` rated `code`.
pub fn rate_level<'q>(
    q: &'q Questionnaire,
    level: u8,
    code: &'static str,
) -> Vec<(&'q str, &'static str)> {
    q.requirements
        .iter()
        .filter(|r| r.level == level)
        .map(|r| (r.id.as_str(), code))
        .collect()
}
