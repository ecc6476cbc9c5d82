//! `zizhen report`: a report a manager can read and forward.

use std::path::Path;

use super::results::resolve;
use super::{Exit, emit, write_failed};
use crate::cli::{ReportArgs, ReportFormat};
use crate::i18n::Strings;
use crate::model::{Answers, Questionnaire};
use crate::report::{csv, data, html, markdown, plain};
use crate::result;
use crate::storage::write_shared;

/// The answers behind ASSESSMENT: a result file (verified first), an answers file, or a saved
/// assessment.
fn answers_of(spec: &str, q: &Questionnaire, s: &Strings) -> Result<Answers, String> {
    let path = Path::new(spec);
    let is_result = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_result {
        return result::load(path)
            .and_then(|file| result::verify_answers(path, file, &result::known(q)))
            .map(|verified| verified.answers)
            .map_err(|e| e.render(s));
    }
    resolve(spec, q, s).map(|(answers, _)| answers)
}

pub fn run(q: &Questionnaire, args: &ReportArgs, s: &Strings) -> Exit {
    let answers = match answers_of(&args.assessment, q, s) {
        Ok(answers) => answers,
        Err(message) => {
            eprint!("{message}");
            return Exit::BadInput;
        }
    };
    let format = args
        .report_format
        .or_else(|| args.output.as_deref().and_then(ReportFormat::from_path))
        .unwrap_or(ReportFormat::Txt);
    let bytes = match format {
        ReportFormat::Csv => csv::render(q, &answers, s),
        other => {
            let report = data::build(q, &answers, s);
            match other {
                ReportFormat::Md => markdown::render(&report, s),
                ReportFormat::Html => html::render(&report, s),
                _ => plain::render(&report, s),
            }
            .into_bytes()
        }
    };
    match &args.output {
        None => emit(&String::from_utf8_lossy(&bytes)),
        Some(path) => match write_shared(path, &bytes) {
            Ok(()) => {
                eprintln!(
                    "{}",
                    s.fmt("results.written", &[("file", &path.display().to_string())])
                );
                Exit::Ok
            }
            Err(e) => write_failed(path, e, s),
        },
    }
}
