//! What a ratatui test terminal shows, as text.

use ratatui::buffer::Buffer;

/// The buffer's rows as lines of text; a wide (Chinese) character covers the next cell too, so
/// that cell is skipped.
pub fn text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push('\n');
    }
    out
}
