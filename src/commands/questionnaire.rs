use std::path::{Path, PathBuf};

use super::{Exit, emit, fail};
use crate::cli::Format;
use crate::i18n::Strings;
use crate::model::{Code, Diagnostic, FileError, Questionnaire};
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
            Err(e) => result = fail(&misplaced(file, e), s),
        }
    }
    result
}

/// A file that does not load as a questionnaire because it is another of zizhen's files (an
/// answers file, a result file) is said to be that, with the command that reads it; any other
/// error is kept as it is.
pub fn misplaced(path: &Path, error: FileError) -> FileError {
    let read_it = !error.diagnostics.iter().any(|d| {
        matches!(
            d.code,
            Code::Io | Code::NotRegularFile | Code::FileTooLarge | Code::NotUtf8
        )
    });
    let Some(text) = error.source.as_deref().filter(|_| read_it) else {
        return error;
    };
    let code = if looks_like_result(text) {
        Code::LooksLikeResult
    } else if looks_like_answers(text) {
        Code::LooksLikeAnswers
    } else {
        return error;
    };
    let diagnostic = Diagnostic::new(code).arg("file", path.display());
    FileError::single(path, None, diagnostic)
}

/// A questionnaire has a `[questionnaire]` table; an answers file names its questionnaire with
/// a string, or has a profile or ratings.
fn looks_like_answers(text: &str) -> bool {
    let Ok(table) = text.parse::<toml::Table>() else {
        return false;
    };
    match table.get("questionnaire") {
        Some(toml::Value::Table(_)) => false,
        Some(toml::Value::String(_)) => true,
        _ => ["profile", "ratings", "tailoring"]
            .iter()
            .any(|key| table.get(*key).is_some_and(toml::Value::is_table)),
    }
}

/// A result file is JSON whose `format` is `zizhen-result/…`.
fn looks_like_result(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|value| {
        value
            .get("format")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|format| format.starts_with("zizhen-result"))
    })
}
