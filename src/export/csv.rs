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

/// Appends one field, quoted when it needs to be.
pub fn field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
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
