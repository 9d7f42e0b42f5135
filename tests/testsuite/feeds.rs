//! Feeds, sitemaps, robots.txt, feed links in <head>, and the search index.
//! XML is parsed (roxmltree) and sitemaps are checked against the sitemaps.org
//! schemas with `xmllint` (Debian package `libxml2-utils`; `.ci/run` installs it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use congxa::urls::UrlMaker;
use serde_json::Value;

use crate::support::*;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn article(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n{extra}---\n\n{body}\n")
}

/// Three indices, 25 dated articles about SIPAS or PAR INDEX, a draft, a
/// future article, an undated page.
fn news_site() -> Fixture {
    let f = Fixture::with_indices();
    for d in 1..=25 {
        let ix = if d % 2 == 0 { "sipas" } else { "par-index" };
        f.file(
            &format!("content/tin-tuc/bai-{d:02}.md"),
            &article(
                &format!("Bài số {d}"),
                &format!("2024-03-{d:02}"),
                &format!("indices: [{ix}]\ntags: [tin {ix}]\n"),
                &format!("Nội dung bài {d}."),
            ),
        );
    }
    f.file(
        "content/tin-tuc/nhap.md",
        &article(
            "Bản nháp bí mật",
            "2024-03-30",
            "draft: true\nindices: [sipas]\n",
            "Chưa công bố.",
        ),
    );
    f.file(
        "content/tin-tuc/tuong-lai.md",
        &article(
            "Bài tương lai",
            "2030-01-01",
            "indices: [sipas]\n",
            "Chưa tới ngày.",
        ),
    );
    f.file(
        "content/lien-he.md",
        "---\ntitle: Liên hệ\n---\nĐịa chỉ của xã.\n",
    );
    f
}

fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"))
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn children<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children()
        .filter(|c| c.is_element() && c.tag_name().name() == name)
        .collect()
}

