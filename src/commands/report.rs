//! `zizhen report`: a report a manager can read and forward.

use std::path::Path;

use super::results::answers_of;
use super::{Exit, deliver};
use crate::cli::{ReportArgs, ReportFormat};
use crate::i18n::Strings;
use crate::model::Questionnaire;
use crate::report::{csv, data, html, markdown, plain};

pub fn run(q: &Questionnaire, args: &ReportArgs, s: &Strings) -> Exit {
    // A file name zizhen cannot write a report as is refused before any work: `-o x.pdf` must
    // not get plain text under a PDF's name.
    if let Some(path) = &args.output
        && let Err(message) = check_extension(path, s)
    {
        eprint!("{message}");
        return Exit::BadInput;
    }
    let incentives = match super::plan::incentives_of(args.incentives.as_deref()) {
        Ok(incentives) => incentives,
        Err(e) => return super::fail(&e, s),
    };
    let answers = match answers_of(&args.assessment, q, s) {
        Ok(answers) => answers,
        Err(message) => {
            eprint!("{message}");
            return Exit::BadInput;
        }
    };
    let peers = match super::peers_line(args.peers.as_deref(), &answers, q, s) {
        Ok(line) => line,
        Err(exit) => return exit,
    };
    let format = args
        .report_format
        .or_else(|| args.output.as_deref().and_then(ReportFormat::from_path))
        .unwrap_or(ReportFormat::Txt);
    let bytes = match format {
        ReportFormat::Csv => csv::render(q, &answers, s),
        other => {
            let mut report = data::build_with(q, &answers, &incentives, s);
            report.peers_more.extend(peers);
            match other {
                ReportFormat::Md => markdown::render(&report, s),
                ReportFormat::Html => html::render(&report, s),
                _ => plain::render(&report, s),
            }
            .into_bytes()
        }
    };
    deliver(args.output.as_deref(), &bytes, "report.html", s)
}

/// An output file whose extension is not a report format zizhen writes: what to do instead.
/// A name without an extension is written as text (or as `--format` says).
pub(crate) fn check_extension(path: &Path, s: &Strings) -> Result<(), String> {
    let Some(extension) = path.extension() else {
        return Ok(());
    };
    if ReportFormat::from_path(path).is_some() {
        return Ok(());
    }
    let extension = extension.to_string_lossy();
    let hint = match extension.to_ascii_lowercase().as_str() {
        "pdf" => "results.unsupported_pdf",
        "json" => "results.unsupported_json",
        _ => "results.unsupported_hint",
    };
    Err(format!(
        "{}{}: {}\n  {}{}\n",
        s.get("diag.label.error"),
        path.display(),
        s.fmt("results.unsupported_extension", &[("ext", &extension)]),
        s.get("diag.label.hint"),
        s.get(hint)
    ))
}
