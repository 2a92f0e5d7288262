//! The quick reader (`load::quick`) against ron: whatever item it accepts, it reads as ron
//! does; whatever it gives up on goes to ron. Items are built from the pieces graph files
//! are made of, with the spacing, escapes, comments and odd values that must make it give
//! up rather than read them differently.

use proptest::prelude::*;
use sanctions_graph::load::file::{EdgeDef, NodeDef, SourceDef};
use sanctions_graph::load::{quick, ron_options};

/// A string value as written in a file: plain, or with what the quick reader leaves to
/// ron (escapes, raw strings, quotes, line breaks, non-ASCII text).
fn string_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9-]{0,12}".prop_map(|s| format!("\"{s}\"")),
        "[ -~]{0,10}".prop_map(|s| format!("\"{s}\"")),
        "[a-zé\\n\\\\\"]{0,6}".prop_map(|s| format!("\"{s}\"")),
        "[a-z]{0,6}".prop_map(|s| format!("r\"{s}\"")),
        "[a-z]{0,6}".prop_map(|s| format!("Some(\"{s}\")")),
        Just("None".to_owned()),
        Just("42".to_owned()),
    ]
}

fn list_value() -> impl Strategy<Value = String> {
    let item = prop_oneof![
        6 => "[a-z0-9-]{1,12}".prop_map(|s| format!("\"{s}\"")),
        1 => string_value(),
    ];
    prop::collection::vec(item, 0..3).prop_flat_map(|items| {
        (Just(items), any::<bool>(), space()).prop_map(|(items, trailing, gap)| {
            let mut text = format!("[{gap}{}", items.join(&format!(",{gap}")));
            if trailing && !items.is_empty() {
                text.push(',');
            }
            text.push(']');
            text
        })
    })
}

/// The space between tokens: none, the usual, a line break, or a comment.
fn space() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        4 => Just(" ".to_owned()),
        1 => Just("\n    ".to_owned()),
        1 => Just(" /* note */ ".to_owned()),
        1 => Just(" // note\n".to_owned()),
    ]
}

/// A value of the kind a field expects, mostly: a plain string (`s`), a list (`l`), an
/// identifier (`k`) or a boolean (`b`); now and then something else.
fn value(kind: char) -> BoxedStrategy<String> {
    let plain = "[a-z0-9-]{1,12}".prop_map(|s| format!("\"{s}\""));
    let identifier = prop::sample::select(
        &[
            "Sanction", "Ease", "Lift", "Owns", "PartOf", "Produces", "Nope", "true",
        ][..],
    )
    .prop_map(str::to_owned);
    let boolean = prop::sample::select(&["true", "false"][..]).prop_map(str::to_owned);
    match kind {
        's' => prop_oneof![6 => plain, 1 => string_value()].boxed(),
        'l' => list_value().boxed(),
        'k' => prop_oneof![6 => identifier, 1 => string_value()].boxed(),
        _ => prop_oneof![6 => boolean, 1 => string_value()].boxed(),
    }
}

/// An item: its required fields (each now and then left out), some optional ones, now
/// and then an unknown or repeated one, in any order.
fn item(
    heads: &'static [&'static str],
    required: &'static [(&'static str, char)],
    optional: &'static [(&'static str, char)],
) -> impl Strategy<Value = String> {
    let required: Vec<_> = required
        .iter()
        .map(|&(name, kind)| (Just(name), value(kind), prop::bool::weighted(0.95)))
        .collect();
    let optional =
        prop::sample::subsequence(optional.to_vec(), 0..=optional.len()).prop_flat_map(|chosen| {
            chosen
                .into_iter()
                .map(|(name, kind)| (Just(name), value(kind)))
                .collect::<Vec<_>>()
        });
    let odd = prop::collection::vec(
        (
            prop::sample::select(&["extra", "from", "id", "kind"][..]),
            value('s'),
        ),
        0..2,
    );
    (
        prop::sample::select(heads),
        required,
        optional,
        prop_oneof![9 => Just(Vec::new()), 1 => odd],
        any::<bool>(),
        space(),
    )
        .prop_flat_map(|(head, required, optional, odd, trailing, gap)| {
            let mut fields: Vec<String> = required
                .into_iter()
                .filter(|(_, _, keep)| *keep)
                .map(|(name, value, _)| format!("{name}: {value}"))
                .collect();
            fields.extend(
                optional
                    .into_iter()
                    .map(|(name, value)| format!("{name}: {value}")),
            );
            fields.extend(
                odd.into_iter()
                    .map(|(name, value)| format!("{name}: {value}")),
            );
            (Just((head, trailing, gap)), Just(fields).prop_shuffle())
        })
        .prop_map(|((head, trailing, gap), fields)| {
            let mut text = format!("{head}({gap}{}", fields.join(&format!(",{gap}")));
            if trailing && !fields.is_empty() {
                text.push(',');
            }
            text.push(')');
            text
        })
}

