//! Both locales hold the same keys and placeholders; every diagnostic and every key the code
//! asks for exists.

use std::collections::{BTreeMap, BTreeSet};

use zizhen::i18n::{Lang, Strings, flatten_source, locale_source};
use zizhen::model::Code;

fn placeholders(s: &str) -> BTreeSet<String> {
    s.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

fn locale(lang: Lang) -> BTreeMap<String, String> {
    flatten_source(locale_source(lang))
        .unwrap_or_else(|e| panic!("locales/{}.toml: {e}", lang.tag()))
        .into_iter()
        .collect()
}

#[test]
fn both_locales_have_the_same_keys_and_placeholders() {
    let zh = locale(Lang::ZhCn);
    let en = locale(Lang::En);
    let zh_keys: BTreeSet<_> = zh.keys().collect();
    let en_keys: BTreeSet<_> = en.keys().collect();
    assert_eq!(
        zh_keys.symmetric_difference(&en_keys).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "keys in one locale only"
    );
    for (key, zh_text) in &zh {
        assert_eq!(
            placeholders(zh_text),
            placeholders(&en[key]),
            "placeholders of {key}"
        );
        assert!(
            !zh_text.trim().is_empty() && !en[key].trim().is_empty(),
            "{key} is blank"
        );
    }
}

#[test]
fn every_diagnostic_has_a_message_and_a_hint() {
    for lang in Lang::ALL {
        let strings = Strings::load(lang);
        let keys: BTreeSet<&str> = strings.keys().collect();
        for code in Code::ALL {
            for part in ["message", "hint"] {
                let key = format!("diag.{}.{part}", code.name());
                assert!(keys.contains(key.as_str()), "{}: {key}", lang.tag());
            }
        }
    }
}

/// Every literal key passed to `get`/`fmt` in the sources exists.
#[test]
fn every_key_used_in_the_code_exists() {
    let strings = Strings::load(Lang::En);
    let keys: BTreeSet<&str> = strings.keys().collect();
    let mut missing = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests may ask for missing keys on purpose.
            let source = text.split("#[cfg(test)]").next().unwrap_or("");
            for call in [".get(\"", ".fmt(\"", ".fmt(\n"] {
                for (i, _) in source.match_indices(call) {
                    let rest = source[i + call.len()..].trim_start();
                    let rest = rest.strip_prefix('"').unwrap_or(rest);
                    let Some(end) = rest.find('"') else { continue };
                    let key = &rest[..end];
                    let looks_like_key = key.contains('.')
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_');
                    if looks_like_key && !keys.contains(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from the locales: {missing:#?}"
    );
}

/// Keys the code builds at run time (not visible to the source scan above).
#[test]
fn every_dynamic_key_exists() {
    use zizhen::app::Action;
    use zizhen::app::form::Focus;
    use zizhen::keymap::{Keymap, describe};
    use zizhen::model::IndustryType;
    use zizhen::model::profile::Coverage;

    let mut needed: Vec<String> = Vec::new();
    for (name, _) in Action::BINDABLE {
        needed.push(format!("keys.{name}"));
    }
    let keymap = Keymap::default();
    for context in [
        zizhen::keymap::Context::Welcome,
        zizhen::keymap::Context::Main,
        zizhen::keymap::Context::Form,
        zizhen::keymap::Context::List,
        zizhen::keymap::Context::Popup,
        zizhen::keymap::Context::Text,
        zizhen::keymap::Context::Dialog,
        zizhen::keymap::Context::Demos,
    ] {
        for b in keymap.bindings(context).filter(|b| b.hint) {
            needed.push(describe(&b.action).replacen("keys.", "hint.", 1));
        }
    }
    for focus in Focus::ALL {
        needed.push(format!("form.{}", focus.key()));
    }
    for c in Coverage::ALL {
        needed.push(format!("form.cover.{}", c.key()));
        needed.push(format!("tailor.reason.{}", c.key()));
    }
    for t in IndustryType::ALL {
        needed.push(format!("common.industry_type.{}", t.key()));
    }
    for lang in Lang::ALL {
        let strings = Strings::load(lang);
        let keys: BTreeSet<&str> = strings.keys().collect();
        let missing: Vec<&String> = needed
            .iter()
            .filter(|k| !keys.contains(k.as_str()))
            .collect();
        assert!(missing.is_empty(), "{}: {missing:?}", lang.tag());
    }
}

/// Every status message, each variant with sample particulars, exists in both languages and
/// leaves no placeholder unfilled.
#[test]
fn every_notice_renders_in_both_languages() {
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        for notice in zizhen::app::Notice::samples() {
            let owned = notice.args(&s);
            let args: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let text = s.fmt(notice.key(), &args);
            assert!(
                !text.contains('⟨') && !text.contains('{'),
                "{lang}: {} renders as {text}",
                notice.key()
            );
        }
    }
}