fn text_of(n: roxmltree::Node<'_, '_>, name: &str) -> String {
    child(n, name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", n.tag_name().name()))
        .to_string()
}

/// `2024-07-16T00:00:00+07:00`: RFC 3339 in the site's offset.
fn is_rfc3339_vn(s: &str) -> bool {
    s.len() == 25 && s.ends_with("+07:00") && s.parse::<jiff::Timestamp>().is_ok()
}

/// The structure RFC 4287 requires: feed id/title/updated/author/self link;
/// each entry id/title/updated/alternate link. Returns the entries' titles.
fn check_atom(xml: &str, self_url: &str) -> Vec<String> {
    let doc = parse(xml);
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    for name in ["id", "title", "updated"] {
        assert_eq!(
            children(feed, name).len(),
            1,
            "feed needs exactly one <{name}>"
        );
    }
    assert!(is_rfc3339_vn(&text_of(feed, "updated")));
    let author = child(feed, "author").expect("feed <author>");
    assert!(!text_of(author, "name").trim().is_empty());
    let links = children(feed, "link");
    assert!(
        links
            .iter()
            .any(|l| l.attribute("rel") == Some("self") && l.attribute("href") == Some(self_url)),
        "self link to {self_url}"
    );
    assert!(links.iter().any(|l| {
        l.attribute("rel") == Some("alternate")
            && l.attribute("href")
                .is_some_and(|h| h.starts_with("https://"))
    }));
    let mut titles = Vec::new();
    let mut previous: Option<String> = None;
    for e in children(feed, "entry") {
        for name in ["id", "title", "updated", "published"] {
            assert_eq!(
                children(e, name).len(),
                1,
                "entry needs exactly one <{name}>"
            );
        }
        let id = text_of(e, "id");
        assert!(id.starts_with("https://"), "absolute id: {id}");
        let alt = children(e, "link")
            .into_iter()
            .find(|l| l.attribute("rel") == Some("alternate"))
            .expect("entry alternate link");
        assert_eq!(alt.attribute("href"), Some(id.as_str()));
        let published = text_of(e, "published");
        assert!(is_rfc3339_vn(&published), "{published}");
        assert!(is_rfc3339_vn(&text_of(e, "updated")));
        if let Some(p) = &previous {
            assert!(p >= &published, "newest first: {p} then {published}");
        }
        previous = Some(published);
        titles.push(text_of(e, "title"));
    }
    titles
}

#[test]
fn site_feed_has_the_newest_20_public_articles() {
    let f = news_site();
    f.build_ok();
    let xml = f.read("atom.xml");
    let titles = check_atom(&xml, "https://xa.example.vn/atom.xml");
    assert_eq!(titles.len(), 20);
    assert_eq!(titles[0], "Bài số 25");
    assert_eq!(titles[19], "Bài số 6");
    assert!(!xml.contains("Bản nháp") && !xml.contains("tương lai"));
    assert!(!xml.contains("Liên hệ"), "undated pages are not news");
    let doc = parse(&xml);
    let feed = doc.root_element();
    assert_eq!(text_of(feed, "updated"), "2024-03-25T00:00:00+07:00");
    assert_eq!(text_of(feed, "id"), "https://xa.example.vn/");
    let first = child(feed, "entry").unwrap();
    assert_eq!(
        text_of(first, "id"),
        "https://xa.example.vn/tin-tuc/bai-25/"
    );
    assert_eq!(text_of(first, "summary"), "Nội dung bài 25.");
}

#[test]
fn index_feeds_carry_only_their_index() {
    let f = news_site();
    f.build_ok();
    let sipas = f.read("sipas/atom.xml");
    let titles = check_atom(&sipas, "https://xa.example.vn/sipas/atom.xml");
    assert_eq!(titles.len(), 12, "the even-numbered articles: {titles:?}");
    assert!(titles.iter().all(|t| {
        let n: u32 = t.trim_start_matches("Bài số ").parse().unwrap();
        n.is_multiple_of(2)
    }));
    assert!(
        parse(&sipas)
            .root_element()
            .children()
            .any(|c| c.tag_name().name() == "title"
                && c.text().is_some_and(|t| t.starts_with("SIPAS – ")))
    );
    // An index with no articles still has a valid feed.
    let papi = f.read("papi/atom.xml");
    assert!(check_atom(&papi, "https://xa.example.vn/papi/atom.xml").is_empty());
}

#[test]
fn feed_text_is_escaped_and_updated_wins() {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/a.md",
        "---\ntitle: \"A <b>&</b> \\\"B\\\"\"\ndate: 2024-07-16T08:30:00Z\nupdated: 2024-07-20\nsummary: \"Tóm tắt <script>alert(1)</script> & hết\"\nauthor: Văn phòng UBND\n---\nThân bài.\n",
    );
    f.build_ok();
    let xml = f.read("atom.xml");
    assert!(
        xml.contains("Tóm tắt &lt;script&gt;alert(1)&lt;/script&gt; &amp; hết"),
        "{xml}"
    );
    let doc = parse(&xml);
    let entry = child(doc.root_element(), "entry").unwrap();
    assert_eq!(text_of(entry, "title"), "A <b>&</b> \"B\"");
    assert_eq!(
        text_of(entry, "summary"),
        "Tóm tắt <script>alert(1)</script> & hết"
    );
    assert_eq!(
        child(entry, "summary").unwrap().attribute("type"),
        Some("text")
    );
    assert_eq!(text_of(entry, "published"), "2024-07-16T15:30:00+07:00");
    assert_eq!(text_of(entry, "updated"), "2024-07-20T00:00:00+07:00");
    assert_eq!(
        text_of(child(entry, "author").unwrap(), "name"),
        "Văn phòng UBND"
    );
}

#[test]
fn drafts_build_still_keeps_drafts_out_of_feeds_sitemap_and_search() {
    let f = news_site();
    let mut o = f.opts();
    o.drafts = true;
    congxa::build(&o).unwrap();
    assert!(
        f.exists("tin-tuc/nhap/index.html"),
        "the draft is previewed"
    );
    for file in ["atom.xml", "sipas/atom.xml", "sitemap.xml"] {
        let s = f.read(file);
        assert!(
            !s.contains("Bản nháp") && !s.contains("/tin-tuc/nhap/"),
            "{file}"
        );
        assert!(
            !s.contains("tuong-lai") && !s.contains("tương lai"),
            "{file}"
        );
    }
    let idx = SearchIndex::read(&f);
    assert!(
        idx.titles()
            .iter()
            .all(|t| t != "Bản nháp bí mật" && t != "Bài tương lai")
    );
    assert!(
        !idx.terms.contains_key("nhap"),
        "no word of the draft is indexed"
    );
}

