//! Decap CMS's `config.yml`, made from the site: one folder collection per
//! section, the page front-matter schema as form fields with Vietnamese
//! labels and hints, indices and areas as select widgets holding the site's
//! real keys. Serialised with `yaml_serde`, never by hand.

use serde::Serialize;

use super::AdminConfig;
use crate::frontmatter::SortBy;
use crate::model::{Section, Site};

/// The whole `config.yml`.
#[derive(Debug, Serialize)]
pub struct DecapConfig {
    pub locale: &'static str,
    pub backend: BackendConfig,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_backend: Option<LocalBackend>,
    pub site_url: String,
    pub display_url: String,
    /// Uploads from the media library outside an article.
    pub media_folder: String,
    pub public_folder: String,
    pub slug: SlugConfig,
    pub collections: Vec<Collection>,
}

#[derive(Debug, Serialize)]
pub struct BackendConfig {
    pub name: &'static str,
    pub repo: String,
    pub branch: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_root: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<&'static str>,
    pub commit_messages: CommitMessages,
}

/// Commit messages in Vietnamese (Decap's templates: `{{slug}}`, `{{path}}`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitMessages {
    pub create: &'static str,
    pub update: &'static str,
    pub delete: &'static str,
    pub upload_media: &'static str,
    pub delete_media: &'static str,
}

#[derive(Debug, Serialize)]
pub struct LocalBackend {
    pub url: String,
}

