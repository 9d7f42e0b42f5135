//! `congxa audit`: what Nghị định 42/2022/NĐ-CP asks of a state agency's
//! portal, item by item, provided (where: a URL, a file, a `site.yaml` key)
//! or missing (what to add, with the article and clause).
//!
//! The items are data: one row of [`ITEMS`] each (citation, the item in
//! Vietnamese and English, its check). To amend the list, edit the table.
//! Articles and clauses were checked against the decree's text as quoted by
//! public sources (see the guide's reference page `audit.md`); where a point
//! letter could not be confirmed, the citation stops at the clause.

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::model::{self, Page, Site};
use crate::organization::{CONTACT_SLUGS, is_known};

pub use crate::messages::Lang;

use crate::messages::Msg;
use crate::{msg, msg_id};

/// Where in the decree an item comes from.
#[derive(Debug, Clone, Copy)]
pub struct Citation {
    pub article: u8,
    pub clause: u8,
    /// The point (`e`), when confirmed.
    pub point: Option<&'static str>,
}

impl Citation {
    /// `Điều 4 khoản 1 điểm e` / `Art. 4(1)(e)`.
    pub fn show(&self, lang: Lang) -> String {
        let (article, clause) = (self.article.to_string(), self.clause.to_string());
        match self.point {
            Some(p) => msg!(
                "audit-cite-point",
                article = article,
                clause = clause,
                point = p
            ),
            None => msg!("audit-cite", article = article, clause = clause),
        }
        .render(lang)
    }
}

/// What the check of one item found: provided or not, and where it is or
/// what to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub provided: bool,
    pub details: Vec<String>,
}

impl Finding {
    fn provided(details: Vec<String>) -> Finding {
        Finding {
            provided: true,
            details,
        }
    }
    fn missing(details: Vec<String>) -> Finding {
        Finding {
            provided: false,
            details,
        }
    }
}

/// One thing the decree asks of the portal.
pub struct Item {
    /// A stable name (`documents`).
    pub key: &'static str,
    pub cite: Citation,
    /// The item's words: a message of the catalogue.
    pub what: &'static str,
    pub check: fn(&Site, Lang) -> Finding,
}

const fn cite(article: u8, clause: u8, point: Option<&'static str>) -> Citation {
    Citation {
        article,
        clause,
        point,
    }
}

/// The decree's items, in the decree's order.
pub static ITEMS: &[Item] = &[
    Item {
        key: "documents",
        cite: cite(4, 1, None),
        what: msg_id!("audit-item-documents"),
        check: documents,
    },
    Item {
        key: "document-search",
        cite: cite(4, 1, None),
        what: msg_id!("audit-item-document-search"),
        check: document_search,
    },
    Item {
        key: "procedures",
        cite: cite(4, 1, None),
        what: msg_id!("audit-item-procedures"),
        check: procedures,
    },
    Item {
        key: "functions",
        cite: cite(4, 1, Some("e")),
        what: msg_id!("audit-item-functions"),
        check: functions,
    },
    Item {
        key: "structure",
        cite: cite(4, 1, Some("e")),
        what: msg_id!("audit-item-structure"),
        check: structure,
    },
    Item {
        key: "agency-contacts",
        cite: cite(4, 1, Some("e")),
        what: msg_id!("audit-item-agency-contacts"),
        check: agency_contacts,
    },
    Item {
        key: "focal-points",
        cite: cite(4, 1, Some("e")),
        what: msg_id!("audit-item-focal-points"),
        check: focal_points,
    },
    Item {
        key: "search",
        cite: cite(7, 1, Some("a")),
        what: msg_id!("audit-item-search"),
        check: search,
    },
    Item {
        key: "links",
        cite: cite(7, 1, Some("b")),
        what: msg_id!("audit-item-links"),
        check: links,
    },
    Item {
        key: "print",
        cite: cite(7, 1, Some("c")),
        what: msg_id!("audit-item-print"),
        check: print,
    },
    Item {
        key: "english-organisation",
        cite: cite(7, 2, Some("a")),
        what: msg_id!("audit-item-english-organisation"),
        check: english_organisation,
    },
    Item {
        key: "english-contacts",
        cite: cite(7, 2, Some("b")),
        what: msg_id!("audit-item-english-contacts"),
        check: english_contacts,
    },
];

/// One line of the report.
pub struct Line {
    pub item: &'static Item,
    pub finding: Finding,
}

/// Load the site as `build` would (published pages only), for the audit.
pub fn load(root: &Path) -> Result<Site, Diagnostics> {
    let config = Config::load(root, None).map_err(|e| {
        let mut d = Diagnostics::default();
        d.extend(e);
        d
    })?;
    let (sources, mut problems) = crate::load::load_content(root);
    let opts = crate::pipeline::model_options(&crate::BuildOptions::new(root));
    let (site, p) = model::build_model(config, sources, opts);
    problems.extend(p);
    if problems.is_empty() {
        Ok(site)
    } else {
        let mut d = Diagnostics::default();
        d.extend(problems);
        Err(d.sorted())
    }
}

