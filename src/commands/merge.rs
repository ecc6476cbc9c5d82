//! `zizhen merge PART... -o OUT [--prefer PART]`: the parts of one assessment put together.

use std::path::Path;

use super::results::answers_of;
use super::{Exit, emit, write_output};
use crate::cli::MergeArgs;
use crate::i18n::Strings;
use crate::model::merge::{Part, merge};
use crate::model::{Answers, Questionnaire};
use crate::report;
use crate::result;

/// Merges the parts and writes OUT (an answers file, or a result file for `.json`), keeping the
/// previous OUT as its backup. Lists what OUT holds and every conflict on standard output.
///
/// Exit 0: written, every conflict resolved by `--prefer` (or none). Exit 1: written, but
/// conflicts were left open (those requirements unrated, sub-domains applicable, fields unset):
/// the merge ran and did not fully succeed, so a script must not take OUT as complete. Exit 2:
/// a part could not be read (a result file failing verification included), `--prefer` names no
/// part, OUT has an extension that is neither `.toml` nor `.json`, or OUT cannot be written.
pub fn run(q: &Questionnaire, args: &MergeArgs, s: &Strings) -> Exit {
    let out = &args.merge_output;
    let as_result = has_extension(out, "json");
    if out.extension().is_some() && !as_result && !has_extension(out, "toml") {
        eprint!(
            "{}{}: {}\n  {}{}\n",
            s.get("diag.label.error"),
            out.display(),
            s.fmt(
                "merge.unsupported_extension",
                &[(
                    "ext",
                    &out.extension().unwrap_or_default().to_string_lossy()
                )]
            ),
            s.get("diag.label.hint"),
            s.get("merge.extension_hint")
        );
        return Exit::BadInput;
    }
    let labels = labels(&args.parts);
    let prefer = match &args.prefer {
        None => None,
        Some(wanted) => {
            let found = args
                .parts
                .iter()
                .zip(&labels)
                .position(|(spec, label)| spec == wanted || label == wanted);
            if found.is_none() {
                eprintln!(
                    "{}{}",
                    s.get("diag.label.error"),
                    s.fmt(
                        "merge.prefer_unknown",
                        &[("part", wanted), ("parts", &labels.join(", "))]
                    )
                );
                return Exit::BadInput;
            }
            found
        }
    };
    let mut answers: Vec<Answers> = Vec::with_capacity(args.parts.len());
    for spec in &args.parts {
        match answers_of(spec, q, s) {
            Ok(a) => answers.push(a),
            Err(message) => {
                eprint!("{message}");
                return Exit::BadInput;
            }
        }
    }
    let parts: Vec<Part> = labels
        .iter()
        .zip(&answers)
        .map(|(name, answers)| Part { name, answers })
        .collect();
    let merged = merge(q, &parts, prefer);
    let bytes = if as_result {
        let name = out
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        result::to_bytes(&result::build(q, &merged.answers, Some(&name)))
    } else {
        merged.answers.to_toml().into_bytes()
    };
    let names: Vec<&str> = labels.iter().map(String::as_str).collect();
    let mut text = report::merge::lines(q, &names, &merged, s).join("\n");
    text.push('\n');
    if let Err(exit) = write_output(out, &bytes, "merged.toml", s) {
        return exit;
    }
    let shown = emit(&text);
    eprintln!(
        "{}",
        s.fmt("results.written", &[("file", &out.display().to_string())])
    );
    if merged.open().next().is_some() {
        eprintln!("{}", s.get("merge.open_exit"));
        Exit::Failed
    } else {
        shown
    }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Each part's name in messages and note labels: its file name without extension (a saved
/// assessment's name as given); where two would read the same, what was given on the command line.
fn labels(specs: &[String]) -> Vec<String> {
    let short: Vec<String> = specs
        .iter()
        .map(|spec| {
            Path::new(spec)
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| spec.clone())
        })
        .collect();
    short
        .iter()
        .zip(specs)
        .map(|(label, spec)| {
            if short.iter().filter(|l| *l == label).count() > 1 {
                spec.clone()
            } else {
                label.clone()
            }
        })
        .collect()
}
