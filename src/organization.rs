//! The commune as an organisation: its logo (`logo:`, a content file, checked
//! to be an image), its focal-point officials (`contacts:`) and the contact
//! pages that show them, and the schema.org `GovernmentOrganization` JSON-LD
//! of the home page.

use std::io::Read;

use serde_json::{Map, Value, json};

use crate::diagnostics::Diagnostic;
use crate::messages::Msg;
use crate::model::{Page, Site};
use crate::msg;
use crate::urls::{UrlKind, UrlMaker, classify, join_relative};

/// Slugs of the contact pages: `lien-he` (Vietnamese) and `contact` (English).
/// Their translations are contact pages too.
pub const CONTACT_SLUGS: &[&str] = &["lien-he", "contact"];

/// File name endings of the images a logo may be.
pub const LOGO_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg"];

/// Is `value` real information, neither empty nor a placeholder such as
/// `(đang cập nhật)` / `(being updated)` ("to be filled in")?
pub fn is_known(value: &str) -> bool {
    let folded = crate::text::fold(value);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !(words.is_empty()
        || words == ["dang", "cap", "nhat"]
        || words == ["being", "updated"]
        || words == ["chua", "cap", "nhat"])
}

/// Does page `p` show the focal-point officials (a contact page, or the
/// translation of one)?
pub fn is_contact_page(site: &Site, p: &Page) -> bool {
    let contact = |p: &Page| CONTACT_SLUGS.contains(&p.slug.as_str());
    contact(p) || p.translation.is_some_and(|t| contact(&site.pages[t]))
}

/// The content-relative path `logo` names, or why it cannot be a logo
/// (message, hint).
fn logo_rel(logo: &str) -> Result<String, (Msg, Msg)> {
    match classify(logo) {
        UrlKind::Web(_) => Err((msg!("logo-outside", logo = logo), msg!("logo-outside-hint"))),
        UrlKind::Refused(why) => Err((why.message("logo", logo), msg!("logo-put-in-content-hint"))),
        UrlKind::SitePath(p) => join_relative("", p.trim_start_matches('/')).ok_or_else(|| {
            (
                msg!("logo-leaves-content", logo = logo),
                msg!("logo-put-in-content-hint"),
            )
        }),
    }
}

fn has_image_extension(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| LOGO_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

/// Content path of the logo file `logo:` names (checked or not).
pub fn logo_source(site: &Site) -> Option<String> {
    logo_rel(site.config.logo.as_deref()?).ok()
}

/// Site path of the logo, when `logo:` names an image file of the site.
pub fn logo_path(site: &Site) -> Option<String> {
    let rel = logo_rel(site.config.logo.as_deref()?).ok()?;
    if !has_image_extension(&rel) {
        return None;
    }
    site.routes.assets.get(&rel).cloned()
}

/// What kind of image `head` (a file's first bytes) starts, if any.
pub fn sniff_image(head: &[u8]) -> Option<&'static str> {
    let text_start = || {
        let s = String::from_utf8_lossy(head);
        let s = s.trim_start_matches('\u{feff}').trim_start();
        (s.starts_with("<svg") || s.starts_with("<?xml") || s.starts_with("<!--"))
            && s.contains("<svg")
    };
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("image/webp")
    } else if head.len() >= 12
        && &head[4..8] == b"ftyp"
        && matches!(&head[8..12], b"avif" | b"avis")
    {
        Some("image/avif")
    } else if text_start() {
        Some("image/svg+xml")
    } else {
        None
    }
}

