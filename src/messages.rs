//! How problems are said to people, in their language: a file's diagnostics with line, column
//! and a window of the offending line; a storage problem. The model and the storage layer hold
//! the problems as data; this is the one place that turns them into text.

use std::ops::Range;
use std::sync::Arc;

use crate::i18n::Strings;
use crate::model::diagnostic::{
    Code, Diagnostic, FileError, IO_ERROR_KIND, floor_char_boundary, io_error_kind, line_col,
};
use crate::storage::{NameProblem, StoreError};

/// A problem kept as data until it is said (in the language of the moment): what the driver
/// reports back to the interface.
#[derive(Clone, Debug)]
pub enum Problem {
    Store(Arc<StoreError>),
    File(Arc<FileError>),
    /// A collection (`zizhen collect`) that could not be read.
    Collection(Arc<crate::collection::StoreError>),
    /// Text from outside zizhen (an operating-system message), shown as it is.
    Text(String),
}

impl Problem {
    pub fn store(e: StoreError) -> Problem {
        Problem::Store(Arc::new(e))
    }

    pub fn file(e: FileError) -> Problem {
        Problem::File(Arc::new(e))
    }

    /// The whole problem in `s`'s language (a file's every diagnostic, with lines and hints).
    pub fn render(&self, s: &Strings) -> String {
        match self {
            Problem::Store(e) => e.render(s),
            Problem::File(e) => e.render(s),
            Problem::Collection(e) => e.render(s),
            Problem::Text(text) => text.clone(),
        }
    }

