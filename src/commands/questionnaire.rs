use std::path::PathBuf;

use super::{Exit, emit, fail};
use crate::cli::Format;
use crate::i18n::Strings;
use crate::model::Questionnaire;
use crate::report;

pub fn show(q: &Questionnaire, format: Format, s: &Strings) -> Exit {
    match format {
        Format::Text => emit(&report::summary::questionnaire(q, s)),
        Format::Json => emit(&format!("{:#}\n", report::json::questionnaire(q))),
    }
}

/// Checks every file and reports each; fails if any is invalid.
pub fn validate(files: &[PathBuf], s: &Strings) -> Exit {
    let mut result = Exit::Ok;
    for file in files {
        match Questionnaire::load(file) {
            Ok(q) => {
                let line = s.fmt(
                    "validate.ok",
                    &[
                        ("file", &file.display().to_string()),
                        ("id", q.id()),
                        ("version", &q.header.version),
                        ("subdomains", &q.subdomains.len().to_string()),
                        ("requirements", &q.requirements.len().to_string()),
                    ],
                );
                emit(&format!("{line}\n"));
            }
            Err(e) => result = fail(&e, s),
        }
    }
    result
}
