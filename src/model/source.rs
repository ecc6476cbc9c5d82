//! Reading a TOML file we were given: bytes → UTF-8 → TOML syntax → typed data, each failure a
//! located [`Diagnostic`] naming the file.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use serde::de::DeserializeOwned;

use super::diagnostic::{Code, Diagnostic, FileError};

/// The most zizhen reads of any one file: far beyond any questionnaire, answers or result file
/// (the shipped questionnaire is about 200 KB), and small enough that a wrong file named by
/// mistake cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadProblem {
    Io(io::Error),
    /// Not a regular file (a directory, a FIFO, a device, a socket): reading it could block
    /// forever or never end.
    NotRegular(&'static str),
    /// Larger than [`MAX_FILE_BYTES`] (the size, when known).
    TooLarge(u64),
}

impl ReadProblem {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadProblem::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }

    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            ReadProblem::Io(e) => Diagnostic::new(Code::Io).io_error(e),
            ReadProblem::NotRegular(kind) => {
                Diagnostic::new(Code::NotRegularFile).arg("kind", kind)
            }
            ReadProblem::TooLarge(size) => Diagnostic::new(Code::FileTooLarge)
                .arg("size_mb", size.div_ceil(1024 * 1024))
                .arg("limit_mb", MAX_FILE_BYTES / (1024 * 1024)),
        }
    }

    pub fn into_file_error(self, path: &Path) -> FileError {
        FileError::single(path, None, self.diagnostic())
    }
}

impl From<io::Error> for ReadProblem {
    fn from(e: io::Error) -> ReadProblem {
        ReadProblem::Io(e)
    }
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`], with the metadata of the very handle it
/// was read through. Anything else is refused before it is opened (opening a FIFO blocks).
pub fn read_limited(path: &Path) -> Result<(Vec<u8>, fs::Metadata), ReadProblem> {
    check_regular(&fs::metadata(path)?)?;
    let file = File::open(path)?;
    let meta = file.metadata()?;
    check_regular(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    Ok((bytes, meta))
}

fn check_regular(meta: &fs::Metadata) -> Result<(), ReadProblem> {
    let kind = meta.file_type();
    if kind.is_file() {
        return if meta.len() > MAX_FILE_BYTES {
            Err(ReadProblem::TooLarge(meta.len()))
        } else {
            Ok(())
        };
    }
    Err(ReadProblem::NotRegular(describe_kind(&kind)))
}

/// A word for what a non-regular file is; the message says it in the user's language
/// (`file_kind.<word, lower case, `_` for spaces>` in the locales).
fn describe_kind(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "device";
        }
        if kind.is_socket() {
            return "socket";
        }
    }
    if kind.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

/// Reads `path` as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let (bytes, _) = read_limited(path).map_err(|e| e.into_file_error(path))?;
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