/// Every item of [`ITEMS`], checked.
pub fn audit(site: &Site, lang: Lang) -> Vec<Line> {
    ITEMS
        .iter()
        .map(|item| Line {
            item,
            finding: (item.check)(site, lang),
        })
        .collect()
}

/// How many items are missing.
pub fn missing(lines: &[Line]) -> usize {
    lines.iter().filter(|l| !l.finding.provided).count()
}

/// The report: one line per item, then a summary line.
pub fn report(lines: &[Line], lang: Lang) -> String {
    let mut out = String::new();
    for l in lines {
        let status = match (lang, l.finding.provided) {
            // Padded to one width per language, so that the lines align.
            (Lang::Vi, true) => format!("{:<5}", lang.text("audit-provided")),
            (Lang::Vi, false) => format!("{:<5}", lang.text("audit-missing")),
            (Lang::En, true) => format!("{:<8}", lang.text("audit-provided")),
            (Lang::En, false) => format!("{:<8}", lang.text("audit-missing")),
        };
        let what = Msg::new(l.item.what).render(lang);
        out.push_str(&format!(
            "{status}  {} — {what}: {}\n",
            l.item.cite.show(lang),
            l.finding.details.join("; ")
        ));
    }
    let n = lines.len();
    let gaps = missing(lines);
    let summary = msg!("audit-summary", provided = n - gaps, n = n, gaps = gaps);
    out.push_str(&summary.render(lang));
    out.push('\n');
    out
}

/// `/gioi-thieu/ (content/gioi-thieu/_index.md)`
fn place(p: &Page) -> String {
    format!("{} ({})", p.path, p.doc.shown.display())
}

/// Published pages in `lang` whose folded title (no marks, lower case) holds
/// every word of one of `phrases`.
fn titled<'s>(site: &'s Site, lang: &str, phrases: &[&[&str]]) -> Vec<&'s Page> {
    site.pages
        .iter()
        .filter(|p| p.lang == lang)
        .filter(|p| {
            let t = crate::text::fold(&p.title);
            phrases
                .iter()
                .any(|words| words.iter().all(|w| t.contains(w)))
        })
        .collect()
}

fn documents(site: &Site, lang: Lang) -> Finding {
    if site.documents.is_empty() {
        return Finding::missing(vec![lang.text("audit-documents-1")]);
    }
    let mut gaps = Vec::new();
    for &id in &site.documents {
        let p = &site.pages[id];
        let Some(d) = &p.document else { continue };
        let mut keys = Vec::new();
        if d.effective.is_none() {
            keys.push(lang.text("audit-documents-2"));
        }
        if d.file.is_none() {
            keys.push(lang.text("audit-documents-3"));
        }
        if !keys.is_empty() {
            let line = crate::diagnostics::yaml_key_position(p.doc.yaml(), "document")
                .map_or(1, |(l, _)| l + 1);
            let add = msg!("audit-add", keys = keys.join(&lang.text("audit-and")));
            gaps.push(format!(
                "{}:{line}: {}",
                p.doc.shown.display(),
                add.render(lang)
            ));
        }
    }
    let n = site.documents.len();
    let register = msg!("audit-register", path = model::DOCUMENTS_PATH, n = n).render(lang);
    if gaps.is_empty() {
        Finding::provided(vec![register])
    } else {
        gaps.push(register);
        Finding::missing(gaps)
    }
}

fn document_search(site: &Site, lang: Lang) -> Finding {
    if site.documents.is_empty() {
        Finding::missing(vec![lang.text("audit-document-search-1")])
    } else {
        Finding::provided(vec![lang.text("audit-document-search-2")])
    }
}

fn procedures(site: &Site, lang: Lang) -> Finding {
    let pages = titled(
        site,
        "vi",
        &[
            &["huong dan", "thu tuc hanh chinh"],
            &["dich vu cong truc tuyen"],
        ],
    );
    let portal = site
        .config
        .links
        .iter()
        .chain(site.config.menu.iter().flatten())
        .find(|l| l.url.contains("dichvucong.gov.vn"));
    let mut details: Vec<String> = pages.iter().map(|p| place(p)).collect();
    let mut missing = Vec::new();
    if pages.is_empty() {
        missing.push(lang.text("audit-procedures-1"));
    }
    match portal {
        Some(l) => details.push(format!("site.yaml: links: {}", l.url)),
        None => missing.push(lang.text("audit-procedures-2")),
    }
    if missing.is_empty() {
        Finding::provided(details)
    } else {
        Finding::missing(missing)
    }
}

fn page_item(pages: Vec<&Page>, hint: String) -> Finding {
    if pages.is_empty() {
        Finding::missing(vec![hint])
    } else {
        Finding::provided(pages.iter().map(|p| place(p)).collect())
    }
}

fn functions(site: &Site, lang: Lang) -> Finding {
    page_item(
        titled(site, "vi", &[&["chuc nang", "nhiem vu"]]),
        lang.text("audit-functions-1"),
    )
}

