//! Every style in one place. Without colour (`NO_COLOR`, or a terminal that has none) the
//! interface still reads: selection is reversed, headings bold, hints dim.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Rating;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    /// `NO_COLOR` set (to anything) turns colour off (no-color.org).
    pub fn from_env() -> Theme {
        Theme::new(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
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
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selection in a pane that does not have the focus.
    pub fn selected_unfocused(&self) -> Style {
        if self.color {
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
