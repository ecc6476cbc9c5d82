//! User-facing strings: one flat TOML map per locale, embedded in the binary.
//!
//! Keys are dotted paths (`score.level`); `{name}` placeholders are filled by [`Strings::fmt`].
//! A test keeps both locales' key sets and placeholders identical.

use std::collections::HashMap;
use std::fmt;

/// The two languages of the product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    ZhCn,
    En,
}

/// Chinese for a `zh*` locale, English for any other.
fn locale_lang(locale: &str) -> Lang {
    if locale.trim().to_ascii_lowercase().starts_with("zh") {
        Lang::ZhCn
    } else {
        Lang::En
    }
}

/// The system's own locale when no variable names one.
fn system_locale() -> Option<Lang> {
    #[cfg(target_os = "linux")]
    {
        const FILES: [&str; 3] = [
            "/etc/locale.conf",
            "/etc/default/locale",
            "/etc/sysconfig/i18n",
        ];
        for file in FILES {
            if let Some(lang) = std::fs::read_to_string(file)
                .ok()
                .and_then(|text| locale_file_lang(&text))
            {
                return Some(lang);
            }
        }
    }
    sys_locale::get_locale().map(|tag| locale_lang(&tag))
}

/// The language a system locale file (shell-style `LANG="zh_CN.UTF-8"` lines) sets, if any.
pub fn locale_file_lang(text: &str) -> Option<Lang> {
    let value = |name: &str| {
        text.lines().find_map(|line| {
            let line = line.trim();
            let line = line.strip_prefix("export ").unwrap_or(line);
            let value = line.strip_prefix(name)?.strip_prefix('=')?;
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            (!value.is_empty()).then(|| value.to_string())
        })
    };
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| value(name))
        .map(|locale| locale_lang(&locale))
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// The tag used in files and on the command line.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses `zh-CN`, `zh`, `zh_CN.UTF-8`, `en`, `en_GB` … (case-insensitive).
    pub fn parse(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the environment asks for: Chinese for `zh_*` locales, English otherwise.
    /// Where no variable says (a service, `env -i`, a login without a locale), the system's
    /// own setting decides: the OS's locale, or on Linux the system locale file
    /// (`/etc/locale.conf`, `/etc/default/locale`, `/etc/sysconfig/i18n`), so a Chinese
    /// system gets Chinese.
    pub fn from_env() -> Lang {
        Self::env_choice(|name| std::env::var(name).ok())
            .or_else(system_locale)
            .unwrap_or(Lang::En)
    }

    /// As [`Lang::from_env`] without the system's setting, reading variables through `get`.
    pub fn from_env_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        Self::env_choice(get).unwrap_or(Lang::En)
    }

    /// The language the variables ask for, if any does.
    fn env_choice(get: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        for name in ["ZIZHEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(value) = get(name).filter(|v| !v.is_empty()) {
                if name == "ZIZHEN_LANG" {
                    if let Some(lang) = Lang::parse(&value) {
                        return Some(lang);
                    }
                    continue;
                }
                return Some(locale_lang(&value));
            }
        }
        None
    }

    /// What separates the items of a list in running text ("a、b" / "a, b").
    pub fn list_separator(self) -> &'static str {
        match self {
            Lang::ZhCn => "、",
            Lang::En => ", ",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::ZhCn => Lang::En,
            Lang::En => Lang::ZhCn,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Shown in place of a string that is missing from a locale.
pub const MISSING: &str = "⟨?⟩";

const ZH_CN: &str = include_str!("../locales/zh-CN.toml");
const EN: &str = include_str!("../locales/en.toml");

/// The embedded source of a locale file.
pub fn locale_source(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => ZH_CN,
        Lang::En => EN,
    }
}

/// The strings of one locale.
#[derive(Debug, Clone)]
pub struct Strings {
    lang: Lang,
    map: HashMap<String, String>,
}

impl Strings {
    /// The embedded strings of `lang`, parsed once per process.
    pub fn of(lang: Lang) -> &'static Strings {
        static PARSED: [std::sync::OnceLock<Strings>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        PARSED[lang as usize].get_or_init(|| Strings::load(lang))
    }

    /// Loads the embedded strings of `lang`. The embedded files are checked by tests, so a parse
    /// failure here is a build defect; it still does not panic: every lookup then shows its key.
    pub fn load(lang: Lang) -> Strings {
        let map = flatten_source(locale_source(lang)).unwrap_or_default();
        Strings { lang, map }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The string for `key`, or a visible marker when it is missing (never a panic; tests
    /// keep every key present in both locales).
    pub fn get(&self, key: &str) -> &str {
        self.map.get(key).map_or(MISSING, String::as_str)
    }

    /// The string for `key` with `{name}` placeholders replaced from `args`.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// All keys (for tests and tooling).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// Replaces each `{name}` in `template` with its value from `args`; unknown names stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Flattens a nested TOML document of strings into dotted keys.
pub fn flatten_source(source: &str) -> Result<HashMap<String, String>, toml::de::Error> {
    let table: toml::Table = toml::from_str(source)?;
    let mut map = HashMap::new();
    flatten_into(&mut map, "", &table);
    Ok(map)
}

fn flatten_into(map: &mut HashMap<String, String>, prefix: &str, table: &toml::Table) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(s) => {
                map.insert(path, s.clone());
            }
            toml::Value::Table(t) => flatten_into(map, &path, t),
            other => {
                map.insert(path, other.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_and_keeps_unknown() {
        assert_eq!(
            fill("{a} and {b} {c", &[("a", "1"), ("b", "二")]),
            "1 and 二 {c"
        );
        assert_eq!(fill("{x}", &[]), "{x}");
    }

    #[test]
    fn lang_from_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Lang::from_env_vars(env(&[("LANG", "zh_CN.UTF-8")])),
            Lang::ZhCn
        );
        assert_eq!(
            Lang::from_env_vars(env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_vars(env(&[("LC_ALL", "C"), ("LANG", "zh_CN")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_vars(env(&[("ZIZHEN_LANG", "zh-CN"), ("LANG", "en_US")])),
            Lang::ZhCn
        );
        assert_eq!(Lang::from_env_vars(env(&[])), Lang::En);
    }

    #[test]
    fn system_locale_files() {
        assert_eq!(locale_file_lang("LANG=\"zh_CN.UTF-8\"\n"), Some(Lang::ZhCn));
        assert_eq!(
            locale_file_lang("# set by the installer\nexport LANG='zh_CN.GB18030'\n"),
            Some(Lang::ZhCn)
        );
        assert_eq!(
            locale_file_lang("LANG=zh_CN.UTF-8\nLC_MESSAGES=en_US.UTF-8\n"),
            Some(Lang::En)
        );
        assert_eq!(locale_file_lang("LANG=C.UTF-8"), Some(Lang::En));
        assert_eq!(locale_file_lang("LANGUAGE=zh_CN:zh\n"), None);
        assert_eq!(locale_file_lang(""), None);
    }

    #[test]
    fn missing_key_shows_the_key() {
        let s = Strings::load(Lang::En);
        assert_eq!(s.get("no.such.key"), MISSING);
    }
}
