//! One node defined by two inputs: a graph loaded together with another that names the
//! same body (a FollowTheMoney import beside the built-in graph: both define `ofac`, the
//! Office of Foreign Assets Control) holds it once. Public bodies, countries, blocs and
//! commodities are the nodes many graphs name alike; definitions of one in different files with the same
//! id, the same kind and a name in common are the same node: the first keeps its values,
//! the later adds its names and fills what the first leaves empty. Anything else defined
//! twice (a company or a person above all, a graph's own subjects) is still a duplicate.

use crate::model::{Node, NodeKind};

/// A name compared without case or runs of spaces.
fn folded(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `again`, defined in another file under `first`'s id, is the same node: the
/// same kind, a body, country, bloc or commodity, and a name or alias in common.
pub(super) fn is_same_node(first: &Node, again: &Node) -> bool {
    let shared = matches!(
        first.kind,
        NodeKind::Body | NodeKind::Country | NodeKind::Bloc | NodeKind::Commodity
    );
    if !shared || first.kind != again.kind {
        return false;
    }
    let names = |node: &Node| -> Vec<String> {
        std::iter::once(&node.name)
            .chain(&node.aliases)
            .map(|name| folded(name))
            .collect()
    };
    let theirs = names(again);
    names(first).iter().any(|name| theirs.contains(name))
}

/// Adds what `again` says to `first`: its names as aliases, and the values `first` leaves
/// empty. Returns whether `first` took `again`'s country, which is still to be checked.
pub(super) fn merge(first: &mut Node, again: Node) -> bool {
    let mut known: Vec<String> = std::iter::once(&first.name)
        .chain(&first.aliases)
        .map(|name| folded(name))
        .collect();
    for name in std::iter::once(again.name).chain(again.aliases) {
        let key = folded(&name);
        if !known.contains(&key) {
            known.push(key);
            first.aliases.push(name);
        }
    }
    first.iso = first.iso.take().or(again.iso);
    first.role = first.role.take().or(again.role);
    first.registration = first.registration.take().or(again.registration);
    first.notes = first.notes.take().or(again.notes);
    if first.hs.is_empty() {
        first.hs = again.hs;
    }
    if first.country.is_none() && again.country.is_some() {
        first.country = again.country;
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NodeId, Origin};

    fn body(name: &str, aliases: &[&str]) -> Node {
        let origin = Origin {
            file: "a.ron".into(),
            line: 1,
        };
        let mut node = Node::new(NodeId::new("ofac"), NodeKind::Body, name.to_owned(), origin);
        node.aliases = aliases.iter().map(|a| (*a).to_owned()).collect();
        node
    }

    #[test]
    fn a_name_in_common_makes_the_same_node_and_adds_the_other_names() {
        let mut first = body("Office of Foreign Assets Control", &["OFAC"]);
        let again = body("office of foreign  assets control", &["US OFAC", "ofac"]);
        assert!(is_same_node(&first, &again));
        let mut again = again;
        again.country = Some(NodeId::new("us"));
        assert!(merge(&mut first, again));
        assert_eq!(first.name, "Office of Foreign Assets Control");
        assert_eq!(first.aliases, ["OFAC", "US OFAC"]);
        assert!(!is_same_node(
            &first,
            &body("Bureau of Industry and Security", &[])
        ));
        let mut company = body("Office of Foreign Assets Control", &[]);
        company.kind = NodeKind::Company;
        assert!(!is_same_node(&first, &company));
        // Two companies of one name are a duplicate, not one node.
        assert!(!is_same_node(&company, &company.clone()));
    }
}
