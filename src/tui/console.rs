//! The terminal the interface draws on: raw mode, the alternate screen, a panic hook that
//! restores both, and a writer that speaks the colour dialect of the terminal.
//!
//! crossterm writes every colour as a 256-colour index (`ESC[38;5;4m` for blue). The Linux
//! console understands that only since kernel 3.16; older ones (CentOS 7's 3.10, and the
//! consoles of many embedded and industrial systems) read the parameters one by one: 38
//! "underline", 5 "blink", 4 "underline" — the interface would blink. With the eight-colour
//! palette, each frame is rewritten to the classic codes (30–37, 40–47) that every console
//! since the VT220 era knows.

use std::io::{self, Stdout, Write, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use crate::ui::Palette;

pub type ConsoleTerminal = Terminal<CrosstermBackend<ConsoleWriter>>;

/// Enters raw mode and the alternate screen, with the panic hook that leaves them again.
pub fn start(palette: Palette) -> io::Result<ConsoleTerminal> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    Terminal::new(CrosstermBackend::new(ConsoleWriter::new(
        stdout(),
        palette == Palette::Basic,
    )))
}

/// Standard output, a frame at a time: what is written is kept until the frame is flushed,
/// then written at once (rewritten to classic colour codes where asked).
pub struct ConsoleWriter<W: Write = Stdout> {
    out: W,
    classic: bool,
    frame: Vec<u8>,
}

impl<W: Write> ConsoleWriter<W> {
    pub fn new(out: W, classic: bool) -> ConsoleWriter<W> {
        ConsoleWriter {
            out,
            classic,
            frame: Vec::with_capacity(16 * 1024),
        }
    }
}

impl<W: Write> Write for ConsoleWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.frame.is_empty() {
            if self.classic {
                let classic = classic_colours(&self.frame);
                self.out.write_all(&classic)?;
            } else {
                self.out.write_all(&self.frame)?;
            }
            self.frame.clear();
        }
        self.out.flush()
    }
}

impl<W: Write> Drop for ConsoleWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// `bytes` with every SGR colour given as an index below 16 (`38;5;N`, `48;5;N`) written as the
/// classic code (`3N`, `4N`; a bright index as its base colour). Everything else is kept.
pub fn classic_colours(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(start) = find(rest, b"\x1b[") {
        out.extend_from_slice(&rest[..start + 2]);
        rest = &rest[start + 2..];
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'))
            .unwrap_or(rest.len());
        if rest.get(end) == Some(&b'm') {
            out.extend_from_slice(&classic_parameters(&rest[..end]));
        } else {
            out.extend_from_slice(&rest[..end]);
        }
        rest = &rest[end..];
    }
    out.extend_from_slice(rest);
    out
}

fn classic_parameters(params: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(params);
    let parts: Vec<&str> = text.split(';').collect();
    let mut kept: Vec<String> = Vec::with_capacity(parts.len());
    let mut i = 0;
    while i < parts.len() {
        let index = parts.get(i + 2).and_then(|n| n.parse::<u8>().ok());
        match (parts[i], parts.get(i + 1), index) {
            ("38", Some(&"5"), Some(n)) if n < 16 => {
                kept.push((30 + n % 8).to_string());
                i += 3;
            }
            ("48", Some(&"5"), Some(n)) if n < 16 => {
                kept.push((40 + n % 8).to_string());
                i += 3;
            }
            (part, _, _) => {
                kept.push(part.to_string());
                i += 1;
            }
        }
    }
    kept.join(";").into_bytes()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_colours_become_classic_codes() {
        let rewrite = |s: &str| String::from_utf8(classic_colours(s.as_bytes())).unwrap();
        assert_eq!(rewrite("\x1b[38;5;4mA"), "\x1b[34mA");
        assert_eq!(
            rewrite("\x1b[48;5;4m\x1b[38;5;7;1mB"),
            "\x1b[44m\x1b[37;1mB"
        );
        assert_eq!(rewrite("\x1b[1;38;5;2;48;5;0m"), "\x1b[1;32;40m");
        // A bright index (9: bright red) as its base colour.
        assert_eq!(rewrite("\x1b[38;5;9m"), "\x1b[31m");
        // What is not an indexed colour below 16 is left alone: 256 colours, RGB, cursor moves.
        for kept in [
            "\x1b[38;5;200m",
            "\x1b[38;2;1;2;3m",
            "\x1b[5;9H",
            "\x1b[?1049h",
            "中文",
        ] {
            assert_eq!(rewrite(kept), kept);
        }
    }

    #[test]
    fn a_frame_is_written_whole_at_the_flush() {
        let mut writer = ConsoleWriter::new(Vec::new(), true);
        writer.write_all(b"\x1b[38;").unwrap();
        writer.write_all(b"5;1mX").unwrap();
        assert!(writer.out.is_empty(), "nothing before the flush");
        writer.flush().unwrap();
        assert_eq!(writer.out, b"\x1b[31mX");
        let mut plain = ConsoleWriter::new(Vec::new(), false);
        plain.write_all(b"\x1b[38;5;1mX").unwrap();
        plain.flush().unwrap();
        assert_eq!(plain.out, b"\x1b[38;5;1mX");
    }
}
