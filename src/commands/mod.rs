//! What each subcommand does: load, check, score, print. Exit codes: 0 done, 1 a check did not
//! pass, 2 bad input or usage (the file or argument is named on standard error).

mod collect;
mod compare;
mod demo;
mod index;
mod merge;
mod plan;
mod questionnaire;
mod report;
mod results;

mod score;

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

use crate::cli::{self, Cli, Commands, QuestionnaireCommand};
pub use crate::exit::Exit;
use crate::i18n::Strings;
use crate::model::diagnostic::{Code, Diagnostic};
use crate::model::{FileError, Questionnaire};

/// Runs the program with `args` (including the program name).
pub fn run(args: Vec<OsString>) -> Exit {
    let strings = Strings::of(cli::lang_from_args(&args));
    let cli = match cli::parse(args, strings) {
        Ok(cli) => cli,
        Err(e) => {
            let text = cli::render_error(&e, strings);
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                let _ = std::io::stdout().write_all(text.as_bytes());
            }
            return if e.use_stderr() {
                Exit::BadInput
            } else {
                Exit::Ok
            };
        }
    };
    let strings = match cli.lang {
        Some(lang) if lang != strings.lang() => Strings::of(lang),
        _ => strings,
    };
    if let Some(dir) = &cli.data_dir {
        crate::storage::paths::choose_data_dir(dir.clone());
    }
    dispatch(cli, strings)
}

fn dispatch(cli: Cli, s: &Strings) -> Exit {
    let Some(command) = cli.command else {
        return match load_questionnaire(&cli.questionnaire_file) {
            Ok(q) => {
                let peers = cli.peers.as_deref().map(|p| {
                    let path = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
                    load_peers(p, s).map(|peers| (path, peers))
                });
                let peers = match peers.transpose() {
                    Ok(peers) => peers,
                    Err(exit) => return exit,
                };
                crate::tui::run(q, cli.lang, peers)
            }
            Err(e) => fail(&e, s),
        };
    };
    match &command {
        Commands::Completions { shell } => return completions(*shell, s),
        Commands::Man => return manual(s),
        _ => {}
    }
    if let Commands::Questionnaire(QuestionnaireCommand::Validate { files }) = &command {
        return questionnaire::validate(files, s);
    }
    let q = match load_questionnaire(&cli.questionnaire_file) {
        Ok(q) => q,
        Err(e) => return fail(&e, s),
    };
    match command {
        Commands::Questionnaire(QuestionnaireCommand::Show { format }) => {
            questionnaire::show(&q, format, s)
        }
        Commands::Questionnaire(QuestionnaireCommand::Validate { .. }) => Exit::Ok,
        Commands::Score(args) => score::run(&q, &args, s),
        Commands::Export(args) => results::export(&q, &args, s),
        Commands::Verify { results: files } => results::verify(&q, &files, s),
        Commands::Import(args) => results::import(&q, &args, s),
        Commands::Report(args) => report::run(&q, &args, s),
        Commands::Plan(args) => plan::run(&q, &args, s),
        Commands::Compare(args) => compare::run(&q, &args, s),
        Commands::Merge(args) => merge::run(&q, &args, s),
        Commands::Demo(args) => demo::run(&q, &args, s),
        Commands::Collect(args) => collect::run(&q, &args, s),
        Commands::Index(args) => index::run(&q, &args, cli.lang, s),
        Commands::Completions { .. } | Commands::Man => Exit::Ok,
    }
}

/// `zizhen completions SHELL`: the completion script, with the help texts of the language.
fn completions(shell: clap_complete::Shell, s: &Strings) -> Exit {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cli::localized(s), "zizhen", &mut out);
    emit(&String::from_utf8_lossy(&out))
}

/// `zizhen man`: the manual page (roff), in the language of the help.
fn manual(s: &Strings) -> Exit {
    let mut out = Vec::new();
    match clap_mangen::Man::new(cli::localized(s)).render(&mut out) {
        Ok(()) => emit(&String::from_utf8_lossy(&out)),
        Err(_) => Exit::Failed,
    }
}

/// The questionnaire named with `--questionnaire`, or the embedded default.
/// A file that is not a questionnaire but an answers or result file is said to be one.
pub fn load_questionnaire(path: &Option<std::path::PathBuf>) -> Result<Questionnaire, FileError> {
    match path {
        Some(path) => Questionnaire::load(path).map_err(|e| questionnaire::misplaced(path, e)),
        None => Ok(Questionnaire::embedded()),
    }
}

/// Shows a file's problems on standard error.
pub(crate) fn fail(error: &FileError, s: &Strings) -> Exit {
    eprint!("{}", error.render(s));
    Exit::BadInput
}

/// A file we could not write, named with the system's reason.
pub(crate) fn write_failed(path: &Path, error: std::io::Error, s: &Strings) -> Exit {
    let diagnostic = Diagnostic::new(Code::WriteFailed).io_error(&error);
    fail(&FileError::single(path, None, diagnostic), s)
}

/// Writes a file made to be handed on (`-o FILE`); a folder given as the output is refused
/// with a suggested file name in it (`example`). On failure, what was said and the exit code.
pub(crate) fn write_output(
    path: &Path,
    bytes: &[u8],
    example: &str,
    s: &Strings,
) -> Result<(), Exit> {
    if path.is_dir() {
        let diagnostic =
            Diagnostic::new(Code::OutputIsDirectory).arg("example", path.join(example).display());
        return Err(fail(&FileError::single(path, None, diagnostic), s));
    }
    crate::storage::write_shared(path, bytes).map_err(|e| write_failed(path, e, s))
}

/// Where the assessment's X stands in the collection `--peers STORE`, as a sentence (none when
/// no store is given or its groups are too small to describe); a store that cannot be read is
/// said, with exit 2.
pub(crate) fn peers_line(
    store: Option<&Path>,
    answers: &crate::model::Answers,
    q: &Questionnaire,
    s: &Strings,
) -> Result<Option<String>, Exit> {
    let Some(path) = store else {
        return Ok(None);
    };
    let peers = load_peers(path, s)?;
    let x = crate::model::scoring::to_f64(&crate::model::scoring::score(q, answers).overall);
    Ok(peers
        .standing(&answers.profile, x)
        .map(|standing| crate::report::peers::collection_line(s, &standing)))
}

/// The peers of a collection, or what is wrong with it (said, exit 2).
pub(crate) fn load_peers(
    path: &Path,
    s: &Strings,
) -> Result<crate::collection::peers::Peers, Exit> {
    crate::collection::Store::open_existing(path)
        .and_then(|store| store.peers())
        .map_err(|e| {
            eprintln!("{}", e.render(s));
            Exit::BadInput
        })
}

/// A document (report, plan, comparison, index) to its `-o FILE`, said on standard error, or to
/// standard output without one.
pub(crate) fn deliver(output: Option<&Path>, bytes: &[u8], example: &str, s: &Strings) -> Exit {
    let Some(path) = output else {
        return emit(&String::from_utf8_lossy(bytes));
    };
    match write_output(path, bytes, example, s) {
        Ok(()) => {
            let file = path.display().to_string();
            eprintln!("{}", s.fmt("results.written", &[("file", &file)]));
            Exit::Ok
        }
        Err(exit) => exit,
    }
}

/// Writes to standard output; a closed pipe (`| head`) ends quietly instead of panicking.
pub(crate) fn emit(text: &str) -> Exit {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Exit::Ok,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(_) => Exit::Failed,
    }
}
