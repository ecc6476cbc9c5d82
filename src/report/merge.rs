//! What a merge did, in the reader's words: what the result holds, every conflict with what each
//! part said and how it ended, and where notes or reasons were combined. `zizhen merge` prints
//! these lines; the TUI shows them in a popup after "merge another file into this one".

use super::compare::{answer_label, field_label, field_value};
use crate::i18n::Strings;
use crate::model::Questionnaire;
use crate::model::merge::{Added, Combined, Conflict, Merged, Resolution, Said, Subject};

/// What a conflict is about: "planning.3.2 (Production planning, level 3)", "Tailoring of
/// Logistics", "Employees".
fn subject(q: &Questionnaire, subject: Subject, s: &Strings) -> String {
    let lang = s.lang();
    match subject {
        Subject::Requirement(i) => {
            let r = &q.requirements[i];
            s.fmt(
                "merge.requirement",
                &[
                    ("id", &r.id),
                    ("subdomain", q.subdomains[r.subdomain].name.get(lang)),
                    ("n", &r.level.to_string()),
                ],
            )
        }
        Subject::Tailoring(sd) => s.fmt(
            "merge.tailoring",
            &[("subdomain", q.subdomains[sd].name.get(lang))],
        ),
        Subject::Field(field) => field_label(field, s),
    }
}

fn said(subject: Subject, said: &Said, s: &Strings) -> String {
    match said {
        Said::Answer(answer) => answer_label(*answer, s),
        Said::TailoredOut(reason) => s.fmt("merge.tailored_out", &[("reason", reason)]),
        Said::Applies => s.get("merge.applies").to_string(),
        Said::Value(value) => match subject {
            Subject::Field(field) => field_value(field, Some(value), s),
            _ => value.clone(),
        },
    }
}

/// One conflict on one line: what, what each part said, how it ended.
pub fn conflict_line(q: &Questionnaire, names: &[&str], c: &Conflict, s: &Strings) -> String {
    let what: Vec<String> = c
        .said
        .iter()
        .map(|(i, x)| {
            s.fmt(
                "merge.said",
                &[("part", names[*i]), ("value", &said(c.subject, x, s))],
            )
        })
        .collect();
    let ending = match c.resolution {
        Resolution::Preferred(p) => s.fmt("merge.preferred", &[("part", names[p])]),
        Resolution::Open => s
            .get(match c.subject {
                Subject::Requirement(_) => "merge.open_requirement",
                Subject::Tailoring(_) => "merge.open_tailoring",
                Subject::Field(_) => "merge.open_field",
            })
            .to_string(),
    };
    s.fmt(
        "merge.line",
        &[
            ("subject", &subject(q, c.subject, s)),
            ("said", &what.join(s.get("merge.separator"))),
            ("ending", &ending),
        ],
    )
}

/// The whole account of a merge of parts named `names`.
pub fn lines(q: &Questionnaire, names: &[&str], merged: &Merged, s: &Strings) -> Vec<String> {
    let a = &merged.answers;
    let set = crate::model::fields::Field::ALL
        .iter()
        .filter(|f| f.value(a).is_some())
        .count();
    let mut out = vec![s.fmt(
        "merge.summary",
        &[
            ("parts", &names.len().to_string()),
            ("ratings", &a.ratings.len().to_string()),
            ("notes", &a.notes.len().to_string()),
            ("tailored", &a.tailoring.len().to_string()),
            ("fields", &set.to_string()),
        ],
    )];
    out.extend(conflict_lines(q, names, &merged.conflicts, s));
    out.extend(combined_line(q, &merged.combined, s));
    out
}

/// The conflicts: a heading with their count and one line each, or "no conflicts".
pub fn conflict_lines(
    q: &Questionnaire,
    names: &[&str],
    conflicts: &[Conflict],
    s: &Strings,
) -> Vec<String> {
    if conflicts.is_empty() {
        return vec![s.get("merge.no_conflicts").to_string()];
    }
    let open = conflicts
        .iter()
        .filter(|c| c.resolution == Resolution::Open)
        .count();
    let mut out = vec![s.fmt(
        "merge.conflicts_heading",
        &[
            ("count", &conflicts.len().to_string()),
            ("open", &open.to_string()),
        ],
    )];
    out.extend(
        conflicts
            .iter()
            .map(|c| format!("  {}", conflict_line(q, names, c, s))),
    );
    out
}

/// Where notes or reasons of several parts were kept together, if anywhere.
pub fn combined_line(q: &Questionnaire, combined: &[Combined], s: &Strings) -> Option<String> {
    if combined.is_empty() {
        return None;
    }
    let list: Vec<String> = combined
        .iter()
        .map(|c| match c {
            Combined::Note(i) | Combined::NotApplicableReason(i) => q.requirements[*i].id.clone(),
            Combined::TailoringReason(sd) => q.subdomains[*sd].key.clone(),
        })
        .collect();
    Some(s.fmt(
        "merge.combined",
        &[
            ("count", &list.len().to_string()),
            ("list", &list.join(s.lang().list_separator())),
        ],
    ))
}

/// "Added: 12 ratings, 3 notes, …" — what merging another file into the open one brought.
pub fn added_line(added: &Added, s: &Strings) -> String {
    if added.is_empty() {
        return s.get("merge.nothing_added").to_string();
    }
    let fields: Vec<String> = added.fields.iter().map(|f| field_label(*f, s)).collect();
    let fields = if fields.is_empty() {
        s.get("compare.none").to_string()
    } else {
        fields.join(s.lang().list_separator())
    };
    s.fmt(
        "merge.added",
        &[
            ("ratings", &added.ratings.to_string()),
            ("notes", &added.notes.to_string()),
            ("not_applicable", &added.not_applicable.to_string()),
            ("tailored", &added.tailoring.to_string()),
            ("fields", &fields),
        ],
    )
}
