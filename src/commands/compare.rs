//! `zizhen compare A B`: two assessments side by side.

use std::path::Path;

use super::results::answers_of;
use super::{Exit, deliver};
use crate::cli::{CompareArgs, CompareFormat};
use crate::i18n::Strings;
use crate::model::Questionnaire;
use crate::model::compare::compare;
use crate::report::compare::{json, markdown, plain, view};
use crate::report::html;

/// Compares A and B. Exit 0 when the comparison is written (whether they differ or not); 2 when
/// A or B cannot be read — a result file that fails verification included, as `report` does —
/// or the output cannot be written.
pub fn run(q: &Questionnaire, args: &CompareArgs, s: &Strings) -> Exit {
    if let Some(path) = &args.output
        && path.extension().is_some()
        && CompareFormat::from_path(path).is_none()
    {
        eprint!("{}", unsupported(path, s));
        return Exit::BadInput;
    }
    let mut sides = Vec::with_capacity(2);
    for spec in [&args.compare_a, &args.compare_b] {
        match answers_of(spec, q, s) {
            Ok(answers) => sides.push(answers),
            Err(message) => {
                eprint!("{message}");
                return Exit::BadInput;
            }
        }
    }
    let (a, b) = (&sides[0], &sides[1]);
    let comparison = compare(q, a, b);
    let names = [a.profile.name.as_deref(), b.profile.name.as_deref()];
    let sources = [args.compare_a.as_str(), args.compare_b.as_str()];
    let format = args
        .compare_format
        .or_else(|| args.output.as_deref().and_then(CompareFormat::from_path))
        .unwrap_or(CompareFormat::Txt);
    let text = match format {
        CompareFormat::Json => json::render(q, &comparison, sources, names),
        other => {
            let v = view(
                q,
                &comparison,
                sources[0],
                sources[1],
                names[0],
                names[1],
                s,
            );
            match other {
                CompareFormat::Md => markdown::render(&v, s),
                CompareFormat::Html => html::compare::render(&v, s),
                _ => plain::render(&v, s),
            }
        }
    };
    deliver(args.output.as_deref(), text.as_bytes(), "compare.html", s)
}

/// An output name whose extension is no comparison format.
fn unsupported(path: &Path, s: &Strings) -> String {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(
        "{}{}: {}\n  {}{}\n",
        s.get("diag.label.error"),
        path.display(),
        s.fmt("compare.unsupported_extension", &[("ext", &extension)]),
        s.get("diag.label.hint"),
        s.get("compare.extension_hint")
    )
}
