//! Every style in one place. Without colour (`NO_COLOR`, or a terminal that has none) the
//! interface still reads: selection is reversed, headings bold, hints dim. On a text console
//! with eight colours (the Linux console, `TERM=linux`) only those eight are used: no grey,
//! no bright colours, which such a console shows as something else or not at all.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Rating;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Palette {
    /// 16 colours or more: every terminal emulator of the last twenty years.
    Full,
    /// The eight basic colours of a text console.
    Basic,
    /// No colour: `NO_COLOR`, or a terminal without any.
    None,
}

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme::with(if color { Palette::Full } else { Palette::None })
    }

    pub fn with(palette: Palette) -> Theme {
        Theme {
            color: palette != Palette::None,
            palette,
        }
    }

    /// `NO_COLOR` set (to anything) turns colour off (no-color.org); the terminal type
    /// (`TERM`) says how many colours there are.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term = std::env::var("TERM").unwrap_or_default();
        Theme::with(if no_color {
            Palette::None
        } else {
            palette_of(&term)
        })
    }

    fn basic(&self) -> bool {
        self.palette == Palette::Basic
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn base(&self) -> Style {
        Style::new()
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color && !self.basic() {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn selected(&self) -> Style {
        if self.color {
            let text = if self.basic() {
                Color::Gray
            } else {
                Color::White
            };
            Style::new()
                .bg(Color::Blue)
                .fg(text)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selection in a pane that does not have the focus.
    pub fn selected_unfocused(&self) -> Style {
        if self.basic() {
            Style::new().add_modifier(Modifier::REVERSED)
        } else if self.color {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn rating(&self, rating: Option<Rating>) -> Style {
        match rating {
            None => self.dim(),
            Some(Rating::NI) => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Some(Rating::PI) => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Some(Rating::LI) => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Some(Rating::FI) => self.fg(Color::Green).add_modifier(Modifier::BOLD),
        }
    }

    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn bad(&self) -> Style {
        self.fg(Color::Red)
    }

    /// Something the user must not miss (changes not saved): reversed, in red where colour is on.
    pub fn alarm(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        if self.color {
            style.fg(Color::Red)
        } else {
            style
        }
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn bar(&self, reached: bool) -> Style {
        if reached {
            self.fg(Color::Green)
        } else {
            self.fg(Color::Yellow)
        }
    }

    pub fn border(&self) -> Style {
        self.dim()
    }

    pub fn border_focused(&self) -> Style {
        self.fg(Color::Cyan)
    }
}

/// The palette a terminal type has: the Linux and BSD text consoles have eight colours; the
/// old hardware terminals none; everything else is taken to have sixteen or more.
pub fn palette_of(term: &str) -> Palette {
    match term {
        "linux" | "cons25" | "ansi" | "pcansi" | "wsvt25" => Palette::Basic,
        t if t.starts_with("vt") => Palette::None,
        _ => Palette::Full,
    }
}
