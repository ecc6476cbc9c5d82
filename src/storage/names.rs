//! Assessment names and the files a folder of assessments holds: which names are allowed,
//! which file is an assessment, a quarantined copy or an orphaned backup.

use std::path::Path;
use std::time::SystemTime;

use super::atomic::parent;
use super::error::{NameProblem, StoreError};

pub(super) const EXTENSION: &str = ".toml";
pub(super) const MAX_NAME_CHARS: usize = 64;
pub(super) const QUARANTINE_MARK: &str = ".corrupt-";
/// Characters no file system we run on accepts in a name, or that would leave the folder.
pub(super) const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// The assessment name of `<name>.toml.bak` when `<name>.toml` is missing.
pub(super) fn orphan_backup(path: &Path) -> Option<String> {
    let file_name = path.file_name()?.to_str()?;
    let name = file_name.strip_suffix(".bak")?.strip_suffix(EXTENSION)?;
    let name = existing(name).ok()?;
    if is_quarantined(name) || parent(path).join(format!("{name}{EXTENSION}")).exists() {
        return None;
    }
    Some(name.to_string())
}

/// `<stem>.toml`, then `<stem>-2.toml`, `<stem>-3.toml`, …
pub(super) fn numbered(stem: &str, n: u32) -> String {
    match n {
        1 => format!("{stem}{EXTENSION}"),
        n => format!("{stem}-{n}{EXTENSION}"),
    }
}

/// `yyyymmddThhmmss` in UTC: sorts by time and is valid in file names everywhere.
pub(super) fn utc_stamp(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time)
        .to_string()
        .chars()
        .filter(|c| !matches!(c, '-' | ':' | 'Z'))
        .collect()
}

/// The assessment name of a directory entry, if it is one.
pub(super) fn assessment_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.strip_suffix(EXTENSION)?;
    (existing(name).is_ok() && !is_quarantined(name)).then(|| name.to_string())
}

/// Whether `stem` is `<name>.corrupt-<yyyymmddThhmmss>` or `…-<n>`, as [`quarantine_file`] names.
pub(super) fn is_quarantined(stem: &str) -> bool {
    let Some((_, rest)) = stem.rsplit_once(QUARANTINE_MARK) else {
        return false;
    };
    let (time, number) = rest.split_once('-').unwrap_or((rest, "1"));
    let time_ok = time.len() == 15
        && time.bytes().enumerate().all(|(i, b)| match i {
            8 => b == b'T',
            _ => b.is_ascii_digit(),
        });
    time_ok && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
}

pub fn check_name(name: &str) -> Result<String, NameProblem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameProblem::TooLong);
    }
    if let Some(c) = name
        .chars()
        .find(|c| FORBIDDEN.contains(c) || c.is_control())
    {
        return Err(NameProblem::BadChar(c));
    }
    if name.starts_with('.') {
        return Err(NameProblem::LeadingDot);
    }
    Ok(name.to_string())
}

/// A name made from any text (an enterprise's name, a file's): characters a name may not hold
/// become "-", a leading dot goes, and it is cut to leave room for " (nn)".
pub fn name_from(text: &str) -> String {
    let cleaned: String = text
        .trim()
        .chars()
        .map(|c| {
            if FORBIDDEN.contains(&c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches(['.', ' ']);
    cleaned
        .chars()
        .take(MAX_NAME_CHARS - 5)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Checks a name for a new assessment.
pub(super) fn new_name(name: &str) -> Result<String, StoreError> {
    check_name(name).map_err(|problem| StoreError::BadName {
        name: name.to_string(),
        problem,
    })
}

/// Checks the name of an existing assessment: looser than [`Store::check_name`] (files made
/// outside zizhen stay usable) but never leaving the folder or naming a hidden file.
pub(super) fn existing(name: &str) -> Result<&str, StoreError> {
    let problem = if name.is_empty() {
        Some(NameProblem::Empty)
    } else if let Some(c) = name.chars().find(|c| matches!(c, '/' | '\\' | ':' | '\0')) {
        Some(NameProblem::BadChar(c))
    } else if name.starts_with('.') {
        Some(NameProblem::LeadingDot)
    } else {
        None
    };
    match problem {
        Some(problem) => Err(StoreError::BadName {
            name: name.to_string(),
            problem,
        }),
        None => Ok(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_makes_a_valid_name() {
        assert_eq!(
            name_from("无锡示例精密机械有限公司"),
            "无锡示例精密机械有限公司"
        );
        assert_eq!(name_from(" A/B:C*? "), "A-B-C--");
        assert_eq!(name_from(".hidden"), "hidden");
        assert_eq!(name_from("a\nb"), "a-b");
        let long = "厂".repeat(100);
        assert_eq!(name_from(&long).chars().count(), MAX_NAME_CHARS - 5);
        for text in ["x/y", ".z", "q\u{7}", &long] {
            assert!(check_name(&name_from(text)).is_ok(), "{text}");
        }
    }
}
