//! The index report as terminal text, Markdown and CSV.

use super::{Table, View};
use crate::width::{pad, width};

/// Widest a text column gets in the terminal (a requirement's text is cut with …).
const MAX_COLUMN: usize = 56;

fn columns(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = table.head.iter().map(|h| width(h)).collect();
    for row in &table.rows {
        for (i, cell) in row.cells.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(width(cell));
            }
        }
    }
    widths.into_iter().map(|w| w.min(MAX_COLUMN)).collect()
}

fn text_line(cells: &[String], widths: &[usize]) -> String {
    let line: Vec<String> = cells.iter().zip(widths).map(|(c, w)| pad(c, *w)).collect();
    line.join("  ").trim_end().to_string()
}

/// Terminal text: aligned columns by display width (Chinese counts two).
pub fn text(view: &View) -> String {
    let mut out = format!("{}\n{}\n", view.title, "=".repeat(width(&view.title)));
    for line in &view.lines {
        out.push_str(line);
        out.push('\n');
    }
    for table in &view.tables {
        out.push_str(&format!(
            "\n{}\n{}\n",
            table.title,
            "-".repeat(width(&table.title))
        ));
        if let Some(note) = &table.note {
            out.push_str(note);
            out.push('\n');
        }
        if table.rows.is_empty() {
            continue;
        }
        let widths = columns(table);
        out.push_str(&text_line(&table.head, &widths));
        out.push('\n');
        for row in &table.rows {
            out.push_str(&text_line(&row.cells, &widths));
            out.push('\n');
        }
    }
    out
}

fn md_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

/// Markdown: a heading and a pipe table per section.
pub fn markdown(view: &View) -> String {
    let mut out = format!("# {}\n\n", md_cell(&view.title));
    for line in &view.lines {
        out.push_str(&format!("{}  \n", md_cell(line)));
    }
    for table in &view.tables {
        out.push_str(&format!("\n## {}\n\n", md_cell(&table.title)));
        if let Some(note) = &table.note {
            out.push_str(&format!("{}\n\n", md_cell(note)));
        }
        if table.rows.is_empty() {
            continue;
        }
        let head: Vec<String> = table.head.iter().map(|h| md_cell(h)).collect();
        out.push_str(&format!("| {} |\n", head.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
        for row in &table.rows {
            let cells: Vec<String> = row.cells.iter().map(|c| md_cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// CSV, long form: one line per table cell — section, key, label, column, value — so that every
/// section loads into one table.
pub fn csv(view: &View) -> String {
    let mut out = String::from("section,key,label,column,value\n");
    for table in &view.tables {
        for row in &table.rows {
            let label = row.cells.first().cloned().unwrap_or_default();
            for (head, cell) in table.head.iter().zip(&row.cells).skip(1) {
                out.push_str(
                    &[table.id, &row.key, &label, head, cell]
                        .map(csv_field)
                        .join(","),
                );
                out.push('\n');
            }
        }
    }
    out
}
