//! Finding requirements by text: the search popup and its rendering use this one function.

use super::state::App;

/// Requirements whose text, evidence hint, id or note contains the query (either language).
pub fn search_matches(app: &App, query: &str) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    app.q
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            let note = app
                .answers
                .notes
                .get(&r.id)
                .map(String::as_str)
                .unwrap_or("");
            let evidence = r.evidence.as_ref();
            [
                r.id.as_str(),
                r.text.zh.as_str(),
                &r.text.en.to_lowercase(),
                evidence.map_or("", |e| e.zh.as_str()),
                &evidence.map_or(String::new(), |e| e.en.to_lowercase()),
                &note.to_lowercase(),
            ]
            .iter()
            .any(|field| field.contains(&query))
        })
        .map(|(i, _)| i)
        .collect()
}
