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

/// The report's words in both languages, side by side (not yet in the catalogue).
trait Pick {
    fn pick(self, vi: &str, en: &str) -> String;
}

impl Pick for Lang {
    fn pick(self, vi: &str, en: &str) -> String {
        match self {
            Lang::Vi => vi.to_string(),
            Lang::En => en.to_string(),
        }
    }
}

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
        match (lang, self.point) {
            (Lang::Vi, Some(p)) => {
                format!("Điều {} khoản {} điểm {p}", self.article, self.clause)
            }
            (Lang::Vi, None) => format!("Điều {} khoản {}", self.article, self.clause),
            (Lang::En, Some(p)) => format!("Art. {}({})({p})", self.article, self.clause),
            (Lang::En, None) => format!("Art. {}({})", self.article, self.clause),
        }
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
    pub vi: &'static str,
    pub en: &'static str,
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
        vi: "Văn bản quy phạm pháp luật, văn bản quản lý hành chính: hình thức, cơ quan ban hành, số ký hiệu, ngày ban hành, ngày hiệu lực, trích yếu, tệp tải về",
        en: "Legal and administrative documents: form, issuer, number, issue date, effective date, excerpt, downloadable file",
        check: documents,
    },
    Item {
        key: "document-search",
        cite: cite(4, 1, None),
        vi: "Công cụ tìm kiếm văn bản",
        en: "A tool to search the documents",
        check: document_search,
    },
    Item {
        key: "procedures",
        cite: cite(4, 1, None),
        vi: "Thủ tục hành chính, dịch vụ công trực tuyến (liên kết Cổng Dịch vụ công quốc gia)",
        en: "Administrative procedures and online public services (linked to the National Public Service Portal)",
        check: procedures,
    },
    Item {
        key: "functions",
        cite: cite(4, 1, Some("e")),
        vi: "Chức năng, nhiệm vụ, quyền hạn của cơ quan",
        en: "Functions, duties and powers of the agency",
        check: functions,
    },
    Item {
        key: "structure",
        cite: cite(4, 1, Some("e")),
        vi: "Cơ cấu tổ chức, sơ đồ tổ chức",
        en: "Organisational structure and chart",
        check: structure,
    },
    Item {
        key: "agency-contacts",
        cite: cite(4, 1, Some("e")),
        vi: "Địa chỉ, số điện thoại, thư điện tử của cơ quan",
        en: "Address, telephone and email of the agency",
        check: agency_contacts,
    },
    Item {
        key: "focal-points",
        cite: cite(4, 1, Some("e")),
        vi: "Họ tên, chức vụ, đơn vị công tác, số điện thoại, thư điện tử chính thức của cán bộ, công chức làm đầu mối liên hệ",
        en: "Name, position, unit, telephone and official email of the focal-point officials",
        check: focal_points,
    },
    Item {
        key: "search",
        cite: cite(7, 1, Some("a")),
        vi: "Tra cứu, tìm kiếm thông tin đầy đủ, chính xác",
        en: "Search that finds information fully and accurately",
        check: search,
    },
    Item {
        key: "links",
        cite: cite(7, 1, Some("b")),
        vi: "Liên kết đến cổng thông tin điện tử của cơ quan nhà nước khác có liên quan",
        en: "Links to the portals of other relevant state agencies",
        check: links,
    },
    Item {
        key: "print",
        cite: cite(7, 1, Some("c")),
        vi: "In ấn và lưu trữ cho mỗi tin, bài",
        en: "Printing and archiving for each article",
        check: print,
    },
    Item {
        key: "english-organisation",
        cite: cite(7, 2, Some("a")),
        vi: "Tiếng Anh: cơ cấu tổ chức, chức năng, nhiệm vụ, quyền hạn",
        en: "In English: organisation, functions, duties and powers",
        check: english_organisation,
    },
    Item {
        key: "english-contacts",
        cite: cite(7, 2, Some("b")),
        vi: "Tiếng Anh: thông tin liên hệ của cán bộ, công chức có thẩm quyền",
        en: "In English: contacts of the competent officials",
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
            (Lang::Vi, true) => "có   ",
            (Lang::Vi, false) => "thiếu",
            (Lang::En, true) => "provided",
            (Lang::En, false) => "missing ",
        };
        let what = match lang {
            Lang::Vi => l.item.vi,
            Lang::En => l.item.en,
        };
        out.push_str(&format!(
            "{status}  {} — {what}: {}\n",
            l.item.cite.show(lang),
            l.finding.details.join("; ")
        ));
    }
    let n = lines.len();
    let gaps = missing(lines);
    out.push_str(&match lang {
        Lang::Vi => format!(
            "Nghị định 42/2022/NĐ-CP: {} / {n} mục đã có, {gaps} mục còn thiếu.\n",
            n - gaps
        ),
        Lang::En => format!(
            "Decree 42/2022/ND-CP: {} of {n} items provided, {gaps} missing.\n",
            n - gaps
        ),
    });
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
        return Finding::missing(vec![lang.pick(
            "chưa có văn bản nào: đăng văn bản bằng một bài có khối `document:` (number, issued, issuer, type, effective, file; `excerpt` nếu trích yếu khác tiêu đề)",
            "no document yet: publish each one as a page with a `document:` block (number, issued, issuer, type, effective, file; `excerpt` when it differs from the title)",
        )]);
    }
    let mut gaps = Vec::new();
    for &id in &site.documents {
        let p = &site.pages[id];
        let Some(d) = &p.document else { continue };
        let mut keys = Vec::new();
        if d.effective.is_none() {
            keys.push(lang.pick(
                "`effective:` (ngày hiệu lực)",
                "`effective:` (effective date)",
            ));
        }
        if d.file.is_none() {
            keys.push(lang.pick("`file:` (tệp văn bản)", "`file:` (the document's file)"));
        }
        if !keys.is_empty() {
            let line = crate::diagnostics::yaml_key_position(p.doc.yaml(), "document")
                .map_or(1, |(l, _)| l + 1);
            gaps.push(format!(
                "{}:{line}: {} {}",
                p.doc.shown.display(),
                lang.pick("thêm", "add"),
                keys.join(lang.pick(" và ", " and ").as_str())
            ));
        }
    }
    let n = site.documents.len();
    let register = format!(
        "{} {} ({n} {})",
        lang.pick("danh mục", "register"),
        model::DOCUMENTS_PATH,
        lang.pick("văn bản", if n == 1 { "document" } else { "documents" })
    );
    if gaps.is_empty() {
        Finding::provided(vec![register])
    } else {
        gaps.push(register);
        Finding::missing(gaps)
    }
}

