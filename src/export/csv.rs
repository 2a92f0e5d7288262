//! CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field
//! quoted when it holds a comma, a quote, a CR or an LF, and a quote inside doubled.

/// Appends one record (a header or a row) to `out`.
///
/// # Example
/// ```
/// let mut out = String::new();
/// sanctions_graph::export::csv::record(&mut out, ["id", "name, full", "say \"hi\""]);
/// assert_eq!(out, "id,\"name, full\",\"say \"\"hi\"\"\"\r\n");
/// ```
pub fn record<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (i, value) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, value.as_ref());
    }
    out.push_str("\r\n");
}

/// Appends one field, quoted when it needs to be (see [`write_field`]).
pub fn field(out: &mut String, value: &str) {
    let mut bytes = Vec::with_capacity(value.len() + 2);
    // Writing to a Vec cannot fail, and the bytes are the UTF-8 of `value` and quotes.
    let _ = write_field(&mut bytes, value);
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// Writes one field per RFC 4180: quoted when it holds a comma, a double quote, a line
/// break or a space at either end, with double quotes doubled; an empty field stays empty
/// (no value).
///
/// # Errors
/// A write error of `out`.
pub fn write_field(out: &mut impl std::io::Write, text: &str) -> std::io::Result<()> {
    let quote = text
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
        || text.starts_with(' ')
        || text.ends_with(' ');
    if !quote {
        return out.write_all(text.as_bytes());
    }
    out.write_all(b"\"")?;
    for (at, piece) in text.split('"').enumerate() {
        if at > 0 {
            out.write_all(b"\"\"")?;
        }
        out.write_all(piece.as_bytes())?;
    }
    out.write_all(b"\"")
}

/// A whole CSV text: the header, then each row.
pub fn to_csv<S: AsRef<str>>(header: &[&str], rows: impl IntoIterator<Item = Vec<S>>) -> String {
    let mut out = String::new();
    record(&mut out, header);
    for row in rows {
        record(&mut out, row);
    }
    out
}
