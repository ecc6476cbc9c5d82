//! The user's config file (`config.toml` in the config directory): the language and key
//! overrides. A missing file is the defaults; a broken one is reported and the defaults used, so
//! a typo in a key binding never locks anyone out of their answers.
//!
//! ```toml
//! lang = "en"
//! [keys]                 # main-screen key = action (see the README for the action names)
//! "ctrl-s" = "next_unrated"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::i18n::Lang;
use crate::keymap::Keymap;
use crate::model::diagnostic::{Code, Diagnostic, FileError};
use crate::model::source;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    lang: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<String>>,
}

pub struct Config {
    pub lang: Option<Lang>,
    pub keymap: Keymap,
    /// What was wrong with the file, if anything (the defaults stand in for what was wrong).
    pub problem: Option<FileError>,
}

impl Config {
    pub fn load(path: &Path) -> Config {
        let defaults = Config {
            lang: None,
            keymap: Keymap::default(),
            problem: None,
        };
        if !path.exists() {
            return defaults;
        }
        let text = match source::read_text(path) {
            Ok(text) => text,
            Err(e) => {
                return Config {
                    problem: Some(e),
                    ..defaults
                };
            }
        };
        let raw: RawConfig = match source::parse_toml(path, &text) {
            Ok(raw) => raw,
            Err(e) => {
                return Config {
                    problem: Some(e),
                    ..defaults
                };
            }
        };
        let mut problems = Vec::new();
        let lang = raw.lang.as_ref().and_then(|l| {
            Lang::parse(l.get_ref()).or_else(|| {
                problems.push(
                    Diagnostic::new(Code::WrongType)
                        .arg("detail", format!("lang = {:?} (zh-CN | en)", l.get_ref()))
                        .at(l.span()),
                );
                None
            })
        });
        let (keymap, key_problems) = Keymap::with_overrides(
            raw.keys
                .iter()
                .map(|(k, a)| (k.get_ref().as_str(), a.get_ref().as_str(), k.span())),
        );
        problems.extend(key_problems);
        let problem = (!problems.is_empty()).then(|| FileError::new(path, Some(text), problems));
        Config {
            lang,
            keymap,
            problem,
        }
    }
}

/// Records the language in the config file, keeping everything else in it as written
/// (comments, key bindings); a new file holds only the language. A file that does not parse is
/// left alone: the user is told about it at start and fixes it by hand.
pub fn remember_lang(path: &Path, lang: Lang) -> Result<(), FileError> {
    let text = if path.exists() {
        let text = source::read_text(path)?;
        source::parse_toml::<RawConfig>(path, &text)?;
        text
    } else {
        String::new()
    };
    let updated = with_lang(&text, lang);
    if updated == text {
        return Ok(());
    }
    crate::storage::write_private(path, updated.as_bytes())
        .map_err(|e| FileError::single(path, None, Diagnostic::new(Code::WriteFailed).io_error(&e)))
}

/// `text` with its top-level `lang` set: the line replaced where it is, or added first.
fn with_lang(text: &str, lang: Lang) -> String {
    let line = format!("lang = \"{}\"", lang.tag());
    let mut out = Vec::new();
    let mut done = false;
    let mut top_level = true;
    for l in text.lines() {
        let trimmed = l.trim_start();
        if trimmed.starts_with('[') {
            top_level = false;
        }
        let is_lang = trimmed
            .strip_prefix("lang")
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if top_level && is_lang && !done {
            out.push(line.clone());
            done = true;
        } else {
            out.push(l.to_string());
        }
    }
    if !done {
        out.insert(0, line);
    }
    let mut joined = out.join("\n");
    joined.push('\n');
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_remembered_and_the_rest_of_the_file_kept() {
        assert_eq!(with_lang("", Lang::En), "lang = \"en\"\n");
        let file = "# mine\nlang = \"en\"  # was\n[keys]\nlang = \"x\"\n\"ctrl-s\" = \"save\"\n";
        assert_eq!(
            with_lang(file, Lang::ZhCn),
            "# mine\nlang = \"zh-CN\"\n[keys]\nlang = \"x\"\n\"ctrl-s\" = \"save\"\n"
        );
        let keys_only = "[keys]\n\"ctrl-s\" = \"save\"\n";
        assert_eq!(
            with_lang(keys_only, Lang::En),
            format!("lang = \"en\"\n{keys_only}")
        );

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("zizhen").join("config.toml");
        remember_lang(&path, Lang::En).unwrap();
        assert_eq!(Config::load(&path).lang, Some(Lang::En));
        std::fs::write(
            &path,
            "lang = \"en\"\n[keys]\n\"ctrl-s\" = \"next_unrated\"\n",
        )
        .unwrap();
        remember_lang(&path, Lang::ZhCn).unwrap();
        let config = Config::load(&path);
        assert_eq!(config.lang, Some(Lang::ZhCn));
        assert!(config.problem.is_none());
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("next_unrated")
        );

        // A broken file is not touched.
        std::fs::write(&path, "lang = \"en\n").unwrap();
        assert!(remember_lang(&path, Lang::ZhCn).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "lang = \"en\n");
    }

    #[test]
    fn missing_file_is_the_defaults() {
        let c = Config::load(Path::new("/nonexistent/zizhen/config.toml"));
        assert!(c.problem.is_none() && c.lang.is_none());
    }

    #[test]
    fn problems_are_located_and_the_rest_applies() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "lang = \"en\"\n[keys]\n\"ctrl-s\" = \"next_unrated\"\n\"x\" = \"fly\"\n",
        )
        .unwrap();
        let c = Config::load(&path);
        assert_eq!(c.lang, Some(Lang::En));
        let problem = c.problem.unwrap();
        assert_eq!(problem.codes(), [Code::UnknownAction]);
        assert_eq!(
            problem.line_col(problem.diagnostics[0].span.clone().unwrap().start),
            Some((4, 1))
        );
    }
}
