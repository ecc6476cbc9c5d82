//! Reading a TOML file we were given: bytes → UTF-8 → TOML syntax → typed data, each failure a
//! located [`Diagnostic`] naming the file.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::diagnostic::{Code, Diagnostic, FileError};

/// Reads `path` as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let bytes = std::fs::read(path)
        .map_err(|e| FileError::single(path, None, Diagnostic::new(Code::Io).arg("error", e)))?;
    decode_utf8(path, bytes)
}

/// Checks that `bytes` is UTF-8, naming the line and column of the first bad byte if not.
pub fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String, FileError> {
    // A UTF-8 byte-order mark is harmless (Windows editors add it): drop it.
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let (line, column) = super::diagnostic::line_col(&valid, good);
        FileError::single(
            path,
            None,
            Diagnostic::new(Code::NotUtf8)
                .arg("line", line)
                .arg("column", column)
                .arg("offset", good),
        )
    })
}

/// Parses `text` (the content of `path`) as TOML into `T`.
pub fn parse_toml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, FileError> {
    let fail = |d: Diagnostic| FileError::single(path, Some(text.to_string()), d);
    let deserializer = toml::de::Deserializer::parse(text).map_err(|e| {
        let mut d = Diagnostic::new(Code::TomlSyntax).arg("detail", first_line(e.message()));
        if let Some(span) = e.span() {
            d = d.at(span);
        }
        fail(d)
    })?;
    T::deserialize(deserializer).map_err(|e| fail(classify(&e)))
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

/// Turns serde's English data errors into coded diagnostics, so they can be shown in Chinese.
fn classify(error: &toml::de::Error) -> Diagnostic {
    let message = first_line(error.message());
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let mut d = if let Some(rest) = message.strip_prefix("unknown field") {
        let key = quoted.first().copied().unwrap_or("").to_string();
        let expected = if rest.contains("there are no fields") {
            String::from("-")
        } else {
            quoted[1.min(quoted.len())..].join(", ")
        };
        Diagnostic::new(Code::UnknownKey)
            .arg("key", key)
            .arg("expected", expected)
    } else if message.starts_with("missing field") {
        Diagnostic::new(Code::MissingKey).arg("key", quoted.first().copied().unwrap_or(""))
    } else {
        Diagnostic::new(Code::WrongType).arg("detail", message)
    };
    if let Some(span) = error.span() {
        d = d.at(span);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        count: u32,
    }

    fn parse(text: &str) -> Result<Sample, FileError> {
        parse_toml(Path::new("x.toml"), text)
    }

    #[test]
    fn classifies_errors() {
        let e = parse("name = \"a\"\ncount = 1\ncolour = 2\n").unwrap_err();
        assert_eq!(e.codes(), vec![Code::UnknownKey]);
        assert_eq!(e.diagnostics[0].get("key"), Some("colour"));
        assert_eq!(e.diagnostics[0].get("expected"), Some("name, count"));
        assert_eq!(
            e.line_col(e.diagnostics[0].span.clone().unwrap().start),
            Some((3, 1))
        );

        let e = parse("name = \"a\"\n").unwrap_err();
        assert_eq!(e.codes(), vec![Code::MissingKey]);
        assert_eq!(e.diagnostics[0].get("key"), Some("count"));

        let e = parse("name = \"a\"\ncount = \"x\"\n").unwrap_err();
        assert_eq!(e.codes(), vec![Code::WrongType]);

        let e = parse("name = \"a\"\nname = \"b\"\ncount = 1\n").unwrap_err();
        assert_eq!(e.codes(), vec![Code::TomlSyntax]);
        assert_eq!(
            e.line_col(e.diagnostics[0].span.clone().unwrap().start),
            Some((2, 1))
        );
    }

    #[test]
    fn bad_utf8_is_located() {
        let e = decode_utf8(Path::new("x"), b"a = 1\nb = \"\xff\"".to_vec()).unwrap_err();
        assert_eq!(e.codes(), vec![Code::NotUtf8]);
        assert_eq!(e.diagnostics[0].get("line"), Some("2"));
        assert_eq!(e.diagnostics[0].get("column"), Some("6"));
    }

    #[test]
    fn bom_is_accepted() {
        assert_eq!(
            decode_utf8(Path::new("x"), b"\xEF\xBB\xBFa".to_vec()).unwrap(),
            "a"
        );
    }
}
