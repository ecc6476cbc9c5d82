//! Wrapping to a display width that is right for Chinese (break between characters, keep
//! punctuation rules) and English (break at spaces): textwrap with Unicode line breaking.

use std::borrow::Cow;

/// Paragraphs of `text` (split at newlines; empty lines kept) wrapped to `width`, styled.
pub fn styled_lines(
    text: &str,
    width: usize,
    style: ratatui::style::Style,
) -> Vec<ratatui::text::Line<'static>> {
    text.lines()
        .flat_map(|l| {
            if l.is_empty() {
                vec![String::new()]
            } else {
                wrap(l, width)
            }
        })
        .map(|l| ratatui::text::Line::from(ratatui::text::Span::styled(l, style)))
        .collect()
}

pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    let options = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::width::width;

    #[test]
    fn chinese_wraps_by_display_width() {
        let lines = wrap(
            "主生产计划和物料需求计划在 ERP 等信息系统中编制和下达。",
            20,
        );
        assert!(lines.len() >= 3);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert!(!lines[1].starts_with('。'));
    }

    #[test]
    fn english_wraps_at_spaces() {
        let lines = wrap("The master production schedule is planned in ERP.", 20);
        assert_eq!(lines[0], "The master");
        assert!(lines.iter().all(|l| width(l) <= 20));
    }
}
