//! The model as a tree of rows: element → domain → sub-domain. A domain with a single sub-domain
//! of its own name (most of them) is shown as that sub-domain's row alone.

use crate::model::Questionnaire;
use crate::model::questionnaire::SubdomainIx;

/// A row's place in the tree (`App::rows`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowIx(pub usize);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    Element(usize),
    Domain(usize),
    Subdomain(SubdomainIx),
}

impl Node {
    /// Nesting depth for indentation.
    pub fn depth(self, q: &Questionnaire) -> usize {
        match self {
            Node::Element(_) => 0,
            Node::Domain(_) => 1,
            Node::Subdomain(s) => {
                let domain = q.subdomains[s].domain;
                if q.subdomains_of_domain(domain).count() > 1 {
                    2
                } else {
                    1
                }
            }
        }
    }

    /// The sub-domains under this node.
    pub fn subdomains(self, q: &Questionnaire) -> Vec<usize> {
        match self {
            Node::Element(e) => q.subdomains_of_element(e).collect(),
            Node::Domain(d) => q.subdomains_of_domain(d).collect(),
            Node::Subdomain(s) => vec![s.0],
        }
    }
}

pub fn rows(q: &Questionnaire) -> Vec<Node> {
    let mut rows = Vec::new();
    for e in 0..q.elements.len() {
        rows.push(Node::Element(e));
        for d in q.domains_of_element(e) {
            let subdomains: Vec<usize> = q.subdomains_of_domain(d).collect();
            if subdomains.len() > 1 {
                rows.push(Node::Domain(d));
            }
            rows.extend(
                subdomains
                    .into_iter()
                    .map(|s| Node::Subdomain(SubdomainIx(s))),
            );
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_model_has_27_rows() {
        let q = Questionnaire::embedded();
        let rows = rows(&q);
        // 4 elements, 3 domains with several sub-domains (design, production, service), 20 sub-domains.
        assert_eq!(rows.len(), 27);
        assert_eq!(
            rows.iter()
                .filter(|n| matches!(n, Node::Subdomain(_)))
                .count(),
            20
        );
        assert_eq!(rows[0], Node::Element(0));
    }
}
