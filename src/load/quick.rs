//! A quick reader for the plain items that make up almost every graph file, so that ron
//! only runs on the rest.
//!
//! It is a serde deserializer for a strict subset of RON: `Name(field: value, ...)` items
//! whose values are strings without escapes, identifiers (enum variants, `true`, `false`),
//! implicit `Some` and lists of those, with white space between tokens. Anything else (a
//! comment, an escape, a raw string, a number, `Some(..)`, `None`, an unknown or repeated
//! field, a missing one) makes it give up, and the caller parses the item with ron, which
//! reports what is wrong. On what it accepts it gives what ron gives, checked by a
//! property test against ron; it never allocates for the text it skips.

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};

use super::lex::{Cursor, Quoted};

/// Why the quick reader gave up; never shown, the item goes to ron.
#[derive(Debug)]
pub struct GaveUp;

impl std::fmt::Display for GaveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a plain item")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: std::fmt::Display>(_: T) -> GaveUp {
        GaveUp
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

/// Reads an item, or `None` when it is not plain enough for the quick reader.
pub fn read<'t, T: de::Deserialize<'t>>(text: &'t str) -> Option<T> {
    let mut reader = Reader {
        lex: Cursor::new(text.as_bytes(), 0),
        source: text,
    };
    let value = T::deserialize(&mut reader).ok()?;
    reader.lex.skip_whitespace();
    reader.lex.at_end().then_some(value)
}

/// The lexer over the item's text, and the text itself to borrow strings from.
struct Reader<'t> {
    lex: Cursor<'t>,
    source: &'t str,
}

impl<'t> Reader<'t> {
    fn peek(&self) -> Option<u8> {
        self.lex.peek()
    }

    fn skip_ws(&mut self) {
        self.lex.skip_whitespace();
    }

    /// The next token, after white space, if it is `byte`.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_ws();
        self.lex.eat(byte)
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(GaveUp)
        }
    }

    /// An identifier, ASCII only (others go to ron).
    fn ident(&mut self) -> Result<&'t str> {
        self.skip_ws();
        let span = self.lex.plain_identifier().ok_or(GaveUp)?;
        // `r#ident` and `r"raw"` start like identifiers: leave them to ron.
        if matches!(self.peek(), Some(b'#' | b'"')) {
            return Err(GaveUp);
        }
        Ok(&self.source[span])
    }

    /// A string without escapes, borrowed from the text.
    fn string(&mut self) -> Result<&'t str> {
        self.skip_ws();
        let start = self.lex.pos;
        match self.lex.quoted(b'"') {
            Ok(Quoted { escaped: false }) => {
                self.source.get(start + 1..self.lex.pos - 1).ok_or(GaveUp)
            }
            _ => Err(GaveUp),
        }
    }

    /// Whether another item of a list or struct follows, before `close`: items are
    /// separated by commas, and a comma may also follow the last one.
    fn more(&mut self, close: u8, first: &mut bool) -> Result<bool> {
        self.skip_ws();
        if self.peek() == Some(close) {
            return Ok(false);
        }
        if !std::mem::take(first) {
            self.expect(b',')?;
            self.skip_ws();
            if self.peek() == Some(close) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `Name(` or `(`; with a name, it must be `name`.
    fn open_struct(&mut self, name: &str) -> Result<()> {
        self.skip_ws();
        if self.peek() != Some(b'(') {
            if self.ident()? != name {
                return Err(GaveUp);
            }
            // ron allows no space between a struct's name and its parenthesis here.
            if self.peek() != Some(b'(') {
                return Err(GaveUp);
            }
        }
        self.expect(b'(')
    }
}

impl<'de> Deserializer<'de> for &mut Reader<'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Only implicit `Some`: a value that is itself a string or a list.
        self.skip_ws();
        match self.peek() {
            Some(b'"' | b'[') => visitor.visit_some(self),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        let value = visitor.visit_seq(Items {
            reader: self,
            first: true,
        })?;
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.open_struct(name)?;
        self.fields(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(Variant { reader: self })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct newtype_struct tuple tuple_struct map ignored_any
    }
}

impl<'de> Reader<'de> {
    /// The fields of a struct whose `(` was read, up to and including its `)`.
    fn fields<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let value = visitor.visit_map(Fields {
            reader: self,
            first: true,
        })?;
        self.expect(b')')?;
        Ok(value)
    }
}

/// The items of a list, separated by commas, a trailing comma allowed.
struct Items<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.reader.more(b']', &mut self.first)? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// The `field: value` pairs of a struct, separated by commas, a trailing comma allowed.
struct Fields<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.reader.more(b')', &mut self.first)? {
            return Ok(None);
        }
        let name = self.reader.ident()?;
        self.reader.expect(b':')?;
        seed.deserialize(name.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
}

/// An enum value: a unit variant (`Sanction`) or a variant holding a struct whose fields
/// follow its name directly (`Action(kind: ..)`, ron's unwrapped newtype variants).
struct Variant<'r, 'de> {
    reader: &'r mut Reader<'de>,
}

impl<'r, 'de> de::EnumAccess<'de> for Variant<'r, 'de> {
    type Error = GaveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.reader.ident()?;
        let value = seed.deserialize(name.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = GaveUp;

    fn unit_variant(self) -> Result<()> {
        // A unit variant is a bare name: `Sanction`, not `Sanction()`.
        match self.reader.peek() {
            Some(b'(') => Err(GaveUp),
            _ => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        // `Action(kind: ..)`: the parenthesis follows the name at once, and the struct's
        // own name is not written again.
        if self.reader.peek() != Some(b'(') {
            return Err(GaveUp);
        }
        seed.deserialize(Unwrapped {
            reader: self.reader,
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(GaveUp)
    }
}

/// The struct inside an unwrapped newtype variant: its `(` comes next, without a name.
struct Unwrapped<'r, 'de> {
    reader: &'r mut Reader<'de>,
}

impl<'de> Deserializer<'de> for Unwrapped<'_, 'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.reader.expect(b'(')?;
        self.reader.fields(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::file::{EdgeDef, NodeDef, SourceDef};

    #[test]
    fn generated_items_are_read() {
        let edge = r#"Action(kind: Ease, from: "body-9", to: "company-271", date: "2021-02-09", concerns: ["commodity-8"], instrument: "Generated programme", sources: ["source-47", "source-22"])"#;
        assert!(read::<EdgeDef>(edge).is_some());
        let relation = r#"Relation(kind: Owns, from: "company-8", to: "aircraft-9", sources: ["source-32", "source-28"])"#;
        assert!(read::<EdgeDef>(relation).is_some());
        let source = r#"Source(id: "source-0", publisher: "Publisher 0", description: "Generated report 0.")"#;
        assert!(read::<SourceDef>(source).is_some());
        let _ = read::<NodeDef>("");
    }
}