    /// Its first line: what fits a status line or a banner.
    pub fn first_line(&self, s: &Strings) -> String {
        self.render(s)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

/// Two problems are the same one when they are the same report (the errors themselves cannot be
/// compared: they hold operating-system errors).
impl PartialEq for Problem {
    fn eq(&self, other: &Problem) -> bool {
        match (self, other) {
            (Problem::Store(a), Problem::Store(b)) => Arc::ptr_eq(a, b),
            (Problem::File(a), Problem::File(b)) => Arc::ptr_eq(a, b),
            (Problem::Collection(a), Problem::Collection(b)) => Arc::ptr_eq(a, b),
            (Problem::Text(a), Problem::Text(b)) => a == b,
            _ => false,
        }
    }
}

impl Diagnostic {
    pub fn message(&self, strings: &Strings) -> String {
        self.text(strings, "message")
    }

    pub fn hint(&self, strings: &Strings) -> String {
        self.text(strings, "hint")
    }

    fn text(&self, strings: &Strings, part: &str) -> String {
        // An operating-system error of a known kind is said in the user's language.
        let io_error = self
            .get(IO_ERROR_KIND)
            .map(|kind| strings.get(&format!("io_error.{kind}")));
        let file_kind = |kind: &str| {
            strings.get(&format!(
                "file_kind.{}",
                kind.to_ascii_lowercase().replace(' ', "_")
            ))
        };
        // An argument given per language ("cities.zh-CN", "cities.en") is `{cities}` in the
        // user's language.
        let suffix = format!(".{}", strings.lang().tag());
        let args: Vec<(&str, &str)> = self
            .args
            .iter()
            .map(|(k, v)| match (*k, io_error) {
                ("error", Some(text)) => (*k, text),
                ("kind", _) if self.code == Code::NotRegularFile => (*k, file_kind(v)),
                _ => (k.strip_suffix(suffix.as_str()).unwrap_or(k), v.as_str()),
            })
            .collect();
        strings.fmt(&format!("diag.{}.{part}", self.code.name()), &args)
    }
}

impl FileError {
    /// Renders every diagnostic as `file:line:col: message`, the source line with a marker, and
    /// the hint: the form used on the command line and in the TUI's error screens.
    pub fn render(&self, strings: &Strings) -> String {
        let mut out = String::new();
        let label_error = strings.get("diag.label.error");
        let label_hint = strings.get("diag.label.hint");
        for diagnostic in &self.diagnostics {
            let mut place = self.path.display().to_string();
            let excerpt = match (&diagnostic.span, self.source.as_deref()) {
                (Some(span), Some(source)) => {
                    let (line, col) = line_col(source, span.start);
                    place.push_str(&format!(":{line}:{col}"));
                    Some(excerpt(source, span.clone()))
                }
                _ => None,
            };
            out.push_str(&format!(
                "{label_error}{place}: {}\n",
                diagnostic.message(strings)
            ));
            if let Some(excerpt) = excerpt {
                out.push_str(&excerpt);
            }
            let hint = diagnostic.hint(strings);
            if !hint.is_empty() {
                out.push_str(&format!("  {label_hint}{hint}\n"));
            }
        }
        out
    }
}

/// An operating-system error in the user's language where zizhen knows its kind, else in the
/// system's words.
pub fn io_error(error: &std::io::Error, s: &Strings) -> String {
    match io_error_kind(error) {
        Some(kind) => s.get(&format!("io_error.{kind}")).to_string(),
        None => error.to_string(),
    }
}

impl StoreError {
    /// The problem in the user's language.
    pub fn render(&self, s: &Strings) -> String {
        match self {
            StoreError::NoHome => {
                format!("{}\n{}", s.get("store.no_home"), s.get("store.ways_out"))
            }
            StoreError::DataDir { path, source } => format!(
                "{}\n{}",
                s.fmt(
                    "store.data_dir",
                    &[
                        ("path", &path.display().to_string()),
                        ("error", &io_error(source, s)),
                    ],
                ),
                s.get("store.ways_out")
            ),
            StoreError::Io { path, source } => s.fmt(
                "store.io",
                &[
                    ("path", &path.display().to_string()),
                    ("error", &io_error(source, s)),
                ],
            ),
            StoreError::Exists { name } => s.fmt("store.exists", &[("name", name)]),
            StoreError::NotFound { name } => s.fmt("store.not_found", &[("name", name)]),
            StoreError::BadName { name, problem } => {
                let reason = match problem {
                    NameProblem::Empty => s.get("store.name.empty").to_string(),
                    NameProblem::TooLong => s.get("store.name.too_long").to_string(),
                    NameProblem::BadChar(c) => {
                        s.fmt("store.name.bad_char", &[("char", &c.to_string())])
                    }
                    NameProblem::LeadingDot => s.get("store.name.leading_dot").to_string(),
                };
                s.fmt("store.bad_name", &[("name", name), ("reason", &reason)])
            }
            StoreError::Corrupt(file_error) => file_error.render(s),
        }
    }
}

/// The most characters of a source line shown under a message: a one-line file of 100 MB must
/// not become 200 MB on standard error.
const EXCERPT_CHARS: usize = 200;

/// The line holding `span.start` (a window of at most [`EXCERPT_CHARS`] characters around the
/// span, "…" where cut), and a row of `^` under the span (display width aware, so the marker
/// sits under Chinese text correctly).
fn excerpt(source: &str, span: Range<usize>) -> String {
    use unicode_width::UnicodeWidthStr;
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line_end = if source[line_start..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    };
    let (line_no, _) = line_col(source, start);
    let end = floor_char_boundary(source, span.end.clamp(start, line_end.max(start)));
    // The window: up to half of it before the span, the rest from the span on.
    let from = back_chars(source, start, line_start, EXCERPT_CHARS / 2);
    let to = forward_chars(source, from, line_end, EXCERPT_CHARS);
    let end = end.min(to);
    let (lead, tail) = (
        if from > line_start { "…" } else { "" },
        if to < line_end { "…" } else { "" },
    );
    let pad = lead.width() + source[from..start].width();
    let marks = source[start..end].width().max(1);
    let gutter = line_no.to_string().len();
    format!(
        "{:>gutter$} | {lead}{}{tail}\n{:>gutter$} | {}{}\n",
        line_no,
        &source[from..to],
        "",
        " ".repeat(pad),
        "^".repeat(marks)
    )
}

/// The byte offset `n` characters before `at`, not before `floor`.
fn back_chars(source: &str, at: usize, floor: usize, n: usize) -> usize {
    source[floor..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The byte offset `n` characters after `at`, not after `ceiling`.
fn forward_chars(source: &str, at: usize, ceiling: usize, n: usize) -> usize {
    source[at..ceiling]
        .char_indices()
        .nth(n)
        .map_or(ceiling, |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_marks_under_wide_text() {
        let src = "名称 = \"坏\"\n";
        let start = src.find('"').unwrap();
        let text = excerpt(src, start..src.len() - 1);
        assert_eq!(text, "1 | 名称 = \"坏\"\n  |        ^^^^\n");
    }

    #[test]
    fn excerpt_of_a_huge_line_is_a_window() {
        let mut src = "a".repeat(1_000_000);
        src.push_str("名 = !");
        src.push_str(&"b".repeat(1_000_000));
        let bad = src.find('!').unwrap();
        let text = excerpt(&src, bad..bad + 1);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].chars().count() < EXCERPT_CHARS + 10,
            "{}",
            lines[0].len()
        );
        assert!(lines[0].contains("…a") && lines[0].contains("名 = !b") && lines[0].ends_with('…'));
        // The marker still sits under the '!'.
        let marker = lines[1].find('^').unwrap();
        let prefix = &lines[0][..lines[0].find('!').unwrap()];
        use unicode_width::UnicodeWidthStr;
        assert_eq!(lines[1][..marker].width(), prefix.width());
    }

    #[test]
    fn excerpt_of_a_short_line_is_whole() {
        let src = "x = 1\ny = !\n";
        let bad = src.find('!').unwrap();
        assert_eq!(excerpt(src, bad..bad + 1), "2 | y = !\n  |     ^\n");
    }
}