// ---- sitemaps ------------------------------------------------------------

/// A sitemaps.org 0.9 schema from `tests/schemas` in the repository
/// (or from `$CONGXA_SCHEMAS`).
fn schema(name: &str) -> PathBuf {
    let dir = std::env::var_os("CONGXA_SCHEMAS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas"));
    let p = dir.join(name);
    assert!(
        p.exists(),
        "schema {} is missing: restore tests/schemas or set CONGXA_SCHEMAS",
        p.display()
    );
    p
}

/// Validate `file` against `xsd` with xmllint.
fn xmllint(file: &Path, xsd: &str) {
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema(xsd))
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run xmllint ({e}); install it: apt-get install libxml2-utils")
        });
    assert!(
        out.status.success(),
        "{} is not valid against {xsd}:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn locs(xml: &str) -> BTreeMap<String, Option<String>> {
    let doc = parse(xml);
    children(doc.root_element(), "url")
        .into_iter()
        .map(|u| {
            (
                text_of(u, "loc"),
                child(u, "lastmod").and_then(|l| l.text()).map(String::from),
            )
        })
        .collect()
}

#[test]
fn sitemap_is_valid_and_lists_public_pages_with_lastmod() {
    let f = news_site();
    f.file(
        "content/tin-tuc/bai-01.md",
        &article(
            "Bài số 1",
            "2024-03-01",
            "updated: 2024-04-02\naliases: [/tin-cu/bai-mot/]\nindices: [par-index]\n",
            "Nội dung.",
        ),
    );
    f.build_ok();
    xmllint(&f.out("sitemap.xml"), "sitemap.xsd");
    let urls = locs(&f.read("sitemap.xml"));
    let at = |p: &str| urls.get(&format!("https://xa.example.vn{p}"));
    assert_eq!(
        at("/tin-tuc/bai-01/"),
        Some(&Some("2024-04-02T00:00:00+07:00".into())),
        "lastmod from `updated`"
    );
    assert_eq!(
        at("/tin-tuc/bai-25/"),
        Some(&Some("2024-03-25T00:00:00+07:00".into()))
    );
    assert_eq!(at("/lien-he/"), Some(&None), "undated page: no lastmod");
    assert_eq!(
        at("/par-index/"),
        Some(&Some("2024-04-02T00:00:00+07:00".into())),
        "a list's lastmod is its newest page's"
    );
    for listed in [
        "/",
        "/tin-tuc/",
        "/sipas/",
        "/sipas/tiep-can-dich-vu/",
        "/the/",
        "/van-ban/",
    ] {
        assert!(at(listed).is_some(), "{listed} listed");
    }
    for left_out in [
        "/404.html",
        "/tin-cu/bai-mot/",
        "/tim-kiem/",
        "/tin-tuc/nhap/",
        "/tin-tuc/tuong-lai/",
        "/tin-tuc/trang/2/",
    ] {
        assert!(at(left_out).is_none(), "{left_out} not listed");
    }
    assert_eq!(
        urls.len(),
        urls.keys().collect::<std::collections::BTreeSet<_>>().len()
    );
}

#[test]
fn sitemap_becomes_an_index_past_the_limit() {
    let f = news_site();
    let rendered = congxa::render_site(&f.opts()).unwrap();
    let site = &rendered.site;
    let urls = UrlMaker {
        base_path: site.config.base_path.clone(),
        base_url: site.config.base_url.clone(),
        relative: false,
    };
    let all = congxa::sitemap::entries(site, fixed_now());
    let files = congxa::sitemap::sitemaps(site, &urls, fixed_now(), 7);
    let parts = all.len().div_ceil(7);
    assert_eq!(files.len(), parts + 1);
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for file in &files {
        let congxa::render::Body::Bytes(bytes) = &file.body else {
            panic!("sitemaps are made in memory")
        };
        let path = dir.path().join(&file.path);
        std::fs::write(&path, bytes).unwrap();
        let xml = String::from_utf8(bytes.clone()).unwrap();
        if file.path == "sitemap.xml" {
            xmllint(&path, "siteindex.xsd");
            let doc = parse(&xml);
            let listed: Vec<String> = children(doc.root_element(), "sitemap")
                .into_iter()
                .map(|s| text_of(s, "loc"))
                .collect();
            let expected: Vec<String> = (1..=parts)
                .map(|n| format!("https://xa.example.vn/sitemap-{n}.xml"))
                .collect();
            assert_eq!(listed, expected);
        } else {
            xmllint(&path, "sitemap.xsd");
            let l = locs(&xml);
            assert!(l.len() <= 7);
            seen.extend(l.into_keys());
        }
    }
    let expected: Vec<String> = all
        .keys()
        .map(|p| format!("https://xa.example.vn{p}"))
        .collect();
    seen.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(seen, expected_sorted, "every URL in exactly one part");
    // The real build keeps one file under the 50,000 limit.
    f.build_ok();
    assert!(!f.exists("sitemap-1.xml"));
}

