//! The interactive index (`zizhen index STORE` on a terminal): the level distribution of the
//! selection and its groups, one dimension at a time; Enter drills into a group (the index is
//! computed again with that filter), Backspace goes back; the store is watched and the view
//! refreshed when a collector adds results.
//!
//! The state and its update are pure (this file); drawing is a pure function of the state
//! (`render`); the terminal loop is in `term`. Nothing here computes figures: every number
//! shown comes from the index (`Store::index`), suppressed groups included as they are.

pub mod render;
pub mod term;

use crate::collection::query::{Filters, Group, Index, Size};

/// The dimension the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    Province,
    City,
    Industry,
    Type,
    Size,
    /// The enterprises by name (only with `--list`).
    List,
}

impl Dim {
    pub const ALL: [Dim; 6] = [
        Dim::Province,
        Dim::City,
        Dim::Industry,
        Dim::Type,
        Dim::Size,
        Dim::List,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Dim::Province => "province",
            Dim::City => "city",
            Dim::Industry => "industry",
            Dim::Type => "type",
            Dim::Size => "size",
            Dim::List => "list",
        }
    }
}

/// A key the view understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Tab,
    BackTab,
    /// 1–6: a dimension by its number.
    Number(u8),
    Enter,
    Back,
    Quit,
}

/// What the loop does after a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    /// The filters changed: compute the index again.
    Recompute,
    Quit,
}

/// One level of drilling down: the dimension and the group chosen in it, and where the
/// cursor was (to return to it).
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub dim: Dim,
    pub key: String,
    selected: usize,
}

#[derive(Clone, Debug)]
pub struct State {
    /// The store's name as shown (its file name).
    pub store: String,
    /// The filters of the command line.
    pub base: Filters,
    /// The groups drilled into, outermost first.
    pub path: Vec<Step>,
    pub dim: Dim,
    pub selected: usize,
    /// Started with `--list`: the class list may be shown.
    pub list_allowed: bool,
    pub index: Index,
    /// When the index was last computed (HH:MM:SS, local time).
    pub updated: String,
    /// How many industries are listed (`--top`; those under k are listed after them, as in the
    /// report).
    pub top: usize,
    /// Said in the footer until the first key (e.g. why the view speaks English).
    pub notice: Option<String>,
}

impl State {
    pub fn new(store: String, base: Filters, list_allowed: bool, index: Index) -> State {
        State {
            store,
            base,
            path: Vec::new(),
            dim: Dim::Province,
            selected: 0,
            list_allowed,
            index,
            updated: String::new(),
            top: usize::MAX,
            notice: None,
        }
    }

    /// The dimensions offered: the class list only with `--list`.
    pub fn dims(&self) -> Vec<Dim> {
        Dim::ALL
            .into_iter()
            .filter(|d| *d != Dim::List || self.list_allowed)
            .collect()
    }

    /// The filters of the command line with every drilled group added.
    pub fn filters(&self) -> Filters {
        let mut f = self.base.clone();
        for step in &self.path {
            let key = Some(step.key.clone());
            match step.dim {
                Dim::Province => f.province = key,
                Dim::City => f.city = key,
                Dim::Industry => f.industry = key,
                Dim::Type => f.industry_type = key,
                Dim::Size => {
                    f.size = match step.key.as_str() {
                        "sme" => Some(Size::Sme),
                        _ => Some(Size::Large),
                    }
                }
                Dim::List => {}
            }
        }
        f
    }

    /// A freshly computed index (the filters are unchanged): the cursor stays in range.
    pub fn set_index(&mut self, index: Index, updated: String) {
        self.index = index;
        self.updated = updated;
        self.clamp();
    }

    /// The rows of the current dimension: group keys (or list positions) in display order.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let mut rows = rows(&self.index, self.dim);
        if self.dim == Dim::Industry {
            let mut shown = 0;
            rows.retain(|row| match row {
                Row::Group { group, .. } if !group.suppressed => {
                    shown += 1;
                    shown <= self.top
                }
                _ => true,
            });
        }
        rows
    }

    fn clamp(&mut self) {
        let n = self.rows().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    pub fn update(&mut self, key: Key) -> Effect {
        self.notice = None;
        let n = self.rows().len();
        let dims = self.dims();
        let at = dims.iter().position(|d| *d == self.dim).unwrap_or(0);
        match key {
            Key::Quit => return Effect::Quit,
            Key::Up => self.selected = self.selected.saturating_sub(1),
            Key::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Key::PageUp => self.selected = self.selected.saturating_sub(10),
            Key::PageDown => self.selected = (self.selected + 10).min(n.saturating_sub(1)),
            Key::Home => self.selected = 0,
            Key::End => self.selected = n.saturating_sub(1),
            Key::Tab => self.switch(dims[(at + 1) % dims.len()]),
            Key::BackTab => self.switch(dims[(at + dims.len() - 1) % dims.len()]),
            Key::Number(i) => {
                if let Some(d) = dims.get((i as usize).wrapping_sub(1)) {
                    self.switch(*d);
                }
            }
            Key::Enter => {
                if self.dim == Dim::List {
                    return Effect::None;
                }
                let rows = self.rows();
                // A suppressed group is not opened: its figures are not to be shown.
                let Some(Row::Group { key, group }) = rows.get(self.selected) else {
                    return Effect::None;
                };
                if group.suppressed {
                    return Effect::None;
                }
                let key = key.to_string();
                self.path.push(Step {
                    dim: self.dim,
                    key,
                    selected: self.selected,
                });
                self.dim = match self.dim {
                    Dim::Province => Dim::City,
                    Dim::City => Dim::Industry,
                    other => other,
                };
                self.selected = 0;
                return Effect::Recompute;
            }
            Key::Back => {
                let Some(step) = self.path.pop() else {
                    return Effect::None;
                };
                self.dim = step.dim;
                self.selected = step.selected;
                return Effect::Recompute;
            }
        }
        Effect::None
    }

    fn switch(&mut self, dim: Dim) {
        if self.dim != dim {
            self.dim = dim;
            self.selected = 0;
        }
    }
}

/// One row of the list.
#[derive(Clone, Copy, Debug)]
pub enum Row<'a> {
    Group {
        key: &'a str,
        group: &'a Group,
    },
    /// Position in the class list.
    Listed(usize),
}

/// The rows of a dimension: shown groups by their enterprises at level 2 or above (an
/// industry by its index, the mean X), as the report ranks them; suppressed ones last.
pub fn rows(index: &Index, dim: Dim) -> Vec<Row<'_>> {
    let groups = match dim {
        Dim::Province => &index.by_province,
        Dim::City => &index.by_city,
        Dim::Industry => &index.by_industry,
        Dim::Type => &index.by_type,
        Dim::Size => &index.by_size,
        Dim::List => {
            let n = index.list.as_ref().map_or(0, Vec::len);
            return (0..n).map(Row::Listed).collect();
        }
    };
    let rank = |g: &Group| {
        if g.suppressed {
            f64::MIN
        } else if dim == Dim::Industry {
            g.mean_x.unwrap_or_default()
        } else {
            g.at_least_l2.unwrap_or_default() as f64
        }
    };
    let mut list: Vec<(&String, &Group)> = groups.iter().collect();
    list.sort_by(|a, b| rank(b.1).total_cmp(&rank(a.1)).then_with(|| a.0.cmp(b.0)));
    list.into_iter()
        .map(|(key, group)| Row::Group { key, group })
        .collect()
}
