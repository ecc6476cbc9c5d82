//! What carrying answers over from an earlier questionnaire version changed, said to a person:
//! on standard error by the commands, in a popup by the interactive program.

use crate::i18n::Strings;
use crate::model::answers::Migrated;

/// Ids listed at most per kind in the summary line (all are listed in the details).
const LISTED: usize = 8;

/// One line: what happened, with counts.
pub fn summary(m: &Migrated, file: &str, s: &Strings) -> String {
    s.fmt(
        if m.declared {
            "migration.summary"
        } else {
            "migration.summary_recognised"
        },
        &[
            ("file", file),
            ("from", &m.from),
            ("to", &m.to),
            ("moved", &m.moved.len().to_string()),
            ("dropped", &m.dropped.len().to_string()),
            ("fresh", &m.fresh.len().to_string()),
        ],
    )
}

/// Every dropped answer with its reason, the moved ones, and the new requirements to rate.
pub fn details(m: &Migrated, s: &Strings) -> Vec<String> {
    let lang = s.lang();
    let mut lines = Vec::new();
    if !m.dropped.is_empty() {
        lines.push(s.get("migration.dropped").to_string());
        for (id, reason) in &m.dropped {
            lines.push(format!("  {id}: {}", reason.get(lang)));
        }
    }
    if !m.moved.is_empty() {
        lines.push(s.get("migration.moved").to_string());
        for (old, new) in &m.moved {
            lines.push(format!("  {old} → {new}"));
        }
    }
    if !m.fresh.is_empty() {
        let shown: Vec<&str> = m.fresh.iter().take(LISTED).map(String::as_str).collect();
        let more = m.fresh.len().saturating_sub(LISTED);
        let mut line = format!("{} {}", s.get("migration.fresh"), shown.join(", "));
        if more > 0 {
            line.push_str(&s.fmt("migration.more", &[("count", &more.to_string())]));
        }
        lines.push(line);
    }
    lines
}

/// The summary and the details, for standard error.
pub fn warning(m: &Migrated, file: &str, s: &Strings) -> String {
    let mut out = format!("{}{}\n", s.get("diag.label.warning"), summary(m, file, s));
    for line in details(m, s) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
