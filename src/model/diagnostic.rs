//! Located, translatable problems found in a file we read.
//!
//! A [`Diagnostic`] carries a [`Code`] and named arguments, never prose: the text comes from the
//! locale files (`diag.<code>.message` and `diag.<code>.hint`), so every message exists in both
//! languages. A [`FileError`] groups a file's diagnostics with its source. Saying them to a
//! person (line, column, the offending line) is done by `crate::messages`.

use std::ops::Range;
use std::path::{Path, PathBuf};

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
    OutputIsDirectory => "output_is_directory",
    NotUtf8 => "not_utf8",
    TomlSyntax => "toml_syntax",
    UnknownKey => "unknown_key",
    MissingKey => "missing_key",
    WrongType => "wrong_type",
    EmptyValue => "empty_value",
    // questionnaire files
    LooksLikeAnswers => "looks_like_answers",
    LooksLikeResult => "looks_like_result",
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
    CityUnknown => "city_unknown",
    CoverageUnknown => "coverage_unknown",
    CoverageDuplicate => "coverage_duplicate",
    NegativeNumber => "negative_number",
    NotAHeadcount => "not_a_headcount",
    NotAnAmount => "not_an_amount",
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
    // incentive files
    IncentiveFormat => "incentive_format",
    IncentiveDate => "incentive_date",
    IncentiveEmpty => "incentive_empty",
    IncentiveKind => "incentive_kind",
    IncentiveMissingValue => "incentive_missing_value",
    IncentiveBadValue => "incentive_bad_value",
    IncentiveYear => "incentive_year",
    IncentiveDuplicate => "incentive_duplicate",
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

    /// An operating-system error as the `error` argument: its own text, and its kind (see
    /// [`io_error_kind`]) so that it is said in the user's language where zizhen knows it.
    pub fn io_error(self, error: &std::io::Error) -> Diagnostic {
        let with_text = self.arg("error", error);
        match io_error_kind(error) {
            Some(kind) => with_text.arg(IO_ERROR_KIND, kind),
            None => with_text,
        }
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
}

/// The argument that names the kind of an [`Diagnostic::io_error`].
pub const IO_ERROR_KIND: &str = "error_kind";

/// The common kinds of operating-system errors zizhen says in its own words: the locale key
/// `io_error.<kind>`. `None` for the rest, which are shown in the system's words.
pub fn io_error_kind(error: &std::io::Error) -> Option<&'static str> {
    use std::io::ErrorKind as K;
    let kind = match error.kind() {
        K::NotFound => "not_found",
        K::PermissionDenied => "permission_denied",
        K::AlreadyExists => "already_exists",
        K::IsADirectory => "is_a_directory",
        K::NotADirectory => "not_a_directory",
        K::StorageFull => "storage_full",
        K::ReadOnlyFilesystem => "read_only",
        K::InvalidData => "invalid_data",
        _ => return raw_os_error_kind(error.raw_os_error()?),
    };
    Some(kind)
}

/// The same kinds by their Unix error numbers, for errors whose kind the standard library
/// leaves uncategorised.
fn raw_os_error_kind(code: i32) -> Option<&'static str> {
    if !cfg!(unix) {
        return None;
    }
    match code {
        20 => Some("not_a_directory"),
        21 => Some("is_a_directory"),
        28 => Some("storage_full"),
        30 => Some("read_only"),
        _ => None,
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

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
    fn common_system_errors_have_a_kind() {
        use std::io::{Error, ErrorKind};
        let kind = |e: Error| io_error_kind(&e);
        assert_eq!(kind(Error::from(ErrorKind::NotFound)), Some("not_found"));
        assert_eq!(
            kind(Error::from(ErrorKind::PermissionDenied)),
            Some("permission_denied")
        );
        assert_eq!(
            kind(Error::from(ErrorKind::InvalidData)),
            Some("invalid_data")
        );
        assert_eq!(kind(Error::other("something else")), None);
        if cfg!(unix) {
            for (code, name) in [
                (20, "not_a_directory"),
                (21, "is_a_directory"),
                (28, "storage_full"),
                (30, "read_only"),
            ] {
                assert_eq!(kind(Error::from_raw_os_error(code)), Some(name), "{code}");
            }
        }
        let d = Diagnostic::new(Code::Io).io_error(&Error::from(ErrorKind::NotFound));
        assert_eq!(d.get(IO_ERROR_KIND), Some("not_found"));
        assert!(d.get("error").is_some(), "the system's text is kept");
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
