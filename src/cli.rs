//! The command line (clap derive). Help texts come from the locale files (`cli.*`), applied to
//! the derived command at run time, so `--help` speaks the user's language.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::i18n::{Lang, Strings};

mod errors;
mod localize;

pub use errors::render_error;
pub use localize::localized;

#[derive(Parser, Debug)]
#[command(name = "zizhen", version)]
pub struct Cli {
    /// Language of all output: zh-CN or en (default: from the environment).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    /// Use this questionnaire file instead of the embedded one.
    #[arg(long = "questionnaire", global = true, value_name = "PATH")]
    pub questionnaire_file: Option<PathBuf>,

    /// Keep assessments, settings and exports in this folder (e.g. on a USB stick).
    #[arg(long = "data-dir", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The interactive self-diagnosis: a collection to compare the score with.
    #[arg(long, value_name = "STORE")]
    pub peers: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Commands>,
}

#[derive(Subcommand, Debug)]
pub enum Commands {
    /// Show or check questionnaire files.
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// Score an answers file, a saved assessment or a result file.
    Score(ScoreArgs),
    /// Write the result file (JSON) of an assessment.
    Export(ExportArgs),
    /// Check result files.
    Verify {
        /// Result files (.json) to check.
        #[arg(required = true, value_name = "FILE")]
        results: Vec<PathBuf>,
    },
    /// Turn a result file into a saved assessment again.
    Import(ImportArgs),
    /// Write a report (Markdown, HTML, text, CSV).
    Report(ReportArgs),
    /// Plan the formal assessment: steps, team, readiness checklist, incentives by level.
    Plan(PlanArgs),
    /// Compare two assessments: scores, and every answer that changed.
    Compare(CompareArgs),
    /// Merge the parts of one assessment answered by several people.
    Merge(MergeArgs),
    /// Write a made-up population of result files that follows the 2021 national report.
    Demo(DemoArgs),
    /// Verify result files and add them to a collection (SQLite).
    Collect(CollectArgs),
    /// The index report of a collection.
    Index(IndexArgs),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// An answers file, a saved assessment's name, or a result file (.json).
    #[arg(value_name = "ASSESSMENT")]
    pub assessment: String,
    /// md, html, txt or csv (default: from the output file's extension, else txt; another
    /// extension is refused).
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub report_format: Option<ReportFormat>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// An incentive file to use instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    pub incentives: Option<PathBuf>,
    /// A collection to compare the score with (where X stands among its enterprises).
    #[arg(long, value_name = "STORE")]
    pub peers: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// An answers file, a saved assessment's name, or a result file (.json).
    #[arg(value_name = "ASSESSMENT")]
    pub answers: String,
    /// The level to plan for, 2–5 (default: the recommended first application).
    #[arg(long, value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(2..=5))]
    pub target: Option<u8>,
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub report_format: Option<ReportFormat>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// An incentive file to use instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    pub incentives: Option<PathBuf>,
    /// Every place of the incentive data, not only the enterprise's.
    #[arg(long)]
    pub all_incentives: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Txt,
    Csv,
}

/// The format a file name asks for, among those of `T`: its extension, with "markdown", "htm"
/// and "text" read as md, html and txt.
fn format_of<T: ValueEnum>(path: &std::path::Path) -> Option<T> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let word = match extension.as_str() {
        "markdown" => "md",
        "htm" => "html",
        "text" => "txt",
        other => other,
    };
    T::from_str(word, true).ok()
}

impl ReportFormat {
    /// The format a file name asks for.
    pub fn from_path(path: &std::path::Path) -> Option<ReportFormat> {
        format_of(path)
    }
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// An answers file, a saved assessment's name, or a result file (.json).
    #[arg(value_name = "A")]
    pub compare_a: String,
    /// The same, compared with A (the later one, or the assessor's).
    #[arg(value_name = "B")]
    pub compare_b: String,
    /// txt, md, html or json (default: from the output file's extension, else txt).
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub compare_format: Option<CompareFormat>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Txt,
    Md,
    Html,
    Json,
}

impl CompareFormat {
    /// The format a file name asks for.
    pub fn from_path(path: &std::path::Path) -> Option<CompareFormat> {
        format_of(path)
    }
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// Answers files, saved assessments' names or result files (.json): the parts.
    #[arg(required = true, num_args = 2.., value_name = "PART")]
    pub parts: Vec<String>,
    /// The merged assessment: an answers file (.toml), or a result file when it ends in .json.
    #[arg(short = 'o', long = "output", value_name = "OUT", required = true)]
    pub merge_output: PathBuf,
    /// The part that wins every conflict it takes part in.
    #[arg(long, value_name = "PART")]
    pub prefer: Option<String>,
}