/// Slugs like congxa's: ASCII, accents and `đ` folded, `-` between words.
#[derive(Debug, Serialize)]
pub struct SlugConfig {
    pub encoding: &'static str,
    pub clean_accents: bool,
    pub sanitize_replacement: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Collection {
    pub name: String,
    pub label: String,
    pub label_singular: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub folder: String,
    /// `{{slug}}/index`: every new article is a bundle (`<slug>/index.md`)
    /// holding its photos and attachments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'static str>,
    pub create: bool,
    pub extension: &'static str,
    pub format: &'static str,
    pub slug: &'static str,
    /// `""`: uploads go into the entry's own folder, and are named by their
    /// file name alone in the front matter.
    pub media_folder: &'static str,
    pub public_folder: &'static str,
    pub sortable_fields: Vec<&'static str>,
    pub summary: &'static str,
    pub editor: Editor,
    pub fields: Vec<Field>,
}

#[derive(Debug, Serialize)]
pub struct Editor {
    pub preview: bool,
}

/// One form field (only the options its widget takes are set).
#[derive(Debug, Default, Serialize)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub widget: &'static str,
    pub required: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub hint: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_format: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<SelectOption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choose_url: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collapsed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_singular: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SelectOption {
    pub label: String,
    pub value: String,
}

/// Top-level folder for uploads made from the media library itself.
pub const SHARED_MEDIA: &str = "tep-chung";

/// The Decap configuration of `site`.
pub fn decap_config(site: &Site, admin: &AdminConfig, local_backend: Option<&str>) -> DecapConfig {
    let backend = BackendConfig {
        name: admin.backend.name(),
        repo: admin.repo.clone(),
        branch: admin.branch.clone(),
        base_url: admin.auth_url.clone(),
        api_root: admin.api_root.clone(),
        app_id: admin.app_id.clone(),
        auth_type: (admin.backend == super::Backend::Gitlab && admin.app_id.is_some())
            .then_some("pkce"),
        commit_messages: CommitMessages {
            create: "Thêm bài “{{slug}}” ({{collection}})",
            update: "Sửa bài “{{slug}}” ({{collection}})",
            delete: "Xóa bài “{{slug}}” ({{collection}})",
            upload_media: "Tải lên “{{path}}”",
            delete_media: "Xóa tệp “{{path}}”",
        },
    };
    let indices = index_options(site);
    let areas = area_options(site);
    let mut collections: Vec<Collection> = Vec::new();
    let mut sections: Vec<&Section> = site.sections.iter().collect();
    // Sections in content order; the root's own pages last.
    sections.sort_by(|a, b| (a.dir.is_empty(), &a.dir).cmp(&(b.dir.is_empty(), &b.dir)));
    for s in sections {
        let mut name = if s.dir.is_empty() {
            "trang-goc".to_string()
        } else {
            crate::text::slugify(&s.dir)
        };
        while collections.iter().any(|c| c.name == name) {
            name.push_str("-1");
        }
        collections.push(collection(s, name, &indices, &areas));
    }
    DecapConfig {
        locale: "vi",
        backend,
        local_backend: local_backend.map(|url| LocalBackend { url: url.into() }),
        site_url: site.config.base_url.clone(),
        display_url: site.config.base_url.clone(),
        media_folder: format!("{}/{SHARED_MEDIA}", crate::load::CONTENT_DIR),
        public_folder: format!("/{SHARED_MEDIA}"),
        slug: SlugConfig {
            encoding: "ascii",
            clean_accents: true,
            sanitize_replacement: "-",
        },
        collections,
    }
}

/// Every governance index as a choice: value its key, label its title
/// (with its code when the title does not say it).
fn index_options(site: &Site) -> Vec<SelectOption> {
    site.indices
        .iter()
        .map(|i| {
            let title = &site.sections[i.section].title;
            SelectOption {
                label: if title.contains(&i.code) {
                    title.clone()
                } else {
                    format!("{title} ({})", i.code)
                },
                value: i.key.clone(),
            }
        })
        .collect()
}

/// Every area of every index (a key two indices share is one choice).
fn area_options(site: &Site) -> Vec<SelectOption> {
    let mut out: Vec<SelectOption> = Vec::new();
    for i in &site.indices {
        for a in &i.areas {
            let label = format!("{}: {}", i.code, a.title);
            match out.iter_mut().find(|o| o.value == a.key) {
                Some(o) => {
                    o.label.push_str(" / ");
                    o.label.push_str(&label);
                }
                None => out.push(SelectOption {
                    label,
                    value: a.key.clone(),
                }),
            }
        }
    }
    out
}

fn collection(
    s: &Section,
    name: String,
    indices: &[SelectOption],
    areas: &[SelectOption],
) -> Collection {
    let root = s.dir.is_empty();
    let folder = if root {
        crate::load::CONTENT_DIR.to_string()
    } else {
        format!("{}/{}", crate::load::CONTENT_DIR, s.dir)
    };
    let label = if root {
        "Trang ở thư mục gốc".to_string()
    } else {
        s.title.clone()
    };
    Collection {
        name,
        label,
        label_singular: "bài",
        description: if root {
            "Các trang nằm ngay trong content/ (ví dụ trang Liên hệ). Bài mới hãy tạo trong một chuyên mục.".into()
        } else {
            s.description.clone()
        },
        folder,
        // The root's pages are single files beside every section: a bundle
        // layout there would list every section's articles as its own.
        path: (!root).then_some("{{slug}}/index"),
        create: !root,
        extension: "md",
        format: "frontmatter",
        slug: "{{slug}}",
        media_folder: "",
        public_folder: "",
        sortable_fields: vec!["date", "title"],
        summary: "{{title}}",
        editor: Editor { preview: false },
        fields: page_fields(s.sort_by == SortBy::Date, indices, areas),
    }
}

fn date_field(
    name: &'static str,
    label: &'static str,
    required: bool,
    hint: &'static str,
) -> Field {
    Field {
        name,
        label,
        widget: "datetime",
        required,
        hint,
        format: Some("YYYY-MM-DD"),
        date_format: Some("DD/MM/YYYY"),
        time_format: Some(false),
        ..Field::default()
    }
}

fn text_field(
    name: &'static str,
    label: &'static str,
    required: bool,
    hint: &'static str,
) -> Field {
    Field {
        name,
        label,
        widget: "string",
        required,
        hint,
        ..Field::default()
    }
}

fn select(
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    options: &[SelectOption],
) -> Field {
    Field {
        name,
        label,
        widget: "select",
        required: false,
        hint,
        multiple: Some(true),
        options: options.to_vec(),
        ..Field::default()
    }
}

fn boolean(name: &'static str, label: &'static str, hint: &'static str) -> Field {
    Field {
        name,
        label,
        widget: "boolean",
        required: false,
        hint,
        default: Some(false.into()),
        ..Field::default()
    }
}

/// The page front-matter schema (`frontmatter::PageFrontMatter`) as a form.
fn page_fields(dated: bool, indices: &[SelectOption], areas: &[SelectOption]) -> Vec<Field> {
    let mut fields = vec![
        text_field(
            "title",
            "Tiêu đề",
            true,
            "Tên bài như người đọc thấy. Địa chỉ trang được tạo từ tiêu đề (bỏ dấu, nối bằng gạch ngang).",
        ),
        Field {
            default: Some("{{now}}".into()),
            ..date_field(
                "date",
                "Ngày đăng",
                dated,
                "Bài có ngày trong tương lai chỉ xuất hiện từ ngày đó.",
            )
        },
        date_field(
            "updated",
            "Ngày cập nhật",
            false,
            "Chỉ điền khi sửa nội dung sau khi đã đăng.",
        ),
        Field {
            widget: "text",
            ..text_field(
                "summary",
                "Tóm tắt",
                false,
                "Một hai câu giới thiệu bài. Để trống: lấy đoạn đầu của bài (tối đa 300 ký tự).",
            )
        },
    ];
    if !indices.is_empty() {
        fields.push(select(
            "indices",
            "Chỉ số liên quan",
            "Bài nói về chỉ số nào (PAR INDEX, PAPI, SIPAS): bài sẽ hiện trên trang của chỉ số đó.",
            indices,
        ));
    }
    if !areas.is_empty() {
        fields.push(select(
            "areas",
            "Lĩnh vực của chỉ số",
            "Mỗi lĩnh vực chọn ở đây phải thuộc một chỉ số đã chọn ở trên.",
            areas,
        ));
    }
    fields.extend([
        Field {
            widget: "list",
            ..text_field(
                "tags",
                "Thẻ (từ khóa)",
                false,
                "Các từ khóa, cách nhau bằng dấu phẩy: tuyên truyền, một cửa.",
            )
        },
        Field {
            widget: "image",
            choose_url: Some(false),
            ..text_field(
                "image",
                "Ảnh đại diện",
                false,
                "Ảnh hiện ở đầu bài và trong danh sách; được lưu cùng thư mục với bài.",
            )
        },
        text_field(
            "image_alt",
            "Mô tả ảnh đại diện",
            false,
            "Bắt buộc khi có ảnh: tả ngắn gọn nội dung ảnh cho người khiếm thị (ví dụ: Hội nghị triển khai kế hoạch tại hội trường UBND xã).",
        ),
    ]);
    if knows("gallery") {
        fields.push(gallery_field());
    }
    if knows("pinned") {
        fields.push(boolean(
            "pinned",
            "Ghim lên đầu",
            "Bật: bài đứng đầu chuyên mục và trang chủ.",
        ));
    }
    fields.extend([
        text_field("author", "Tác giả", false, ""),
        boolean(
            "draft",
            "Bản nháp",
            "Bật: bài được lưu nhưng chưa đăng lên trang.",
        ),
        document_field(),
        Field {
            widget: "markdown",
            ..text_field("body", "Nội dung", false, "")
        },
    ]);
    fields
}

/// Does the page schema take `key`? Fields other work adds to the schema
/// (`gallery`, `pinned`, `document.effective`, `document.status`) show in
/// the form once `frontmatter::PAGE_KEYS` has them, never before: a form
/// field the schema refuses would make every article fail `congxa check`.
fn knows(key: &str) -> bool {
    crate::frontmatter::PAGE_KEYS.contains(&key)
}

/// Does a page's `document:` block take `key`? (As [`knows`], one level down.)
fn knows_in_document(key: &str) -> bool {
    crate::frontmatter::DOCUMENT_KEYS.contains(&key)
}

/// `gallery:`: photos with their descriptions and captions.
fn gallery_field() -> Field {
    Field {
        name: "gallery",
        label: "Album ảnh",
        widget: "list",
        required: false,
        hint: "Các ảnh hiện thành album cuối bài; mỗi ảnh cần một dòng mô tả.",
        collapsed: Some(false),
        summary: Some("{{fields.alt}}"),
        label_singular: Some("ảnh"),
        fields: vec![
            Field {
                widget: "image",
                choose_url: Some(false),
                ..text_field("file", "Ảnh", true, "")
            },
            text_field(
                "alt",
                "Mô tả ảnh",
                true,
                "Tả nội dung ảnh cho người khiếm thị.",
            ),
            text_field(
                "caption",
                "Chú thích",
                false,
                "Hiện dưới ảnh (không bắt buộc).",
            ),
        ],
        ..Field::default()
    }
}

/// The `document:` block (an official document's register entry). Its own
/// fields are optional in the form (an article without a document leaves
/// them all empty); `congxa check` requires number, date, issuer and type
/// as soon as one is filled.
fn document_field() -> Field {
    let needed = "Bắt buộc khi bài đăng một văn bản.";
    let mut field = Field {
        name: "document",
        label: "Văn bản (chỉ khi bài đăng một văn bản)",
        widget: "object",
        required: false,
        hint: "Điền khi bài công bố một văn bản (kế hoạch, quyết định, thông báo...): văn bản sẽ vào Danh mục văn bản.",
        collapsed: Some(true),
        fields: vec![
            text_field(
                "number",
                "Số, ký hiệu",
                false,
                "Ví dụ: 93/KH-UBND. Bắt buộc khi bài đăng một văn bản.",
            ),
            date_field("issued", "Ngày ban hành", false, needed),
            text_field(
                "issuer",
                "Cơ quan ban hành",
                false,
                "Ví dụ: UBND xã. Bắt buộc khi bài đăng một văn bản.",
            ),
            text_field(
                "type",
                "Loại văn bản (hình thức)",
                false,
                "Ví dụ: Kế hoạch, Quyết định, Thông báo. Bắt buộc khi bài đăng một văn bản.",
            ),
            Field {
                widget: "file",
                choose_url: Some(false),
                ..text_field(
                    "file",
                    "Tệp văn bản",
                    false,
                    "Tệp PDF của văn bản, lưu cùng thư mục với bài.",
                )
            },
        ],
        ..Field::default()
    };
    if knows_in_document("excerpt") {
        field.fields.push(text_field(
            "excerpt",
            "Trích yếu",
            false,
            "Tóm tắt nội dung văn bản; bỏ trống thì dùng tiêu đề bài.",
        ));
    }
    if knows_in_document("effective") {
        field.fields.push(date_field(
            "effective",
            "Ngày có hiệu lực",
            false,
            "Không bắt buộc.",
        ));
    }
    if knows_in_document("status") {
        field.fields.push(text_field(
            "status",
            "Tình trạng",
            false,
            "Ví dụ: Còn hiệu lực, Hết hiệu lực (không bắt buộc).",
        ));
    }
    field
}