const ACTION: &[(&str, char)] = &[
    ("kind", 'k'),
    ("from", 's'),
    ("to", 's'),
    ("date", 's'),
    ("sources", 'l'),
];
const ACTION_OPTIONAL: &[(&str, char)] = &[
    ("concerns", 'l'),
    ("instrument", 's'),
    ("unverified", 'b'),
    ("notes", 's'),
    ("since", 's'),
];
const NODE: &[(&str, char)] = &[("id", 's'), ("name", 's')];
const NODE_OPTIONAL: &[(&str, char)] = &[
    ("aliases", 'l'),
    ("notes", 's'),
    ("iso", 's'),
    ("country", 's'),
    ("role", 's'),
    ("hs", 'l'),
    ("registration", 's'),
];
const SOURCE: &[(&str, char)] = &[("id", 's'), ("publisher", 's')];
const SOURCE_OPTIONAL: &[(&str, char)] = &[
    ("title", 's'),
    ("description", 's'),
    ("date", 's'),
    ("url", 's'),
    ("language", 's'),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn quick_edges_read_as_ron_reads_them(
        text in item(&["Action", "Action", "Relation", "Action ", "Edge", "action"], ACTION, ACTION_OPTIONAL),
    ) {
        if let Some(quick) = quick::read::<EdgeDef>(&text) {
            prop_assert_eq!(Ok(quick), ron_options().from_str::<EdgeDef>(&text).map_err(|e| e.to_string()), "{}", text);
        }
    }

    #[test]
    fn quick_nodes_read_as_ron_reads_them(
        text in item(&["Country", "Company", "Commodity", "Person", "Ship"], NODE, NODE_OPTIONAL),
    ) {
        if let Some(quick) = quick::read::<NodeDef>(&text) {
            prop_assert_eq!(Ok(quick), ron_options().from_str::<NodeDef>(&text).map_err(|e| e.to_string()), "{}", text);
        }
    }

    #[test]
    fn quick_sources_read_as_ron_reads_them(
        text in item(&["Source", "", "Sauce"], SOURCE, SOURCE_OPTIONAL),
    ) {
        if let Some(quick) = quick::read::<SourceDef>(&text) {
            prop_assert_eq!(Ok(quick), ron_options().from_str::<SourceDef>(&text).map_err(|e| e.to_string()), "{}", text);
        }
    }
}

/// The comparison above means something only if the quick reader takes the plain items
/// real files are made of; it does, and it leaves the rest alone.
#[test]
fn the_quick_reader_takes_plain_items_and_leaves_the_rest() {
    let plain = [
        r#"Action(kind: Ease, from: "ofac", to: "belaruskali", date: "2025-12", sources: ["treasury-2025-12-13"], concerns: ["potash"], instrument: "General License 11")"#,
        "Relation(\n    kind: PartOf,\n    from: \"ofac\",\n    to: \"us-treasury\",\n    sources: [\"a\", \"b\",],\n)",
        r#"Action(kind: Sanction, from: "eu", to: "belavia", date: "2021", sources: ["x"], unverified: true)"#,
    ];
    for text in plain {
        let quick = quick::read::<EdgeDef>(text).unwrap_or_else(|| panic!("not read: {text}"));
        assert_eq!(Ok(quick), ron_options().from_str::<EdgeDef>(text));
    }
    let node =
        r#"Country(id: "blr", name: "Belarus", iso: "BY", aliases: ["Republic of Belarus"])"#;
    assert!(quick::read::<NodeDef>(node).is_some());
    let source = r#"Source(id: "s", publisher: "Reuters", description: "What it reports.")"#;
    assert!(quick::read::<SourceDef>(source).is_some());
    for left_to_ron in [
        r#"Action(kind: Ease, from: "a\"b", to: "c", date: "2025", sources: ["s"])"#,
        r#"Action(kind: Ease, from: "a", to: "c", date: "2025", sources: ["s"], notes: Some("x"))"#,
        r#"Action(kind: Ease, /* why */ from: "a", to: "c", date: "2025", sources: ["s"])"#,
        r#"Action(kind: Ease, from: "a", to: "c", date: "2025", sources: ["s"], colour: "red")"#,
        r#"Action(kind: Ease, from: "a", from: "b", to: "c", date: "2025", sources: ["s"])"#,
        r#"Action(kind: Ease, to: "c", date: "2025", sources: ["s"])"#,
        r#"Action (kind: Ease, from: "a", to: "c", date: "2025", sources: ["s"])"#,
    ] {
        assert!(
            quick::read::<EdgeDef>(left_to_ron).is_none(),
            "{left_to_ron}"
        );
    }
}