#[derive(Args, Debug)]
pub struct CollectArgs {
    /// The collection (a SQLite file; made when missing).
    #[arg(value_name = "STORE")]
    pub store: PathBuf,
    /// Result files, or folders searched for *.json.
    #[arg(value_name = "FILE|DIR", required_unless_present = "watch")]
    pub inputs: Vec<PathBuf>,
    /// Keep collecting the result files that land in this folder until Ctrl-C.
    #[arg(long, value_name = "DIR")]
    pub watch: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct IndexArgs {
    /// The collection (made by `zizhen collect`).
    #[arg(value_name = "STORE")]
    pub store: PathBuf,
    /// txt, md, html, csv or json (default: from the output file's extension, else txt).
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub index_format: Option<IndexFormat>,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, value_name = "CODE")]
    pub province: Option<String>,
    #[arg(long, value_name = "CODE")]
    pub city: Option<String>,
    #[arg(long, value_name = "CODE")]
    pub industry: Option<String>,
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub industry_type: Option<TypeArg>,
    #[arg(long, value_enum, value_name = "SIZE")]
    pub size: Option<SizeArg>,
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    #[arg(long, value_name = "K", default_value_t = 5)]
    pub min_group: u64,
    #[arg(long)]
    pub list: bool,
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// Write tidy CSV tables into this folder instead of the report.
    #[arg(long, value_name = "DIR")]
    pub export: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum IndexFormat {
    Txt,
    Md,
    Html,
    Csv,
    Json,
}

impl IndexFormat {
    /// The format a file name asks for.
    pub fn from_path(path: &std::path::Path) -> Option<IndexFormat> {
        format_of(path)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TypeArg {
    Discrete,
    Process,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SizeArg {
    Sme,
    Large,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// An answers file, or the name of a saved assessment.
    #[arg(value_name = "ASSESSMENT")]
    pub assessment: String,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// How many enterprises (result files) to write.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub population: u32,
    /// The random seed: the same seed writes the same files.
    #[arg(long, value_name = "S", default_value_t = 2021)]
    pub seed: u64,
    /// The folder to write to (new or empty).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Assessment years: 2021 or a range such as 2019-2021.
    #[arg(long, value_name = "YEARS", default_value = "2021", value_parser = parse_years)]
    pub years: (i16, i16),
}

/// `2021` or `2019-2021` (years 2000–2100, the first not after the second).
fn parse_years(value: &str) -> Result<(i16, i16), String> {
    let year = |t: &str| {
        t.trim()
            .parse::<i16>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
    };
    let parsed = match value.split_once('-') {
        Some((a, b)) => year(a).zip(year(b)),
        None => year(value).map(|y| (y, y)),
    };
    parsed
        .filter(|(a, b)| a <= b)
        .ok_or_else(|| String::from("2021 | 2019-2021"))
}

#[derive(Subcommand, Debug)]
pub enum QuestionnaireCommand {
    /// Print the questionnaire.
    Show {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Check questionnaire files.
    Validate {
        /// Questionnaire files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct ScoreArgs {
    /// An answers file, a saved assessment's name, or a result file (.json).
    #[arg(value_name = "ASSESSMENT")]
    pub answers: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// A collection to compare the score with (where X stands among its enterprises).
    #[arg(long, value_name = "STORE")]
    pub peers: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn parse_lang(value: &str) -> Result<Lang, String> {
    match value {
        "zh-CN" | "zh" | "zh_CN" => Ok(Lang::ZhCn),
        "en" => Ok(Lang::En),
        _ => Err(String::from("zh-CN | en")),
    }
}

/// The language asked for on the command line (looked at before parsing, so that help and
/// parse errors are already in that language), else the environment's.
pub fn lang_from_args(args: &[OsString]) -> Lang {
    let mut iter = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        let value = if arg == "--lang" {
            iter.next()
        } else {
            arg.strip_prefix("--lang=")
        };
        if let Some(lang) = value.and_then(|v| parse_lang(v).ok()) {
            return lang;
        }
    }
    Lang::from_env()
}

/// Parses `args` with help texts in the language of `strings`.
pub fn parse(args: Vec<OsString>, strings: &Strings) -> Result<Cli, clap::Error> {
    let mut command = localized(strings);
    let matches = command.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_is_well_formed_in_both_languages() {
        for lang in Lang::ALL {
            localized(&Strings::load(lang)).debug_assert();
        }
    }

    #[test]
    fn formats_from_file_names() {
        use std::path::Path;
        let report = |p: &str| ReportFormat::from_path(Path::new(p));
        assert_eq!(report("a.MARKDOWN"), Some(ReportFormat::Md));
        assert_eq!(report("a.htm"), Some(ReportFormat::Html));
        assert_eq!(report("a.text"), Some(ReportFormat::Txt));
        assert_eq!(report("a.json"), None, "a report is not JSON");
        assert_eq!(report("a"), None);
        assert_eq!(
            CompareFormat::from_path(Path::new("c.json")),
            Some(CompareFormat::Json)
        );
        assert_eq!(CompareFormat::from_path(Path::new("c.csv")), None);
        assert_eq!(
            IndexFormat::from_path(Path::new("i.CSV")),
            Some(IndexFormat::Csv)
        );
    }

    #[test]
    fn lang_is_found_before_parsing() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_from_args(&args(&["zizhen", "--lang", "en"])), Lang::En);
        assert_eq!(
            lang_from_args(&args(&["zizhen", "score", "--lang=zh-CN"])),
            Lang::ZhCn
        );
    }
}
