//! JSON-LD for `<script type="application/ld+json">`, written by
//! `serde_json` with a formatter that also escapes `<`, `>`, `&`, `'` and `"`
//! inside strings (as `\u003c`, `\u003e`, `\u0026`, `\u0027`, `\u0022`).
//! The JSON means the same, and no value can end or bend the element
//! (`</script>`, `<!--`) or look like markup to anything scanning the page.

use std::io;

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};
use serde_json::{Map, Value, json};

use crate::model::Page;
use crate::urls::UrlMaker;

/// serde_json's compact output, with HTML-significant characters escaped.
struct ScriptSafe;

impl Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(i) = rest.find(['<', '>', '&', '\'']) {
            writer.write_all(&rest.as_bytes()[..i])?;
            let escape: &[u8] = match rest.as_bytes()[i] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => b"\\u0027",
            };
            writer.write_all(escape)?;
            rest = &rest[i + 1..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        match escape {
            CharEscape::Quote => writer.write_all(b"\\u0022"),
            other => CompactFormatter.write_char_escape(writer, other),
        }
    }
}

/// `v` as the text of a JSON-LD `<script>` element (safe to print unescaped).
pub fn script_text<T: Serialize + ?Sized>(v: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    // Serialising plain data into memory cannot fail.
    if v.serialize(&mut ser).is_err() {
        return "{}".into();
    }
    // The formatter writes whole UTF-8 fragments and ASCII escapes.
    String::from_utf8(out).unwrap_or_else(|_| "{}".into())
}

/// schema.org `LegalForceStatus` of a document's `status:` as written
/// (Vietnamese or English), when it says one plainly.
pub fn legal_force(status: &str) -> Option<&'static str> {
    let s = crate::text::fold(status);
    let s = s.trim();
    let partly = s.contains("mot phan") || s.contains("partially");
    if partly {
        Some("https://schema.org/PartiallyInForce")
    } else if s.starts_with("het hieu luc")
        || s.starts_with("ngung hieu luc")
        || s.starts_with("chua co hieu luc")
        || s.starts_with("not in force")
        || s.starts_with("repealed")
        || s.starts_with("expired")
    {
        Some("https://schema.org/NotInForce")
    } else if s.starts_with("con hieu luc")
        || s.starts_with("dang co hieu luc")
        || s.starts_with("co hieu luc")
        || s.starts_with("in force")
    {
        Some("https://schema.org/InForce")
    } else {
        None
    }
}

/// A document page (`document:` block) as schema.org `Legislation`: the
/// fields NĐ 42/2022/NĐ-CP asks of it (form, issuer, number, issue and
/// effective dates, excerpt, the file) in the ELI-derived properties.
/// `None` for a page without a document.
pub fn legislation(p: &Page, urls: &UrlMaker) -> Option<Value> {
    let d = p.document.as_ref()?;
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("Legislation"));
    m.insert("name".into(), json!(p.title));
    m.insert("url".into(), json!(urls.absolute(&p.path)));
    m.insert("inLanguage".into(), json!(p.lang));
    m.insert("legislationIdentifier".into(), json!(d.number.trim()));
    m.insert("legislationType".into(), json!(d.kind.trim()));
    m.insert("legislationDate".into(), json!(d.issued.iso_date()));
    if let Some(e) = d.effective {
        m.insert("legislationDateOfApplicability".into(), json!(e.iso_date()));
    }
    m.insert(
        "legislationPassedBy".into(),
        json!({"@type": "GovernmentOrganization", "name": d.issuer.trim()}),
    );
    m.insert(
        "abstract".into(),
        json!(d.excerpt.as_deref().unwrap_or(&p.title)),
    );
    if let Some(force) = d.status.as_deref().and_then(legal_force) {
        m.insert("legislationLegalForce".into(), json!(force));
    }
    if let Some((file, size)) = &d.file {
        let url = if file.starts_with('/') {
            urls.absolute(file)
        } else {
            file.clone()
        };
        let mut object = Map::new();
        object.insert("@type".into(), json!("LegislationObject"));
        object.insert("contentUrl".into(), json!(url));
        if let Some(mime) =
            mime_guess::from_path(file.split(['?', '#']).next().unwrap_or(file)).first()
        {
            object.insert("encodingFormat".into(), json!(mime.essence_str()));
        }
        if *size > 0 {
            object.insert("contentSize".into(), json!(format!("{size} B")));
        }
        m.insert("encoding".into(), Value::Object(object));
    }
    Some(Value::Object(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_force_of_written_statuses() {
        assert_eq!(
            legal_force("Còn hiệu lực"),
            Some("https://schema.org/InForce")
        );
        assert_eq!(
            legal_force("Hết hiệu lực toàn bộ"),
            Some("https://schema.org/NotInForce")
        );
        assert_eq!(
            legal_force("Hết hiệu lực một phần"),
            Some("https://schema.org/PartiallyInForce")
        );
        assert_eq!(
            legal_force("Chưa có hiệu lực"),
            Some("https://schema.org/NotInForce")
        );
        assert_eq!(legal_force("đang xem xét"), None);
    }

    #[test]
    fn nothing_in_a_value_can_close_the_script_element() {
        let v = json!({"name": "</script><script>alert(1)</script>", "x": "<!-- & ]]> \" ' \\\"", "n": 1});
        let text = script_text(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\'') && !text.contains("\\\""), "{text}");
        // Still the same JSON.
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
