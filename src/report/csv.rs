//! The report as CSV: one row per requirement, UTF-8 with a byte-order mark so that
//! spreadsheet programs keep Chinese intact. It lays out [`data::requirement_rows`], not the
//! whole [`data::ReportData`]: a CSV lists every requirement (LI and unrated ones too, and those
//! of sub-domains not applicable) and needs no score or roadmap. Every row begins with the
//! enterprise's name and credit code (empty when not given), so that the CSVs of many
//! enterprises can be put into one table. The last column numbers the requirements the roadmap
//! asks to raise by their sub-domain's place in it (1 = first), as the reports do.

use super::data::{self, RequirementRow};
use crate::i18n::Strings;
use crate::model::{Answers, Questionnaire};

const BOM: &[u8] = b"\xEF\xBB\xBF";

const COLUMNS: [&str; 16] = [
    "enterprise",
    "credit_code",
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
    "roadmap",
];

pub fn render(q: &Questionnaire, answers: &Answers, s: &Strings) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    let header: Vec<&str> = COLUMNS
        .iter()
        .map(|c| s.get(&format!("report.col.{c}")))
        .collect();
    let _ = writer.write_record(&header);
    let profile = &answers.profile;
    let enterprise = profile.name.clone().unwrap_or_default();
    let credit_code = profile.credit_code.clone().unwrap_or_default();
    let order = data::roadmap_order(q, answers);
    for (row, rank) in data::requirement_rows(q, answers, s.lang())
        .into_iter()
        .zip(order)
    {
        let leading = [enterprise.clone(), credit_code.clone()];
        let rank = rank.map(|r| r.to_string()).unwrap_or_default();
        let _ = writer.write_record(leading.into_iter().chain(record(row, s)).chain([rank]));
    }
    writer.into_inner().unwrap_or_default()
}

fn record(row: RequirementRow, s: &Strings) -> [String; 13] {
    let yes_no = |b: bool| {
        s.get(if b { "report.yes" } else { "report.no" })
            .to_string()
    };
    let RequirementRow {
        element,
        domain,
        subdomain,
        applicable,
        item,
        value,
        finding,
    } = row;
    [
        item.id,
        element,
        domain,
        subdomain,
        item.level.to_string(),
        item.text,
        item.evidence,
        item.rating
            .map(|r| r.code().to_string())
            .unwrap_or_default(),
        value.map(|v| v.to_string()).unwrap_or_default(),
        item.rating
            .map(|_| yes_no(item.estimate))
            .unwrap_or_default(),
        finding.unwrap_or_default(),
        item.note.unwrap_or_default(),
        yes_no(applicable),
    ]
}