/// Problems with `logo:`: an outside or refused address, a file that is not
/// under `content/`, or a file that is not an image (by its name and by its
/// first bytes). Reads the first bytes of the logo file.
pub fn check_logo(site: &Site) -> Vec<Diagnostic> {
    let config = &site.config;
    let Some(logo) = config.logo.as_deref() else {
        return Vec::new();
    };
    let (l, c) = crate::urls::fields::position(&config.source, "logo", None, logo);
    let problem = |message: Msg, hint: Msg| {
        vec![
            Diagnostic::new(crate::config::CONFIG_FILE, l, c, message)
                .with_source(&config.source)
                .with_hint(hint),
        ]
    };
    let rel = match logo_rel(logo) {
        Ok(rel) => rel,
        Err((message, hint)) => return problem(message, hint),
    };
    let Some(site_path) = site.routes.assets.get(&rel) else {
        return problem(msg!("logo-missing", logo = logo), msg!("logo-missing-hint"));
    };
    let extensions = LOGO_EXTENSIONS.join(", ");
    if !has_image_extension(&rel) {
        return problem(
            msg!("logo-not-image-name", logo = logo),
            msg!("logo-not-image-name-hint", extensions = extensions),
        );
    }
    let Some(asset) = site.assets.iter().find(|a| &a.path == site_path) else {
        return Vec::new();
    };
    let mut head = Vec::with_capacity(512);
    let read = std::fs::File::open(&asset.src.abs).and_then(|f| f.take(512).read_to_end(&mut head));
    match read {
        Err(e) => problem(
            msg!("logo-unreadable", logo = logo, error = e.to_string()),
            msg!("logo-unreadable-hint"),
        ),
        Ok(_) if sniff_image(&head).is_none() => problem(
            msg!("logo-not-image", logo = logo),
            msg!("logo-not-image-hint"),
        ),
        Ok(_) => Vec::new(),
    }
}

/// The organisation as schema.org `GovernmentOrganization` (JSON-LD of the
/// home page): name, url, address, telephone, email, logo, and the
/// focal-point officials as `employee`s. Placeholders (`(đang cập nhật)`)
/// are left out: structured data states only what is known.
pub fn json_ld(site: &Site, urls: &UrlMaker) -> Value {
    let c = &site.config;
    let o = &c.organization;
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("GovernmentOrganization"));
    let name = if is_known(&o.name) { &o.name } else { &c.title };
    m.insert("name".into(), json!(name));
    m.insert("url".into(), json!(urls.absolute("/")));
    for (key, value) in [
        ("address", &o.address),
        ("telephone", &o.phone),
        ("email", &o.email),
    ] {
        if is_known(value) {
            m.insert(key.into(), json!(value.trim()));
        }
    }
    if let Some(logo) = logo_path(site) {
        m.insert("logo".into(), json!(urls.absolute(&logo)));
    }
    let people: Vec<Value> = c
        .contacts
        .iter()
        .filter(|p| is_known(&p.name))
        .map(|p| {
            let mut person = Map::new();
            person.insert("@type".into(), json!("Person"));
            for (key, value) in [
                ("name", &p.name),
                ("jobTitle", &p.position),
                ("telephone", &p.phone),
                ("email", &p.email),
            ] {
                if is_known(value) {
                    person.insert(key.into(), json!(value.trim()));
                }
            }
            if is_known(&p.unit) {
                person.insert(
                    "worksFor".into(),
                    json!({"@type": "GovernmentOrganization", "name": p.unit.trim()}),
                );
            }
            Value::Object(person)
        })
        .collect();
    if !people.is_empty() {
        m.insert("employee".into(), Value::Array(people));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_not_information() {
        for v in [
            "",
            "  ",
            "(đang cập nhật)",
            "Đang cập nhật",
            "(being updated)",
            "(chưa cập nhật)",
        ] {
            assert!(!is_known(v), "{v}");
        }
        for v in ["024 3888 1234", "UBND xã Hòa Phú", "Cập nhật"] {
            assert!(is_known(v), "{v}");
        }
    }

    #[test]
    fn logo_paths() {
        assert_eq!(logo_rel("logo.png").unwrap(), "logo.png");
        assert_eq!(logo_rel("/anh/logo.svg").unwrap(), "anh/logo.svg");
        assert!(logo_rel("https://example.com/logo.png").is_err());
        assert!(logo_rel("//evil.example/logo.png").is_err());
        assert!(logo_rel("javascript:alert(1)").is_err());
        assert!(logo_rel("../../etc/passwd.png").is_err());
        assert!(has_image_extension("a/LOGO.PNG"));
        assert!(!has_image_extension("a/logo.pdf"));
    }

    #[test]
    fn images_are_known_by_their_first_bytes() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff_image(&[0xff, 0xd8, 0xff, 0xe0]), Some("image/jpeg"));
        assert_eq!(sniff_image(b"GIF89a..."), Some("image/gif"));
        assert_eq!(sniff_image(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff_image(b"\0\0\0\x1cftypavif"), Some("image/avif"));
        assert_eq!(
            sniff_image(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Some("image/svg+xml")
        );
        assert_eq!(sniff_image(b"%PDF-1.7"), None);
        assert_eq!(sniff_image(b"hello <svg"), None);
    }
}
