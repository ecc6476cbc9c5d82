//! Located, translatable problems found in a file we read.
//!
//! A [`Diagnostic`] carries a [`Code`] and named arguments, never prose: the text comes from the
//! locale files (`diag.<code>.message` and `diag.<code>.hint`), so every message exists in both
//! languages. A [`FileError`] groups a file's diagnostics with its source so they can be shown
//! with line, column and the offending line.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::i18n::Strings;

macro_rules! codes {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// What is wrong. Each code has a message and a hint in both locales.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The locale key stem: `diag.<name>.message`, `diag.<name>.hint`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }
        }
    };
}

codes! {
    // reading any file
    Io => "io",
    NotRegularFile => "not_regular_file",
    FileTooLarge => "file_too_large",
    WriteFailed => "write_failed",
    NotUtf8 => "not_utf8",
    TomlSyntax => "toml_syntax",
    UnknownKey => "unknown_key",
    MissingKey => "missing_key",
    WrongType => "wrong_type",
    EmptyValue => "empty_value",
    // questionnaire files
    EmptyModel => "empty_model",
    DuplicateKey => "duplicate_key",
    BadKeyName => "bad_key_name",
    UnknownElement => "unknown_element",
    UnknownDomain => "unknown_domain",
    UnknownSubdomain => "unknown_subdomain",
    EmptyElement => "empty_element",
    EmptyDomain => "empty_domain",
    EmptySubdomain => "empty_subdomain",
    EmptyCell => "empty_cell",
    SkipLevel => "skip_level",
    MigrateVersion => "migrate_version",
    MigrateCurrentId => "migrate_current_id",
    MigrateUnknownTarget => "migrate_unknown_target",
    MigrateFate => "migrate_fate",
    WeightUnknownKey => "weight_unknown_key",
    WeightsMixed => "weights_mixed",
    WeightsNoReason => "weights_no_reason",
    DuplicateId => "duplicate_id",
    BadRequirementId => "bad_requirement_id",
    LevelOutOfRange => "level_out_of_range",
    LevelsIncomplete => "levels_incomplete",
    DuplicateLevel => "duplicate_level",
    MissingTranslation => "missing_translation",
    BadWeight => "bad_weight",
    CellTooLarge => "cell_too_large",
    ScaleCode => "scale_code",
    ScaleIncomplete => "scale_incomplete",
    ScaleValue => "scale_value",
    ScaleOrder => "scale_order",
    // answers files
    QuestionnaireMissing => "questionnaire_missing",
    QuestionnaireMismatch => "questionnaire_mismatch",
    TailorUnknown => "tailor_unknown",
    TailorLocked => "tailor_locked",
    TailorNeedsType => "tailor_needs_type",
    TailorNoReason => "tailor_no_reason",
    UnknownRequirement => "unknown_requirement",
    NotConditional => "not_conditional",
    NotApplicableNoReason => "not_applicable_no_reason",
    RatedAndNotApplicable => "rated_and_not_applicable",
    QuestionnaireVersionUnknown => "questionnaire_version_unknown",
    ManyUnknownRequirements => "many_unknown_requirements",
    BadRating => "bad_rating",
    BadTimestamp => "bad_timestamp",
    // enterprise profile
    CreditLength => "credit_length",
    CreditChar => "credit_char",
    CreditCheck => "credit_check",
    IndustryFormat => "industry_format",
    IndustryRange => "industry_range",
    IndustryType => "industry_type",
    ProvinceFormat => "province_format",
    ProvinceUnknown => "province_unknown",
    CoverageUnknown => "coverage_unknown",
    CoverageDuplicate => "coverage_duplicate",
    NegativeNumber => "negative_number",
    NotANumber => "not_a_number",
    IndustryTypeRequired => "industry_type_required",
    // result files
    NotJson => "not_json",
    ResultFormat => "result_format",
    ResultShape => "result_shape",
    DigestMismatch => "digest_mismatch",
    QuestionnaireUnknown => "questionnaire_unknown",
    QuestionnaireChanged => "questionnaire_changed",
    QuestionnaireNotCarried => "questionnaire_not_carried",
    ResultOldRule => "result_old_rule",
    ResultDiffers => "result_differs",
    MoreDifferences => "more_differences",
    // configuration
    BadKey => "bad_key",
    UnknownAction => "unknown_action",
}

/// One problem, with its arguments and, where known, its byte range in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub args: Vec<(&'static str, String)>,
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    pub fn new(code: Code) -> Diagnostic {
        Diagnostic {
            code,
            args: Vec::new(),
            span: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Diagnostic {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn at(mut self, span: Range<usize>) -> Diagnostic {
        self.span = Some(span);
        self
    }

    /// The value of an argument, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn message(&self, strings: &Strings) -> String {
        self.text(strings, "message")
    }

    pub fn hint(&self, strings: &Strings) -> String {
        self.text(strings, "hint")
    }

    fn text(&self, strings: &Strings, part: &str) -> String {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        strings.fmt(&format!("diag.{}.{part}", self.code.name()), &args)
    }
}

/// A file that could not be used, with every problem found in it.
#[derive(Clone, Debug)]
pub struct FileError {
    pub path: PathBuf,
    /// The file's text, when it could be read as UTF-8 (used to show lines and columns).
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileError {
    pub fn new(path: &Path, source: Option<String>, diagnostics: Vec<Diagnostic>) -> FileError {
        FileError {
            path: path.to_path_buf(),
            source,
            diagnostics,
        }
    }

    pub fn single(path: &Path, source: Option<String>, diagnostic: Diagnostic) -> FileError {
        FileError::new(path, source, vec![diagnostic])
    }

    pub fn codes(&self) -> Vec<Code> {
        self.diagnostics.iter().map(|d| d.code).collect()
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> Option<(usize, usize)> {
        self.source.as_deref().map(|s| line_col(s, offset))
    }

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

/// 1-based line and column (counted in characters) of byte `offset` in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
    fn line_and_column_count_characters() {
        let src = "a = 1\n名称 = \"x\"\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        let x = src.find("\"x").unwrap();
        assert_eq!(line_col(src, x), (2, 6));
        // an offset inside a multi-byte character does not panic
        assert_eq!(line_col(src, 7), (2, 1));
    }

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

    #[test]
    fn code_names_are_unique() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
