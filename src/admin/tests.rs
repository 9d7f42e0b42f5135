//! The generated Decap configuration, read back with a YAML parser and
//! checked against the site it came from and the front-matter schema.

use std::path::Path;

use yaml_serde::Value;

use super::*;
use crate::config::Config;
use crate::load::{Sources, parse_doc};
use crate::model::{self, ModelOptions};

const SITE: &str = "title: Xã Thử\nbase_url: https://xa.example.vn/\nadmin:\n  backend: gitea\n  repo: ubnd/trang\n  app_id: abc-123\n  api_root: https://git.xa.vn/api/v1\n  auth_url: https://git.xa.vn\n";

fn site_with(site_yaml: &str) -> Site {
    let config = Config::parse(Path::new("."), Path::new("site.yaml"), site_yaml, None)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let files = [
        ("_index.md", "---\ntitle: Trang chủ\n---\n"),
        ("lien-he.md", "---\ntitle: Liên hệ\n---\n"),
        (
            "tin-tuc/_index.md",
            "---\ntitle: Tin tức\ndescription: Tin của xã\n---\n",
        ),
        (
            "tin-tuc/bai.md",
            "---\ntitle: Bài\ndate: 2024-07-16\n---\nA\n",
        ),
        (
            "gioi-thieu/_index.md",
            "---\ntitle: Giới thiệu\nsort_by: weight\n---\n",
        ),
        (
            "sipas/_index.md",
            "---\ntitle: Chỉ số SIPAS\nindex:\n  code: SIPAS\n  name: Chỉ số hài lòng\n  areas:\n    - {key: tiep-can-dich-vu, title: Tiếp cận dịch vụ hành chính công}\n    - {key: thu-tuc-hanh-chinh, title: Thủ tục hành chính}\n---\n",
        ),
        (
            "papi/_index.md",
            "---\ntitle: Chỉ số PAPI\nindex:\n  code: PAPI\n  name: Chỉ số PAPI\n  areas:\n    - {key: thu-tuc-hanh-chinh, title: Thủ tục hành chính công}\n---\n",
        ),
    ];
    let docs = files
        .iter()
        .map(|(rel, text)| {
            parse_doc(
                format!("content/{rel}").into(),
                rel.to_string(),
                text.as_bytes(),
            )
            .unwrap_or_else(|e| panic!("{e:?}"))
        })
        .collect();
    let sources = Sources {
        docs,
        assets: Vec::new(),
    };
    let (site, problems) = model::build_model(
        config,
        sources,
        ModelOptions {
            drafts: false,
            now: jiff::Timestamp::UNIX_EPOCH,
            sort_keys: None,
            feature: model::Feature::NONE,
        },
    );
    assert!(problems.is_empty(), "{problems:?}");
    site
}

fn urls() -> UrlMaker {
    UrlMaker {
        base_path: "/".into(),
        base_url: "https://xa.example.vn/".into(),
        relative: false,
    }
}

/// The published `config.yml`, parsed back.
fn published(site: &Site, local: Option<&str>) -> Value {
    let files = outputs(site, &urls(), local);
    let config = files
        .iter()
        .find(|f| f.path == "admin/config.yml")
        .expect("config.yml");
    let crate::render::Body::Bytes(b) = &config.body else {
        panic!("generated")
    };
    yaml_serde::from_slice(b).expect("valid YAML")
}

fn get<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(v, |v, k| match k.parse::<usize>() {
        Ok(i) => &v[i],
        Err(_) => &v[k],
    })
}

fn s<'a>(v: &'a Value, path: &str) -> &'a str {
    get(v, path)
        .as_str()
        .unwrap_or_else(|| panic!("{path} is not text: {:?}", get(v, path)))
}

