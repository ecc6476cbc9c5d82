//! The report as CSV: one row per requirement, UTF-8 with a byte-order mark so that
//! spreadsheet programs keep Chinese intact.

use crate::i18n::Strings;
use crate::model::{Answers, Questionnaire};

const BOM: &[u8] = b"\xEF\xBB\xBF";

const COLUMNS: [&str; 13] = [
    "id",
    "element",
    "domain",
    "subdomain",
    "level",
    "requirement",
    "evidence",
    "rating",
    "value",
    "estimate",
    "finding",
    "note",
    "applicable",
];

pub fn render(q: &Questionnaire, answers: &Answers, s: &Strings) -> Vec<u8> {
    let lang = s.lang();
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    let header: Vec<&str> = COLUMNS
        .iter()
        .map(|c| s.get(&format!("report.col.{c}")))
        .collect();
    let _ = writer.write_record(&header);
    let yes_no = |b: bool| {
        s.get(if b { "report.yes" } else { "report.no" })
            .to_string()
    };
    for r in &q.requirements {
        let sub = &q.subdomains[r.subdomain];
        let rating = answers.rating(&r.id);
        let record = [
            r.id.clone(),
            q.elements[sub.element].name.get(lang).to_string(),
            q.domains[sub.domain].name.get(lang).to_string(),
            sub.name.get(lang).to_string(),
            r.level.to_string(),
            r.text.get(lang).to_string(),
            r.evidence
                .as_ref()
                .map(|e| e.get(lang).to_string())
                .unwrap_or_default(),
            rating.map(|r| r.code().to_string()).unwrap_or_default(),
            rating
                .map(|r| format!("{}", f64::from(q.value_milli(r)) / 1000.0))
                .unwrap_or_default(),
            rating
                .map(|_| yes_no(answers.estimates.contains(&r.id)))
                .unwrap_or_default(),
            rating
                .map(|r| q.scale_step(r).finding.get(lang).to_string())
                .unwrap_or_default(),
            answers.notes.get(&r.id).cloned().unwrap_or_default(),
            yes_no(!answers.is_tailored(&sub.key)),
        ];
        let _ = writer.write_record(&record);
    }
    writer.into_inner().unwrap_or_default()
}
