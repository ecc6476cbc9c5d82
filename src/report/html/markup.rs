//! Markup that cannot forget escaping. An [`Html`] is made only of string literals written in
//! this module's source and of values rendered through [`Render`], which escapes text (all five
//! of `& < > " '`, so it is safe in element content and in quoted attributes alike) and writes
//! numbers as they are. Pieces are put together with [`html!`]:
//!
//! ```ignore
//! html!["<td class=\"num\">" (figures::score(&x)) "</td><td>" (row.name) "</td>"]
//! ```
//!
//! A string literal is markup; anything else — a name, or an expression in parentheses — is a
//! value, escaped unless it is already [`Html`]. A `String` can never pass as markup.

use std::fmt::Write;

/// A piece of HTML, safe to insert as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    pub fn new() -> Html {
        Html(String::new())
    }

    /// Markup from this module's source. Only [`html!`] calls it, and only with string
    /// literals; the page's style sheet (`include_str!`) is the one other caller.
    pub(in crate::report::html) fn literal(markup: &'static str) -> Html {
        Html(markup.to_string())
    }

    /// Text, escaped.
    pub fn text(text: &str) -> Html {
        let mut out = Html::new();
        out.push(text);
        out
    }

    pub(in crate::report::html) fn push_literal(&mut self, markup: &'static str) {
        self.0.push_str(markup);
    }

    /// Appends a piece: markup as it is, anything else rendered (text escaped).
    pub fn push<R: Render + ?Sized>(&mut self, piece: &R) {
        piece.render(&mut self.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl FromIterator<Html> for Html {
    fn from_iter<I: IntoIterator<Item = Html>>(pieces: I) -> Html {
        let mut out = Html::new();
        out.extend(pieces);
        out
    }
}

impl Extend<Html> for Html {
    fn extend<I: IntoIterator<Item = Html>>(&mut self, pieces: I) {
        for piece in pieces {
            self.0.push_str(&piece.0);
        }
    }
}

/// What can be put into [`Html`]: markup itself, text (escaped) and numbers.
pub trait Render {
    fn render(&self, out: &mut String);
}

impl Render for Html {
    fn render(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl Render for str {
    fn render(&self, out: &mut String) {
        escape_into(self, out);
    }
}

impl Render for String {
    fn render(&self, out: &mut String) {
        escape_into(self, out);
    }
}

impl<T: Render + ?Sized> Render for &T {
    fn render(&self, out: &mut String) {
        (**self).render(out);
    }
}

macro_rules! render_number {
    ($($t:ty),*) => {$(
        impl Render for $t {
            fn render(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

render_number!(u8, u32, usize, i64);

/// Escapes text for element content and (quoted) attribute values.
fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Text escaped, as a `String` (for tests that look for text in a page).
pub fn esc(text: &str) -> String {
    Html::text(text).into_string()
}

/// Concatenates pieces into an [`Html`]: string literals are markup, every other piece (a name,
/// or an expression in parentheses) goes through [`Render`].
macro_rules! html {
    (@piece $out:ident $markup:literal) => {
        $out.push_literal($markup)
    };
    (@piece $out:ident $value:tt) => {
        $out.push(&$value)
    };
    ($($piece:tt)*) => {{
        #[allow(unused_mut)]
        let mut out = $crate::report::html::markup::Html::new();
        $($crate::report::html::markup::html!(@piece out $piece);)*
        out
    }};
}

pub(in crate::report::html) use html;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_markup_and_values_are_text() {
        let name = String::from("<b>");
        let count = 3usize;
        let inner = html!["<i>" (name.as_str()) "</i>"];
        let page = html!["<p title=\"" name "\">" count " " inner "</p>"];
        assert_eq!(
            page.as_str(),
            "<p title=\"&lt;b&gt;\">3 <i>&lt;b&gt;</i></p>"
        );
        let list: Html = ["a", "&"].iter().map(|t| html!["<li>" t "</li>"]).collect();
        assert_eq!(list.as_str(), "<li>a</li><li>&amp;</li>");
    }
}