fn document_search(site: &Site, lang: Lang) -> Finding {
    if site.documents.is_empty() {
        Finding::missing(vec![lang.pick(
            "có sẵn khi có văn bản đầu tiên (ô tìm văn bản và trang lọc theo loại, theo năm tại /van-ban/)",
            "comes with the first document (the search field and the filter pages by type and year at /van-ban/)",
        )])
    } else {
        Finding::provided(vec![lang.pick(
            "/van-ban/ (ô tìm theo số hiệu, trích yếu, cơ quan ban hành; lọc theo loại /van-ban/loai/…, theo năm /van-ban/nam/…)",
            "/van-ban/ (search field over number, excerpt and issuer; filters by type /van-ban/loai/… and year /van-ban/nam/…)",
        )])
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
        missing.push(lang.pick(
            "viết trang hướng dẫn thủ tục hành chính (tiêu đề có “thủ tục hành chính”), ví dụ content/huong-dan/huong-dan-thu-tuc-hanh-chinh.md",
            "write a page on administrative procedures (with “thủ tục hành chính” in its title), e.g. content/huong-dan/huong-dan-thu-tuc-hanh-chinh.md",
        ));
    }
    match portal {
        Some(l) => details.push(format!("site.yaml: links: {}", l.url)),
        None => missing.push(lang.pick(
            "thêm vào `links:` trong site.yaml: `{title: Cổng Dịch vụ công quốc gia, url: https://dichvucong.gov.vn}`",
            "add to `links:` in site.yaml: `{title: Cổng Dịch vụ công quốc gia, url: https://dichvucong.gov.vn}`",
        )),
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
        lang.pick(
            "viết trang có tiêu đề “Chức năng, nhiệm vụ …”, ví dụ content/gioi-thieu/chuc-nang-nhiem-vu.md",
            "write a page titled “Chức năng, nhiệm vụ …”, e.g. content/gioi-thieu/chuc-nang-nhiem-vu.md",
        ),
    )
}

