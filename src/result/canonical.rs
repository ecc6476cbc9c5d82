//! Canonical JSON: object keys sorted (by Unicode code point, i.e. UTF-8 bytes), the same bytes
//! for the same value, whatever map type serde_json was built with. The compact form is what
//! the digest covers; it equals Python's
//! `json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` for the values
//! zizhen writes, so a receiver can check a digest with nothing but Python.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Compact canonical form.
pub fn compact(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, None, 0);
    out
}

/// Indented canonical form (two spaces), ending in a newline: what files contain.
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, Some(2), 0);
    out.push('\n');
    out
}

/// `sha256:` and the hex SHA-256 of the compact canonical form.
pub fn sha256(value: &Value) -> String {
    format!(
        "sha256:{}",
        hex::encode(Sha256::digest(compact(value).as_bytes()))
    )
}

fn string(out: &mut String, s: &str) {
    // serde_json escapes exactly what JSON requires and leaves other characters as they are.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

fn newline(out: &mut String, indent: Option<usize>, depth: usize) {
    if let Some(step) = indent {
        out.push('\n');
        out.push_str(&" ".repeat(step * depth));
    }
}

fn write(out: &mut String, value: &Value, indent: Option<usize>, depth: usize) {
    match value {
        Value::Null | Value::Bool(_) | Value::Number(_) => out.push_str(&value.to_string()),
        Value::String(s) => string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                write(out, item, indent, depth + 1);
            }
            newline(out, indent, depth);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                string(out, key);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(out, &map[key], indent, depth + 1);
            }
            newline(out, indent, depth);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_depth() {
        let v = json!({"b": 1, "a": {"d": [1.5, "x"], "c": null}, "中": "文"});
        assert_eq!(
            compact(&v),
            r#"{"a":{"c":null,"d":[1.5,"x"]},"b":1,"中":"文"}"#
        );
        assert_eq!(
            pretty(&json!({"b": [], "a": {}})),
            "{\n  \"a\": {},\n  \"b\": []\n}\n"
        );
    }

    #[test]
    fn the_digest_is_of_the_compact_form() {
        // echo -n '{"a":1}' | sha256sum
        assert_eq!(
            sha256(&json!({"a": 1})),
            "sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"
        );
    }
}
