//! What Nghị định 42/2022/NĐ-CP asks of a state agency's portal: the
//! documents register with every field and its search field, document and
//! organisation JSON-LD, focal-point contacts in Vietnamese and English, the
//! logo, pinned notices, and `congxa audit`.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::support::*;

fn article(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n{extra}---\n\n{body}")
}

/// The JSON-LD `<script>` blocks of an HTML page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    let open = r#"<script type="application/ld+json">"#;
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            let end = rest.find("</script>").expect("script closed");
            serde_json::from_str(&rest[..end])
                .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{}", &rest[..end]))
        })
        .collect()
}

/// Run `congxa` in `root` with `args` and environment `env`.
fn congxa(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_congxa"));
    c.args(args).current_dir(root).env_remove("CONGXA_LANG");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run congxa")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

// ---- Documents register ------------------------------------------------

fn documents_site() -> Fixture {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/2024-07-16-ke-hoach-93.md",
        &article(
            "Kế hoạch tuyên truyền PAR INDEX, SIPAS, PAPI năm 2024",
            "2024-07-16",
            "document:\n  number: 93/KH-UBND\n  issued: 2024-07-16\n  effective: 2024-07-20\n  status: Còn hiệu lực\n  issuer: UBND xã Thử Nghiệm\n  type: Kế hoạch\n  excerpt: Về thông tin tuyên truyền nâng cao các chỉ số năm 2024\n  file: kh-93.pdf\n",
            "Nội dung kế hoạch.\n",
        ),
    );
    f.bytes("content/tin-tuc/kh-93.pdf", b"%PDF-1.7\n%%EOF\n");
    f.file(
        "content/tin-tuc/2024-03-02-quyet-dinh-12.md",
        &article(
            "Quyết định kiện toàn Bộ phận một cửa",
            "2024-03-02",
            "document: {number: 12/QĐ-UBND, issued: 2024-03-02, issuer: Đảng ủy xã, type: Quyết định}\n",
            "Nội dung quyết định.\n",
        ),
    );
    f
}

