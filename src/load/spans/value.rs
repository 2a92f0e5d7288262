//! A scanned RON value: what it is, where its text stands, and its parts.

use std::ops::Range;

/// A byte range in one file's text.
pub type ByteRange = Range<usize>;

/// A RON value with the byte span of its text.
#[derive(Debug, Clone, PartialEq)]
pub enum SpanValue {
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Struct {
        /// The struct or variant name and its span, if written.
        name: Option<(String, ByteRange)>,
        /// The fields in file order.
        fields: Vec<SpanField>,
        /// The whole value.
        span: ByteRange,
    },
    /// `Name(value, ...)`, `(value, ...)` or `()`.
    Tuple {
        /// The name and its span, if written.
        name: Option<(String, ByteRange)>,
        /// The items in file order.
        items: Vec<SpanValue>,
        /// The whole value.
        span: ByteRange,
    },
    /// `[value, ...]`.
    List {
        /// The items in file order.
        items: Vec<SpanValue>,
        /// The whole value.
        span: ByteRange,
    },
    /// `{key: value, ...}`.
    Map {
        /// The whole value.
        span: ByteRange,
    },
    /// A string, number, character, boolean or bare identifier.
    Scalar {
        /// The whole value.
        span: ByteRange,
    },
    /// A value whose text was checked but whose parts were not recorded: the items of a
    /// graph file, scanned again with [`scan_at`](super::scan_at) only when a problem needs a location.
    Unscanned {
        /// The whole value.
        span: ByteRange,
    },
}

/// One `name: value` field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanField {
    /// The field name.
    pub name: String,
    /// Where the field name stands.
    pub name_span: ByteRange,
    /// The value.
    pub value: SpanValue,
}

impl SpanValue {
    /// The span of the whole value.
    pub fn span(&self) -> ByteRange {
        match self {
            SpanValue::Struct { span, .. }
            | SpanValue::Tuple { span, .. }
            | SpanValue::List { span, .. }
            | SpanValue::Map { span }
            | SpanValue::Scalar { span }
            | SpanValue::Unscanned { span } => span.clone(),
        }
    }

    /// The struct or variant name, if one is written.
    pub fn name(&self) -> Option<(&str, ByteRange)> {
        match self {
            SpanValue::Struct { name, .. } | SpanValue::Tuple { name, .. } => name
                .as_ref()
                .map(|(text, span)| (text.as_str(), span.clone())),
            _ => None,
        }
    }

    /// The fields of a struct; a newtype such as `Country((id: ..))` is looked through.
    pub fn fields(&self) -> &[SpanField] {
        match self {
            SpanValue::Struct { fields, .. } => fields,
            SpanValue::Tuple { items, .. } if items.len() == 1 => items[0].fields(),
            _ => &[],
        }
    }

    /// The value of the named field, if present.
    pub fn field(&self, name: &str) -> Option<&SpanValue> {
        self.fields()
            .iter()
            .find(|field| field.name == name)
            .map(|field| &field.value)
    }

    /// The items of a list (or of `Some([..])`), empty for anything else.
    pub fn items(&self) -> &[SpanValue] {
        match self {
            SpanValue::List { items, .. } => items,
            SpanValue::Tuple { items, .. } if items.len() == 1 => items[0].items(),
            _ => &[],
        }
    }
}