fn collection<'a>(config: &'a Value, folder: &str) -> &'a Value {
    config["collections"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| c["folder"].as_str() == Some(folder))
        .unwrap_or_else(|| panic!("no collection for {folder}"))
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_sequence()
        .unwrap()
        .iter()
        .find(|f| f["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn options(f: &Value) -> Vec<(String, String)> {
    f["options"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|o| (s(o, "value").to_string(), s(o, "label").to_string()))
        .collect()
}

#[test]
fn without_admin_nothing_is_published() {
    let site = site_with("title: X\nbase_url: https://xa.example.vn/\n");
    assert!(outputs(&site, &urls(), None).is_empty());
}

#[test]
fn the_kiosk_build_has_no_admin() {
    let site = site_with(SITE);
    let kiosk = UrlMaker {
        relative: true,
        ..urls()
    };
    assert!(outputs(&site, &kiosk, None).is_empty());
}

#[test]
fn backend_locale_slugs_and_media() {
    let site = site_with(SITE);
    let c = published(&site, None);
    assert_eq!(s(&c, "locale"), "vi");
    assert_eq!(s(&c, "backend.name"), "gitea");
    assert_eq!(s(&c, "backend.repo"), "ubnd/trang");
    assert_eq!(s(&c, "backend.branch"), "main");
    assert_eq!(s(&c, "backend.app_id"), "abc-123");
    assert_eq!(s(&c, "backend.api_root"), "https://git.xa.vn/api/v1");
    assert_eq!(s(&c, "backend.base_url"), "https://git.xa.vn");
    assert!(
        c.get("local_backend").is_none(),
        "a build has no local backend"
    );
    assert_eq!(s(&c, "site_url"), "https://xa.example.vn/");
    assert_eq!(s(&c, "slug.encoding"), "ascii");
    assert_eq!(get(&c, "slug.clean_accents").as_bool(), Some(true));
    assert_eq!(s(&c, "media_folder"), "content/tep-chung");
    let serve = published(&site, Some("http://127.0.0.1:1112/api/v1"));
    assert_eq!(
        s(&serve, "local_backend.url"),
        "http://127.0.0.1:1112/api/v1"
    );
}

#[test]
fn one_bundle_collection_per_section_and_the_root_pages() {
    let site = site_with(SITE);
    let c = published(&site, None);
    let folders: Vec<&str> = c["collections"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| s(c, "folder"))
        .collect();
    assert_eq!(
        folders,
        [
            "content/gioi-thieu",
            "content/papi",
            "content/sipas",
            "content/tin-tuc",
            "content"
        ]
    );
    let news = collection(&c, "content/tin-tuc");
    assert_eq!(s(news, "name"), "tin-tuc");
    assert_eq!(s(news, "label"), "Tin tức");
    assert_eq!(s(news, "description"), "Tin của xã");
    assert_eq!(s(news, "path"), "{{slug}}/index");
    assert_eq!(get(news, "create").as_bool(), Some(true));
    assert_eq!(s(news, "media_folder"), "");
    assert_eq!(s(news, "public_folder"), "");
    assert_eq!(s(news, "format"), "frontmatter");
    assert_eq!(s(news, "extension"), "md");
    let root = collection(&c, "content");
    assert!(root.get("path").is_none(), "root pages are single files");
    assert_eq!(get(root, "create").as_bool(), Some(false));
}

#[test]
fn fields_follow_the_front_matter_schema() {
    let site = site_with(SITE);
    let c = published(&site, None);
    let news = collection(&c, "content/tin-tuc");
    let fields = &news["fields"];
    let names: Vec<&str> = fields
        .as_sequence()
        .unwrap()
        .iter()
        .map(|f| s(f, "name"))
        .collect();
    // The whole schema, in this order; `gallery` and `pinned` as soon as the
    // schema has them.
    let all = [
        "title",
        "date",
        "updated",
        "summary",
        "indices",
        "areas",
        "tags",
        "image",
        "image_alt",
        "gallery",
        "pinned",
        "author",
        "draft",
        "document",
        "body",
    ];
    let known = |k: &&str| *k == "body" || crate::frontmatter::PAGE_KEYS.contains(k);
    let expected: Vec<&str> = all.iter().copied().filter(known).collect();
    assert_eq!(names, expected);
    // Every field but the body is a front-matter key congxa knows: the form
    // never offers what `check` would refuse.
    for n in &names[..names.len() - 1] {
        assert!(crate::frontmatter::PAGE_KEYS.contains(n), "{n}");
    }
    assert_eq!(s(field(fields, "title"), "label"), "Tiêu đề");
    assert_eq!(
        get(field(fields, "title"), "required").as_bool(),
        Some(true)
    );
    // Dated sections need a date; a section sorted by weight does not.
    assert_eq!(get(field(fields, "date"), "required").as_bool(), Some(true));
    assert_eq!(s(field(fields, "date"), "format"), "YYYY-MM-DD");
    let about = collection(&c, "content/gioi-thieu");
    assert_eq!(
        get(field(&about["fields"], "date"), "required").as_bool(),
        Some(false)
    );
    assert_eq!(s(field(fields, "image"), "widget"), "image");
    if known(&"pinned") {
        assert_eq!(s(field(fields, "pinned"), "widget"), "boolean");
    }
    assert_eq!(s(field(fields, "draft"), "widget"), "boolean");
    assert_eq!(s(field(fields, "body"), "widget"), "markdown");
    if known(&"gallery") {
        let gallery = field(fields, "gallery");
        assert_eq!(s(gallery, "widget"), "list");
        let sub: Vec<&str> = gallery["fields"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|f| s(f, "name"))
            .collect();
        assert_eq!(sub, ["file", "alt", "caption"]);
        assert_eq!(
            get(field(&gallery["fields"], "alt"), "required").as_bool(),
            Some(true)
        );
    }
    let document = field(fields, "document");
    assert_eq!(s(document, "widget"), "object");
    let sub: Vec<&str> = document["fields"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|f| s(f, "name"))
        .collect();
    let all = [
        "number",
        "issued",
        "issuer",
        "type",
        "file",
        "excerpt",
        "effective",
        "status",
    ];
    let expected: Vec<&str> = all
        .iter()
        .copied()
        .filter(|k| crate::frontmatter::DOCUMENT_KEYS.contains(k))
        .collect();
    assert_eq!(sub, expected);
    // Every label and hint is written in Vietnamese, not left empty.
    for f in fields.as_sequence().unwrap() {
        assert!(!s(f, "label").is_empty());
    }
}

#[test]
fn indices_and_areas_are_the_sites_real_keys() {
    let site = site_with(SITE);
    let c = published(&site, None);
    let fields = &collection(&c, "content/tin-tuc")["fields"];
    let indices = field(fields, "indices");
    assert_eq!(s(indices, "widget"), "select");
    assert_eq!(get(indices, "multiple").as_bool(), Some(true));
    let mut got = options(indices);
    got.sort();
    assert_eq!(
        got,
        [
            ("papi".into(), "Chỉ số PAPI".into()),
            ("sipas".into(), "Chỉ số SIPAS".into())
        ]
    );
    let areas = options(field(fields, "areas"));
    let keys: Vec<&str> = areas.iter().map(|(k, _)| k.as_str()).collect();
    // A key two indices share is one choice.
    assert_eq!(keys.len(), 2, "{areas:?}");
    assert!(keys.contains(&"tiep-can-dich-vu"));
    let shared = areas
        .iter()
        .find(|(k, _)| k == "thu-tuc-hanh-chinh")
        .unwrap();
    assert!(
        shared.1.contains("PAPI: Thủ tục hành chính công")
            && shared.1.contains("SIPAS: Thủ tục hành chính"),
        "{shared:?}"
    );
    for (key, _) in &areas {
        assert!(
            site.indices
                .iter()
                .any(|i| i.areas.iter().any(|a| &a.key == key)),
            "{key}"
        );
    }
}

#[test]
fn the_page_loads_the_script_and_is_not_indexed() {
    let site = site_with(SITE);
    let files = outputs(&site, &urls(), None);
    let page = files.iter().find(|f| f.path == "admin/index.html").unwrap();
    let crate::render::Body::Bytes(b) = &page.body else {
        panic!()
    };
    let html = String::from_utf8_lossy(b);
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(html.contains(&format!("<script src=\"{DEFAULT_SCRIPT}\"></script>")));
    // A site path goes through the base path.
    let site = site_with(&SITE.replace("  repo:", "  script: /js/decap-cms.js\n  repo:"));
    let sub = UrlMaker {
        base_path: "/xa/".into(),
        ..urls()
    };
    let files = outputs(&site, &sub, None);
    let page = files.iter().find(|f| f.path == "admin/index.html").unwrap();
    let crate::render::Body::Bytes(b) = &page.body else {
        panic!()
    };
    assert!(String::from_utf8_lossy(b).contains("<script src=\"/xa/js/decap-cms.js\">"));
}

#[test]
fn admin_keys_are_validated() {
    let parse = |admin: &str| {
        Config::parse(
            Path::new("."),
            Path::new("site.yaml"),
            &format!("title: X\nbase_url: https://a.vn/\nadmin:\n{admin}"),
            None,
        )
        .map(|_| ())
        .map_err(|e| {
            e.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    };
    assert!(parse("  backend: github\n  repo: a/b\n").is_ok());
    let e = parse("  backend: bitbucket\n  repo: a/b\n").unwrap_err();
    assert!(e.contains("bitbucket"), "{e}");
    let e = parse("  backend: github\n  repo: a/b\n  brnch: main\n").unwrap_err();
    assert!(e.contains("có phải là `branch`"), "{e}");
    let e = parse("  backend: github\n  repo: khong-co-chu\n").unwrap_err();
    assert!(e.starts_with("site.yaml:5:9: `admin.repo`"), "{e}");
    let e =
        parse("  backend: github\n  repo: a/b\n  script: \"javascript:alert(1)\"\n").unwrap_err();
    assert!(e.contains("`admin.script`"), "{e}");
    let e = parse("  backend: github\n  repo: a/b\n  script: http://cdn.example/decap.js\n")
        .unwrap_err();
    assert!(e.contains("`admin.script`"), "{e}");
    let e = parse("  backend: gitea\n  repo: a/b\n  api_root: ftp://x\n").unwrap_err();
    assert!(e.contains("`admin.api_root`"), "{e}");
    assert!(parse("  backend: gitlab\n  repo: nhom/con/ten\n  app_id: x1\n").is_ok());
}