fn structure(site: &Site, lang: Lang) -> Finding {
    page_item(
        titled(site, "vi", &[&["co cau to chuc"], &["so do to chuc"]]),
        lang.text("audit-structure-1"),
    )
}

fn agency_contacts(site: &Site, lang: Lang) -> Finding {
    let o = &site.config.organization;
    let fields = [
        ("address", &o.address),
        ("phone", &o.phone),
        ("email", &o.email),
    ];
    let unknown: Vec<&str> = fields
        .iter()
        .filter(|(_, v)| !is_known(v))
        .map(|(k, _)| *k)
        .collect();
    if unknown.is_empty() {
        Finding::provided(vec![lang.text("audit-agency-contacts-1")])
    } else {
        Finding::missing(
            unknown
                .iter()
                .map(|k| {
                    format!(
                        "site.yaml: organization.{k} {}",
                        lang.text("audit-empty-or-updating")
                    )
                })
                .collect(),
        )
    }
}

/// What `contacts:` lacks: one entry per contact with unknown fields.
fn contact_gaps(site: &Site, lang: Lang) -> Vec<String> {
    let contacts = &site.config.contacts;
    if contacts.is_empty() {
        return vec![lang.text("audit-contact-gaps-1")];
    }
    contacts
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let unknown: Vec<&str> = [
                ("name", &c.name),
                ("position", &c.position),
                ("unit", &c.unit),
                ("phone", &c.phone),
                ("email", &c.email),
            ]
            .iter()
            .filter(|(_, v)| !is_known(v))
            .map(|(k, _)| *k)
            .collect();
            (!unknown.is_empty()).then(|| {
                format!(
                    "site.yaml: contacts[{}] {}",
                    i + 1,
                    msg!("audit-lacks", keys = unknown.join(", ")).render(lang)
                )
            })
        })
        .collect()
}

/// The contact pages in `lang` (`vi` or `en`).
fn contact_pages<'s>(site: &'s Site, lang: &str) -> Vec<&'s Page> {
    site.pages
        .iter()
        .filter(|p| p.lang == lang && crate::organization::is_contact_page(site, p))
        .collect()
}

fn focal_points(site: &Site, lang: Lang) -> Finding {
    let gaps = contact_gaps(site, lang);
    let pages = contact_pages(site, "vi");
    let mut missing = gaps;
    if pages.is_empty() {
        missing.push(lang.text("audit-focal-points-1"));
    }
    if missing.is_empty() {
        let mut details: Vec<String> = pages.iter().map(|p| place(p)).collect();
        details.push("site.yaml: contacts".into());
        Finding::provided(details)
    } else {
        Finding::missing(missing)
    }
}

fn search(_: &Site, lang: Lang) -> Finding {
    Finding::provided(vec![lang.text("audit-search-1")])
}

fn links(site: &Site, lang: Lang) -> Finding {
    let web: Vec<&str> = site
        .config
        .links
        .iter()
        .map(|l| l.url.as_str())
        .filter(|u| crate::urls::is_web(u))
        .collect();
    if web.is_empty() {
        Finding::missing(vec![lang.text("audit-links-1")])
    } else {
        let n = msg!("audit-links-count", n = web.len()).render(lang);
        Finding::provided(vec![format!("site.yaml: links ({n}): {}", web.join(", "))])
    }
}

fn print(_: &Site, lang: Lang) -> Finding {
    Finding::provided(vec![lang.text("audit-print-1")])
}

fn english_organisation(site: &Site, lang: Lang) -> Finding {
    let about = |p: &Page| {
        let t = crate::text::fold(&p.title);
        ["about", "function", "organi", "structure"]
            .iter()
            .any(|w| t.contains(w))
    };
    let pages: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.lang == "en" && about(p))
        .collect();
    page_item(pages, lang.text("audit-english-organisation-1"))
}

fn english_contacts(site: &Site, lang: Lang) -> Finding {
    let pages = contact_pages(site, "en");
    let mut missing = Vec::new();
    if pages.is_empty() {
        missing.push(msg!("audit-english-contact-page", slug = CONTACT_SLUGS[1]).render(lang));
    }
    missing.extend(contact_gaps(site, lang));
    if missing.is_empty() {
        let mut details: Vec<String> = pages.iter().map(|p| place(p)).collect();
        details.push("site.yaml: contacts".into());
        Finding::provided(details)
    } else {
        Finding::missing(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_in_both_languages() {
        let c = cite(4, 1, Some("e"));
        assert_eq!(c.show(Lang::Vi), "Điều 4 khoản 1 điểm e");
        assert_eq!(c.show(Lang::En), "Art. 4(1)(e)");
        assert_eq!(cite(7, 2, None).show(Lang::Vi), "Điều 7 khoản 2");
    }

    #[test]
    fn languages() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("vi"), Some(Lang::Vi));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn item_keys_are_unique() {
        let mut keys: Vec<&str> = ITEMS.iter().map(|i| i.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ITEMS.len());
    }
}
