use super::results::answers_of;
use super::{Exit, emit};
use crate::cli::{Format, ScoreArgs};
use crate::i18n::Strings;
use crate::model::Questionnaire;
use crate::report;

/// Scores an answers file, a saved assessment (by name) or a result file (verified first), as
/// `report` finds them.
pub fn run(q: &Questionnaire, args: &ScoreArgs, s: &Strings) -> Exit {
    let answers = match answers_of(&args.answers, q, s) {
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
    match args.format {
        Format::Text => emit(&report::summary::score_with(
            q,
            &answers,
            s,
            &peers.into_iter().collect::<Vec<_>>(),
        )),
        Format::Json => emit(&crate::result::canonical::pretty(
            &serde_json::to_value(report::json::assessment(q, &answers)).unwrap_or_default(),
        )),
    }
}
