//! Display width of text in terminal columns: Chinese characters take two.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` padded with spaces to `columns` (longer text is cut with `…`).
pub fn pad(s: &str, columns: usize) -> String {
    let cut = truncate(s, columns);
    let w = cut.width();
    format!("{cut}{}", " ".repeat(columns.saturating_sub(w)))
}

/// `s` cut to at most `columns`, ending in `…` when cut.
pub fn truncate(s: &str, columns: usize) -> String {
    if s.width() <= columns {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(ch);
        used += w;
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad("数据", 6), "数据  ");
        assert_eq!(pad("data", 6), "data  ");
        assert_eq!(width(&pad("计划与调度", 6)), 6);
        assert_eq!(truncate("计划与调度", 6), "计划…");
    }
}
