//! The command line (clap derive). Help texts come from the locale files (`cli.*`), applied to
//! the derived command at run time, so `--help` speaks the user's language.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{
    Arg, ArgAction, Args, Command, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum,
};

use crate::i18n::{Lang, Strings};

#[derive(Parser, Debug)]
#[command(name = "zizhen", version)]
pub struct Cli {
    /// Language of all output: zh-CN or en (default: from the environment).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    /// Use this questionnaire file instead of the embedded one.
    #[arg(long = "questionnaire", global = true, value_name = "PATH")]
    pub questionnaire_file: Option<PathBuf>,

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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Txt,
    Csv,
}

impl ReportFormat {
    /// The format a file name asks for.
    pub fn from_path(path: &std::path::Path) -> Option<ReportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ReportFormat::Md),
            "html" | "htm" => Some(ReportFormat::Html),
            "txt" | "text" => Some(ReportFormat::Txt),
            "csv" => Some(ReportFormat::Csv),
            _ => None,
        }
    }
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
    pub fn from_path(path: &std::path::Path) -> Option<IndexFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(IndexFormat::Json),
            _ => ReportFormat::from_path(path).map(|f| match f {
                ReportFormat::Md => IndexFormat::Md,
                ReportFormat::Html => IndexFormat::Html,
                ReportFormat::Txt => IndexFormat::Txt,
                ReportFormat::Csv => IndexFormat::Csv,
            }),
        }
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

/// The derived command with every about and help text taken from `strings`.
pub fn localized(strings: &Strings) -> Command {
    localize(Cli::command(), "cli", strings)
}

fn localize(command: Command, path: &str, s: &Strings) -> Command {
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(s.get("cli.help").to_string())
        .help_heading(s.get("cli.heading.options").to_string());
    let mut command = command
        .about(s.get(&format!("{path}.about")).to_string())
        .disable_help_flag(true)
        .arg(help)
        .disable_help_subcommand(true)
        .subcommand_help_heading(s.get("cli.heading.commands").to_string())
        .help_template(format!(
            "{{about}}\n\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            s.get("cli.heading.usage")
        ));
    let is_root = path == "cli";
    if is_root {
        command = command
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(s.get("cli.version").to_string())
                    .help_heading(s.get("cli.heading.options").to_string()),
            )
            .after_help(s.get("cli.after_help").to_string());
    }
    let arg_ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in arg_ids {
        let key = format!("cli.arg.{id}");
        let heading = if command
            .get_arguments()
            .any(|a| a.get_id() == id.as_str() && a.is_positional())
        {
            s.get("cli.heading.arguments").to_string()
        } else {
            s.get("cli.heading.options").to_string()
        };
        command = command.mut_arg(id.as_str(), |a| {
            a.help(s.get(&key).to_string()).help_heading(heading)
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path}.{name}");
        command = command.mut_subcommand(name.as_str(), |c| localize(c, &sub_path, s));
    }
    command
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
    fn lang_is_found_before_parsing() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_from_args(&args(&["zizhen", "--lang", "en"])), Lang::En);
        assert_eq!(
            lang_from_args(&args(&["zizhen", "score", "--lang=zh-CN"])),
            Lang::ZhCn
        );
    }
}
