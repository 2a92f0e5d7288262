//! Country nodes from the codes FtM writes: ISO 3166-1 alpha-2 codes named from the
//! `isocountry` crate's table, `eu` as the European Union bloc, other codes (`suhh`,
//! `ge-ab`, `xk`) by the code itself, since no ISO table names them.

use crate::model::NodeKind;

/// What a country code becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// `country`, or `bloc` for `eu`.
    pub kind: NodeKind,
    /// The English short name (ISO 3166-1), or the upper-case code.
    pub name: String,
    /// The alpha-2 code, for ISO countries.
    pub iso: Option<String>,
    /// The alpha-2 and alpha-3 codes, so that `GB` and `GBR` find the node.
    pub aliases: Vec<String>,
}

/// Names the lower-case code `code`.
pub fn name(code: &str) -> Named {
    if code == "eu" {
        return Named {
            kind: NodeKind::Bloc,
            name: "European Union".to_owned(),
            iso: None,
            aliases: vec!["EU".to_owned()],
        };
    }
    let upper = code.to_ascii_uppercase();
    match isocountry::CountryCode::for_alpha2(&upper) {
        Ok(country) => Named {
            kind: NodeKind::Country,
            name: country.name().to_owned(),
            iso: Some(upper.clone()),
            aliases: vec![upper, country.alpha3().to_owned()],
        },
        Err(_) => Named {
            kind: NodeKind::Country,
            name: upper.clone(),
            iso: Some(upper),
            aliases: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_iso_codes_and_the_eu() {
        assert_eq!(name("ru").name, "Russian Federation");
        assert_eq!(name("gb").aliases, ["GB", "GBR"]);
        assert_eq!(name("eu").kind, NodeKind::Bloc);
        assert_eq!(name("suhh").name, "SUHH");
    }
}
