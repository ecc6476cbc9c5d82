//! `export`, `verify` and `import`: result files out of and into zizhen.

use std::path::{Path, PathBuf};

use super::{Exit, emit, fail, write_failed};
use crate::cli::{ExportArgs, ImportArgs};
use crate::i18n::Strings;
use crate::model::{Answers, Questionnaire};
use crate::report;
use crate::result;
use crate::storage::{Dirs, Store, write_shared};

/// An assessment named on the command line: an answers file, else a saved assessment.
pub fn resolve(spec: &str, q: &Questionnaire, s: &Strings) -> Result<(Answers, String), String> {
    let path = Path::new(spec);
    // Anything at that path is read as a file (a pipe or a folder is refused with its own
    // message); only a name that is nothing on disk is looked up as a saved assessment.
    if std::fs::metadata(path).is_ok() {
        let (answers, migrated) = Answers::load_reporting(path, q).map_err(|e| e.render(s))?;
        if let Some(m) = migrated {
            eprint!("{}", report::migration::warning(&m, spec, s));
        }
        let name = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok((answers, name));
    }
    let store = saved_assessments().map_err(|e| e.render(s))?;
    if !store.exists(spec) {
        return Err(s.fmt(
            "results.not_found",
            &[("name", spec), ("dir", &store.dir().display().to_string())],
        ));
    }
    store
        .load(spec, q)
        .map(|answers| (answers, spec.to_string()))
        .map_err(|failure| failure.error.render(s))
}

fn saved_assessments() -> Result<Store, crate::storage::StoreError> {
    Store::open(Dirs::from_env()?.assessments_dir())
}

pub fn export(q: &Questionnaire, args: &ExportArgs, s: &Strings) -> Exit {
    let (answers, name) = match resolve(&args.assessment, q, s) {
        Ok(found) => found,
        Err(message) => {
            eprint!("{message}");
            return Exit::BadInput;
        }
    };
    let file = result::build(q, &answers, Some(&name));
    let bytes = result::to_bytes(&file);
    match &args.output {
        None => emit(&String::from_utf8_lossy(&bytes)),
        Some(path) => match write_shared(path, &bytes) {
            Ok(()) => {
                let level = file.score.level.to_string();
                let line = s.fmt(
                    "results.exported",
                    &[
                        ("file", &path.display().to_string()),
                        ("level", &level),
                        ("digest", &file.digest),
                    ],
                );
                eprintln!("{line}");
                Exit::Ok
            }
            Err(e) => write_failed(path, e, s),
        },
    }
}

/// One line per file: OK with what it is, or what is wrong. 0 when all pass, 1 otherwise.
pub fn verify(q: &Questionnaire, files: &[PathBuf], s: &Strings) -> Exit {
    let mut all_ok = true;
    for path in files {
        let checked =
            result::load(path).and_then(|file| result::verify(path, file, &result::known(q)));
        match checked {
            Ok(verified) => {
                let f = &verified.file;
                let enterprise = f.profile.name.clone().unwrap_or_else(|| "-".into());
                let line = s.fmt(
                    "results.verified",
                    &[
                        ("file", &path.display().to_string()),
                        ("enterprise", &enterprise),
                        ("level", &f.score.level.to_string()),
                        ("x", &crate::figures::score(&verified_x(&verified))),
                        ("rated", &f.completeness.rated.to_string()),
                        ("total", &f.completeness.total.to_string()),
                    ],
                );
                emit(&format!("{line}\n"));
            }
            Err(e) => {
                all_ok = false;
                emit(&format!(
                    "{}\n{}",
                    s.fmt("results.failed", &[("file", &path.display().to_string())]),
                    e.render(s)
                ));
            }
        }
    }
    if all_ok { Exit::Ok } else { Exit::Failed }
}

pub fn import(q: &Questionnaire, args: &ImportArgs, s: &Strings) -> Exit {
    let path = &args.file;
    let known = result::known(q);
    let verified = match result::load(path).and_then(|f| result::verify_answers(path, f, &known)) {
        Ok(v) => v,
        Err(e) => return fail(&e, s),
    };
    if let Some(m) = &verified.migrated {
        eprint!(
            "{}",
            report::migration::warning(m, &path.display().to_string(), s)
        );
    }
    let store = match saved_assessments() {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{}", e.render(s));
            return Exit::BadInput;
        }
    };
    let wanted = args
        .name
        .clone()
        .unwrap_or_else(|| result::suggested_name(&verified.file, path));
    let name = store.free_name(&wanted);
    match store.create(&name, &verified.answers) {
        Ok(()) => {
            let line = s.fmt(
                "results.imported",
                &[
                    ("name", &name),
                    ("path", &store.path_of(&name).display().to_string()),
                ],
            );
            emit(&format!("{line}\n"))
        }
        Err(e) => {
            eprintln!("{}", e.render(s));
            Exit::BadInput
        }
    }
}

/// The X a verified file states, exactly (its `overall_exact`, which verify has checked).
fn verified_x(verified: &result::Verified) -> crate::model::scoring::Exact {
    verified
        .file
        .score
        .overall_exact
        .parse()
        .unwrap_or_else(|_| crate::model::scoring::Exact::from_integer(0))
}