#[test]
fn robots_txt_points_at_the_sitemap_under_a_sub_path() {
    let f = Fixture::new();
    f.file(
        "site.yaml",
        "title: Xã\nbase_url: https://tinh.example.vn/xa-hoa-phu/\n",
    );
    f.build_ok();
    assert_eq!(
        f.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://tinh.example.vn/xa-hoa-phu/sitemap.xml\n"
    );
    xmllint(&f.out("sitemap.xml"), "sitemap.xsd");
    assert!(
        f.read("sitemap.xml")
            .contains("<loc>https://tinh.example.vn/xa-hoa-phu/</loc>")
    );
    let feed = f.read("atom.xml");
    check_atom(&feed, "https://tinh.example.vn/xa-hoa-phu/atom.xml");
    assert!(
        f.read("index.html").contains(
            r#"<link rel="alternate" type="application/atom+xml" title="Xã" href="/xa-hoa-phu/atom.xml">"#
        )
    );
}

#[test]
fn feed_links_in_head() {
    let f = news_site();
    f.file(
        "content/tin-tuc/hai.md",
        &article(
            "Hai chỉ số",
            "2024-02-01",
            "indices: [sipas, papi]\nareas: [tiep-can-dich-vu]\n",
            "x",
        ),
    );
    f.build_ok();
    let site_link = r#"<link rel="alternate" type="application/atom+xml" title="Xã Thử Nghiệm" href="/atom.xml">"#;
    let sipas_link = r#"href="/sipas/atom.xml""#;
    let head = |file: &str| {
        let html = f.read(file);
        html[..pos(&html, "</head>")].to_string()
    };
    for file in [
        "index.html",
        "tin-tuc/index.html",
        "the/index.html",
        "lien-he/index.html",
        "tim-kiem/index.html",
        "404.html",
    ] {
        let h = head(file);
        assert!(h.contains(site_link), "{file}: {h}");
        assert!(!h.contains(sipas_link), "{file} is not about SIPAS");
    }
    for file in [
        "sipas/index.html",
        "sipas/tiep-can-dich-vu/index.html",
        "tin-tuc/bai-02/index.html",
    ] {
        let h = head(file);
        assert!(
            h.contains(site_link) && h.contains(sipas_link),
            "{file}: {h}"
        );
    }
    let both = head("tin-tuc/hai/index.html");
    assert!(both.contains(sipas_link) && both.contains(r#"href="/papi/atom.xml""#));
    assert!(!head("tin-tuc/bai-01/index.html").contains(sipas_link));
}

#[test]
fn content_can_link_to_feeds_but_not_take_their_paths() {
    let f = news_site();
    f.file(
        "content/dang-ky.md",
        "---\ntitle: Đăng ký\n---\n[Tin mới](/atom.xml), [SIPAS](/sipas/atom.xml), [bản đồ](/sitemap.xml).\n",
    );
    f.build_ok();
    assert!(
        f.read("dang-ky/index.html")
            .contains(r#"href="/sipas/atom.xml""#)
    );
    f.file("content/robots.txt", "User-agent: *\n");
    let err = f.build_err();
    assert!(err.contains("robots.txt"), "{err}");
}

// ---- search index --------------------------------------------------------

/// A form and its (document, weight) postings.
type Form = (String, Vec<(u64, u64)>);

/// The search index of a built site, read back from its JavaScript files.
struct SearchIndex {
    meta: Value,
    /// term → its forms
    terms: BTreeMap<String, Vec<Form>>,
    docs: Vec<Value>,
}

fn js_call_args(js: &str, func: &str) -> String {
    let start = format!("congxaSearch.{func}(");
    let body = js
        .strip_prefix(&start)
        .and_then(|s| s.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("not a {func} call: {js}"));
    body.to_string()
}

impl SearchIndex {
    fn read(f: &Fixture) -> SearchIndex {
        let dir = f.out("tim-kiem/chi-muc");
        let meta: Value =
            serde_json::from_str(&js_call_args(&f.read("tim-kiem/chi-muc/meta.js"), "meta"))
                .unwrap();
        assert_eq!(meta["format"], congxa::search::FORMAT);
        let mut terms = BTreeMap::new();
        for key in meta["keys"].as_array().unwrap() {
            let key = key.as_str().unwrap();
            let file = dir.join("t").join(congxa::search::shard_file(key));
            let js = std::fs::read_to_string(&file).unwrap();
            let args = js_call_args(&js, "shard");
            let (k, body) = args.split_once(',').unwrap();
            assert_eq!(serde_json::from_str::<String>(k).unwrap(), key);
            let shard: BTreeMap<String, Vec<(String, Vec<u64>)>> =
                serde_json::from_str(body).unwrap();
            for (term, forms) in shard {
                let decoded = forms
                    .into_iter()
                    .map(|(form, flat)| {
                        let mut d = 0;
                        let postings = flat
                            .chunks(2)
                            .map(|c| {
                                d += c[0];
                                (d, c[1])
                            })
                            .collect();
                        (if form.is_empty() { term.clone() } else { form }, postings)
                    })
                    .collect();
                assert!(
                    terms.insert(term, decoded).is_none(),
                    "a term is in one shard"
                );
            }
        }
        let n = meta["n"].as_u64().unwrap();
        let docs = (0..n)
            .map(|i| {
                let js = f.read(&format!("tim-kiem/chi-muc/d/{i}.js"));
                let args = js_call_args(&js, "doc");
                let (num, body) = args.split_once(',').unwrap();
                assert_eq!(num.parse::<u64>().unwrap(), i);
                serde_json::from_str(body).unwrap()
            })
            .collect();
        SearchIndex { meta, terms, docs }
    }

    fn titles(&self) -> Vec<String> {
        self.docs
            .iter()
            .map(|d| d["t"].as_str().unwrap().to_string())
            .collect()
    }

    /// Titles of the documents holding `form` (exactly) of `term`.
    fn docs_with(&self, term: &str, form: &str) -> Vec<String> {
        self.terms
            .get(term)
            .and_then(|forms| forms.iter().find(|(f, _)| f == form))
            .map(|(_, p)| {
                p.iter()
                    .map(|(d, _)| self.docs[*d as usize]["t"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn vietnamese_site() -> Fixture {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/duong.md",
        &article(
            "Sửa đường liên thôn",
            "2024-05-02",
            "tags: [giao thông]\n",
            "Con đường làng được sửa xong. Đường dây nóng: gọi trụ sở xã.",
        ),
    );
    f.file(
        "content/tin-tuc/duong-lieu.md",
        &article(
            "Trồng cây dương",
            "2024-05-01",
            "",
            "Hàng dương ven đê được trồng mới.",
        ),
    );
    // NFD text, as some Windows and macOS tools save it.
    let nfd: String =
        unicode_normalization::UnicodeNormalization::nfd("Khảo sát mức độ HÀI LÒNG của người dân")
            .collect();
    f.file(
        "content/tin-tuc/hai-long.md",
        &article(&nfd, "2024-04-01", "", "Phiếu khảo sát sự hài lòng."),
    );
    f
}

#[test]
fn search_index_folds_vietnamese_and_keeps_the_forms() {
    let f = vietnamese_site();
    f.build_ok();
    let idx = SearchIndex::read(&f);
    assert_eq!(idx.docs_with("duong", "đường"), ["Sửa đường liên thôn"]);
    assert_eq!(idx.docs_with("duong", "dương"), ["Trồng cây dương"]);
    // Title words carry the title's length; body counts weigh (BM25 levels).
    let duong = &idx.terms["duong"];
    let (_, postings) = duong.iter().find(|(f, _)| f == "đường").unwrap();
    let (body, title) = congxa::search::rank::unpack(postings[0].1 as u32);
    assert_eq!(title, 4, "in the title, of four words");
    let (_, once) = duong.iter().find(|(f, _)| f == "dương").unwrap();
    let (body_once, _) = congxa::search::rank::unpack(once[0].1 as u32);
    assert!(body > 0 && body_once > 0, "in the body");
    // NFD content and upper case fold to the same forms.
    let hai = idx.docs_with("hai", "hài");
    assert!(
        hai.contains(&"Khảo sát mức độ HÀI LÒNG của người dân".to_string()),
        "{hai:?}"
    );
    assert_eq!(hai, idx.docs_with("long", "lòng"));
    assert!(
        !idx.terms["hai"].iter().any(|(form, _)| form != "hài"),
        "one form: NFD = NFC, case folded"
    );
    // `đ` folds to `d`; all three words of "Đường dây nóng" are there.
    for (term, form) in [("day", "dây"), ("nong", "nóng")] {
        assert_eq!(idx.docs_with(term, form), ["Sửa đường liên thôn"]);
    }
    // Tags are searchable.
    assert_eq!(idx.docs_with("giao", "giao"), ["Sửa đường liên thôn"]);
    // Newest first: document 0 is the newest article.
    assert_eq!(idx.docs[0]["t"], "Sửa đường liên thôn");
    assert_eq!(idx.docs[0]["d"], "2024-05-02");
    assert_eq!(idx.docs[0]["u"], "/tin-tuc/duong/");
    assert!(
        idx.docs[0]["x"]
            .as_str()
            .unwrap()
            .contains("Đường dây nóng")
    );
    assert_eq!(idx.meta["v"].as_str().unwrap().len(), 16);
}

#[test]
fn search_index_leaves_out_drafts_future_pages_and_404() {
    let f = news_site();
    f.build_ok();
    let idx = SearchIndex::read(&f);
    let titles = idx.titles();
    assert!(titles.contains(&"Bài số 1".to_string()));
    assert!(
        titles.contains(&"Liên hệ".to_string()),
        "undated pages are searchable"
    );
    assert!(
        titles.contains(&"Chỉ số SIPAS".to_string()),
        "index sections too"
    );
    assert!(
        titles.contains(&"Tiếp cận dịch vụ hành chính công".to_string()),
        "and index areas"
    );
    for t in ["Bản nháp bí mật", "Bài tương lai"] {
        assert!(!titles.contains(&t.to_string()), "{t}");
    }
    assert!(
        !titles.iter().any(|t| t.contains("Không tìm thấy")),
        "no 404"
    );
    for term in ["nhap", "mat", "tuong", "lai"] {
        assert!(
            !idx.terms.contains_key(term),
            "`{term}` comes only from excluded pages"
        );
    }
    let hrefs: Vec<&str> = idx.docs.iter().map(|d| d["u"].as_str().unwrap()).collect();
    assert!(!hrefs.iter().any(|h| h.contains("404")));
}

#[test]
fn search_links_follow_base_path_and_kiosk_mode() {
    let f = vietnamese_site();
    f.file(
        "site.yaml",
        "title: Xã\nbase_url: https://tinh.example.vn/xa-hoa-phu/\n",
    );
    f.build_ok();
    let idx = SearchIndex::read(&f);
    assert_eq!(idx.docs[0]["u"], "/xa-hoa-phu/tin-tuc/duong/");
    let page = f.read("tim-kiem/index.html");
    assert!(page.contains(r#"data-search-index="/xa-hoa-phu/tim-kiem/chi-muc/meta.js""#));
    assert!(page.contains(r#"<script src="/xa-hoa-phu/search.js" defer></script>"#));
    assert!(page.contains(r#"id="ket-qua""#) && page.contains(r#"role="status""#));

    let mut o = f.opts();
    o.relative = true;
    congxa::build(&o).unwrap();
    let idx = SearchIndex::read(&f);
    assert_eq!(idx.docs[0]["u"], "../tin-tuc/duong/index.html");
    let page = f.read("tim-kiem/index.html");
    assert!(
        page.contains(r#"data-search-index="chi-muc/meta.js""#),
        "{page}"
    );
    assert!(page.contains(r#"<script src="../search.js" defer></script>"#));
}

#[test]
fn search_index_is_deterministic() {
    let f = vietnamese_site();
    f.build_ok();
    let first = snapshot(&f.out("tim-kiem"));
    f.build_ok();
    assert_eq!(first, snapshot(&f.out("tim-kiem")));
}