fn structure(site: &Site, lang: Lang) -> Finding {
    page_item(
        titled(site, "vi", &[&["co cau to chuc"], &["so do to chuc"]]),
        lang.pick(
            "viết trang có tiêu đề “Cơ cấu tổ chức …” (kèm sơ đồ), ví dụ content/gioi-thieu/co-cau-to-chuc.md",
            "write a page titled “Cơ cấu tổ chức …” (with the chart), e.g. content/gioi-thieu/co-cau-to-chuc.md",
        ),
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
        Finding::provided(vec![lang.pick(
            "site.yaml: organization (chân mọi trang)",
            "site.yaml: organization (footer of every page)",
        )])
    } else {
        Finding::missing(
            unknown
                .iter()
                .map(|k| {
                    format!(
                        "site.yaml: organization.{k} {}",
                        lang.pick("(trống hoặc đang cập nhật)", "(empty or being updated)")
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
        return vec![lang.pick(
            "thêm `contacts:` vào site.yaml: `- {name: …, position: …, unit: …, phone: …, email: …}`",
            "add `contacts:` to site.yaml: `- {name: …, position: …, unit: …, phone: …, email: …}`",
        )];
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
                    "site.yaml: contacts[{}] {} {}",
                    i + 1,
                    lang.pick("chưa có", "lacks"),
                    unknown.join(", ")
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
        missing.push(lang.pick(
            "viết trang liên hệ content/lien-he.md (các đầu mối hiện trên trang này)",
            "write the contact page content/lien-he.md (the focal points are shown on it)",
        ));
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
    Finding::provided(vec![lang.pick(
        "/tim-kiem/ (tìm có dấu và không dấu, ô tìm ở đầu mọi trang)",
        "/tim-kiem/ (with or without Vietnamese marks; a search box atop every page)",
    )])
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
        Finding::missing(vec![lang.pick(
            "thêm `links:` vào site.yaml: cổng thông tin của các cơ quan nhà nước liên quan (huyện, tỉnh, Cổng Dịch vụ công quốc gia)",
            "add `links:` to site.yaml: the portals of the relevant state agencies (district, province, National Public Service Portal)",
        )])
    } else {
        Finding::provided(vec![format!(
            "site.yaml: links ({} {}): {}",
            web.len(),
            lang.pick("liên kết", "links"),
            web.join(", ")
        )])
    }
}

fn print(_: &Site, lang: Lang) -> Finding {
    Finding::provided(vec![lang.pick(
        "tờ in A4 của mỗi bài tại /…/in/ và kiểu in của mọi trang; mỗi bài có địa chỉ cố định, trong sitemap.xml và atom.xml",
        "an A4 leaflet of every article at /…/in/ and a print style for every page; every article has a permanent address, listed in sitemap.xml and atom.xml",
    )])
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
    page_item(
        pages,
        lang.pick(
            "viết trang tiếng Anh (`lang: en`) về tổ chức, chức năng, nhiệm vụ, ví dụ content/en/about.md với `translation: gioi-thieu/chuc-nang-nhiem-vu.md`",
            "write an English page (`lang: en`) on the organisation and its functions, e.g. content/en/about.md with `translation: gioi-thieu/chuc-nang-nhiem-vu.md`",
        ),
    )
}

fn english_contacts(site: &Site, lang: Lang) -> Finding {
    let pages = contact_pages(site, "en");
    let mut missing = Vec::new();
    if pages.is_empty() {
        missing.push(lang.pick(
            &format!(
                "viết trang tiếng Anh content/en/contact.md (`lang: en`, tên tệp `{}`, `translation: lien-he.md`): các đầu mối trong `contacts:` hiện trên trang này",
                CONTACT_SLUGS[1]
            ),
            &format!(
                "write the English page content/en/contact.md (`lang: en`, file name `{}`, `translation: lien-he.md`): the officials of `contacts:` are shown on it",
                CONTACT_SLUGS[1]
            ),
        ));
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
