//! The user's config file (`config.toml` in the config directory): the language, the collection
//! to compare with, and key overrides. A missing file is the defaults; a broken one is reported
//! and the defaults used, so a typo in a key binding never locks anyone out of their answers.
//!
//! ```toml
//! lang = "en"
//! peers = "/srv/class/2026.zizhen"   # a collection (`zizhen collect`) to compare X with
//! [keys]                 # main-screen key = action (see the README for the action names)
//! "ctrl-s" = "next_unrated"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    peers: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<String>>,
}

pub struct Config {
    pub lang: Option<Lang>,
    /// The collection chosen in the interface to compare X with (`P`), for the next start.
    pub peers: Option<PathBuf>,
    pub keymap: Keymap,
    /// What was wrong with the file, if anything (the defaults stand in for what was wrong).
    pub problem: Option<FileError>,
}

impl Config {
    pub fn load(path: &Path) -> Config {
        let defaults = Config {
            lang: None,
            peers: None,
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
        let peers = raw
            .peers
            .map(|p| p.into_inner())
            .filter(|p| !p.trim().is_empty())
            .map(PathBuf::from);
        Config {
            lang,
            peers,
            keymap,
            problem,
        }
    }
}

/// Records the language in the config file, keeping everything else in it as written
/// (comments, key bindings); a new file holds only what was recorded. A file that does not
/// parse is left alone: the user is told about it at start and fixes it by hand.
pub fn remember_lang(path: &Path, lang: Lang) -> Result<(), FileError> {
    remember(path, "lang", Some(lang.tag()))
}

/// Records the collection to compare with (`None`: forgets it), like [`remember_lang`].
pub fn remember_peers(path: &Path, peers: Option<&Path>) -> Result<(), FileError> {
    let text = peers.map(|p| p.to_string_lossy());
    remember(path, "peers", text.as_deref())
}

fn remember(path: &Path, key: &str, value: Option<&str>) -> Result<(), FileError> {
    let text = if path.exists() {
        let text = source::read_text(path)?;
        source::parse_toml::<RawConfig>(path, &text)?;
        text
    } else {
        String::new()
    };
    let updated = with_top_level(&text, key, value);
    if updated == text {
        return Ok(());
    }
    crate::storage::write_private(path, updated.as_bytes())
        .map_err(|e| FileError::single(path, None, Diagnostic::new(Code::WriteFailed).io_error(&e)))
}

/// `text` with its top-level `key` set to the string `value`: the line replaced where it is, or
/// added first; with no value, the line removed.
fn with_top_level(text: &str, key: &str, value: Option<&str>) -> String {
    let line = value.map(|v| format!("{key} = {}", toml::Value::from(v)));
    let mut out = Vec::new();
    let mut done = false;
    let mut top_level = true;
    for l in text.lines() {
        let trimmed = l.trim_start();
        if trimmed.starts_with('[') {
            top_level = false;
        }
        let is_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if top_level && is_key && !done {
            out.extend(line.clone());
            done = true;
        } else {
            out.push(l.to_string());
        }
    }
    if !done && let Some(line) = line {
        out.insert(0, line);
    }
    if out.is_empty() {
        return String::new();
    }
    let mut joined = out.join("\n");
    joined.push('\n');
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_lang(text: &str, lang: Lang) -> String {
        with_top_level(text, "lang", Some(lang.tag()))
    }

    #[test]
    fn the_collection_is_remembered_and_forgotten_with_the_rest_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "lang = \"en\"\n[keys]\n\"ctrl-s\" = \"next_unrated\"\n",
        )
        .unwrap();
        let store = Path::new("/srv/课堂 \"2026\".zizhen");
        remember_peers(&path, Some(store)).unwrap();
        let config = Config::load(&path);
        assert!(config.problem.is_none());
        assert_eq!(config.peers.as_deref(), Some(store));
        assert_eq!(config.lang, Some(Lang::En));
        remember_peers(&path, Some(Path::new("/b.zizhen"))).unwrap();
        assert_eq!(
            Config::load(&path).peers.as_deref(),
            Some(Path::new("/b.zizhen"))
        );
        assert_eq!(
            std::fs::read_to_string(&path)
                .unwrap()
                .matches("peers")
                .count(),
            1
        );
        remember_peers(&path, None).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "lang = \"en\"\n[keys]\n\"ctrl-s\" = \"next_unrated\"\n"
        );
        assert_eq!(Config::load(&path).peers, None);
    }

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
