//! A one-line text field that handles Chinese: the cursor moves by character and is placed by
//! display width (two columns per Chinese character).

use unicode_width::UnicodeWidthStr;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Cursor position in characters (0..=char count).
    cursor: usize,
    /// A suggested text is selected as a whole: typing replaces it, deleting clears it, moving
    /// the cursor keeps the text and ends the selection.
    selected: bool,
}

/// What a character is, for moving and deleting by word: a run of one kind is a word.
#[derive(PartialEq, Eq)]
enum Kind {
    Space,
    Wide,
    Word,
    Mark,
}

fn kind(c: char) -> Kind {
    if c.is_whitespace() {
        Kind::Space
    } else if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
        // Chinese has no spaces: a run of characters up to punctuation is one word.
        if c.is_alphanumeric() {
            Kind::Wide
        } else {
            Kind::Mark
        }
    } else if c.is_alphanumeric() || c == '_' {
        Kind::Word
    } else {
        Kind::Mark
    }
}

impl TextInput {
    pub fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        let cursor = text.chars().count();
        TextInput {
            text,
            cursor,
            selected: false,
        }
    }

    /// A field that starts with a suggestion the user may take (Enter) or replace (type).
    pub fn suggested(text: impl Into<String>) -> TextInput {
        let mut input = TextInput::new(text);
        input.selected = !input.text.is_empty();
        input
    }

    /// Whether the whole text is a selected suggestion.
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Typing or deleting over a selection clears it first; returns whether it did.
    fn take_selection(&mut self) -> bool {
        let was = std::mem::take(&mut self.selected);
        if was {
            self.clear();
        }
        was
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.take_selection();
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if !self.take_selection() && self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if !self.take_selection() && self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.selected = false;
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.selected = false;
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.selected = false;
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.selected = false;
        self.cursor = self.text.chars().count();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.selected = false;
    }

    /// Removes the characters from `from` (in characters) up to the cursor.
    fn remove_before(&mut self, from: usize) {
        let (start, end) = (self.byte_at(from), self.byte_at(self.cursor));
        self.text.replace_range(start..end, "");
        self.cursor = from;
    }

    /// Ctrl-U: deletes everything before the cursor.
    pub fn delete_to_start(&mut self) {
        if !self.take_selection() {
            self.remove_before(0);
        }
    }

    /// Ctrl-K: deletes everything from the cursor on.
    pub fn delete_to_end(&mut self) {
        if !self.take_selection() {
            let at = self.byte_at(self.cursor);
            self.text.truncate(at);
        }
    }

    /// Ctrl-W, Alt-Backspace: deletes the word before the cursor (and the spaces after it).
    pub fn delete_word(&mut self) {
        if self.take_selection() {
            return;
        }
        let chars: Vec<char> = self.text.chars().take(self.cursor).collect();
        let mut from = chars.len();
        while from > 0 && kind(chars[from - 1]) == Kind::Space {
            from -= 1;
        }
        if let Some(last) = from.checked_sub(1).map(|i| kind(chars[i])) {
            while from > 0 && kind(chars[from - 1]) == last {
                from -= 1;
            }
        }
        self.remove_before(from);
    }

    /// The cursor's column: the display width of the text before it.
    pub fn cursor_column(&self) -> usize {
        self.text[..self.byte_at(self.cursor)].width()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_is_placed_by_display_width() {
        let mut input = TextInput::new("计划");
        assert_eq!(input.cursor_column(), 4);
        input.left();
        assert_eq!(input.cursor_column(), 2);
        input.insert('a');
        assert_eq!(input.text(), "计a划");
        assert_eq!(input.cursor_column(), 3);
        input.backspace();
        input.backspace();
        assert_eq!(input.text(), "划");
        assert_eq!(input.cursor_column(), 0);
        input.delete();
        assert_eq!(input.text(), "");
        input.backspace();
        input.insert('\u{7}');
        assert_eq!(input.text(), "");
    }

    #[test]
    fn a_suggestion_is_replaced_by_typing_and_cleared_by_deleting() {
        let mut input = TextInput::suggested("企业不自行开展物流业务");
        assert!(input.is_selected());
        input.insert('外');
        assert_eq!(input.text(), "外");
        assert!(!input.is_selected());

        let mut input = TextInput::suggested("name");
        input.backspace();
        assert_eq!(input.text(), "");

        // Moving keeps the text and ends the selection: typing then inserts.
        let mut input = TextInput::suggested("name");
        input.end();
        input.insert('2');
        assert_eq!(input.text(), "name2");
        assert!(TextInput::suggested("").text().is_empty());
        assert!(!TextInput::suggested("").is_selected());
    }

    #[test]
    fn line_editing_keys_delete_by_line_and_by_word() {
        let mut input = TextInput::new("成品运输 外包给 logistics_co, ltd");
        input.delete_word();
        assert_eq!(input.text(), "成品运输 外包给 logistics_co, ");
        input.delete_word();
        assert_eq!(input.text(), "成品运输 外包给 logistics_co");
        input.delete_word();
        assert_eq!(input.text(), "成品运输 外包给 ");
        input.delete_word();
        assert_eq!(input.text(), "成品运输 ");
        input.home();
        input.right();
        input.right();
        input.delete_to_end();
        assert_eq!(input.text(), "成品");
        input.left();
        input.delete_to_start();
        assert_eq!(input.text(), "品");
        assert_eq!(input.cursor_column(), 0);
        input.delete_word();
        assert_eq!(input.text(), "品");

        // Chinese without spaces: a run up to punctuation is one word.
        let mut input = TextInput::new("不涉及，成品运输外包");
        input.delete_word();
        assert_eq!(input.text(), "不涉及，");
        input.delete_word();
        assert_eq!(input.text(), "不涉及");
        let mut input = TextInput::suggested("企业信息");
        input.delete_to_start();
        assert_eq!(input.text(), "");
    }
}