#[test]
fn register_shows_every_field_of_the_decree_and_an_instant_search_field() {
    let f = documents_site();
    f.build_ok();
    let reg = f.read("van-ban/index.html");
    for th in [
        "Số hiệu",
        "Ngày ban hành",
        "Ngày hiệu lực",
        "Trích yếu",
        "Cơ quan ban hành",
        "Loại văn bản",
        "Tình trạng",
        "Tệp đính kèm",
    ] {
        assert!(
            reg.contains(&format!("<th scope=\"col\">{th}</th>")),
            "{th}:\n{reg}"
        );
    }
    // The excerpt as written, linked to its page; the title where none is written.
    assert!(
        reg.contains(">Về thông tin tuyên truyền nâng cao các chỉ số năm 2024</a>"),
        "{reg}"
    );
    assert!(
        reg.contains(">Quyết định kiện toàn Bộ phận một cửa</a>"),
        "{reg}"
    );
    assert!(reg.contains(r#"<time datetime="2024-07-20">"#), "{reg}");
    assert!(
        reg.contains("<td data-label=\"Tình trạng\">Còn hiệu lực</td>"),
        "{reg}"
    );
    // No effective date written: said so, not invented.
    let row = &reg[pos(&reg, "12/QĐ-UBND")..];
    let row = &row[..pos(row, "</tr>")];
    assert!(row.contains("(đang cập nhật)"), "{row}");
    // The search field: hidden until the script shows it; rows carry their
    // folded number, excerpt and issuer; no request is needed.
    assert!(
        reg.contains("<div class=\"register-search\" data-register-search hidden>"),
        "{reg}"
    );
    assert!(reg.contains(r#"<label for="tim-van-ban">"#));
    assert!(
        reg.contains(
            r#"<tr data-search="12/qd-ubnd quyet dinh kien toan bo phan mot cua dang uy xa">"#
        ),
        "{reg}"
    );
    assert!(
        reg.contains(r#"<script src="/register.js" defer></script>"#),
        "{reg}"
    );
    let js = f.read("register.js");
    assert!(
        js.contains("data-search") && js.contains("normalize('NFD')"),
        "{js}"
    );
    assert!(
        !js.contains("fetch(") && !js.contains("XMLHttpRequest"),
        "{js}"
    );
    // The filter pages keep working without JavaScript, with the same fields.
    let by_type = f.read("van-ban/loai/quyet-dinh/index.html");
    assert!(by_type.contains("12/QĐ-UBND") && !by_type.contains("93/KH-UBND"));
    assert!(by_type.contains("data-register-search"));
}

#[test]
fn each_document_page_shows_the_same_fields_and_legislation_json_ld() {
    let f = documents_site();
    f.build_ok();
    let page = f.read("tin-tuc/ke-hoach-93/index.html");
    for (dt, dd) in [
        ("Số hiệu", "93/KH-UBND"),
        ("Loại văn bản", "Kế hoạch"),
        ("Cơ quan ban hành", "UBND xã Thử Nghiệm"),
        ("Tình trạng", "Còn hiệu lực"),
        (
            "Trích yếu",
            "Về thông tin tuyên truyền nâng cao các chỉ số năm 2024",
        ),
    ] {
        assert!(
            page.contains(&format!("<dt>{dt}</dt><dd>{dd}</dd>")),
            "{dt}:\n{page}"
        );
    }
    assert!(page.contains("<dt>Ngày hiệu lực</dt><dd><time datetime=\"2024-07-20\">"));
    assert!(
        page.contains(r#"<a href="/tin-tuc/kh-93.pdf" download>"#),
        "{page}"
    );
    let ld = json_ld(&page);
    assert_eq!(ld.len(), 1, "{page}");
    let l = &ld[0];
    assert_eq!(l["@context"], "https://schema.org");
    assert_eq!(l["@type"], "Legislation");
    assert_eq!(l["legislationIdentifier"], "93/KH-UBND");
    assert_eq!(l["legislationType"], "Kế hoạch");
    assert_eq!(l["legislationDate"], "2024-07-16");
    assert_eq!(l["legislationDateOfApplicability"], "2024-07-20");
    assert_eq!(l["legislationLegalForce"], "https://schema.org/InForce");
    assert_eq!(l["legislationPassedBy"]["@type"], "GovernmentOrganization");
    assert_eq!(l["legislationPassedBy"]["name"], "UBND xã Thử Nghiệm");
    assert_eq!(
        l["abstract"],
        "Về thông tin tuyên truyền nâng cao các chỉ số năm 2024"
    );
    assert_eq!(l["url"], "https://xa.example.vn/tin-tuc/ke-hoach-93/");
    assert_eq!(l["encoding"]["@type"], "LegislationObject");
    assert_eq!(
        l["encoding"]["contentUrl"],
        "https://xa.example.vn/tin-tuc/kh-93.pdf"
    );
    assert_eq!(l["encoding"]["encodingFormat"], "application/pdf");
    // A document without effective date, status or file: those are left out.
    let qd = json_ld(&f.read("tin-tuc/quyet-dinh-12/index.html"));
    assert_eq!(qd[0]["abstract"], "Quyết định kiện toàn Bộ phận một cửa");
    assert!(qd[0].get("legislationDateOfApplicability").is_none());
    assert!(qd[0].get("encoding").is_none());
    // Pages without a document carry no Legislation.
    f.file(
        "content/tin-tuc/2024-01-01-tin.md",
        &article("Tin", "2024-01-01", "", "Tin.\n"),
    );
    f.build_ok();
    assert!(json_ld(&f.read("tin-tuc/tin/index.html")).is_empty());
}

#[test]
fn json_ld_cannot_be_broken_out_of() {
    let f = Fixture::new();
    f.file(
        "content/tin-tuc/2024-01-02-qd.md",
        &article(
            "\"Quyết định </script><script>alert(1)</script> & <!-- ]]>\"",
            "2024-01-02",
            "document: {number: \"1/QĐ-UBND</script>\", issued: 2024-01-02, issuer: UBND xã, type: Quyết định}\n",
            "x\n",
        ),
    );
    f.build_ok();
    let page = f.read("tin-tuc/qd/index.html");
    assert!(!page.contains("<script>alert(1)"), "{page}");
    let ld = json_ld(&page);
    assert_eq!(
        ld[0]["name"],
        "Quyết định </script><script>alert(1)</script> & <!-- ]]>"
    );
    assert_eq!(ld[0]["legislationIdentifier"], "1/QĐ-UBND</script>");
}

#[test]
fn a_bad_effective_date_is_an_error_at_its_line() {
    let f = Fixture::new();
    f.file(
        "content/tin-tuc/2024-01-02-qd.md",
        "---\ntitle: QĐ\ndate: 2024-01-02\ndocument:\n  number: 1/QĐ-UBND\n  issued: 2024-01-02\n  effective: 2024-13-40\n  issuer: UBND xã\n  type: Quyết định\n---\nx\n",
    );
    let err = f.build_err();
    assert!(err.contains("content/tin-tuc/2024-01-02-qd.md:7:"), "{err}");
    assert!(err.contains("ngày `effective` không đúng"), "{err}");
}

// ---- Organisation: contacts, logo, JSON-LD ------------------------------

const ORG_YAML: &str = "title: Xã Thử Nghiệm\nbase_url: https://xa.example.vn/\norganization:\n  name: UBND xã Thử Nghiệm\n  address: Thôn Một, xã Thử Nghiệm\n  phone: 024 3888 0000\n  email: ubnd@xa.example.vn\n  hours: (đang cập nhật)\n";

const CONTACTS_YAML: &str = "contacts:\n  - {name: Nguyễn Văn An, position: Công chức Văn phòng - Thống kê, unit: UBND xã Thử Nghiệm, phone: 0912 000 111, email: an@xa.example.vn}\n  - {name: (đang cập nhật), position: Chủ tịch UBND xã, unit: UBND xã Thử Nghiệm, phone: (đang cập nhật), email: (đang cập nhật)}\n";

fn contact_site() -> Fixture {
    let f = Fixture::new();
    f.file("site.yaml", &format!("{ORG_YAML}{CONTACTS_YAML}"));
    f.file(
        "content/lien-he.md",
        "---\ntitle: Liên hệ\ntranslation: en/contact.md\n---\nLiên hệ với UBND xã.\n",
    );
    f.file(
        "content/en/_index.md",
        "---\ntitle: English\nlang: en\nsort_by: weight\n---\n",
    );
    f.file(
        "content/en/contact.md",
        "---\ntitle: Contact\nlang: en\ntranslation: lien-he.md\n---\nContact the People's Committee.\n",
    );
    f.file(
        "content/tin-tuc/2024-01-01-tin.md",
        &article("Tin", "2024-01-01", "", "Tin.\n"),
    );
    f
}

#[test]
fn contacts_are_shown_on_the_vietnamese_and_english_contact_pages() {
    let f = contact_site();
    f.build_ok();
    let vi = f.read("lien-he/index.html");
    assert!(
        vi.contains("<h2 id=\"cx-dau-moi\">Đầu mối liên hệ</h2>"),
        "{vi}"
    );
    for s in [
        "<dt>Họ và tên</dt><dd>Nguyễn Văn An</dd>",
        "<dt>Chức vụ</dt><dd>Công chức Văn phòng - Thống kê</dd>",
        "<dt>Đơn vị công tác</dt><dd>UBND xã Thử Nghiệm</dd>",
        "<a href=\"tel:0912000111\">0912 000 111</a>",
        "<a href=\"mailto:an@xa.example.vn\">an@xa.example.vn</a>",
        "<dt>Chức vụ</dt><dd>Chủ tịch UBND xã</dd>",
    ] {
        assert!(vi.contains(s), "{s}:\n{vi}");
    }
    let en = f.read("en/contact/index.html");
    assert!(
        en.contains("<h2 id=\"cx-dau-moi\">Contact persons</h2>"),
        "{en}"
    );
    for s in [
        "<dt>Name</dt><dd lang=\"vi\">Nguyễn Văn An</dd>",
        "<dt>Position</dt><dd lang=\"vi\">Công chức Văn phòng - Thống kê</dd>",
        "<dt>Unit</dt><dd lang=\"vi\">UBND xã Thử Nghiệm</dd>",
        "<dt>Phone</dt>",
        "<dt>Email</dt>",
        // The placeholder in the page's language.
        "<dt>Name</dt><dd lang=\"vi\"><span lang=\"en\">(being updated)</span></dd>",
    ] {
        assert!(en.contains(s), "{s}:\n{en}");
    }
    // Other pages do not repeat them.
    assert!(!f.read("tin-tuc/tin/index.html").contains("cx-dau-moi"));
    assert!(!f.read("index.html").contains("cx-dau-moi"));
}

#[test]
fn home_page_carries_the_organisation_as_government_organization() {
    let f = contact_site();
    f.file(
        "site.yaml",
        &format!("{ORG_YAML}logo: anh/logo-xa.png\n{CONTACTS_YAML}"),
    );
    f.bytes("content/anh/logo-xa.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    f.build_ok();
    let home = f.read("index.html");
    let ld = json_ld(&home);
    assert_eq!(ld.len(), 1, "{home}");
    let o = &ld[0];
    assert_eq!(o["@context"], "https://schema.org");
    assert_eq!(o["@type"], "GovernmentOrganization");
    assert_eq!(o["name"], "UBND xã Thử Nghiệm");
    assert_eq!(o["address"], "Thôn Một, xã Thử Nghiệm");
    assert_eq!(o["telephone"], "024 3888 0000");
    assert_eq!(o["email"], "ubnd@xa.example.vn");
    assert_eq!(o["url"], "https://xa.example.vn/");
    assert_eq!(o["logo"], "https://xa.example.vn/anh/logo-xa.png");
    // Only the contact whose name is known; placeholders never reach the data.
    let people = o["employee"].as_array().unwrap();
    assert_eq!(people.len(), 1, "{o}");
    assert_eq!(people[0]["@type"], "Person");
    assert_eq!(people[0]["name"], "Nguyễn Văn An");
    assert_eq!(people[0]["jobTitle"], "Công chức Văn phòng - Thống kê");
    assert!(!home.contains("\"(đang cập nhật)\""), "{home}");
    // Placeholders in `organization` are left out too.
    f.file("site.yaml", "title: Xã Thử Nghiệm\nbase_url: https://xa.example.vn/\norganization: {name: UBND xã, phone: (đang cập nhật)}\n");
    f.build_ok();
    let o = &json_ld(&f.read("index.html"))[0];
    assert!(
        o.get("telephone").is_none() && o.get("logo").is_none(),
        "{o}"
    );
}

#[test]
fn the_logo_replaces_the_drawn_icon_in_the_header() {
    let f = contact_site();
    f.build_ok();
    let before = f.read("tin-tuc/tin/index.html");
    assert!(
        before.contains(r#"<img class="brand-logo" src="/favicon.svg""#),
        "{before}"
    );
    f.file("site.yaml", &format!("{ORG_YAML}logo: logo-xa.svg\n"));
    f.file(
        "content/logo-xa.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>\n",
    );
    f.build_ok();
    for page in [
        "index.html",
        "tin-tuc/tin/index.html",
        "lien-he/index.html",
        "van-ban/index.html",
    ] {
        let html = match f.exists(page) {
            true => f.read(page),
            false => continue,
        };
        assert!(
            html.contains(
                r#"<img class="brand-logo brand-logo-own" src="/logo-xa.svg" alt="" height="56">"#
            ),
            "{page}:\n{html}"
        );
        assert!(
            !html.contains(r#"class="brand-logo" src="/favicon.svg""#),
            "{page}"
        );
    }
    assert!(f.exists("logo-xa.svg"));
}

#[test]
fn a_bad_logo_is_an_error_at_its_line_in_site_yaml() {
    /// A file to write: path and bytes.
    type File = Option<(&'static str, &'static [u8])>;
    let cases: &[(&str, File, &str)] = &[
        (
            "khong-co.png",
            None,
            "logo `khong-co.png` does not exist in `content/`",
        ),
        (
            "https://example.com/logo.png",
            None,
            "an address outside the site",
        ),
        ("//evil.example/logo.png", None, "leads to another site"),
        ("\"javascript:alert(1)\"", None, "is not published"),
        ("../site.yaml", None, "a path that leaves `content/`"),
        (
            "bao-cao.pdf",
            Some(("content/bao-cao.pdf", b"%PDF-1.7")),
            "is not an image file",
        ),
        (
            "gia.png",
            Some(("content/gia.png", b"this is text, not a picture")),
            "is not an image: its content",
        ),
    ];
    for (logo, file, message) in cases {
        let f = Fixture::new();
        f.file(
            "site.yaml",
            &format!("title: Xã Thử Nghiệm\nbase_url: https://xa.example.vn/\nlogo: {logo}\n"),
        );
        if let Some((rel, bytes)) = file {
            f.bytes(rel, bytes);
        }
        let err = f.build_err_en();
        // Line 3, at the value (inside its quotes when quoted).
        let col = if logo.starts_with('"') { 8 } else { 7 };
        assert!(
            err.contains(&format!("site.yaml:3:{col}: ")),
            "{logo}: {err}"
        );
        if file.is_none() {
            assert!(
                err.contains("logo file in `content/`")
                    || err.contains("does not exist in `content/`"),
                "{logo}: {err}"
            );
        }
        assert!(err.contains(message), "{logo}: {err}");
        // `check` says the same, and nothing was written.
        let out = f.cli_en(&["check"]);
        assert_eq!(out.status.code(), Some(1), "{logo}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(message));
        assert!(!f.exists("index.html"));
    }
}

#[test]
fn unknown_keys_in_site_yaml_are_still_errors() {
    let f = Fixture::new();
    f.file(
        "site.yaml",
        "title: Xã Thử Nghiệm\nbase_url: https://xa.example.vn/\ncontact:\n  - {name: A}\n",
    );
    let err = f.build_err();
    assert!(err.contains("site.yaml:3:"), "{err}");
    assert!(err.contains("contacts"), "{err}");
    f.file(
        "site.yaml",
        "title: Xã Thử Nghiệm\nbase_url: https://xa.example.vn/\ncontacts:\n  - {name: A, phone_number: 1}\n",
    );
    let err = f.build_err();
    assert!(err.contains("site.yaml:4:"), "{err}");
}

// ---- Pinned pages ---------------------------------------------------------

#[test]
fn pinned_pages_come_first_in_their_section_and_on_the_home_page() {
    let f = Fixture::new();
    f.file(
        "content/tin-tuc/_index.md",
        "---\ntitle: Tin tức\nmenu: 1\npaginate: 3\n---\n",
    );
    for d in 1..=6 {
        let pinned = if d == 1 || d == 4 {
            "pinned: true\n"
        } else {
            ""
        };
        f.file(
            &format!("content/tin-tuc/2024-01-0{d}-tin-{d}.md"),
            &article(
                &format!("Tin số {d}"),
                &format!("2024-01-0{d}"),
                pinned,
                "Tin.\n",
            ),
        );
    }
    f.file(
        "content/gioi-thieu/_index.md",
        "---\ntitle: Giới thiệu\nsort_by: weight\n---\n",
    );
    f.file(
        "content/gioi-thieu/a.md",
        "---\ntitle: A\nweight: 1\n---\nA\n",
    );
    f.file(
        "content/gioi-thieu/lich-tiep-cong-dan.md",
        "---\ntitle: Lịch tiếp công dân\nweight: 9\npinned: true\n---\nLịch.\n",
    );
    f.build_ok();
    // Page 1: the pinned pages, newest first, then the others newest first.
    let p1 = f.read("tin-tuc/index.html");
    let (a, b, c) = (
        pos(&p1, "Tin số 4"),
        pos(&p1, "Tin số 1"),
        pos(&p1, "Tin số 6"),
    );
    assert!(a < b && b < c, "{p1}");
    let p2 = f.read("tin-tuc/trang/2/index.html");
    let (d, e, g) = (
        pos(&p2, "Tin số 5"),
        pos(&p2, "Tin số 3"),
        pos(&p2, "Tin số 2"),
    );
    assert!(d < e && e < g, "{p2}");
    assert!(!p2.contains("Tin số 4") && !p2.contains("Tin số 1"));
    // Marked, so a reader sees why an older article leads the list.
    let badge = r#"<span class="badge badge-pinned">Thông báo</span>"#;
    assert_eq!(p1.matches(badge).count(), 2, "{p1}");
    assert!(!p2.contains(badge));
    // A section sorted by weight: the pinned page first all the same.
    let intro = f.read("gioi-thieu/index.html");
    assert!(
        pos(&intro, "Lịch tiếp công dân") < pos(&intro, ">A<"),
        "{intro}"
    );
    // Home: a "Thông báo" block with every pinned page.
    let home = f.read("index.html");
    let block = &home[pos(
        &home,
        "<h2 class=\"block-title\" id=\"cx-thong-bao\">Thông báo</h2>",
    )..];
    let block = &block[..pos(block, "</section>")];
    for t in ["Tin số 4", "Tin số 1", "Lịch tiếp công dân"] {
        assert!(block.contains(t), "{t}: {block}");
    }
    assert!(!block.contains("Tin số 6"), "{block}");
    assert!(pos(block, "Tin số 4") < pos(block, "Tin số 1"));
    // No pinned page, no block.
    let g = Fixture::new();
    g.file(
        "content/tin-tuc/2024-01-01-tin.md",
        &article("Tin", "2024-01-01", "", "x\n"),
    );
    g.build_ok();
    assert!(!g.read("index.html").contains("cx-thong-bao"));
}

// ---- congxa audit -----------------------------------------------------------

#[test]
fn audit_of_a_bare_site_lists_what_is_missing_with_article_and_clause() {
    let f = Fixture::new();
    let out = congxa(f.root(), &["audit"], &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 13, "{text}");
    for (status, start) in [
        ("thiếu", "Điều 4 khoản 1 — Văn bản quy phạm pháp luật"),
        ("thiếu", "Điều 4 khoản 1 — Công cụ tìm kiếm văn bản"),
        ("thiếu", "Điều 4 khoản 1 — Thủ tục hành chính"),
        ("thiếu", "Điều 4 khoản 1 điểm e — Chức năng, nhiệm vụ"),
        ("thiếu", "Điều 4 khoản 1 điểm e — Cơ cấu tổ chức"),
        ("thiếu", "Điều 4 khoản 1 điểm e — Địa chỉ, số điện thoại"),
        ("thiếu", "Điều 4 khoản 1 điểm e — Họ tên, chức vụ"),
        ("có", "Điều 7 khoản 1 điểm a — Tra cứu, tìm kiếm"),
        ("thiếu", "Điều 7 khoản 1 điểm b — Liên kết"),
        ("có", "Điều 7 khoản 1 điểm c — In ấn và lưu trữ"),
        ("thiếu", "Điều 7 khoản 2 điểm a — Tiếng Anh"),
        ("thiếu", "Điều 7 khoản 2 điểm b — Tiếng Anh"),
    ] {
        let line = lines
            .iter()
            .find(|l| l.contains(start))
            .unwrap_or_else(|| panic!("no line for {start}:\n{text}"));
        assert!(line.starts_with(status), "{line}");
    }
    // What to add: the key or the page to write.
    assert!(text.contains("thêm `contacts:` vào site.yaml"), "{text}");
    assert!(text.contains("site.yaml: organization.address"), "{text}");
    assert!(
        text.contains("content/gioi-thieu/chuc-nang-nhiem-vu.md"),
        "{text}"
    );
    assert!(text.contains("content/en/contact.md"), "{text}");
    assert!(
        lines[12].contains("2 / 12 mục đã có, 10 mục còn thiếu"),
        "{text}"
    );
    // --strict fails while anything is missing.
    let strict = congxa(f.root(), &["audit", "--strict"], &[]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(stdout(&strict), text);
    // English with --lang en or CONGXA_LANG=en.
    let en = stdout(&congxa(f.root(), &["audit", "--lang", "en"], &[]));
    assert!(
        en.contains("missing   Art. 4(1)(e) — Functions, duties and powers"),
        "{en}"
    );
    assert!(en.contains("provided  Art. 7(1)(a) — Search"), "{en}");
    assert!(en.contains("2 of 12 items provided, 10 missing"), "{en}");
    let env = stdout(&congxa(f.root(), &["audit"], &[("CONGXA_LANG", "en")]));
    assert_eq!(env, en);
    // The flag wins over the environment.
    let vi = stdout(&congxa(
        f.root(),
        &["audit", "--lang", "vi"],
        &[("CONGXA_LANG", "en")],
    ));
    assert_eq!(vi, text);
}

#[test]
fn audit_passes_strict_when_everything_is_provided() {
    let f = contact_site();
    f.file(
        "site.yaml",
        &format!(
            "{ORG_YAML}contacts:\n  - {{name: Nguyễn Văn An, position: Công chức Văn phòng - Thống kê, unit: UBND xã Thử Nghiệm, phone: 0912 000 111, email: an@xa.example.vn}}\nlinks:\n  - {{title: Cổng Dịch vụ công quốc gia, url: https://dichvucong.gov.vn}}\n"
        ),
    );
    f.file(
        "content/gioi-thieu/chuc-nang.md",
        "---\ntitle: Chức năng, nhiệm vụ của UBND xã\n---\nx\n",
    );
    f.file(
        "content/gioi-thieu/co-cau.md",
        "---\ntitle: Cơ cấu tổ chức\n---\nx\n",
    );
    f.file(
        "content/huong-dan/thu-tuc.md",
        "---\ntitle: Hướng dẫn thủ tục hành chính\n---\nx\n",
    );
    f.file(
        "content/en/about.md",
        "---\ntitle: About the commune\nlang: en\n---\nx\n",
    );
    f.file(
        "content/tin-tuc/2024-01-02-qd.md",
        &article(
            "Quyết định 1",
            "2024-01-02",
            "document: {number: 1/QĐ-UBND, issued: 2024-01-02, effective: 2024-01-02, issuer: UBND xã, type: Quyết định, file: qd-1.pdf}\n",
            "x\n",
        ),
    );
    f.bytes("content/tin-tuc/qd-1.pdf", b"%PDF-1.7");
    let out = congxa(f.root(), &["audit", "--strict"], &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("thiếu "), "{text}");
    assert!(
        text.contains("có     Điều 4 khoản 1 — Văn bản quy phạm pháp luật"),
        "{text}"
    );
    assert!(text.contains("danh mục /van-ban/ (1 văn bản)"), "{text}");
    assert!(
        text.contains("/gioi-thieu/chuc-nang/ (content/gioi-thieu/chuc-nang.md)"),
        "{text}"
    );
    assert!(
        text.contains("/en/contact/ (content/en/contact.md)"),
        "{text}"
    );
    assert!(
        text.contains("12 / 12 mục đã có, 0 mục còn thiếu"),
        "{text}"
    );
}

#[test]
fn audit_of_a_site_with_errors_reports_them() {
    let f = Fixture::new();
    f.file("content/a.md", "---\ntitel: A\n---\n");
    let out = congxa(f.root(), &["audit"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("content/a.md:2:"),
        "{out:?}"
    );
    let bad = congxa(f.root(), &["audit", "--lang", "fr"], &[]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn audit_of_the_hoa_phu_site_says_what_it_honestly_lacks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = congxa(root, &["audit"], &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let status_of = |start: &str| {
        let line = text
            .lines()
            .find(|l| l.contains(start))
            .unwrap_or_else(|| panic!("no line for {start}:\n{text}"));
        line.split_whitespace().next().unwrap().to_string()
    };
    for start in [
        "Công cụ tìm kiếm văn bản",
        "Thủ tục hành chính",
        "Chức năng, nhiệm vụ",
        "Cơ cấu tổ chức, sơ đồ",
        "Tra cứu, tìm kiếm",
        "Liên kết đến cổng",
        "In ấn",
        "Tiếng Anh: cơ cấu tổ chức",
    ] {
        assert_eq!(status_of(start), "có", "{start}:\n{text}");
    }
    // Unknown until the commune supplies them: never invented.
    for start in [
        "Văn bản quy phạm pháp luật",
        "Địa chỉ, số điện thoại",
        "Họ tên, chức vụ",
        "Tiếng Anh: thông tin liên hệ",
    ] {
        assert_eq!(status_of(start), "thiếu", "{start}:\n{text}");
    }
    assert!(
        text.contains("/gioi-thieu/chuc-nang-nhiem-vu/ (content/gioi-thieu/chuc-nang-nhiem-vu.md)")
    );
    assert!(text.contains("/en/about/ (content/en/about.md)"));
    assert!(text.contains("site.yaml: organization.phone"));
    assert!(text.contains("site.yaml: contacts[1]"));
    let strict = congxa(root, &["audit", "--strict"], &[]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn pinned_pages_come_first_on_their_governance_index_page() {
    let f = Fixture::with_indices();
    f.file(
        "content/sipas/2024-01-01-lich.md",
        &article(
            "Lịch tiếp nhận phiếu khảo sát",
            "2024-01-01",
            "pinned: true\n",
            "x\n",
        ),
    );
    f.file(
        "content/tin-tuc/2024-05-01-tin.md",
        &article("Tin SIPAS mới", "2024-05-01", "indices: [sipas]\n", "x\n"),
    );
    f.build_ok();
    let index = f.read("sipas/index.html");
    assert!(
        pos(&index, "Lịch tiếp nhận phiếu khảo sát") < pos(&index, "Tin SIPAS mới"),
        "{index}"
    );
}
